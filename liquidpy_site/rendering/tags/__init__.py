"""Jekyll's Liquid tags.

:func:`register_tags` adds every Jekyll tag to an environment. Each tag module
offers a Tag class; tags written in their own modules are registered here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liquidpy_site.rendering.tags.highlight import register_highlight_tag
from liquidpy_site.rendering.tags.include import register_include_tags
from liquidpy_site.rendering.tags.link import LinkTag
from liquidpy_site.rendering.tags.post_url import PostUrlTag

if TYPE_CHECKING:
    from liquid import Environment

__all__ = ["register_tags"]


def register_tags(env: Environment) -> None:
    """Add Jekyll's tags to ``env``.

    These are ``link``, ``post_url``, ``include``, ``include_relative`` and
    ``highlight``.

    Args:
        env: The environment to configure, before any template is parsed.
    """
    env.add_tag(LinkTag)
    env.add_tag(PostUrlTag)
    register_include_tags(env)
    register_highlight_tag(env)
