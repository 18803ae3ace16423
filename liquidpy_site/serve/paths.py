"""Mapping a request path to a file of the destination, safely, and naming its type.

Every request path is decoded one segment at a time and checked before it touches
the file system: encoded slashes, backslashes, NUL bytes and ``.``/``..`` segments
are refused, and the final file's real path (symlinks resolved) must lie inside the
destination.
"""

from __future__ import annotations

import mimetypes
import os
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

INDEX_NAMES = ("index.html", "index.htm", "index.xhtml", "index.xml", "index.json")
"""Files served for a folder's URL, in order."""

_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml",
    ".css": "text/css", ".js": "application/javascript", ".mjs": "application/javascript",
    ".json": "application/json", ".map": "application/json", ".xml": "application/xml",
    ".xsl": "application/xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml",
    ".webmanifest": "application/manifest+json", ".txt": "text/plain", ".md": "text/markdown",
    ".csv": "text/csv", ".yml": "text/yaml", ".yaml": "text/yaml", ".ics": "text/calendar",
    ".vtt": "text/vtt", ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf",
    ".otf": "font/otf", ".eot": "application/vnd.ms-fontobject", ".svg": "image/svg+xml",
    ".svgz": "image/svg+xml", ".png": "image/png", ".apng": "image/apng", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
    ".ico": "image/vnd.microsoft.icon", ".bmp": "image/bmp", ".tif": "image/tiff",
    ".tiff": "image/tiff", ".pdf": "application/pdf", ".wasm": "application/wasm",
    ".mp4": "video/mp4", ".webm": "video/webm", ".mov": "video/quicktime", ".ogg": "audio/ogg",
    ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".wav": "audio/wav", ".zip": "application/zip",
    ".gz": "application/gzip", ".tar": "application/x-tar",
}
"""Types by extension (Jekyll's table for the common ones; never the system's guess)."""

_CHARSET_TYPES = {"application/javascript", "application/json", "application/manifest+json"}


def content_type(path: str | os.PathLike[str]) -> str:
    """The ``Content-Type`` for a served file (UTF-8 for text types, as Jekyll sends)."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    kind = _TYPES.get(ext) or mimetypes.guess_type(f"x{ext}")[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in _CHARSET_TYPES:
        return f"{kind}; charset=utf-8"
    return kind


@dataclass(frozen=True)
class Resolved:
    """What to answer a request with.

    Attributes:
        status: 200 (serve ``file``), 301 (redirect to ``location``), 400 or 404.
        file: The file to send, for 200.
        location: The redirect target, for 301.
    """

    status: int
    file: Path | None = None
    location: str | None = None


def normalize_baseurl(baseurl: object) -> str:
    """``"blog/"`` → ``"/blog"``; empty stays empty."""
    text = str(baseurl or "").strip("/")
    return f"/{text}" if text else ""


def split_target(target: str) -> tuple[str, str]:
    """The path and the query (with its ``?``) of a request target, absolute form allowed."""
    if "://" in target.split("?", 1)[0]:
        parts = urllib.parse.urlsplit(target)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
    target = target.split("#", 1)[0]
    path, sep, query = target.partition("?")
    return path, sep + query


def resolve(root: Path, baseurl: str, target: str) -> Resolved:
    """Find the file a request target names under ``root`` served at ``baseurl``.

    Args:
        root: The destination folder.
        baseurl: The normalized base URL (see :func:`normalize_baseurl`).
        target: The raw request target, as sent (still percent-encoded).

    Returns:
        The answer; never a file outside ``root``.
    """
    path, query = split_target(target)
    if not path.startswith("/"):
        return Resolved(400)
    if baseurl:
        if path == baseurl or path == "/":
            return Resolved(301, location=f"{baseurl}/{query}")
        if not path.startswith(baseurl + "/"):
            return Resolved(404)
        path = path[len(baseurl):]
    segments = _segments(path)
    if segments is None:
        return Resolved(400)
    try:
        # Rebuilt from its segments so a redirect never starts with "//" (another host).
        url = baseurl + "/" + "/".join(part for part in path.split("/") if part)
        return _lookup(root, segments, path.endswith("/"), url, query)
    except (OSError, ValueError):
        return Resolved(404)


def _segments(path: str) -> list[str] | None:
    segments = []
    for raw in path.split("/"):
        if not raw:
            continue
        try:
            part = urllib.parse.unquote(raw, errors="strict") if "%" in raw else raw
        except UnicodeDecodeError:
            return None
        if part in (".", "..") or any(c in part for c in "/\\\0"):
            return None
        segments.append(part)
    return segments


def _lookup(root: Path, segments: list[str], trailing: bool, url: str, query: str) -> Resolved:
    real_root = Path(os.path.realpath(root))
    candidate = root.joinpath(*segments)
    if candidate.is_dir() and _inside(candidate, real_root):
        if segments and not trailing:
            return Resolved(301, location=f"{url}/{query}")
        for name in INDEX_NAMES:
            index = candidate / name
            if index.is_file() and _inside(index, real_root):
                return Resolved(200, file=index)
        return Resolved(404)
    if candidate.is_file() and not trailing:
        return Resolved(200, file=candidate) if _inside(candidate, real_root) else Resolved(404)
    if segments and not trailing:
        for ext in (".html", ".xhtml"):
            pretty = candidate.with_name(candidate.name + ext)
            if pretty.is_file() and _inside(pretty, real_root):
                return Resolved(200, file=pretty)
    return Resolved(404)


def _inside(path: Path, real_root: Path) -> bool:
    real = Path(os.path.realpath(path))
    return real == real_root or real.is_relative_to(real_root)
