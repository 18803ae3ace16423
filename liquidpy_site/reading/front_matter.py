"""Splitting a file into YAML front matter and body."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from liquidpy_site.errors import FrontMatterError, ReadError, SourceLocation
from liquidpy_site.yaml_loader import load_yaml

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
    try:
        data = load_yaml(header, relative)
    except FrontMatterError as err:
        return {}, text[match.end():], body_line, err
    if data is None:
        data = {}
    return data, text[match.end():], body_line, None
