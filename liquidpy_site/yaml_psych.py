"""The full YAML parser, with the behaviour of Jekyll's Psych (YAML 1.1, safe types only).

Kept apart from :mod:`liquidpy_site.yaml_loader` because ruamel.yaml is slow to
import and most YAML a site holds is of the simple shape that module reads
without it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode, SequenceNode

from liquidpy_site.simple_yaml import timestamp_from_text

__all__ = ["MarkedYAMLError", "YAMLError", "load"]


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


def load(text: str) -> Any:
    """Parse a YAML document (without a leading ``---`` line) as Psych does.

    Raises:
        MarkedYAMLError: The text is not valid YAML, at a known place.
        YAMLError: The text is not valid YAML.
        ValueError: A value cannot be built (a date out of range, say).
    """
    return _make_yaml().load(text)
