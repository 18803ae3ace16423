"""The ``date`` filter and Jekyll's ``date_to_*`` filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from liquid.filter import with_environment

from liquidpy_site.rendering.filters_time import local_zone, strftime, to_local_time
from liquidpy_site.rendering.filters_time_parse import to_date
from liquidpy_site.rendering.ruby import LiquidArgumentError, inspect, nil, to_s, to_s_empty

if TYPE_CHECKING:
    from liquid import Environment

__all__ = ["DATE_FILTERS"]


class InvalidDateError(LiquidArgumentError):
    """Jekyll's ``Errors::InvalidDateError``."""


def _zone(environment: Environment) -> dt.tzinfo:
    return local_zone(getattr(environment, "site_config", None))


@with_environment
def _date(value: Any, fmt: Any = None, *, environment: Environment) -> Any:
    value = nil(value)
    fmt_text = to_s(fmt)
    if not fmt_text:
        return value
    parsed = to_date(value, _zone(environment))
    if parsed is None:
        return value
    return strftime(parsed, fmt_text)


def _time(value: Any, environment: Environment) -> dt.datetime:
    zone = _zone(environment)
    parsed = to_date(value, zone)
    if parsed is None:
        raise InvalidDateError(f"Invalid Date: '{inspect(value)}' is not a valid datetime.")
    return to_local_time(parsed, zone)


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _stringify(value: Any, month: str, kind: Any, style: Any, environment: Environment) -> Any:
    value = nil(value)
    if to_s_empty(value):
        return value
    time = _time(value, environment)
    if nil(kind) == "ordinal":
        day = f"{time.day}{_ordinal(time.day)}"
        if nil(style) == "US":
            return strftime(time, f"{month} {day}, %Y")
        return strftime(time, f"{day} {month} %Y")
    return strftime(time, f"%d {month} %Y")


@with_environment
def _date_to_string(
    value: Any, kind: Any = None, style: Any = None, *, environment: Environment
) -> Any:
    return _stringify(value, "%b", kind, style, environment)


@with_environment
def _date_to_long_string(
    value: Any, kind: Any = None, style: Any = None, *, environment: Environment
) -> Any:
    return _stringify(value, "%B", kind, style, environment)


@with_environment
def _date_to_xmlschema(value: Any, *, environment: Environment) -> Any:
    value = nil(value)
    if to_s_empty(value):
        return value
    return strftime(_time(value, environment), "%Y-%m-%dT%H:%M:%S%:z")


@with_environment
def _date_to_rfc822(value: Any, *, environment: Environment) -> Any:
    value = nil(value)
    if to_s_empty(value):
        return value
    return strftime(_time(value, environment), "%a, %d %b %Y %H:%M:%S %z")


DATE_FILTERS: dict[str, Callable[..., Any]] = {
    "date": _date,
    "date_to_string": _date_to_string,
    "date_to_long_string": _date_to_long_string,
    "date_to_xmlschema": _date_to_xmlschema,
    "date_to_rfc822": _date_to_rfc822,
}
