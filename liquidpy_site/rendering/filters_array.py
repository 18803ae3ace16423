"""Jekyll's array filters: ``where``, ``find``, ``group_by`` (and ``_exp``), ``sort``, ..."""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from liquid.builtin.expressions import BooleanExpression, FilteredExpression, tokenize
from liquid.builtin.expressions.logical import is_truthy
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, Token

from liquidpy_site.rendering.filters_std_array import _NoIndex, ruby_compare, ruby_index
from liquidpy_site.rendering.ruby import (
    LiquidArgumentError,
    inspect,
    nil,
    string_to_i,
    to_integer,
    to_s,
)

if TYPE_CHECKING:
    from liquid import Environment, RenderContext

__all__ = ["JEKYLL_ARRAY_FILTERS", "item_property"]

_INTEGER_LIKE = re.compile(r"\A[ \t\n\v\f\r]*-?\d+[ \t\n\v\f\r]*\n?\Z")
_FLOAT_LIKE = re.compile(r"\A[ \t\n\v\f\r]*-?(?:\d+\.?\d*|\.\d+)[ \t\n\v\f\r]*\n?\Z")


def _read(item: Any, key: str) -> Any:
    try:
        return ruby_index(item, key)
    except _NoIndex as err:
        raise LiquidArgumentError(f"undefined method `[]' for {inspect(item)}") from err


def _read_path(item: Any, prop: str) -> Any:
    if "." not in prop:
        return _read(item, prop)
    data: Any = item
    for key in prop.split("."):
        if data is None or data is False or data is True:
            data = False
            continue
        try:
            data = ruby_index(data, key)
        except _NoIndex:
            data = False
        if data is None:
            data = None
    return data


def _parse_sort_input(value: Any) -> Any:
    text = to_s(value)
    if _INTEGER_LIKE.match(text):
        return string_to_i(text)
    if _FLOAT_LIKE.match(text):
        return float(text.strip())
    return value


def item_property(item: Any, prop: Any) -> Any:
    """Return Jekyll's ``item_property``: the (dotted) property, numbers parsed."""
    return _parse_sort_input(_read_path(nil(item), to_s(prop)))


def _ruby_array(value: Any) -> list[Any]:
    value = nil(value)
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Mapping):
        return [[k, v] for k, v in value.items()]
    return [value]


def _is_method_literal(value: Any) -> bool:
    return type(value).__name__ in ("Empty", "Blank")


def _matches(prop: Any, target: Any) -> bool:
    if target is None:
        return prop is None
    if _is_method_literal(target):
        return prop == "" or "".join(to_s(p) for p in _ruby_array(prop)) == ""
    text = to_s(target)
    if isinstance(prop, str):
        return prop == text
    return any(to_s(p) == text for p in _ruby_array(prop))


def _collection(value: Any) -> list[Any] | None:
    value = nil(value)
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, range):
        return list(value)
    return None


def _skip(prop: Any, target: Any) -> bool:
    return nil(prop) in (None, False) or isinstance(nil(target), (list, tuple, Mapping))


def _where(value: Any, prop: Any, target: Any) -> Any:
    items = _collection(value)
    if _skip(prop, target) or items is None:
        return nil(value)
    target = nil(target)
    return [item for item in items if _matches(item_property(item, prop), target)]


def _find(value: Any, prop: Any, target: Any) -> Any:
    items = _collection(value)
    if _skip(prop, target) or items is None:
        return nil(value)
    target = nil(target)
    return next((i for i in items if _matches(item_property(i, prop), target)), None)


@lru_cache(maxsize=256)
def _parse_condition(env: Environment, source: str) -> BooleanExpression:
    token = Token(TOKEN_EXPRESSION, source, 0, source)
    return BooleanExpression.parse(env, TokenStream(tokenize(source, token)))


@lru_cache(maxsize=256)
def _parse_expression(env: Environment, source: str) -> Any:
    token = Token(TOKEN_EXPRESSION, source, 0, source)
    return FilteredExpression.parse(env, TokenStream(tokenize(source, token)))


def _bound(context: RenderContext, name: str, item: Any, expr: Any) -> Any:
    with context.extend({name: item}):
        return expr.evaluate(context)


@with_context
def _where_exp(value: Any, variable: Any, expression: Any, *, context: RenderContext) -> Any:
    items = _collection(value)
    if items is None:
        return nil(value)
    condition = _parse_condition(context.env, to_s(expression))
    name = to_s(variable)
    return [item for item in items if is_truthy(_bound(context, name, item, condition))]


@with_context
def _find_exp(value: Any, variable: Any, expression: Any, *, context: RenderContext) -> Any:
    items = _collection(value)
    if items is None:
        return nil(value)
    condition = _parse_condition(context.env, to_s(expression))
    name = to_s(variable)
    return next((i for i in items if is_truthy(_bound(context, name, i, condition))), None)


def _group_key(value: Any) -> Any:
    value = nil(value)
    if isinstance(value, (list, tuple, Mapping)):
        return ("inspect", inspect(value))
    return (type(value).__name__, value)


def _grouped(items: list[Any], names: list[Any]) -> list[dict[str, Any]]:
    groups: dict[Any, dict[str, Any]] = {}
    for item, name in zip(items, names, strict=True):
        group = groups.setdefault(_group_key(name), {"name": name, "items": []})
        group["items"].append(item)
    return [{**g, "size": len(g["items"])} for g in groups.values()]


def _groupable(value: Any) -> list[Any] | None:
    value = nil(value)
    if isinstance(value, Mapping):
        return [[k, v] for k, v in value.items()]
    if isinstance(value, (list, tuple, range)):
        return list(value)
    return None


def _group_by(value: Any, prop: Any) -> Any:
    items = _groupable(value)
    if items is None:
        return nil(value)
    return _grouped(items, [to_s(item_property(item, prop)) for item in items])


@with_context
def _group_by_exp(value: Any, variable: Any, expression: Any, *, context: RenderContext) -> Any:
    items = _groupable(value)
    if items is None:
        return nil(value)
    expr = _parse_expression(context.env, to_s(expression))
    name = to_s(variable)
    return _grouped(items, [nil(_bound(context, name, item, expr)) for item in items])


def _strict_compare(a: Any, b: Any) -> int:
    result = ruby_compare(a, b)
    if result is None:
        raise LiquidArgumentError(f"comparison of {_class_name(a)} with {_class_name(b)} failed")
    return result


def _class_name(value: Any) -> str:
    names = {str: "String", int: "Integer", float: "Float", bool: "TrueClass", list: "Array"}
    if value is None:
        return "NilClass"
    if value is False:
        return "FalseClass"
    return names.get(type(value), "Hash" if isinstance(value, Mapping) else type(value).__name__)


def _sort_by_property(items: list[Any], prop: Any, order: int) -> list[Any]:
    def compare(a: tuple[Any, Any], b: tuple[Any, Any]) -> int:
        left, right = a[0], b[0]
        if left is not None and right is None:
            return -order
        if left is None and right is not None:
            return order
        result = ruby_compare(left, right)
        if result is None:
            x, y = to_s(left).encode("utf-8"), to_s(right).encode("utf-8")
            result = (x > y) - (x < y)
        return result

    keyed = [(item_property(item, prop), item) for item in items]
    keyed.sort(key=functools.cmp_to_key(compare))
    return [item for _, item in keyed]


def _sort(value: Any, prop: Any = None, nils: Any = "first") -> Any:
    value = nil(value)
    if value is None:
        raise LiquidArgumentError("Cannot sort a null object.")
    if isinstance(value, Mapping):
        items: list[Any] = [[k, v] for k, v in value.items()]
    elif isinstance(value, (list, tuple, range)):
        items = list(value)
    else:
        raise LiquidArgumentError(f"undefined method `sort' for {inspect(value)}")
    if nil(prop) is None:
        return sorted(items, key=functools.cmp_to_key(_strict_compare))
    if nils not in ("first", "last"):
        raise LiquidArgumentError(
            f"Invalid nils order: '{to_s(nils)}' is not a valid nils order. "
            "It must be 'first' or 'last'."
        )
    return _sort_by_property(items, prop, -1 if nils == "first" else 1)


def _array_op(func: Callable[[list[Any], Any], list[Any]]) -> Callable[..., Any]:
    def apply(value: Any, arg: Any = None) -> Any:
        value = nil(value)
        if not isinstance(value, list):
            return value
        return func(list(value), arg)

    return apply


def _count(arg: Any) -> int:
    count = to_integer(1 if nil(arg) is None else arg)
    if count < 0:
        raise LiquidArgumentError("negative array size")
    return count


def _pop(items: list[Any], arg: Any) -> list[Any]:
    count = _count(arg)
    return items[: max(len(items) - count, 0)]


def _shift(items: list[Any], arg: Any) -> list[Any]:
    return items[_count(arg) :]


def _sample(value: Any, num: Any = 1) -> Any:
    value = nil(value)
    if not isinstance(value, list):
        return value
    try:
        count = to_integer(num)
    except LiquidArgumentError:
        count = 1
    if count == 1:
        return random.choice(value) if value else None
    return random.sample(value, min(max(count, 0), len(value)))


JEKYLL_ARRAY_FILTERS: dict[str, Callable[..., Any]] = {
    "where": _where,
    "where_exp": _where_exp,
    "find": _find,
    "find_exp": _find_exp,
    "group_by": _group_by,
    "group_by_exp": _group_by_exp,
    "sort": _sort,
    "pop": _array_op(_pop),
    "push": _array_op(lambda items, arg: [*items, nil(arg)]),
    "shift": _array_op(_shift),
    "unshift": _array_op(lambda items, arg: [nil(arg), *items]),
    "sample": _sample,
}
