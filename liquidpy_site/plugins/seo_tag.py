"""The ``jekyll-seo-tag`` equivalent: the ``{% seo %}`` tag.

The tag writes the page's ``<title>`` (unless ``{% seo title=false %}``), meta
tags for search engines, Open Graph and Twitter, and a JSON-LD description. The
values come from :class:`~liquidpy_site.plugins.seo_drops.SeoDrop`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

from liquid import Undefined
from liquid.ast import Node
from liquid.tag import Tag

from liquidpy_site.plugins._support import minified, read_tag
from liquidpy_site.plugins.seo_drops import SeoDrop

if TYPE_CHECKING:
    from liquid import BoundTemplate, Environment, RenderContext
    from liquid.stream import TokenStream
    from liquid.token import Token

    from liquidpy_site.site import Site

_MINIFY = r"(?:(?<=[{}])|(?<=[>,]\n))\s+(?!-)"
_TEMPLATE_ATTR = "_seo_tag_template"


def setup(site: Site) -> SeoPlugin:
    """The plugin object for ``site``."""
    return SeoPlugin()


class SeoPlugin:
    """Registers the ``seo`` tag."""

    def register_liquid(self, env: Environment) -> None:
        """Register ``{% seo %}``."""
        env.add_tag(SeoTag)


def _template(env: Environment) -> BoundTemplate:
    """The tag's template, parsed once per environment."""
    template = getattr(env, _TEMPLATE_ATTR, None)
    if template is None:
        template = env.from_string(minified("seo.html", _MINIFY), name="seo.html")
        setattr(env, _TEMPLATE_ATTR, template)
    return template


def _resolve(context: RenderContext, name: str) -> Any:
    value = context.resolve(name, default=None)
    return None if isinstance(value, Undefined) else value


class SeoNode(Node):
    """A parsed ``{% seo %}``."""

    __slots__ = ("markup",)

    def __init__(self, token: Token, markup: str) -> None:
        super().__init__(token)
        self.markup = markup
        self.blank = False

    def __str__(self) -> str:
        return f"{{% seo {self.markup} %}}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Render the SEO template for the current page."""
        env = context.env
        page = _resolve(context, "page") or {}
        site = _resolve(context, "site") or {}
        paginator = _resolve(context, "paginator")
        drop = SeoDrop(self.markup, env, page, site, paginator)
        template = _template(env)
        namespace = {"seo_tag": drop, "page": page, "site": site, "paginator": paginator}
        inner = context.copy(namespace, template=template)
        template.render_with_context(inner, buffer)
        return 1


class SeoTag(Tag):
    """The ``seo`` tag."""

    name = sys.intern("seo")
    block = False

    def parse(self, stream: TokenStream) -> SeoNode:
        """Keep the markup; only ``title=false`` in it matters."""
        token, markup = read_tag(stream)
        return SeoNode(token, markup)
