"""Parsing front matter ahead of reading, in worker processes.

Reading a site is sequential (defaults, dates and URLs depend on the order of
files), but parsing each file's YAML front matter is not: before the read,
:func:`parse_front_matter_ahead` finds the front matter of the source files,
parses it in an executor and leaves the results in a
:class:`~liquidpy_site.reading.front_matter.FrontMatterStore`, where the read
finds them by text. A file the read skips costs a wasted parse, nothing more.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from concurrent.futures import Executor, Future
from pathlib import Path

from liquidpy_site.reading.front_matter import (
    FrontMatterStore,
    dump_front_matter,
    zone_key,
)
from liquidpy_site.simple_yaml import NOT_SIMPLE, parse_simple
from liquidpy_site.yaml_loader import without_document_marker

__all__ = ["parse_front_matter_ahead", "parse_headers"]

_EXTENSIONS = (".md", ".markdown", ".mkd", ".mkdn", ".mdown", ".html", ".htm", ".xml",
               ".json", ".txt", ".textile", ".liquid")
_FRONT_MATTER = re.compile(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.M | re.S)
_MIN_HEADERS = 32
_SAMPLE = 64
_WARM_SHARE = 0.1
_CHUNK = 48
_MAX_FILE_BYTES = 2_000_000


def parse_headers(zone: str, headers: list[str]) -> list[bytes | None]:
    """Parse YAML headers in a worker: pickled data, or ``None`` to parse in the reader.

    A worker in another time zone than the reader answers ``None`` throughout,
    since zoneless timestamps are read in local time.
    """
    from liquidpy_site.yaml_loader import load_yaml

    if zone != zone_key():
        return [None] * len(headers)
    results: list[bytes | None] = []
    for header in headers:
        try:
            results.append(dump_front_matter(load_yaml(header, "")))
        except Exception:  # noqa: BLE001 - the reader meets the error and reports it
            results.append(None)
    return results


def parse_front_matter_ahead(store: FrontMatterStore, executor: Executor, source: Path,
                             skip: list[Path]) -> int:
    """Parse the front matter of the files below ``source`` into ``store``.

    Args:
        store: Where the reader looks parsed front matter up.
        executor: Runs :func:`parse_headers`.
        source: The site's source folder.
        skip: Folders not to look in (the destination, the cache).

    Returns:
        How many headers were parsed ahead (none when there are too few to be worth it).
    """
    headers: list[str] = []
    seen = 0
    for header in _headers_below(source, {str(p) for p in skip}):
        seen += 1
        if parse_simple(without_document_marker(header)) is NOT_SIMPLE \
                and not store.is_known(header):
            headers.append(header)
        if seen == _SAMPLE and len(headers) <= _WARM_SHARE * seen:
            return 0  # the persistent cache is warm: the reader finds nearly all there
    headers = list(dict.fromkeys(headers))
    if len(headers) < _MIN_HEADERS:
        return 0
    futures: list[tuple[list[str], Future[list[bytes | None]]]] = []
    for start in range(0, len(headers), _CHUNK):
        chunk = headers[start:start + _CHUNK]
        futures.append((chunk, executor.submit(parse_headers, store.zone, chunk)))
    for chunk, future in futures:
        try:
            blobs = future.result()
        except Exception:  # noqa: BLE001 - a broken worker: the reader parses them
            continue
        for header, blob in zip(chunk, blobs):
            if blob is not None:
                store.prepared[header] = blob
    return len(headers)


def _headers_below(source: Path, skip: set[str]) -> Iterator[str]:
    for folder, names, files in os.walk(source):
        names[:] = sorted(n for n in names if not n.startswith(".")
                          and os.path.join(folder, n) not in skip)
        for name in sorted(files):
            if not name.lower().endswith(_EXTENSIONS):
                continue
            header = _header_of(os.path.join(folder, name))
            if header is not None:
                yield header


def _header_of(path: str) -> str | None:
    try:
        if os.path.getsize(path) > _MAX_FILE_BYTES:
            return None
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith("---"):
        return None
    match = _FRONT_MATTER.match(text)
    return match.group(1) if match else None
