"""YAML with the behaviour of Jekyll's Psych (YAML 1.1, safe types only)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode, SequenceNode

from liquidpy_site.errors import FrontMatterError, SourceLocation
from liquidpy_site.simple_yaml import NOT_SIMPLE, parse_simple, timestamp_from_text


def _construct_timestamp(constructor: SafeConstructor, node: Any) -> dt.date | dt.datetime | str:
    """Build dates as ``date`` and timestamps as aware ``datetime`` (local when no zone)."""
    return timestamp_from_text(constructor.construct_scalar(node))


# Psych reads a float only with a dot, and an exponent only with a sign ("1.5e3" is text).
_PSYCH_FLOAT = re.compile(
    r"^(?:[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def _construct_float(constructor: SafeConstructor, node: Any) -> float | str:
    value = constructor.construct_scalar(node)
    if not _PSYCH_FLOAT.match(value):
        return str(value)
    return float(constructor.construct_yaml_float(node))


_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$")


def _construct_int(constructor: SafeConstructor, node: Any) -> int:
    """Integers as Psych reads them, including its base-60 quirk (``1:30`` is 5400)."""
    value = str(constructor.construct_scalar(node))
    if _SEXAGESIMAL.match(value):
        sign = -1 if value.startswith("-") else 1
        parts = value.lstrip("+-").replace("_", "").split(":")
        return sign * sum(int(part) * 60 ** abs(index - 2) for index, part in enumerate(parts))
    return int(constructor.construct_yaml_int(node))


_PSYCH_TRUE = ("yes", "true", "on")
_PSYCH_FALSE = ("no", "false", "off")


def _construct_bool(constructor: SafeConstructor, node: Any) -> bool | str:
    """Psych's booleans: yes/no, true/false, on/off in any case; ``y`` and ``n`` are text."""
    value = str(constructor.construct_scalar(node))
    if value.lower() in _PSYCH_TRUE:
        return True
    if value.lower() in _PSYCH_FALSE:
        return False
    return value


# Psych's own patterns for dates and times in plain scalars (looser than YAML 1.1's).
_PSYCH_DATE = re.compile(r"^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$")
_PSYCH_TIME = re.compile(r"^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?"
                         r"(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$")


def _construct_str(constructor: SafeConstructor, node: Any) -> Any:
    """Plain text that Psych reads as a date or time (``2020-1-2``, ``… -0800``)."""
    value = constructor.construct_scalar(node)
    if node.style is None and (_PSYCH_DATE.match(value) or _PSYCH_TIME.match(value)):
        return _construct_timestamp(constructor, node)
    return value


def _construct_unknown(constructor: SafeConstructor, node: Any) -> Any:
    """A value with a tag Psych's safe loader ignores: read as if untagged."""
    if isinstance(node, ScalarNode):
        return constructor.construct_scalar(node)
    if isinstance(node, SequenceNode):
        return constructor.construct_sequence(node, deep=True)
    return constructor.construct_mapping(node, deep=True)


class _PsychConstructor(SafeConstructor):
    """Safe constructor with Psych's timestamps (zones kept) and floats."""


_PsychConstructor.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_PsychConstructor.add_constructor("tag:yaml.org,2002:float", _construct_float)
_PsychConstructor.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_PsychConstructor.add_constructor("tag:yaml.org,2002:int", _construct_int)
_PsychConstructor.add_constructor("tag:yaml.org,2002:str", _construct_str)
_PsychConstructor.add_constructor(None, _construct_unknown)


def _make_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _PsychConstructor
    yaml.version = (1, 1)
    return yaml


def without_document_marker(text: str) -> str:
    """The YAML text without a leading ``---`` line (kept as an empty line).

    A leading document marker would switch the parser to YAML 1.2 rules; the line
    stays so that line numbers remain the file's.
    """
    if text.startswith("---"):
        return "\n" + text.split("\n", 1)[1] if "\n" in text else ""
    return text


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
    text = without_document_marker(text)
    quick = parse_simple(text)
    return quick if quick is not NOT_SIMPLE else load_yaml_in_full(text, path, line_offset)


def load_yaml_in_full(text: str, path: str, line_offset: int = 0) -> Any:
    """:func:`load_yaml` with the full parser, even for text of the simple shape."""
    try:
        return _make_yaml().load(without_document_marker(text))
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
