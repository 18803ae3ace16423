"""The ``_data`` folder: YAML, JSON, CSV and TSV files as nested mappings."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from liquidpy_site.errors import FrontMatterError, SourceLocation
from liquidpy_site.yaml_loader import load_yaml

DATA_EXTENSIONS = (".yaml", ".yml", ".json", ".csv", ".tsv")


def sanitize_key(name: str) -> str:
    """Jekyll's data key for a file or folder name."""
    name = re.sub(r"[^\w\s-]+|(?<=^)\s+(?=$|\s?\b)|(?<=\b\s)\s+(?=$|\s?\b)", "", name)
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
    files = [p for p in entries if p.is_file() and p.suffix.lower() in DATA_EXTENSIONS]
    folders = [p for p in entries if p.is_dir()]
    for path in files:
        if not path.is_symlink():
            data[sanitize_key(path.stem)] = read_data_file(path, source)
    for path in folders:
        if not path.is_symlink():
            data[sanitize_key(path.name)] = read_data_dir(path, source)
    return data


def read_data_file(path: Path, source: Path) -> Any:
    """Read one data file as Jekyll does (CSV/TSV rows as mappings by header)."""
    relative = path.relative_to(source).as_posix() if path.is_relative_to(source) else str(path)
    text = path.read_text(encoding="utf-8-sig")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        delimiter = "\t" if suffix == ".tsv" else ","
        rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in rows]
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise FrontMatterError(f"Invalid JSON in {relative}: {err.msg}",
                                   SourceLocation(relative, err.lineno, err.colno)) from err
    return load_yaml(text, relative)
