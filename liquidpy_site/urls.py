"""Permalinks: URL templates, placeholders, escaping and destination paths."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, unquote

from liquidpy_site.errors import ReadError

_PLAIN_PATH = re.compile(r"^[a-zA-Z0-9./-]+$")
# Characters a path may carry unescaped: unreserved, sub-delims, ":", "@", "/" and "?".
_PATH_SAFE = "/-._~!$&'()*+,;=:@?"
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_SLASHES = re.compile(r"/+")
HTML_EXTENSIONS = (".html", ".xhtml", ".htm")

Placeholders = Mapping[str, Callable[[], Any] | Any]


def escape_path(path: str) -> str:
    """Percent-encode a URL path as Jekyll does (``#`` too, ``?`` kept)."""
    if not path or _PLAIN_PATH.match(path):
        return path
    escaped = quote(path, safe=_PATH_SAFE + "#")
    return escaped.replace("#", "%23", 1).replace("#", "%23")


def unescape_path(path: str) -> str:
    """Decode percent-escapes, for the file name on disk."""
    return unquote(path) if "%" in path else path


def sanitize_url(url: str) -> str:
    """Jekyll's URL clean-up: leading slash, no ``..`` or ``./``, single slashes."""
    url = ("/" + url).replace("..", "/").replace("./", "")
    return _SLASHES.sub("/", url) if "//" in url else url


def _value(placeholders: Placeholders, name: str) -> Any:
    value = placeholders[name]
    return value() if callable(value) else value


@functools.lru_cache(maxsize=256)
def _template_parts(template: str) -> tuple[tuple[str, str], ...]:
    """A template as (literal text, placeholder name) pairs; the last name is empty."""
    parts = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append((template[position:match.start()], match.group(1)))
        position = match.end()
    parts.append((template[position:], ""))
    return tuple(parts)


def fill_template(template: str, placeholders: Placeholders) -> str:
    """Replace every ``:name`` of a document template (Jekyll's ``UrlDrop`` rules).

    A name ending in ``_`` that is not a placeholder stands for the name without it,
    followed by the underscore.

    Raises:
        ReadError: The template names a placeholder that does not exist.
    """
    pieces = []
    for literal, name in _template_parts(template):
        pieces.append(literal)
        if not name:
            continue
        winner = name if name in placeholders else None
        if winner is None and name.endswith("_") and name[:-1] in placeholders:
            winner = name[:-1]
        if winner is None:
            pool = [name, name[:-1]] if name.endswith("_") else [name]
            raise ReadError(
                f"The URL template doesn't have {' or '.join(pool)} keys. "
                "Check your permalink template!"
            )
        value = _value(placeholders, winner)
        pieces.append(escape_path("" if value is None else str(value)))
        pieces.append(name[len(winner):])
    return "".join(pieces)


def fill_page_template(template: str, placeholders: Mapping[str, str | None]) -> str:
    """Replace placeholders the way Jekyll does for pages (a fixed set, in order)."""
    result = template
    for key, value in placeholders.items():
        if ":" not in result:
            break
        if value is None:
            result = result.replace(f"/:{key}", "")
        else:
            result = result.replace(f":{key}", escape_path(value))
    return result


def add_permalink_suffix(template: str, style: Any) -> str:
    """Append ``/`` or ``:output_ext`` to a template as the permalink style asks."""
    style = str(style)
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if style.endswith("/"):
        template += "/"
    if style.endswith(":output_ext"):
        template += ":output_ext"
    return template


def destination_path(url: str, output_ext: str) -> str:
    """The output file, relative to the destination, for a document's URL."""
    path = unescape_path(url).lstrip("/")
    if url.endswith("/"):
        return path + "index.html"
    if not path.endswith(output_ext):
        path += output_ext
    return path


def page_destination_path(url: str, output_ext: str) -> str:
    """The output file, relative to the destination, for a page's URL."""
    path = unescape_path(url).lstrip("/")
    if url.endswith("/"):
        path += "index"
    if not path.endswith(output_ext):
        path += output_ext
    return path
