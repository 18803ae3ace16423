"""YAML with the behaviour of Jekyll's Psych (YAML 1.1, safe types only)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from liquidpy_site.errors import FrontMatterError, SourceLocation

_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d\d):(\d\d)(?:\.(\d+))?"
    r"(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d\d)?))?$"
)


def _construct_timestamp(constructor: SafeConstructor, node: Any) -> dt.date | dt.datetime:
    """Build dates as ``date`` and timestamps as aware ``datetime`` (local when no zone)."""
    value = constructor.construct_scalar(node)
    match = _TIMESTAMP.match(value)
    if match is None:
        year, month, day = (int(p) for p in value.split("-"))
        return dt.date(year, month, day)
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    naive = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro)
    if zone is None:
        return naive.astimezone()
    return naive.replace(tzinfo=_parse_zone(zone))


def _parse_zone(zone: str) -> dt.tzinfo:
    if zone == "Z":
        return dt.timezone.utc
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours = int(digits[:-2] or digits) if len(digits) > 2 else int(digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


class _PsychConstructor(SafeConstructor):
    """Safe constructor whose timestamps keep their zone, as Ruby's Time does."""


_PsychConstructor.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _make_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _PsychConstructor
    yaml.version = (1, 1)
    return yaml


def load_yaml(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML text as Jekyll does.

    Args:
        text: The YAML document.
        path: The file it came from, for error messages.
        line_offset: Lines before the YAML in that file (front matter starts at line 2).

    Returns:
        The parsed value (``None`` for an empty document).

    Raises:
        FrontMatterError: The text is not valid YAML.
    """
    try:
        return _make_yaml().load(text)
    except MarkedYAMLError as err:
        # Psych names where the broken construct starts (the context), not where
        # the parser gave up; do the same.
        mark = err.context_mark or err.problem_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        problem = err.problem or err.context or "invalid YAML"
        raise FrontMatterError(
            f"YAML Exception reading {path}: {problem}", SourceLocation(path, line, column)
        ) from err
    except (YAMLError, ValueError) as err:
        raise FrontMatterError(f"YAML Exception reading {path}: {err}", SourceLocation(path)) from err
