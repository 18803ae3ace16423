"""Jekyll's ``link`` tag: the URL of a page, document or static file by source path."""

from __future__ import annotations

import io
import sys
from typing import TYPE_CHECKING, TextIO

from liquid.ast import Node
from liquid.exceptions import LiquidError
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG

from liquidpy_site.rendering.filters_url import relative_url_for

if TYPE_CHECKING:
    from liquid import RenderContext
    from liquid.stream import TokenStream
    from liquid.token import Token

__all__ = ["LinkError", "LinkNode", "LinkTag", "read_markup", "resolve_link"]

TAG_LINK = sys.intern("link")


class LinkError(LiquidError):
    """No site file has the path given to ``link`` (Jekyll's ``ArgumentError``)."""


def read_markup(stream: TokenStream) -> tuple[Token, str]:
    """Read a tag token and its raw markup (stripped), leaving the stream on the last."""
    token = stream.eat(TOKEN_TAG)
    markup = stream.current.value if stream.current.kind == TOKEN_EXPRESSION else ""
    return token, markup.strip()


def resolve_link(context: RenderContext, relative_path: str, token: Token | None) -> str:
    """Return the ``relative_url`` of the site file at ``relative_path``.

    Raises:
        LinkError: No page, document or static file has that path.
    """
    env = context.env
    index = getattr(env, "site_index", None)
    url = None
    if index is not None:
        url = index.url_for_path(relative_path)
        if url is None and not relative_path.startswith("/"):
            url = index.url_for_path("/" + relative_path)
    if url is None:
        raise LinkError(
            f"Could not find document '{relative_path}' in tag 'link'.\n\n"
            "Make sure the document exists and the path is correct.",
            token=token,
        )
    return relative_url_for(url, getattr(env, "site_config", {}))


class LinkNode(Node):
    """A parsed ``{% link path %}``; the path may contain Liquid."""

    __slots__ = ("markup",)

    def __init__(self, token: Token, markup: str) -> None:
        super().__init__(token)
        self.markup = markup
        self.blank = False

    def __str__(self) -> str:
        return f"{{% link {self.markup} %}}"

    def _path(self, context: RenderContext) -> str:
        if "{" not in self.markup:
            return self.markup
        buffer = io.StringIO()
        context.env.from_string(self.markup).render_with_context(context, buffer)
        return buffer.getvalue()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Write the linked file's URL (with ``baseurl``, as Jekyll 4 does)."""
        return buffer.write(resolve_link(context, self._path(context), self.token))


class LinkTag(Tag):
    """The ``link`` tag."""

    name = TAG_LINK
    block = False

    def parse(self, stream: TokenStream) -> LinkNode:
        """Read the tag's path markup."""
        token, markup = read_markup(stream)
        return LinkNode(token, markup)
