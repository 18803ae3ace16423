"""Jekyll's Liquid filters on python-liquid, with Ruby Liquid 5.4's behaviour.

:func:`register_filters` installs every filter Jekyll 4.3 offers (Liquid's
standard filters plus Jekyll's own), removes the filters python-liquid has but
Ruby Liquid lacks (so that, as in Jekyll, they are unknown) and makes output
statements print values the way Ruby does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liquidpy_site.rendering.filters_array import JEKYLL_ARRAY_FILTERS
from liquidpy_site.rendering.filters_date import DATE_FILTERS
from liquidpy_site.rendering.filters_math import MATH_FILTERS
from liquidpy_site.rendering.filters_output import register_output
from liquidpy_site.rendering.filters_std_array import ARRAY_FILTERS
from liquidpy_site.rendering.filters_std_text import STRING_FILTERS
from liquidpy_site.rendering.filters_text import TEXT_FILTERS
from liquidpy_site.rendering.filters_url import URL_FILTERS

if TYPE_CHECKING:
    from liquid import Environment

__all__ = ["FILTERS", "register_filters"]

# Later groups win: Jekyll's ``where`` and ``sort`` replace Liquid's.
FILTERS = {
    **STRING_FILTERS,
    **MATH_FILTERS,
    **ARRAY_FILTERS,
    **DATE_FILTERS,
    **URL_FILTERS,
    **TEXT_FILTERS,
    **JEKYLL_ARRAY_FILTERS,
}


def register_filters(env: Environment) -> None:
    """Give ``env`` exactly Jekyll's filters and Ruby Liquid's output rules.

    Filters python-liquid registers that neither Ruby Liquid 5.4 nor Jekyll
    has are removed, so they behave as unknown filters do in Jekyll (ignored,
    or an error under ``strict_filters``). Also replaces the output statement
    and ``echo`` tag (see :func:`filters_output.register_output`).

    Args:
        env: The environment to configure, before any template is parsed.
    """
    for name in list(env.filters):
        if name not in FILTERS:
            del env.filters[name]
    for name, func in FILTERS.items():
        env.add_filter(name, func)
    register_output(env)
