"""A quick reader for the YAML most front matter is made of.

Nearly every post starts with a flat mapping — ``title: "…"``, ``date: 2020-01-02
10:00:00 +0000``, ``tags: [a, b]``, ``draft: false`` — and a full YAML parser
spends milliseconds on each. :func:`parse_simple` reads exactly that shape and
answers :data:`NOT_SIMPLE` for anything else (nesting, comments, anchors, block
scalars, floats, unusual quoting…), which :func:`liquidpy_site.yaml_loader.load_yaml`
then hands to the full parser. Every value it does accept is typed as Jekyll's
Psych types it (YAML 1.1: ``yes``/``on`` are true, ``y`` is text, dates become
dates); a property test compares it with the full parser.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final

from liquidpy_site.text import UTC_MODE

__all__ = ["NOT_SIMPLE", "parse_simple", "timestamp_from_text"]

NOT_SIMPLE: Final[Any] = object()
"""Returned when the text is not of the simple shape; parse it in full."""

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Plain text that starts with a letter or a slash and holds no character YAML gives a
# meaning (a colon only inside a word, as in a URL).
_PLAIN_TEXT = re.compile(r"[A-Za-z/](?:[A-Za-z0-9 _.,/()!?'&+=;%@~-]|:(?=[^ ]))*")
_FLOW_ITEM = re.compile(r"[A-Za-z][A-Za-z0-9 _./()!?'&+=;%@-]*")
_INTEGER = re.compile(r"0|[1-9][0-9]{0,17}")
# Double-quoted text whose only escapes are \" and \\.
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\["\\])*)"')
_ESCAPE = re.compile(r'\\(["\\])')
_DATE_OR_TIME = re.compile(
    r"\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d:\d\d(?:\.\d+)?(?: ?(?:Z|[-+]\d\d:?\d\d))?)?")
# Words YAML 1.1 reads as booleans or null, in the spellings it accepts.
_WORDS: Final[dict[str, Any]] = {
    **{form: True for word in ("yes", "true", "on")
       for form in (word, word.capitalize(), word.upper())},
    **{form: False for word in ("no", "false", "off")
       for form in (word, word.capitalize(), word.upper())},
    "null": None, "Null": None, "NULL": None, "~": None,
}
_SPECIAL_WORDS = frozenset({"yes", "true", "on", "no", "false", "off", "null", "y", "n"})

_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d\d):(\d\d)(?:\.(\d*))?"
    r"(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d\d)?))?$"
)


def timestamp_from_text(value: str) -> dt.date | dt.datetime | str:
    """A YAML date or timestamp as Psych reads it.

    A date becomes a ``date`` (an impossible one stays text); a timestamp becomes
    an aware ``datetime``: in its own zone, UTC for ``Z``, and for a timestamp
    without a zone the UTC time shown in local time.
    """
    match = _TIMESTAMP.match(value)
    if match is None:
        year, month, day = (int(part) for part in value.split("-"))
        try:
            return dt.date(year, month, day)
        except ValueError:
            return str(value)
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    # Ruby's Time rolls a day past the month's end over.
    naive = dt.datetime(int(year), int(month), 1, int(hour), int(minute), int(second), micro)
    naive += dt.timedelta(days=int(day) - 1)
    if zone is None:
        return naive.replace(tzinfo=dt.UTC).astimezone()
    if zone == "Z":
        return naive.replace(tzinfo=UTC_MODE)
    return naive.replace(tzinfo=_zone(zone))


def _zone(zone: str) -> dt.tzinfo:
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours = int(digits[:-2] or digits) if len(digits) > 2 else int(digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def parse_simple(text: str) -> Any:
    """Parse a flat mapping of simple scalars and flow lists, else :data:`NOT_SIMPLE`.

    Args:
        text: A YAML document (without a leading ``---`` line).
    """
    if "\r" in text or "\t" in text:
        return NOT_SIMPLE
    result: dict[str, Any] = {}
    for line in text.split("\n"):
        if not line:
            continue
        key, separator, rest = line.partition(": ")
        if not separator or not _KEY.fullmatch(key) or key.lower() in _SPECIAL_WORDS \
                or key in result:
            return NOT_SIMPLE
        value = _value(rest.strip(" "))
        if value is NOT_SIMPLE:
            return NOT_SIMPLE
        result[key] = value
    return result if result else NOT_SIMPLE


def _value(text: str) -> Any:
    if not text:
        return NOT_SIMPLE
    first = text[0]
    if first == '"':
        return _double_quoted(text)
    if first == "'":
        return _single_quoted(text)
    if first == "[":
        return _flow_list(text)
    if text in _WORDS:
        return _WORDS[text]
    if _PLAIN_TEXT.fullmatch(text):
        return NOT_SIMPLE if text.lower() in _SPECIAL_WORDS else text
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DATE_OR_TIME.fullmatch(text):
        try:
            return timestamp_from_text(text)
        except ValueError:
            return NOT_SIMPLE  # an impossible time: the full parser reports it
    return NOT_SIMPLE


def _double_quoted(text: str) -> Any:
    match = _DOUBLE_QUOTED.fullmatch(text)
    if match is None:
        return NOT_SIMPLE
    inner = _ESCAPE.sub(r"\1", match.group(1))
    return inner if inner.isprintable() else NOT_SIMPLE


def _single_quoted(text: str) -> Any:
    if len(text) < 2 or text[-1] != "'":
        return NOT_SIMPLE
    inner = text[1:-1]
    if "'" in inner.replace("''", ""):
        return NOT_SIMPLE
    inner = inner.replace("''", "'")
    return inner if inner.isprintable() else NOT_SIMPLE


def _flow_list(text: str) -> Any:
    if text[-1] != "]":
        return NOT_SIMPLE
    inner = text[1:-1].strip(" ")
    if not inner:
        return []
    items = [item.strip(" ") for item in inner.split(",")]
    for item in items:
        if not _FLOW_ITEM.fullmatch(item) or item.lower() in _SPECIAL_WORDS:
            return NOT_SIMPLE
    return items
