"""Jekyll's URL filters and the URI normalisation they rely on.

``relative_url`` and ``absolute_url`` join the site's ``baseurl``/``url`` with
the input and normalise the result the way Addressable's ``URI#normalize``
does: percent-encoding outside the allowed characters (uppercase hex, NFC),
decoding of needlessly encoded characters, dot-segment removal, lowercase
scheme and host and no default port.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from liquid.filter import with_environment

from liquidpy_site.rendering.ruby import LiquidArgumentError, nil, to_s, to_s_empty

if TYPE_CHECKING:
    from liquid import Environment

__all__ = ["URL_FILTERS", "normalize_component", "normalize_url", "relative_url_for"]

UNRESERVED = "A-Za-z0-9\\-._~"
SUB_DELIMS = "!$&'()*+,;="
PCHAR = UNRESERVED + SUB_DELIMS + ":@"
RESERVED = ":/?#\\[\\]@" + SUB_DELIMS
_URI = re.compile(r"\A(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?\Z", re.S)
_SCHEME = re.compile(r"\A[a-zA-Z][a-zA-Z0-9.+\-]*\Z")
_DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21", "tftp": "69", "ssh": "22"}


_HEX2 = re.compile(r"[0-9A-Fa-f]{2}")


def _unencode(text: str, keep: str = "") -> str:
    if "%" not in text:
        return text
    raw = bytearray()
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "%" and _HEX2.fullmatch(text, i + 1, i + 3):
            byte = int(text[i + 1 : i + 3], 16)
            if chr(byte) in keep:
                out.append(raw.decode("utf-8", errors="surrogateescape"))
                raw.clear()
                out.append(text[i : i + 3].upper())
            else:
                raw.append(byte)
            i += 3
            continue
        if raw:
            out.append(raw.decode("utf-8", errors="surrogateescape"))
            raw.clear()
        out.append(char)
        i += 1
    if raw:
        out.append(raw.decode("utf-8", errors="surrogateescape"))
    return "".join(out)


@functools.lru_cache(maxsize=64)
def _allowed_pattern(allowed: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The single-character class of ``allowed`` and a whole-text match of it."""
    return re.compile(f"[{allowed}]"), re.compile(f"[{allowed}]*")


def _encode(text: str, allowed: str) -> str:
    allowed_re, all_allowed = _allowed_pattern(allowed)
    if all_allowed.fullmatch(text):
        return text
    out: list[str] = []
    for char in text:
        if allowed_re.fullmatch(char):
            out.append(char)
        else:
            data = char.encode("utf-8", errors="surrogateescape")
            out.append("".join(f"%{b:02X}" for b in data))
    return "".join(out)


@functools.lru_cache(maxsize=16384)
def normalize_component(text: str, allowed: str, keep: str = "") -> str:
    """Return Addressable's ``normalize_component``: decode, NFC, re-encode."""
    decoded = _unencode(text, keep)
    with contextlib.suppress(ValueError):
        decoded = unicodedata.normalize("NFC", decoded)
    return _encode(decoded, allowed + re.escape(keep))


def _remove_dot_segments(path: str) -> str:
    output: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
            continue
        if segment == "..":
            if len(output) > 1 or (output and output[0] != ""):
                output.pop()
            if last:
                output.append("")
            continue
        output.append(segment)
    result = "/".join(output)
    if path.startswith("/") and not result.startswith("/"):
        result = "/" + result
    return result


def _normalize_path(path: str, scheme: str | None) -> str:
    path = path.strip(" \t\n\v\f\r\0")
    if scheme is None and re.match(r"\A(?!/)[^/:]*:.*\Z", path, re.S):
        path = "./" + path
    parts = [normalize_component(seg, PCHAR) for seg in path.split("/")]
    result = _remove_dot_segments("/".join(parts))
    if not result and scheme in ("http", "https", "ftp", "tftp"):
        result = "/"
    return result


def _normalize_authority(authority: str, scheme: str | None) -> str:
    userinfo, _, hostport = authority.rpartition("@")
    host, _, port = hostport.partition(":") if not hostport.startswith("[") else (hostport, "", "")
    host = host.lower()
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    if port and _DEFAULT_PORTS.get(scheme or "") == port:
        port = ""
    text = host + (f":{port}" if port else "")
    return f"{userinfo}@{text}" if userinfo else text


@functools.lru_cache(maxsize=16384)
def normalize_url(text: str) -> str:
    """Return Addressable's ``URI.parse(text).normalize.to_s``."""
    match = _URI.match(text)
    if not match:
        return text
    scheme, authority, path, query, fragment = match.groups()
    if scheme is not None:
        if not _SCHEME.match(scheme):
            raise LiquidArgumentError(f"Invalid scheme format: '{scheme}'")
        scheme = scheme.lower()
    out = f"{scheme}:" if scheme else ""
    if authority is not None:
        out += "//" + _normalize_authority(authority, scheme)
    out += _normalize_path(path, scheme)
    if query is not None:
        parts = [normalize_component(p, PCHAR + "/?", keep="=+") for p in query.split("&")]
        out += "?" + "&".join(parts)
    if fragment is not None:
        out += "#" + normalize_component(fragment, PCHAR + "/?")
    return out


@functools.lru_cache(maxsize=16384)
def _is_absolute(text: str) -> bool:
    match = _URI.match(text)
    if not match or match.group(1) is None:
        return False
    if not _SCHEME.match(match.group(1)):
        raise LiquidArgumentError(f"Invalid scheme format: '{match.group(1)}'")
    return True


def _leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def _url_of(value: Any) -> Any:
    if type(value) is str:
        return value
    if isinstance(value, Mapping) and not isinstance(value, dict) and "url" in value:
        return value["url"]
    return value


def relative_url_for(value: Any, config: Mapping[str, Any]) -> str:
    """Return Jekyll's ``relative_url`` of a value for a site configuration."""
    text = to_s(_url_of(value))
    if _is_absolute(text):
        return text
    baseurl = config.get("baseurl")
    base = "" if baseurl is None else to_s(baseurl).removesuffix("/")
    return normalize_url(_leading_slash(base) + _leading_slash(text))


@with_environment
def _relative_url(value: Any, *, environment: Environment) -> Any:
    value = nil(value)
    if value is None:
        return None
    return relative_url_for(value, getattr(environment, "site_config", {}))


@with_environment
def _absolute_url(value: Any, *, environment: Environment) -> Any:
    value = nil(value)
    if value is None:
        return None
    config = getattr(environment, "site_config", {})
    text = to_s(_url_of(value))
    if _is_absolute(text):
        return text
    site_url = config.get("url")
    if site_url is None or site_url == "":
        return relative_url_for(value, config)
    return normalize_url(to_s(site_url) + relative_url_for(value, config))


def _strip_index(value: Any) -> Any:
    value = nil(value)
    if value is None or to_s_empty(value):
        return None
    return re.sub(r"/index\.html?$", "/", to_s(value), count=1, flags=re.M)


def _uri_escape(value: Any) -> str:
    return normalize_component(to_s(value), UNRESERVED + RESERVED.replace("%", ""))


def _cgi_escape(value: Any) -> str:
    return urllib.parse.quote_plus(to_s(value), safe="~")


URL_FILTERS: dict[str, Callable[..., Any]] = {
    "relative_url": _relative_url,
    "absolute_url": _absolute_url,
    "strip_index": _strip_index,
    "uri_escape": _uri_escape,
    "cgi_escape": _cgi_escape,
}
