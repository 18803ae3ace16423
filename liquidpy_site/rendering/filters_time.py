"""Ruby ``Time`` support for the date filters: ``strftime`` and ``Time.parse``.

Datetimes stand for Ruby ``Time`` values and dates for Ruby ``Date`` values.
A datetime whose ``tzinfo`` is :data:`RUBY_UTC` is a Ruby time in UTC mode
(parsed from ``...Z``; it prints as ``2021-01-02 03:04:05 UTC``). Times in a
named zone (``ZoneInfo``) are local times: ``%Z`` is the zone's abbreviation.
Other fixed offsets have no zone name (``%Z`` is empty), except
``datetime.timezone.utc``, whose name is ``UTC``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable, Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from liquidpy_site.text import UTC_MODE

__all__ = ["RUBY_UTC", "local_zone", "strftime", "to_local_time"]

RUBY_UTC = UTC_MODE
"""The zone of Ruby times in UTC mode (``Time#utc?``), distinct from ``timezone.utc``."""

_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]  # fmt: skip
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_SPEC = re.compile(r"%([-_0^#]*)(\d*)(:{0,2})([a-zA-Z%+])")
_COMPOSITE = {
    "c": "%a %b %e %H:%M:%S %Y",
    "D": "%m/%d/%y",
    "x": "%m/%d/%y",
    "F": "%Y-%m-%d",
    "R": "%H:%M",
    "r": "%I:%M:%S %p",
    "T": "%H:%M:%S",
    "X": "%H:%M:%S",
    "v": "%e-%^b-%4Y",
}


def _offset_seconds(value: dt.date) -> int:
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        return int(value.utcoffset().total_seconds())  # type: ignore[union-attr]
    return 0


def _format_offset(seconds: int, colons: int) -> str:
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if colons == 0:
        return f"{sign}{hours:02d}{minutes:02d}"
    if colons == 1:
        return f"{sign}{hours:02d}:{minutes:02d}"
    return f"{sign}{hours:02d}:{minutes:02d}:{secs:02d}"


def _zone_name(value: dt.date) -> str:
    if not isinstance(value, dt.datetime):
        return "+00:00"
    tz = value.tzinfo
    if tz is None:
        return time.strftime("%Z")
    if tz is dt.UTC or tz is RUBY_UTC:
        return "UTC"
    if isinstance(tz, dt.timezone):
        name = tz.tzname(value)
        return "" if name is None or name.startswith("UTC") else name
    return value.tzname() or ""


def _epoch(value: dt.date) -> float:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.timestamp()
        return (value - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)).total_seconds()
    return (value - dt.date(1970, 1, 1)).days * 86400.0


def _frac(value: dt.date, digits: int) -> str:
    micro = value.microsecond if isinstance(value, dt.datetime) else 0
    return (f"{micro:06d}" + "0" * max(0, digits - 6))[:digits]


def _clock(value: dt.date, part: str) -> int:
    return int(getattr(value, part)) if isinstance(value, dt.datetime) else 0


def _yday(value: dt.date) -> int:
    return value.toordinal() - dt.date(value.year, 1, 1).toordinal() + 1


_NUMERIC: dict[str, tuple[Callable[[dt.date], int], int, str]] = {
    "C": (lambda v: v.year // 100, 2, "0"),
    "y": (lambda v: v.year % 100, 2, "0"),
    "m": (lambda v: v.month, 2, "0"),
    "d": (lambda v: v.day, 2, "0"),
    "e": (lambda v: v.day, 2, " "),
    "j": (_yday, 3, "0"),
    "H": (lambda v: _clock(v, "hour"), 2, "0"),
    "k": (lambda v: _clock(v, "hour"), 2, " "),
    "I": (lambda v: (_clock(v, "hour") % 12) or 12, 2, "0"),
    "l": (lambda v: (_clock(v, "hour") % 12) or 12, 2, " "),
    "M": (lambda v: _clock(v, "minute"), 2, "0"),
    "S": (lambda v: _clock(v, "second"), 2, "0"),
    "u": (lambda v: v.weekday() + 1, 1, "0"),
    "w": (lambda v: (v.weekday() + 1) % 7, 1, "0"),
    "G": (lambda v: v.isocalendar()[0], 4, "0"),
    "g": (lambda v: v.isocalendar()[0] % 100, 2, "0"),
    "V": (lambda v: v.isocalendar()[1], 2, "0"),
    "U": (lambda v: (_yday(v) + 6 - (v.weekday() + 1) % 7) // 7, 2, "0"),
    "W": (lambda v: (_yday(v) + 6 - v.weekday()) // 7, 2, "0"),
    "s": (lambda v: int(_epoch(v) // 1), 1, "0"),
}


def _numeric(value: dt.date, conv: str) -> tuple[int, int, str] | None:
    """Return (number, default width, default pad character) for numeric conversions."""
    if conv == "Y":
        return value.year, 4 if value.year >= 0 else 5, "0"
    entry = _NUMERIC.get(conv)
    if entry is None:
        return None
    number, width, pad = entry
    return number(value), width, pad


def _text(value: dt.date, conv: str, colons: int) -> str | None:
    hour = value.hour if isinstance(value, dt.datetime) else 0
    texts: dict[str, Callable[[], str]] = {
        "A": lambda: _DAYS[value.weekday()],
        "a": lambda: _DAYS[value.weekday()][:3],
        "B": lambda: _MONTHS[value.month - 1],
        "b": lambda: _MONTHS[value.month - 1][:3],
        "h": lambda: _MONTHS[value.month - 1][:3],
        "p": lambda: "PM" if hour >= 12 else "AM",
        "P": lambda: "pm" if hour >= 12 else "am",
        "Z": lambda: _zone_name(value),
        "z": lambda: _format_offset(_offset_seconds(value), colons),
        "n": lambda: "\n",
        "t": lambda: "\t",
        "%": lambda: "%",
    }
    func = texts.get(conv)
    return func() if func else None


def _apply_case(text: str, flags: str, conv: str) -> str:
    if "#" in flags:
        return text.lower() if conv in "pZ" else text.swapcase() if conv == "P" else text.upper()
    if "^" in flags:
        return text.upper()
    return text


def _pad(text: str, width: int, pad: str, flags: str) -> str:
    if "-" in flags:
        return text
    if "_" in flags:
        pad = " "
    elif "0" in flags:
        pad = "0"
    if len(text) >= width:
        return text
    if text.startswith("-") and pad == "0":
        return "-" + text[1:].rjust(width - 1, "0")
    return text.rjust(width, pad)


def _convert(value: dt.date, match: re.Match[str]) -> str:
    flags, width_text, colons_text, conv = match.groups()
    width = int(width_text) if width_text else None
    if conv in _COMPOSITE:
        text = _apply_case(strftime(value, _COMPOSITE[conv]), flags, conv)
        return _pad(text, width or 0, " ", flags)
    if conv in "LN":
        return _frac(value, width or (3 if conv == "L" else 9))
    numeric = _numeric(value, conv)
    if numeric is not None:
        number, default_width, pad = numeric
        return _pad(str(number), width if width is not None else default_width, pad, flags)
    word = _text(value, conv, len(colons_text))
    if word is None:
        return match.group(0)
    pad = "0" if conv == "z" else " "
    return _pad(_apply_case(word, flags, conv), width or 0, pad, flags)


def strftime(value: dt.date, fmt: str) -> str:
    """Format a date or datetime with Ruby's ``strftime`` rules.

    Supports Ruby's flags (``-``, ``_``, ``0``, ``^``, ``#``), widths, ``%:z``,
    ``%N``/``%L``, ``%s`` and the composite conversions (``%c``, ``%F``, ...).
    Plain dates format like Ruby ``Date`` (midnight, offset ``+00:00``).
    """
    key = _memo_key(value, fmt)
    if key is None:
        return _SPEC.sub(lambda m: _convert(value, m), fmt)
    try:
        text = _FORMATTED.get(key)
    except TypeError:  # a zone that cannot be hashed
        return _SPEC.sub(lambda m: _convert(value, m), fmt)
    if text is None:
        if len(_FORMATTED) >= _FORMATTED_MAX:
            _FORMATTED.clear()
        text = _FORMATTED[key] = _SPEC.sub(lambda m: _convert(value, m), fmt)
    return text


_FORMATTED: dict[tuple[Any, ...], str] = {}
_FORMATTED_MAX = 50_000


def _memo_key(value: dt.date, fmt: str) -> tuple[Any, ...] | None:
    """What a formatted text depends on; ``None`` for local times without a zone.

    A zone's equality ignores its name, so the name and offset are part of the key.
    """
    if not isinstance(value, dt.datetime):
        return (fmt, type(value), value)
    tz = value.tzinfo
    if tz is None:
        return None
    if type(tz) is ZoneInfo:
        # One object per zone: times compare by wall time within it, ``fold`` picks the offset.
        return (fmt, type(value), value, value.fold, tz)
    return (fmt, type(value), value.replace(tzinfo=None), value.fold, tz,
            tz is dt.UTC, value.tzname(), value.utcoffset())


def local_zone(config: Mapping[str, Any] | None = None) -> dt.tzinfo:
    """Return the zone Jekyll renders local times in: ``timezone`` or the process zone."""
    name = (config or {}).get("timezone") or os.environ.get("TZ")
    if name:
        try:
            return ZoneInfo(str(name).lstrip(":"))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return dt.datetime.now().astimezone().tzinfo or dt.UTC


def to_local_time(value: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """Return Ruby's ``value.to_time.localtime``: dates become local midnight."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=zone)
        return value.astimezone(zone)
    return dt.datetime(value.year, value.month, value.day, tzinfo=zone)
