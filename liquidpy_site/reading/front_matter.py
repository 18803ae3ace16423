"""Splitting a file into YAML front matter and body."""

from __future__ import annotations

import contextlib
import contextvars
import io
import os
import pickle
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liquidpy_site.errors import FrontMatterError, ReadError, SourceLocation
from liquidpy_site.simple_yaml import NOT_SIMPLE, parse_simple
from liquidpy_site.text import UTC_MODE
from liquidpy_site.yaml_loader import load_yaml, without_document_marker

if TYPE_CHECKING:
    from liquidpy_site.cache import BuildCache

_HEADER = re.compile(rb"\A---[ \t\r\f\v]*\r?\n")
_FRONT_MATTER = re.compile(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.M | re.S)


def has_front_matter(path: Path) -> bool:
    """Whether the file starts with a ``---`` line (Jekyll reads it as a page)."""
    try:
        with path.open("rb") as handle:
            first = handle.readline()
    except OSError:
        return False
    return bool(_HEADER.match(first))


def read_text(path: Path, relative: str) -> str:
    """Read a UTF-8 source file as it is (CRLF kept), dropping a byte-order mark."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as err:
        raise ReadError(f"{relative} is not valid UTF-8", SourceLocation(relative)) from err
    except OSError as err:
        raise ReadError(f"could not read file {relative}: {err.strerror}",
                        SourceLocation(relative)) from err


def split_front_matter(text: str, relative: str) -> tuple[Any, str, int, FrontMatterError | None]:
    """Split ``text`` into front matter and body.

    Returns:
        ``(data, body, body_line, error)``: the parsed front matter (``{}`` when
        absent, empty or invalid; it may be a list or a scalar, which the caller
        judges), the body, the line where the body starts, and the YAML error,
        if any, for the caller to raise or report.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text, 1, None
    header = match.group(1)
    body_line = header.count("\n") + match.group(2).count("\n") + 1
    # The YAML text keeps its leading "---" line so that line numbers are the file's.
    # Simple headers are parsed at once; others are looked up first (parsed
    # ahead, or kept from the last build).
    try:
        data = load_kept_yaml(header, relative)
    except FrontMatterError as err:
        return {}, text[match.end():], body_line, err
    if data is None:
        data = {}
    return data, text[match.end():], body_line, None


def load_kept_yaml(text: str, relative: str) -> Any:
    """:func:`~liquidpy_site.yaml_loader.load_yaml`, through the store of parsed YAML.

    Text of the simple shape is parsed at once; other text is looked up first in
    the active :class:`FrontMatterStore` (parsed ahead, or kept from the last
    build), and kept there once parsed.

    Raises:
        FrontMatterError: The text is not valid YAML (nothing is kept).
    """
    data = parse_simple(without_document_marker(text))
    if data is not NOT_SIMPLE:
        return data
    store = _STORE.get()
    data = store.get(text) if store is not None else _MISSING
    if data is _MISSING:
        data = load_yaml(text, relative)
        if store is not None:
            store.put(text, data)
    return data


# -- parsed front matter, kept across builds -----------------------------------

_MISSING: Any = object()
_FORMAT = "front-matter-1"
_STORE: contextvars.ContextVar[FrontMatterStore | None] = contextvars.ContextVar(
    "front_matter_store", default=None)


def zone_key() -> str:
    """What parsed front matter depends on besides its text: the process time zone.

    A timestamp without a zone is read as UTC and shown in local time.
    """
    return f"{os.environ.get('TZ')}|{time.tzname}|{time.timezone}|{time.altzone}|{time.daylight}"


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, source_path: object = None) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.source_path = source_path

    def persistent_id(self, obj: Any) -> str | None:
        if obj is UTC_MODE:
            return "UTC_MODE"
        if obj is self.source_path and obj is not None:
            return "SOURCE_PATH"
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, source_path: object = None) -> None:
        super().__init__(file)
        self.source_path = source_path

    def persistent_load(self, pid: Any) -> Any:
        if pid == "UTC_MODE":
            return UTC_MODE
        if pid == "SOURCE_PATH" and self.source_path is not None:
            return self.source_path
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


def dump_front_matter(data: Any, *, source_path: object = None) -> bytes:
    """Pickle parsed front matter (Ruby's UTC-mode zone stays the same object).

    ``source_path``: an object left out of the pickle, given back to
    :func:`load_front_matter` (a document's own path, which is slow to rebuild).
    """
    buffer = io.BytesIO()
    _Pickler(buffer, source_path).dump(data)
    return buffer.getvalue()


def load_front_matter(blob: bytes, *, source_path: object = None) -> Any:
    """Unpickle front matter written by :func:`dump_front_matter` (a fresh copy each time)."""
    return _Unpickler(io.BytesIO(blob), source_path).load()


class FrontMatterStore:
    """Parsed front matter by YAML text: prepared ahead, and in the persistent cache.

    Args:
        cache: The site's build cache, or ``None``.
    """

    def __init__(self, cache: BuildCache | None) -> None:
        self.cache = cache
        self.zone = zone_key()
        self.prepared: dict[str, bytes] = {}

    def key(self, header: str) -> str:
        """The cache key of a YAML text (with the format and time zone)."""
        from liquidpy_site.cache import digest

        return digest(_FORMAT, self.zone, header)

    def get(self, header: str) -> Any:
        """A fresh copy of the parsed ``header``, or ``_MISSING``."""
        blob = self.prepared.pop(header, None)
        if blob is not None and self.cache is not None:
            self.cache.store_front_matter(self.key(header), blob)
        elif blob is None and self.cache is not None:
            blob = self.cache.front_matter(self.key(header))
        if blob is None:
            return _MISSING
        try:
            return load_front_matter(blob)
        except Exception:  # noqa: BLE001 - an unreadable entry is parsed again
            return _MISSING

    def is_known(self, header: str) -> bool:
        """Whether ``header`` is parsed already (prepared, or in the persistent cache)."""
        if header in self.prepared:
            return True
        return self.cache is not None and self.cache.front_matter(self.key(header)) is not None

    def put(self, header: str, data: Any) -> None:
        """Remember a parsed header."""
        if self.cache is None:
            return
        try:
            blob = dump_front_matter(data)
        except Exception:  # noqa: BLE001 - not picklable: not cached
            return
        self.cache.store_front_matter(self.key(header), blob)


@contextlib.contextmanager
def front_matter_store(store: FrontMatterStore | None) -> Iterator[None]:
    """Use ``store`` for the front matter read in this block."""
    token = _STORE.set(store)
    try:
        yield
    finally:
        _STORE.reset(token)
