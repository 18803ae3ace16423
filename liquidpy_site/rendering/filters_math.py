"""Liquid 5.4's math filters: Integer arithmetic, BigDecimal for floats, Float results."""

from __future__ import annotations

import decimal
import math
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from liquidpy_site.rendering.ruby import LiquidArgumentError, number_result, to_number

__all__ = ["MATH_FILTERS"]

Number = int | Decimal

# Wide enough that sums and products of the decimals of floats are exact.
_CONTEXT = decimal.Context(prec=800, rounding=decimal.ROUND_HALF_UP, Emax=10**6, Emin=-(10**6))


class LiquidZeroDivisionError(LiquidArgumentError):
    """Ruby's ``Liquid::ZeroDivisionError`` (``divided by 0``)."""


class LiquidFloatDomainError(LiquidArgumentError):
    """Ruby's ``Liquid::FloatDomainError`` (rounding infinity or NaN)."""


def _as_decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def _exact(name: str) -> Callable[[Number, Number], Number]:
    """Integer arithmetic for integers, exact decimal arithmetic otherwise (BigDecimal)."""
    int_op = {"plus": operator.add, "minus": operator.sub, "times": operator.mul}[name]
    dec_op = {"plus": _CONTEXT.add, "minus": _CONTEXT.subtract, "times": _CONTEXT.multiply}[name]

    def apply(left: Number, right: Number) -> Number:
        if isinstance(left, int) and isinstance(right, int):
            return int_op(left, right)
        return dec_op(_as_decimal(left), _as_decimal(right))

    return apply


def _divide(left: Number, right: Number) -> Number:
    if right == 0:
        raise LiquidZeroDivisionError("divided by 0")
    if isinstance(left, int) and isinstance(right, int):
        return left // right
    return _CONTEXT.divide(_as_decimal(left), _as_decimal(right))


def _modulo(left: Number, right: Number) -> Number:
    if right == 0:
        raise LiquidZeroDivisionError("divided by 0")
    if isinstance(left, int) and isinstance(right, int):
        return left % right
    a, b = _as_decimal(left), _as_decimal(right)
    rest = _CONTEXT.remainder(a, b)
    if rest != 0 and (rest < 0) != (b < 0):
        rest = _CONTEXT.add(rest, b)
    return rest


_OPERATIONS: dict[str, Callable[[Any, Any], Number]] = {
    "plus": _exact("plus"),
    "minus": _exact("minus"),
    "times": _exact("times"),
    "divided_by": _divide,
    "modulo": _modulo,
}


def _operation(name: str) -> Callable[[Any, Any], int | float]:
    func = _OPERATIONS[name]

    def apply(value: Any, operand: Any) -> int | float:
        return number_result(func(to_number(value), to_number(operand)))

    apply.__name__ = name
    return apply


def _finite(value: Number) -> Number:
    if isinstance(value, Decimal) and not value.is_finite():
        raise LiquidFloatDomainError(str(float(value)).replace("inf", "Infinity"))
    return value


def _round(value: Any, digits: Any = 0) -> int | float:
    number = _finite(to_number(value))
    places = to_number(digits)
    count = int(places)
    if isinstance(number, int):
        if count >= 0:
            return number
        factor = 10 ** (-count)
        return int(_CONTEXT.quantize(Decimal(number) / factor, Decimal(1))) * factor
    exponent = Decimal(1).scaleb(-count)
    rounded = number.quantize(exponent, rounding=decimal.ROUND_HALF_UP)
    if places <= 0:
        return int(rounded)
    return float(rounded)


def _ceil(value: Any) -> int:
    return int(math.ceil(_finite(to_number(value))))


def _floor(value: Any) -> int:
    return int(math.floor(_finite(to_number(value))))


def _abs(value: Any) -> int | float:
    number = to_number(value)
    return number_result(number.copy_abs() if isinstance(number, Decimal) else abs(number))


def _at_least(value: Any, bound: Any) -> int | float:
    low, number = to_number(bound), to_number(value)
    return number_result(low if low > number else number)


def _at_most(value: Any, bound: Any) -> int | float:
    high, number = to_number(bound), to_number(value)
    return number_result(high if high < number else number)


MATH_FILTERS: dict[str, Callable[..., Any]] = {
    **{name: _operation(name) for name in _OPERATIONS},
    "round": _round,
    "ceil": _ceil,
    "floor": _floor,
    "abs": _abs,
    "at_least": _at_least,
    "at_most": _at_most,
}
