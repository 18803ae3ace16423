"""The ``jekyll-avatar`` equivalent: ``{% avatar %}`` writes a GitHub avatar ``<img>``.

``{% avatar hubot %}`` (or ``@hubot``; the markup may hold Liquid, e.g.
``{{ page.author }}``) and ``{% avatar user=page.author %}`` (a variable,
whose name is used when it is empty) write an ``<img>`` for the user's avatar at
``size=N`` pixels (40 by default) with a ``srcset`` for 1x to 4x; ``lazy=true``
moves the addresses to ``data-src``/``data-srcset``. Images come from one of
four ``avatars*.githubusercontent.com`` hosts (chosen by the path's CRC-32), or
from ``PAGES_AVATARS_URL``. Nothing is fetched.
"""

from __future__ import annotations

import os
import re
import sys
import zlib
from collections.abc import Mapping
from io import StringIO
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urljoin

from liquid.ast import Node
from liquid.tag import Tag

from liquidpy_site.errors import PluginError
from liquidpy_site.plugins._support import read_tag
from liquidpy_site.rendering.ruby import to_s

if TYPE_CHECKING:
    from liquid import BoundTemplate, Environment, RenderContext
    from liquid.stream import TokenStream
    from liquid.token import Token

    from liquidpy_site.site import Site

SERVERS = 4
DEFAULT_SIZE = "40"
API_VERSION = "3"
SCALES = (1, 2, 3, 4)
_SIZE = re.compile(r"\bsize=(\d+)\b", re.IGNORECASE | re.ASCII)
_USER = re.compile(r"\buser=([\w.]+)\b", re.ASCII)


def setup(site: Site) -> AvatarPlugin:
    """The plugin object for ``site``."""
    return AvatarPlugin()


class AvatarPlugin:
    """Adds the ``avatar`` tag."""

    def register_liquid(self, env: Environment) -> None:
        """Add ``{% avatar %}``."""
        env.add_tag(AvatarTag)


class AvatarTag(Tag):
    """``{% avatar user [size=N] [lazy=true] %}``."""

    name = sys.intern("avatar")
    block = False

    def parse(self, stream: TokenStream) -> Node:
        """Read the size and user variable from the markup and parse it as a template."""
        token, markup = read_tag(stream)
        text = markup.strip()
        size = _SIZE.search(text)
        user = _USER.search(text)
        return AvatarNode(token, self.env.from_string(text), size.group(1) if size else
                          DEFAULT_SIZE, user.group(1) if user else None)


class AvatarNode(Node):
    """A parsed ``avatar`` tag."""

    __slots__ = ("markup", "size", "user_variable")

    def __init__(self, token: Token, markup: BoundTemplate, size: str,
                 user_variable: str | None) -> None:
        super().__init__(token)
        self.markup = markup
        self.size = size
        self.user_variable = user_variable

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Write the ``<img>``."""
        out = StringIO()
        self.markup.render_with_context(context, out, partial=True)
        text = out.getvalue()
        username = (_lookup(context, self.user_variable) if self.user_variable
                    else username_from(text))
        buffer.write(avatar_img(to_s(username), self.size, "lazy=true" in text))
        return True


def username_from(text: str) -> str:
    """The first word of the tag's text, without a leading ``@``."""
    first = re.split(r"[ \t\n\v\f\r]+", text.lstrip(" \t\n\v\f\r"))[0] if " " in text else text
    return first.replace("@", "", 1) if first.startswith("@") else first


def _lookup(context: RenderContext, variable: str) -> Any:
    """The variable's value (``a.b`` looks ``b`` up in ``a``), or its name when empty."""
    names = variable.split(".")
    value: Any = context.resolve(names[0], default=None)
    for name in names[1:]:
        if value is None:
            raise PluginError(f"avatar: undefined method '[]' for nil (looking up '{variable}')")
        value = value.get(name) if isinstance(value, Mapping) else None
    return value if value is not None and value is not False else variable


def avatar_img(username: str, size: str, lazy: bool) -> str:
    """The ``<img>`` for ``username`` at ``size`` pixels."""
    classes = "avatar avatar-small" if int(size) < 48 else "avatar"
    attrs = [("class", classes), ("alt", username), ("width", size), ("height", size),
             ("data-proofer-ignore", "true")]
    srcset = ", ".join(f"{avatar_url(username, size, scale)} {scale}x" for scale in SCALES)
    if lazy:
        attrs += [("src", ""), ("data-src", avatar_url(username, size)), ("data-srcset", srcset)]
    else:
        attrs += [("src", avatar_url(username, size)), ("srcset", srcset)]
    return "<img " + " ".join(f'{name}="{value}"' for name, value in attrs) + " />"


def _path(username: str, size: str, scale: int = 1) -> str:
    return f"{username}?v={API_VERSION}&s={size if scale == 1 else int(size) * scale}"


def avatar_url(username: str, size: str, scale: int = 1) -> str:
    """The avatar's address at ``scale`` times ``size``."""
    custom = os.environ.get("PAGES_AVATARS_URL")
    if custom:
        return urljoin(custom if custom.endswith("/") else custom + "/",
                       _path(username, size, scale))
    server = zlib.crc32(_path(username, size).encode("utf-8")) % SERVERS
    return f"https://avatars{server}.githubusercontent.com/{_path(username, size, scale)}"
