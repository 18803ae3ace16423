"""Liquid 5.4's standard array filters and ``size``/``first``/``last``/``default``."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from liquidpy_site.rendering.ruby import (
    LiquidArgumentError,
    flatten,
    inspect,
    is_drop,
    nil,
    to_s,
)

__all__ = ["ARRAY_FILTERS", "input_items", "ruby_compare", "ruby_index"]


class _NoIndex(Exception):
    """The value has no ``[]`` method (Ruby's ``NoMethodError``)."""


def input_items(value: Any) -> list[Any]:
    """Return Liquid's ``InputIterator`` view of a filter input as a list."""
    value = nil(value)
    if isinstance(value, (list, tuple)):
        return flatten(value)
    if value is None:
        return []
    if isinstance(value, range):
        return list(value)
    return [value]


def ruby_index(obj: Any, key: Any) -> Any:
    """Return Ruby's ``obj[key]`` for the values Liquid filters see.

    Raises:
        LiquidArgumentError: Where Ruby raises ``TypeError`` (arrays, numbers).
        _NoIndex: Where the object has no ``[]`` (nil, booleans, times).
    """
    obj = nil(obj)
    if isinstance(obj, Mapping):
        return nil(obj.get(key)) if _hashable(key) else None
    if isinstance(obj, str):
        if isinstance(key, str):
            return key if key in obj else None
        if isinstance(key, int) and not isinstance(key, bool):
            return obj[key] if -len(obj) <= key < len(obj) else None
        raise LiquidArgumentError(f"cannot select the property '{to_s(key)}'")
    if isinstance(obj, (list, tuple)):
        if isinstance(key, int) and not isinstance(key, bool):
            return obj[key] if -len(obj) <= key < len(obj) else None
        raise LiquidArgumentError(f"cannot select the property '{to_s(key)}'")
    if isinstance(obj, (int, float, Decimal)) and not isinstance(obj, bool):
        raise LiquidArgumentError(f"cannot select the property '{to_s(key)}'")
    raise _NoIndex


def _hashable(key: Any) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True


def _numeric(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def ruby_compare(a: Any, b: Any) -> int | None:
    """Return Ruby's ``a <=> b`` (``None`` where Ruby returns nil)."""
    a, b = nil(a), nil(b)
    if _numeric(a) and _numeric(b):
        return (a > b) - (a < b)
    if isinstance(a, str) and isinstance(b, str):
        left, right = a.encode("utf-8"), b.encode("utf-8")
        return (left > right) - (left < right)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        for x, y in zip(a, b, strict=False):
            result = ruby_compare(x, y)
            if result != 0:
                return result
        return (len(a) > len(b)) - (len(a) < len(b))
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return (a > b) - (a < b)
    if type(a) is dt.date and type(b) is dt.date:
        return (a > b) - (a < b)
    if a is b or (a is None and b is None):
        return 0
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        if a is b or a == b:
            return 0
        return _compare_documents(a, b)
    return None


def _compare_documents(a: Mapping[str, Any], b: Mapping[str, Any]) -> int | None:
    """Compare document drops by date, then path (Jekyll's ``DocumentDrop#<=>``)."""
    if isinstance(a, dict) or isinstance(b, dict) or "next" not in a or "next" not in b:
        return None
    result = ruby_compare(a.get("date"), b.get("date"))
    if result is None or result == 0:
        result = ruby_compare(a.get("path"), b.get("path"))
    return result


def _nil_safe_compare(a: Any, b: Any) -> int:
    result = ruby_compare(a, b)
    if result is not None:
        return result
    if a is None:
        return 1
    if b is None:
        return -1
    raise LiquidArgumentError("cannot sort values of incompatible types")


def _casecmp(a: Any, b: Any) -> int:
    if a is not None and b is not None:
        left = to_s(a).encode("utf-8").lower()
        right = to_s(b).encode("utf-8").lower()
        return (left > right) - (left < right)
    return 1 if a is None else -1


def _property(item: Any, prop: Any) -> Any:
    try:
        return ruby_index(item, prop)
    except _NoIndex:
        return None


def _all_indexable(items: list[Any]) -> bool:
    """Return whether every item has Ruby's ``[]`` (not nil, booleans, floats or times)."""
    return all(i is not None and not isinstance(i, (bool, float, Decimal, dt.date)) for i in items)


def _sort_with(value: Any, prop: Any, compare: Callable[[Any, Any], int]) -> Any:
    items = input_items(value)
    if not items:
        return []
    if nil(prop) is None:
        return sorted(items, key=functools.cmp_to_key(compare))
    if not _all_indexable(items):
        return None
    keyed = [(_property(item, prop), item) for item in items]
    keyed.sort(key=functools.cmp_to_key(lambda x, y: compare(x[0], y[0])))  # type: ignore[index]
    return [item for _, item in keyed]


def _sort_natural(value: Any, prop: Any = None) -> Any:
    return _sort_with(value, prop, _casecmp)


def _liquid_sort(value: Any, prop: Any = None) -> Any:
    return _sort_with(value, prop, _nil_safe_compare)


def _uniq_key(value: Any) -> Any:
    value = nil(value)
    if isinstance(value, (list, tuple, Mapping)):
        return ("inspect", inspect(value))
    return (type(value).__name__, value)


def _select_property(items: list[Any], prop: Any) -> list[Any] | None:
    """Return ``item[prop]`` for each item, or ``None`` when Ruby's filter returns nil."""
    values = []
    for item in items:
        try:
            values.append(ruby_index(item, prop))
        except _NoIndex:
            return None
    return values


def _uniq(value: Any, prop: Any = None) -> Any:
    items = input_items(value)
    if nil(prop) is None:
        keys = [_uniq_key(item) for item in items]
    elif not items:
        return []
    else:
        selected = _select_property(items, prop)
        if selected is None:
            return None
        keys = [_uniq_key(v) for v in selected]
    seen: set[Any] = set()
    result = []
    for key, item in zip(keys, items, strict=True):
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result


def _compact(value: Any, prop: Any = None) -> Any:
    items = input_items(value)
    if nil(prop) is None:
        return [item for item in items if item is not None]
    if not items:
        return []
    selected = _select_property(items, prop)
    if selected is None:
        return None
    return [item for item, v in zip(items, selected, strict=True) if v is not None]


def _map(value: Any, prop: Any) -> list[Any]:
    result = []
    for item in input_items(value):
        if prop == "to_liquid":
            result.append(item)
            continue
        result.append(_property(item, prop))
    return result


def _join(value: Any, glue: Any = " ") -> str:
    return to_s(glue).join(to_s(item) for item in input_items(value))


def _concat(value: Any, other: Any) -> list[Any]:
    other = nil(other)
    if not isinstance(other, (list, tuple)):
        raise LiquidArgumentError("concat filter requires an array argument")
    return input_items(value) + list(other)


def _first(value: Any) -> Any:
    value = nil(value)
    if isinstance(value, (list, tuple)):
        return value[0] if value else None
    if isinstance(value, range):
        return value.start if len(value) else None
    if isinstance(value, Mapping):
        return next(([k, v] for k, v in value.items()), None)
    return None


def _last(value: Any) -> Any:
    value = nil(value)
    if isinstance(value, (list, tuple)):
        return value[-1] if value else None
    if isinstance(value, range):
        return value[-1] if len(value) else None
    return None


def _size(value: Any) -> int:
    value = nil(value)
    if is_drop(value):
        return 0
    if isinstance(value, (str, list, tuple, Mapping, range)):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return 8
    return 0


def _default(value: Any, default_value: Any = "", allow_false: Any = False, **_: Any) -> Any:
    value = nil(value)
    if type(default_value).__name__ in ("Empty", "Blank"):
        default_value = ""
    if nil(allow_false) not in (None, False):
        falsy = value is None
    else:
        falsy = value is None or value is False
    empty = isinstance(value, (str, list, tuple, Mapping)) and len(value) == 0
    return default_value if falsy or empty else value


ARRAY_FILTERS: dict[str, Callable[..., Any]] = {
    "join": _join,
    "sort": _liquid_sort,
    "sort_natural": _sort_natural,
    "uniq": _uniq,
    "reverse": lambda value: list(reversed(input_items(value))),
    "map": _map,
    "compact": _compact,
    "concat": _concat,
    "first": _first,
    "last": _last,
    "size": _size,
    "default": _default,
}
