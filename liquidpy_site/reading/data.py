"""The ``_data`` folder: YAML, JSON, CSV and TSV files as nested mappings."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from liquidpy_site.errors import FrontMatterError, SourceLocation
from liquidpy_site.reading.front_matter import load_kept_yaml

DATA_EXTENSIONS = (".yaml", ".yml", ".json", ".csv", ".tsv")


def sanitize_key(name: str) -> str:
    """Jekyll's data key for a file or folder name."""
    # Ruby's \w is ASCII-only: "über" loses its "ü".
    name = re.sub(r"[^\w\s-]+|(?<=^)\s+(?=$|\s?\b)|(?<=\b\s)\s+(?=$|\s?\b)", "", name,
                  flags=re.ASCII)
    return re.sub(r"\s+", "_", name)


def read_data_dir(folder: Path, source: Path) -> dict[str, Any]:
    """Read every data file under ``folder`` into a nested mapping.

    Args:
        folder: The data folder (``_data``), absolute.
        source: The site source, to name files in errors.
    """
    data: dict[str, Any] = {}
    if not folder.is_dir() or folder.is_symlink():
        return data
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    # Jekyll globs "*.{yaml,yml,json,csv,tsv}": files grouped by extension, in that order.
    files = [p for ext in DATA_EXTENSIONS for p in entries if p.is_file() and p.suffix == ext]
    folders = [p for p in entries if p.is_dir()]
    for path in files:
        if not path.is_symlink():
            data[sanitize_key(path.stem)] = read_data_file(path, source)
    for path in folders:
        if not path.is_symlink():
            data[sanitize_key(path.name)] = read_data_dir(path, source)
    return data


def _table_rows(rows: list[list[str]]) -> list[dict[str, Any]]:
    """Rows as mappings by header; empty fields are nil, extra fields have an empty header."""
    if not rows:
        return []
    headers = rows[0]
    table = []
    for row in rows[1:]:
        record: dict[str, Any] = {}
        for index in range(max(len(headers), len(row))):
            key = headers[index] if index < len(headers) else ""
            value = row[index] if index < len(row) else ""
            record.setdefault(key, value if value != "" else None)
        table.append(record)
    return table


def read_data_file(path: Path, source: Path) -> Any:
    """Read one data file as Jekyll does (CSV/TSV rows as mappings by header)."""
    relative = path.relative_to(source).as_posix() if path.is_relative_to(source) else str(path)
    text = path.read_text(encoding="utf-8-sig")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        delimiter = "\t" if suffix == ".tsv" else ","
        return _table_rows(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise FrontMatterError(f"Invalid JSON in {relative}: {err.msg}",
                                   SourceLocation(relative, err.lineno, err.colno)) from err
    return load_kept_yaml(text, relative)  # parsed once, then kept in the build cache
