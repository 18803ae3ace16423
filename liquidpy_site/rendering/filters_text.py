"""Jekyll's text filters: escaping, word counts, slugs, JSON, ``inspect``, ..."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from liquid.filter import with_environment

from liquidpy_site.rendering.filters_std_text import awk_split, ruby_strip
from liquidpy_site.rendering.ruby import (
    LiquidArgumentError,
    flatten,
    format_float,
    inspect,
    is_drop,
    nil,
    to_i,
    to_s,
)

if TYPE_CHECKING:
    from liquid import Environment

__all__ = ["TEXT_FILTERS", "slugify", "to_json"]

_CJK_RANGES = (
    "\u1100-\u11ff\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029"
    "\u302e\u302f\u3038-\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff"
    "\u3131-\u318e\u31f0-\u31ff\u3200-\u321e\u3260-\u327e\u32d0-\u32fe\u3300-\u3357"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb"
    "\uf900-\ufa6d\ufa70-\ufad9\uff66-\uff6f\uff71-\uff9d\uffa0-\uffbe\uffc2-\uffc7"
    "\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc\U0001b000-\U0001b122\U0001b150-\U0001b152"
    "\U0001b164-\U0001b167\U0001f200\U00020000-\U0002a6df\U0002a700-\U0002ebe0"
    "\U0002f800-\U0002fa1d\U00030000-\U0003134a"
)


@functools.cache
def _cjk_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A CJK character, and a run of other non-space characters (compiled when first used)."""
    return re.compile(f"[{_CJK_RANGES}]"), re.compile(f"[^{_CJK_RANGES}\\s]+")

_PRETTY_EXTRA = set("._~!$&'()+,;=@")


def _word_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


_SLUG_KEEP: dict[str, Callable[[str], bool]] = {
    "raw": lambda c: c not in " \t\n\v\f\r",
    "default": _word_char,
    "latin": _word_char,
    "pretty": lambda c: _word_char(c) or c in _PRETTY_EXTRA,
    "ascii": lambda c: c.isascii() and c.isalnum(),
}
_LATIN_SPECIAL = {
    "Æ": "AE", "æ": "ae", "Ð": "D", "ð": "d", "×": "x", "Ø": "O", "ø": "o", "Þ": "Th",
    "þ": "th", "ß": "ss", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "Ĳ": "IJ",
    "ĳ": "ij", "ĸ": "k", "Ŀ": "L", "ŀ": "l", "Ł": "L", "ł": "l", "ŉ": "'n", "Ŋ": "NG",
    "ŋ": "ng", "Œ": "OE", "œ": "oe", "Ŧ": "T", "ŧ": "t",
}  # fmt: skip


_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"})


def _xml_escape(value: Any) -> str:
    return to_s(value).translate(_XML_ESCAPES)


def _normalize_whitespace(value: Any) -> str:
    return ruby_strip(re.sub(r"[ \t\n\v\f\r]+", " ", to_s(value)))


def _smartify(value: Any) -> str:
    from liquidpy_site.rendering.filters_smartify import smartify  # loads when first used

    return smartify(value)


def _number_of_words(value: Any, mode: Any = None) -> int:
    text = to_s(value)
    mode = nil(mode)
    if mode in ("cjk", "auto"):
        cjk_char, other_word = _cjk_patterns()
        cjk = len(cjk_char.findall(text))
        if mode == "cjk" or cjk:
            return cjk + len(other_word.findall(text))
        return len(awk_split(text))
    return len(awk_split(text))


def _array_to_sentence_string(value: Any, connector: Any = "and") -> str:
    items = nil(value)
    if items is None:
        raise LiquidArgumentError("undefined method `length' for nil:NilClass")
    if not isinstance(items, (list, tuple)):
        items = list(to_s(items))
    glue = to_s(connector)
    if not items:
        return ""
    if len(items) == 1:
        return to_s(items[0])
    if len(items) == 2:
        return f"{to_s(items[0])} {glue} {to_s(items[1])}"
    return ", ".join(to_s(i) for i in flatten(items[:-1])) + f", {glue} {to_s(items[-1])}"


def _transliterate(text: str) -> str:
    out = []
    for char in text:
        if ord(char) < 0x80:
            out.append(char)
        elif char in _LATIN_SPECIAL:
            out.append(_LATIN_SPECIAL[char])
        elif 0xC0 <= ord(char) <= 0x17E and char != "÷":
            base = unicodedata.normalize("NFD", char)[0]
            out.append(base if ord(base) < 0x80 else "?")
        else:
            out.append("?")
    return "".join(out)


def slugify(text: str | None, mode: str | None = None) -> str | None:
    """Return Jekyll's ``Utils.slugify`` of a string in the given mode."""
    if text is None:
        return None
    mode = mode or "default"
    keep = _SLUG_KEEP.get(mode)
    if keep is None:
        return text.lower()
    if mode == "latin":
        text = _transliterate(text)
    slug = "".join(c if keep(c) else "\0" for c in text)
    slug = re.sub("\0+", "-", slug)
    slug = re.sub(r"^-|-$", "", slug, flags=re.M)
    return slug.lower()


def _slugify(value: Any, mode: Any = None) -> str | None:
    value = nil(value)
    return slugify(None if value is None else to_s(value), nil(mode))


_JSON_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}


def _json_string(text: str) -> str:
    out = []
    for char in text:
        if char in _JSON_ESCAPES:
            out.append(_JSON_ESCAPES[char])
        elif ord(char) < 0x20:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _json(value: Any, depth: int) -> str:
    value = nil(value)
    if depth > 100:
        raise LiquidArgumentError("nesting of 101 is too deep")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise LiquidArgumentError(f"{format_float(value)} not allowed in JSON")
        return format_float(value)
    if isinstance(value, Mapping):
        items = _drop_items(value, depth)
        pairs = (f"{_json_string(to_s(k))}:{_json(v, depth + 1)}" for k, v in items)
        return "{" + ",".join(pairs) + "}"
    if isinstance(value, (list, tuple, range)):
        return "[" + ",".join(_json(v, depth + 1) for v in value) + "]"
    return _json_string(to_s(value))


_COLLAPSED_FIELDS = frozenset(("content", "output", "excerpt", "next", "previous"))


def _drop_items(value: Mapping[str, Any], depth: int) -> list[tuple[Any, Any]]:
    """Return a mapping's pairs; documents nested twice collapse their neighbours.

    As Jekyll's ``DocumentDrop#hash_for_json`` does, a document drop reached
    inside two or more arrays or objects gives its ``previous`` and ``next`` as
    plain objects without their content, output, excerpt and neighbours.
    """
    items = list(value.items())
    if isinstance(value, dict) or depth < 2 or "next" not in value:
        return items
    return [(k, _collapse(v) if k in ("next", "previous") and nil(v) else v) for k, v in items]


def _collapse(value: Any) -> Any:
    if not isinstance(value, Mapping):
        return value
    return {k: v for k, v in value.items() if k not in _COLLAPSED_FIELDS}


def to_json(value: Any) -> str:
    """Return Ruby's ``to_json`` of a Liquid value (drops serialise their mapping)."""
    return _json(value, 0)


def _pretty_json(value: Any, indent: str = "") -> str:
    value = nil(value)
    inner = indent + "  "
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        pairs = (
            f"{inner}{_json_string(to_s(k))}: {_pretty_json(v, inner)}" for k, v in value.items()
        )
        return "{\n" + ",\n".join(pairs) + f"\n{indent}}}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = (inner + _pretty_json(v, inner) for v in value)
        return "[\n" + ",\n".join(items) + f"\n{indent}]"
    return _json(value, 0)


def _inspect(value: Any) -> str:
    value = nil(value)
    return _xml_escape(_pretty_json(value) if is_drop(value) else inspect(value))


def _to_integer(value: Any) -> int:
    value = nil(value)
    if value is True:
        return 1
    if value is False:
        return 0
    return to_i(value)


@with_environment
def _markdownify(value: Any, *, environment: Environment) -> str:
    convert = getattr(environment, "markdownify", None)
    text = to_s(value)
    return convert(text) if convert else text


def _compile_sass(environment: Environment, text: str, ext: str) -> str:
    compile_text = getattr(environment, "sass_compile", None)
    if compile_text is not None:
        return compile_text(text, ext)
    import sass

    try:
        return sass.compile(string=text, output_style="compact", indented=ext == ".sass")
    except sass.CompileError as err:
        raise LiquidArgumentError(str(err)) from err


@with_environment
def _sassify(value: Any, *, environment: Environment) -> str:
    return _compile_sass(environment, to_s(value), ".sass")


@with_environment
def _scssify(value: Any, *, environment: Environment) -> str:
    return _compile_sass(environment, to_s(value), ".scss")


TEXT_FILTERS: dict[str, Callable[..., Any]] = {
    "xml_escape": _xml_escape,
    "normalize_whitespace": _normalize_whitespace,
    "number_of_words": _number_of_words,
    "array_to_sentence_string": _array_to_sentence_string,
    "slugify": _slugify,
    "jsonify": to_json,
    "inspect": _inspect,
    "to_integer": _to_integer,
    "markdownify": _markdownify,
    "smartify": _smartify,
    "sassify": _sassify,
    "scssify": _scssify,
}
