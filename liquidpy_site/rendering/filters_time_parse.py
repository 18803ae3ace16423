"""Turning filter inputs into times the way Liquid's ``Utils.to_date`` does.

Strings go through a reading of Ruby's ``Time.parse`` that covers the forms
sites use: ISO 8601 and RFC 2822 dates, ``2021/01/02``, ``02/01/2021``
(day first), ``02.01.2021``, month names (``Jan 2, 2021``, ``2 January 2021``,
``March 2021``), ``20210102``, times with ``am``/``pm`` and zone offsets or
common zone abbreviations. A time without a date is today's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from liquid.undefined import Undefined

from liquidpy_site.rendering.filters_time import RUBY_UTC

__all__ = ["parse_time", "to_date"]

_MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ORD = r"(?:st|nd|rd|th)?"
_ZONES = {
    "utc": 0, "gmt": 0, "z": 0, "ut": 0,
    "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
    "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "bst": 1, "ist": 5.5, "jst": 9,
}  # fmt: skip
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"(?:\s*([ap])\.?m\b\.?)?"
    r"(?:\s*(z\b|utc\b|gmt\b|[+-]\d{1,2}(?::?\d{2}){0,2}\b|[a-z]{2,4}\b))?"
)
_HOUR_AMPM = re.compile(r"(?<!\d)(\d{1,2})\s*([ap])\.?m\b\.?")


def _zone_from(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text in ("z", "utc", "gmt", "ut"):
        return RUBY_UTC
    if text in _ZONES:
        return dt.timezone(dt.timedelta(hours=_ZONES[text]))
    match = re.fullmatch(r"([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?", text)
    if not match:
        return None
    sign = -1 if match.group(1) == "-" else 1
    hours, minutes, seconds = (int(g or 0) for g in match.groups()[1:])
    delta = dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return dt.timezone(sign * delta)


def _hour(hour: int, meridian: str | None) -> int:
    if meridian == "p" and hour < 12:
        return hour + 12
    if meridian == "a" and hour == 12:
        return 0
    return hour


def _split_time(text: str) -> tuple[str, tuple[int, int, int, int] | None, dt.tzinfo | None]:
    match = _TIME.search(text)
    if match:
        hour = _hour(int(match.group(1)), match.group(5))
        micro = int((match.group(4) or "0")[:6].ljust(6, "0"))
        clock = (hour, int(match.group(2)), int(match.group(3) or 0), micro)
        zone_text = match.group(6)
        zone = _zone_from(zone_text)
        end = match.start(6) if zone_text and zone is None else match.end()
        rest = text[: match.start()] + " " + text[end:]
        return rest, clock, zone
    match = _HOUR_AMPM.search(text)
    if match:
        clock = (_hour(int(match.group(1)), match.group(2)), 0, 0, 0)
        return text[: match.start()] + " " + text[match.end() :], clock, None
    return text, None, None


def _month(name: str) -> int:
    return _MONTH_NAMES.index(name[:3]) + 1


def _short_year(year: str) -> int:
    value = int(year)
    if len(year) <= 2:
        return value + (2000 if value < 69 else 1900)
    return value


def _date_patterns(today: dt.date) -> list[tuple[re.Pattern[str], Any]]:
    return [
        (re.compile(r"(-?\d{4})-(\d{1,2})-(\d{1,2})"), lambda m: (m[1], m[2], m[3])),
        (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), lambda m: (m[1], m[2], m[3])),
        (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{3,4})"), lambda m: (m[3], m[2], m[1])),
        (
            re.compile(r"(\d{1,2})/(\d{1,2})/(\d{1,2})\b"),
            lambda m: (_short_year(m[1]), m[2], m[3]),
        ),
        (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), lambda m: (m[3], m[2], m[1])),
        (
            re.compile(rf"\b(\d{{1,2}}){_ORD}\s*{_MON},?\s*(-?\d{{4}})"),
            lambda m: (m[3], _month(m[2]), m[1]),
        ),
        (
            re.compile(rf"\b{_MON}\s*(\d{{1,2}}){_ORD},?\s*(-?\d{{4}})"),
            lambda m: (m[3], _month(m[1]), m[2]),
        ),
        (re.compile(rf"\b{_MON}\s*(\d{{4}})\b"), lambda m: (m[2], _month(m[1]), 1)),
        (
            re.compile(rf"\b{_MON}\s*(\d{{1,2}}){_ORD}\b"),
            lambda m: (today.year, _month(m[1]), m[2]),
        ),
        (re.compile(rf"\b(\d{{1,2}}){_ORD}\s*{_MON}"), lambda m: (today.year, _month(m[2]), m[1])),
        (re.compile(r"\b(\d{4})(\d{2})(\d{2})\b"), lambda m: (m[1], m[2], m[3])),
    ]


def _find_date(text: str, today: dt.date) -> tuple[int, int, int] | None:
    for pattern, build in _date_patterns(today):
        match = pattern.search(text)
        if match:
            year, month, day = build(match)
            return int(year), int(month), int(day)
    return None


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    base = dt.date(year, month, min(day, last))
    return base + dt.timedelta(days=max(0, day - last))


def parse_time(text: str, zone: dt.tzinfo) -> dt.datetime | None:
    """Parse a string like Ruby's ``Time.parse``; ``None`` where Ruby raises.

    Args:
        text: The string to read.
        zone: The local zone, used when the string names no offset.
    """
    lowered = text.lower()
    rest, clock, parsed_zone = _split_time(lowered)
    tz = parsed_zone or zone
    today = dt.datetime.now(tz).date()
    found = _find_date(rest, today)
    if found is None and clock is None:
        return None
    try:
        day = _make_date(*found) if found else today
    except ValueError:
        return None
    if day is None:
        return None
    hour, minute, second, micro = clock or (0, 0, 0, 0)
    if hour > 24 or minute > 59 or second > 60:
        return None
    extra = dt.timedelta(hours=hour, minutes=minute, seconds=second, microseconds=micro)
    naive = dt.datetime(day.year, day.month, day.day) + extra
    result = naive.replace(tzinfo=tz)
    if parsed_zone is None:
        result = result.astimezone(zone).replace(tzinfo=zone)  # normalise fold
    return result


def to_date(value: Any, zone: dt.tzinfo) -> dt.date | None:
    """Return Liquid's ``Utils.to_date``: a date, a datetime or ``None``.

    Datetimes and dates pass through; ``now``/``today`` are the current time;
    digit strings and integers are seconds since the epoch; other strings are
    parsed. Anything else gives ``None``.
    """
    if isinstance(value, Undefined):
        value.poke()
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return dt.datetime.fromtimestamp(value, zone)
    if not isinstance(value, str) or not value:
        return None
    lowered = value.lower()
    if lowered in ("now", "today"):
        return dt.datetime.now(zone)
    if re.fullmatch(r"\d+", lowered):
        return dt.datetime.fromtimestamp(int(lowered), zone)
    return parse_time(lowered, zone)
