"""Helpers the built-in plugins share: templates, filters and source checks."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG

if TYPE_CHECKING:
    from liquid import Environment
    from liquid.stream import TokenStream
    from liquid.token import Token

    from liquidpy_site.models import Page
    from liquidpy_site.site import Site

PRIORITY_NORMAL = 0
"""A generator's priority when it names none (Jekyll's ``:normal``)."""
PRIORITY_LOWEST = -100
"""Jekyll's ``:lowest`` priority: runs after every other generator."""


@cache
def read_template(name: str) -> str:
    """The text of a template shipped in ``liquidpy_site/plugins/templates``.

    Args:
        name: The file name, e.g. ``feed.xml``.
    """
    return resources.files("liquidpy_site.plugins").joinpath("templates", name).read_text(
        encoding="utf-8")


def minified(name: str, pattern: str) -> str:
    """A template with every whitespace run matched by ``pattern`` removed.

    Args:
        name: The template's file name.
        pattern: A regular expression matching the whitespace to drop.
    """
    return re.sub(pattern, "", read_template(name))


def call_filter(env: Environment, name: str, value: Any, *args: Any) -> Any:
    """Apply one of the environment's filters to ``value``, as a template would.

    Args:
        env: The site's Liquid environment.
        name: The filter's name (``absolute_url``).
        value: The filter's input.
        *args: The filter's arguments.
    """
    func = env.filters[name]
    kwargs: dict[str, Any] = {}
    if getattr(func, "with_environment", False):
        kwargs["environment"] = env
    return func(value, *args, **kwargs)


def generated_page(site: Site, relative_path: str, content: str,
                   data: dict[str, Any]) -> Page:
    """A page a plugin makes, with front matter defaults for the keys it leaves unset.

    As in Jekyll, defaults for pages at ``relative_path`` fill in what ``data``
    does not give (a default ``permalink`` moves the page, for instance).

    Args:
        site: The site being built.
        relative_path: The page's path as if it were in the source (``feed.xml``).
        content: The page's template text.
        data: The page's own front matter.
    """
    from liquidpy_site.plugins import make_page
    from liquidpy_site.reading.defaults import FrontMatterDefaults

    defaults = FrontMatterDefaults(str(site.source), site.config.get("defaults"),
                                   str(site.config.get("collections_dir") or ""))
    merged = {**defaults.all(relative_path, "pages"), **data}
    return make_page(site, relative_path, content, merged)


def in_source(site: Site, path: str) -> bool:
    """Whether a file exists at ``path`` (relative to the site's source)."""
    return (site.source / path.lstrip("/")).exists()


def present(value: Any) -> bool:
    """Ruby truthiness: everything but ``nil`` and ``false``."""
    return value is not None and value is not False


def read_tag(stream: TokenStream) -> tuple[Token, str]:
    """Read a tag's token and its raw markup, leaving the stream on the tag's last token.

    Args:
        stream: The token stream, on the tag.
    """
    stream.expect(TOKEN_TAG)
    token = stream.current
    if stream.peek.kind == TOKEN_EXPRESSION:
        stream.next()
        return token, stream.current.value
    return token, ""
