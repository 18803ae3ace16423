"""Ruby value semantics that Jekyll's Liquid output depends on.

Jekyll renders templates with Ruby Liquid, so every value that reaches the page
goes through Ruby's ``to_s`` or ``inspect`` and every number through Ruby's
Integer, Float and BigDecimal rules. This module reproduces those rules for the
Python values the renderer sees: ``str``, ``int``, ``float``, ``bool``,
``None``, lists, mappings (hashes and drops), ``datetime.datetime`` (Ruby
``Time``) and ``datetime.date`` (Ruby ``Date``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from liquid.exceptions import FilterArgumentError
from liquid.undefined import Undefined

from liquidpy_site.rendering.filters_time import RUBY_UTC, strftime

__all__ = [
    "LiquidArgumentError",
    "format_float",
    "inspect",
    "is_blank",
    "is_drop",
    "is_empty",
    "nil",
    "output_string",
    "strftime",
    "string_to_f",
    "string_to_i",
    "to_integer",
    "to_number",
    "to_s",
    "truthy",
]

_JD_OFFSET = 1721425  # Julian day number of 0001-01-01 minus its ordinal (1).


class LiquidArgumentError(FilterArgumentError):
    """A Ruby ``Liquid::ArgumentError``: a render error that stops the build."""

    def __init__(self, message: str) -> None:
        super().__init__(message, token=None)


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None), dict, list})


def nil(value: Any) -> Any:
    """Return ``None`` for an undefined value, else the value itself.

    Strict undefined values raise their error here, as Ruby Liquid's
    ``strict_variables`` does when the variable is looked up.
    """
    if type(value) in _PLAIN_TYPES:
        return value
    if isinstance(value, Undefined):
        value.poke()
        return None
    return value


def truthy(value: Any) -> bool:
    """Return Liquid's truthiness: only ``nil`` and ``false`` are falsy."""
    value = nil(value)
    return value is not None and value is not False


def is_empty(value: Any) -> bool:
    """Return Ruby's ``empty?`` for strings, arrays and hashes (``False`` otherwise)."""
    value = nil(value)
    if isinstance(value, (str, list, tuple, Mapping)):
        return len(value) == 0
    return False


def is_blank(value: Any) -> bool:
    """Return Liquid's notion of ``blank``: nil, false, empty or whitespace-only string."""
    value = nil(value)
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return value.strip(" \t\n\v\f\r\0") == ""
    return is_empty(value)


def format_float(value: float) -> str:
    """Format a float the way Ruby's ``Float#to_s`` does (``1.0``, ``1.0e+16``)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    sign, digits, exponent = Decimal(repr(value)).as_tuple()
    text = "".join(str(d) for d in digits).rstrip("0") or "0"
    decpt = len(digits) + int(exponent)  # position of the decimal point
    prefix = "-" if sign else ""
    if -4 < decpt <= 0:
        return f"{prefix}0.{'0' * -decpt}{text}"
    if 0 < decpt < 16:
        whole = text[:decpt].ljust(decpt, "0")
        frac = text[decpt:] or "0"
        return f"{prefix}{whole}.{frac}"
    mantissa = f"{text[0]}.{text[1:] or '0'}"
    exp = decpt - 1
    return f"{prefix}{mantissa}e{'+' if exp >= 0 else '-'}{abs(exp):02d}"


def _format_decimal(value: Decimal) -> str:
    return format_float(float(value))


def _zone_format(value: dt.datetime) -> str:
    return "UTC" if value.tzinfo is RUBY_UTC else "%z"


def time_to_s(value: dt.datetime) -> str:
    """Format a datetime as Ruby's ``Time#to_s`` (``2021-01-02 00:00:00 +0000``)."""
    if value.tzinfo is None:
        value = value.astimezone()
    return strftime(value, "%Y-%m-%d %H:%M:%S " + _zone_format(value))


def time_inspect(value: dt.datetime) -> str:
    """Format a datetime as Ruby's ``Time#inspect`` (fractional seconds shown)."""
    if value.tzinfo is None:
        value = value.astimezone()
    text = strftime(value, "%Y-%m-%d %H:%M:%S")
    if value.microsecond:
        text += "." + f"{value.microsecond:06d}".rstrip("0")
    return text + strftime(value, " " + _zone_format(value))


def date_inspect(value: dt.date) -> str:
    """Format a date as Ruby's ``Date#inspect``."""
    jd = value.toordinal() + _JD_OFFSET
    return f"#<Date: {value.isoformat()} (({jd}j,0s,0n),+0s,2299161j)>"


def to_s_empty(value: Any) -> bool:
    """Ruby's ``value.to_s.empty?``, without formatting a date or time (never empty) to learn it."""
    return not isinstance(nil(value), dt.date) and to_s(value) == ""


def to_s(value: Any) -> str:
    """Return Ruby's ``to_s`` of a value (``nil`` is empty, arrays and hashes inspect)."""
    if type(value) is str:
        return value
    value = nil(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, Decimal):
        return _format_decimal(value)
    if isinstance(value, dt.datetime):
        return time_to_s(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping) and has_own_str(value):
        return str(value)
    if is_drop(value):
        return ""
    if isinstance(value, (list, tuple, Mapping)):
        return inspect(value)
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    return str(value)


def is_drop(value: object) -> bool:
    """Return whether a value is a Ruby drop rather than a hash.

    Dicts are hashes. Other mappings are drops (documents, the site, ...),
    unless their class sets ``liquid_hash = True``: Jekyll gives pages to
    templates as hashes. Drops have no ``size``, print nothing unless they
    define ``__str__``, and ``inspect`` shows them as pretty JSON.
    """
    return (
        isinstance(value, Mapping)
        and not isinstance(value, (dict, Undefined))
        and not getattr(value, "liquid_hash", False)
    )


def has_own_str(value: object) -> bool:
    """Return whether a drop defines its own text (Ruby's ``to_s``), like documents do."""
    return not isinstance(value, dict) and type(value).__str__ is not object.__str__


def output_string(value: Any) -> str:
    """Return what ``{{ value }}`` writes: arrays are flattened and joined."""
    if type(value) is str:
        return value
    value = nil(value)
    if isinstance(value, (list, tuple)):
        return "".join(to_s(item) for item in flatten(value))
    return to_s(value)


def flatten(items: Any) -> list[Any]:
    """Flatten nested lists completely, like Ruby's ``Array#flatten``."""
    out: list[Any] = []
    for item in items:
        item = nil(item)
        if isinstance(item, (list, tuple)):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\f": "\\f",
    "\v": "\\v",
    "\a": "\\a",
    "\b": "\\b",
    "\x1b": "\\e",
}


def _inspect_char(char: str, following: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char == "#" and following and following in "{$@":
        return "\\#"
    if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
        code = ord(char)
        return f"\\u{code:04X}" if code <= 0xFFFF else f"\\u{{{code:X}}}"
    return char


def inspect_string(text: str) -> str:
    """Return Ruby's ``String#inspect`` of a UTF-8 string."""
    parts = [
        _inspect_char(char, text[i + 1] if i + 1 < len(text) else "") for i, char in enumerate(text)
    ]
    return '"' + "".join(parts) + '"'


def inspect(value: Any) -> str:
    """Return Ruby's ``inspect`` of a value (``nil``, ``"a"``, ``{"a"=>1}``, ``[1, 2]``)."""
    value = nil(value)
    if value is None:
        return "nil"
    if isinstance(value, str):
        return inspect_string(value)
    if isinstance(value, (bool, int, float, Decimal)):
        return to_s(value)
    if isinstance(value, dt.datetime):
        return time_inspect(value)
    if isinstance(value, dt.date):
        return date_inspect(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inspect(item) for item in value) + "]"
    if isinstance(value, Mapping):
        pairs = (f"{inspect(k)}=>{inspect(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    return to_s(value)


_TO_I = re.compile(r"\A[ \t\n\v\f\r]*([-+]?\d+(?:_\d+)*)")
_TO_F = re.compile(r"\A[ \t\n\v\f\r]*([-+]?\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?(?:[eE][-+]?\d+)?)")


def string_to_i(text: str) -> int:
    """Return Ruby's ``String#to_i`` (leading integer, else 0)."""
    match = _TO_I.match(text)
    return int(match.group(1).replace("_", "")) if match else 0


def string_to_f(text: str) -> float:
    """Return Ruby's ``String#to_f`` (leading number, else 0.0)."""
    match = _TO_F.match(text)
    if not match:
        return 0.0
    try:
        return float(match.group(1).replace("_", ""))
    except ValueError:
        return 0.0


_DECIMAL_STRING = re.compile(r"\A-?\d+\.\d+\Z")


def to_number(value: Any) -> int | Decimal:
    """Return Liquid's ``Utils.to_number``: ints stay ints, floats become decimals."""
    value = nil(value)
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return Decimal(value)
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        stripped = value.strip(" \t\n\v\f\r\0")
        if _DECIMAL_STRING.match(stripped):
            return Decimal(stripped)
        return string_to_i(value)
    return 0


def number_result(value: int | Decimal | float) -> int | float:
    """Turn a BigDecimal-style result back into a Ruby Float (or keep an Integer)."""
    if isinstance(value, Decimal):
        return float(value)
    return value


_INTEGER_STRING = re.compile(
    r"\A[ \t\n\v\f\r]*[-+]?(?:0[xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|0[bB][01]+(?:_[01]+)*"
    r"|0[oO]?[0-7]+(?:_[0-7]+)*|\d+(?:_\d+)*)[ \t\n\v\f\r]*\Z"
)


def to_integer(value: Any) -> int:
    """Return Liquid's ``Utils.to_integer`` (Ruby ``Integer(str)``), raising if invalid."""
    value = nil(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = to_s(value)
    if not _INTEGER_STRING.match(text):
        raise LiquidArgumentError("invalid integer")
    text = text.strip().replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    try:
        if text[:2].lower() in ("0x", "0b", "0o"):
            return sign * int(text, 0)
        if len(text) > 1 and text.startswith("0"):
            return sign * int(text, 8)
        return sign * int(text)
    except (ValueError, InvalidOperation) as err:
        raise LiquidArgumentError("invalid integer") from err


def to_i(value: Any) -> int:
    """Return Ruby's ``to_i`` for a value (strings leniently, floats truncated)."""
    value = nil(value)
    if value is None:
        return 0
    if isinstance(value, bool):
        kind = "TrueClass" if value else "FalseClass"
        raise LiquidArgumentError(f"undefined method `to_i' for {to_s(value)}:{kind}")
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)):
        return int(value)
    if isinstance(value, str):
        return string_to_i(value)
    raise LiquidArgumentError(f"undefined method `to_i' for {inspect(value)}")
