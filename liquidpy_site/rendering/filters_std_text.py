"""Liquid 5.4's standard string filters with Ruby's string semantics."""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from collections.abc import Callable
from typing import Any

from liquidpy_site.rendering.ruby import LiquidArgumentError, nil, to_integer, to_s

__all__ = ["STRING_FILTERS", "ruby_split", "ruby_strip"]

RUBY_SPACE = " \t\n\v\f\r\0"
_AWK_SPACE = re.compile(r"[ \t\n\v\f\r]+")
_HTML_ESCAPE = {"&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;"}
_HTML_ESCAPE_TABLE = str.maketrans(_HTML_ESCAPE)
_ESCAPE_ONCE = re.compile(r"[\"><']|&(?!([a-zA-Z]+|(#\d+));)")
_STRIP_HTML_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.S)
_STRIP_HTML_TAGS = re.compile(r"<.*?>", re.S)
_BACKREF = re.compile(r"\\(\\|&|\d|k<[^>]*>|`|')")


def ruby_strip(text: str, left: bool = True, right: bool = True) -> str:
    """Strip ASCII whitespace and NUL like Ruby's ``strip``/``lstrip``/``rstrip``."""
    if left:
        text = text.lstrip(RUBY_SPACE)
    if right:
        text = text.rstrip(RUBY_SPACE)
    return text


def awk_split(text: str, limit: int = 0) -> list[str]:
    """Split on runs of ASCII whitespace like Ruby's ``split(" ", limit)``."""
    text = text.lstrip(" \t\n\v\f\r")
    if not text:
        return []
    if limit <= 0:
        return [part for part in _AWK_SPACE.split(text) if part]
    parts = _AWK_SPACE.split(text, maxsplit=limit - 1)
    return parts


def ruby_split(text: str, pattern: str) -> list[str]:
    """Split like Ruby's ``String#split(pattern)``: trailing empty fields are dropped."""
    if pattern == " ":
        return awk_split(text)
    parts = list(text) if pattern == "" else text.split(pattern)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def _expand_replacement(replacement: str, matched: str, before: str, after: str) -> str:
    def sub(match: re.Match[str]) -> str:
        code = match.group(1)
        if code == "\\":
            return "\\"
        if code in ("&", "0"):
            return matched
        if code == "`":
            return before
        if code == "'":
            return after
        return ""

    return _BACKREF.sub(sub, replacement)


def _gsub(text: str, pattern: str, replacement: str, count: int = 0) -> str:
    if "\\" not in replacement:
        return text.replace(pattern, replacement, count or -1)
    out: list[str] = []
    pos = 0
    done = 0
    while pos <= len(text) and (not count or done < count):
        index = text.find(pattern, pos)
        if index < 0:
            break
        end = index + len(pattern)
        out.append(text[pos:index])
        out.append(_expand_replacement(replacement, pattern, text[:index], text[end:]))
        done += 1
        if pattern:
            pos = end
        else:
            if index < len(text):
                out.append(text[index])
            pos = index + 1
    out.append(text[pos:])
    return "".join(out)


def _replace(value: Any, search: Any, replacement: Any = "") -> str:
    return _gsub(to_s(value), to_s(search), to_s(replacement))


def _replace_first(value: Any, search: Any, replacement: Any = "") -> str:
    return _gsub(to_s(value), to_s(search), to_s(replacement), count=1)


def _replace_last(value: Any, search: Any, replacement: Any) -> str:
    text, search_text = to_s(value), to_s(search)
    index = text.rfind(search_text)
    if index < 0:
        return text
    return text[:index] + to_s(replacement) + text[index + len(search_text) :]


def _remove(value: Any, search: Any) -> str:
    return to_s(value).replace(to_s(search), "")


def _remove_first(value: Any, search: Any) -> str:
    return to_s(value).replace(to_s(search), "", 1)


def _remove_last(value: Any, search: Any) -> str:
    return _replace_last(value, search, "")


def _escape(value: Any) -> str | None:
    value = nil(value)
    if value is None:
        return None
    return to_s(value).translate(_HTML_ESCAPE_TABLE)


def _escape_once(value: Any) -> str:
    return _ESCAPE_ONCE.sub(lambda m: _HTML_ESCAPE.get(m.group(0), m.group(0)), to_s(value))


def _url_encode(value: Any) -> str | None:
    value = nil(value)
    if value is None:
        return None
    return urllib.parse.quote_plus(to_s(value), safe="~")


def _url_decode(value: Any) -> str | None:
    value = nil(value)
    if value is None:
        return None
    raw = urllib.parse.unquote_to_bytes(to_s(value).replace("+", " "))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise LiquidArgumentError("invalid byte sequence in UTF-8") from err


def _b64_decode(text: str, altchars: bytes | None, name: str, strict: bool) -> str:
    try:
        if not strict:
            text = text + "=" * (-len(text) % 4)
        raw = base64.b64decode(text.encode("utf-8"), altchars=altchars, validate=True)
    except (binascii.Error, ValueError) as err:
        raise LiquidArgumentError(f"invalid base64 provided to {name}") from err
    return raw.decode("utf-8", errors="replace")


def _base64_encode(value: Any) -> str:
    return base64.b64encode(to_s(value).encode("utf-8")).decode("ascii")


def _base64_decode(value: Any) -> str:
    return _b64_decode(to_s(value), None, "base64_decode", strict=True)


def _base64_url_safe_encode(value: Any) -> str:
    return base64.urlsafe_b64encode(to_s(value).encode("utf-8")).decode("ascii")


def _base64_url_safe_decode(value: Any) -> str:
    return _b64_decode(to_s(value), b"-_", "base64_url_safe_decode", strict=False)


def ruby_slice(sequence: Any, offset: int, length: int) -> Any:
    """Return Ruby's ``slice(offset, length)`` of a string or list, ``None`` if out of range."""
    size = len(sequence)
    if offset < 0:
        offset += size
    if offset < 0 or offset > size or length < 0:
        return None
    return sequence[offset : offset + length]


def _slice(value: Any, offset: Any, length: Any = None) -> Any:
    start = to_integer(offset)
    count = to_integer(length) if nil(length) is not None else 1
    value = nil(value)
    if isinstance(value, (list, tuple)):
        result = ruby_slice(list(value), start, count)
        return result if result is not None else []
    result = ruby_slice(to_s(value), start, count)
    return result if result is not None else ""


def _truncate(value: Any, length: Any = 50, ellipsis: Any = "...") -> str | None:
    value = nil(value)
    if value is None:
        return None
    text = to_s(value)
    limit = to_integer(length)
    end_text = to_s(ellipsis)
    keep = max(limit - len(end_text), 0)
    return text[:keep] + end_text if len(text) > limit else text


def _truncatewords(value: Any, words: Any = 15, ellipsis: Any = "...") -> str | None:
    value = nil(value)
    if value is None:
        return None
    text = to_s(value)
    count = to_integer(words)
    if count <= 0:
        count = 1
    if count + 1 >= (1 << 31) - 1:
        raise LiquidArgumentError(f"integer {count} too big for truncatewords")
    wordlist = awk_split(text, count + 1)
    if len(wordlist) <= count:
        return text
    return " ".join(wordlist[:-1]) + to_s(ellipsis)


def _split(value: Any, pattern: Any) -> list[str]:
    return ruby_split(to_s(value), to_s(pattern))


def _capitalize(value: Any) -> str:
    text = to_s(value)
    return text[:1].title() + text[1:].lower()


def _strip_html(value: Any) -> str:
    return _STRIP_HTML_TAGS.sub("", _STRIP_HTML_BLOCKS.sub("", to_s(value)))


def _text_filter(func: Callable[[str], str]) -> Callable[[Any], str]:
    def apply(value: Any) -> str:
        return func(to_s(value))

    apply.__name__ = getattr(func, "__name__", "text_filter")
    return apply


STRING_FILTERS: dict[str, Callable[..., Any]] = {
    "downcase": _text_filter(str.lower),
    "upcase": _text_filter(str.upper),
    "capitalize": _capitalize,
    "escape": _escape,
    "h": _escape,
    "escape_once": _escape_once,
    "url_encode": _url_encode,
    "url_decode": _url_decode,
    "base64_encode": _base64_encode,
    "base64_decode": _base64_decode,
    "base64_url_safe_encode": _base64_url_safe_encode,
    "base64_url_safe_decode": _base64_url_safe_decode,
    "slice": _slice,
    "truncate": _truncate,
    "truncatewords": _truncatewords,
    "split": _split,
    "strip": _text_filter(ruby_strip),
    "lstrip": _text_filter(lambda t: ruby_strip(t, right=False)),
    "rstrip": _text_filter(lambda t: ruby_strip(t, left=False)),
    "strip_html": _strip_html,
    "strip_newlines": _text_filter(lambda t: re.sub(r"\r?\n", "", t)),
    "newline_to_br": _text_filter(lambda t: re.sub(r"\r?\n", "<br />\n", t)),
    "replace": _replace,
    "replace_first": _replace_first,
    "replace_last": _replace_last,
    "remove": _remove,
    "remove_first": _remove_first,
    "remove_last": _remove_last,
    "append": lambda value, other: to_s(value) + to_s(other),
    "prepend": lambda value, other: to_s(other) + to_s(value),
}
