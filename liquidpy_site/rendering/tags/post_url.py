"""Jekyll's ``post_url`` tag: the URL of a post by its name (``2020-01-02-slug``)."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, TextIO

from liquid.ast import Node
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.tag import Tag

from liquidpy_site.rendering.filters_url import relative_url_for
from liquidpy_site.rendering.tags.link import read_markup

if TYPE_CHECKING:
    from liquid import RenderContext
    from liquid.stream import TokenStream
    from liquid.token import Token

__all__ = ["PostUrlError", "PostUrlNode", "PostUrlTag", "parse_post_name"]

TAG_POST_URL = sys.intern("post_url")
_POST_NAME = re.compile(r"^(.+/)*(\d+-\d+-\d+)-(.*)$")


class PostUrlError(LiquidError):
    """No post matches the name given to ``post_url`` (Jekyll's ``PostURLError``)."""


def parse_post_name(name: str) -> str | None:
    """Return the post name without a leading ``/``, or ``None`` if it has no date and slug."""
    bare = name.removeprefix("/")
    return bare if _POST_NAME.match(bare) else None


class PostUrlNode(Node):
    """A parsed ``{% post_url name %}``."""

    __slots__ = ("name", "original")

    def __init__(self, token: Token, original: str, name: str) -> None:
        super().__init__(token)
        self.original = original
        self.name = name
        self.blank = False

    def __str__(self) -> str:
        return f"{{% post_url {self.original} %}}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Write the post's URL (with ``baseurl``, as Jekyll 4 does)."""
        env = context.env
        index = getattr(env, "site_index", None)
        url = index.post_url(self.name) if index is not None else None
        if url is None:
            raise PostUrlError(
                f"Could not find post \"{self.original}\" in tag 'post_url'.\n"
                "Make sure the post exists and the name is correct.",
                token=self.token,
            )
        return buffer.write(relative_url_for(url, getattr(env, "site_config", {})))


class PostUrlTag(Tag):
    """The ``post_url`` tag.

    The site index resolves names both by path, date and slug and by Jekyll's
    deprecated date-and-slug match (a post in a subfolder named without it).
    """

    name = TAG_POST_URL
    block = False

    def parse(self, stream: TokenStream) -> PostUrlNode:
        """Read and check the post name."""
        token, original = read_markup(stream)
        name = parse_post_name(original)
        if name is None:
            raise LiquidSyntaxError(
                f"Could not parse name of post \"{original}\" in tag 'post_url'.\n"
                " Make sure the post exists and the name is correct.",
                token=token,
            )
        return PostUrlNode(token, original, name)
