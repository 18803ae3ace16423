"""Inline attribute lists (IAL) and attribute list definitions (ALD)."""

from __future__ import annotations

import re
from typing import Any

ALD_ID_NAME = r"\w[\w-]*"
ALD_ANY_CHARS = r"(?:\\\}|[^\}])"
_CLASS_NAME = r"\.([^\s.#]+)"
_ID_NAME = r"#([A-Za-z][\w:-]*)"
_ID_OR_CLASS = re.compile(_ID_NAME + "|" + _CLASS_NAME)
_ANY = re.compile(
    r"(?:\A|\s)(?:(?P<key>" + ALD_ID_NAME + r")=(?P<q>\"|')(?P<val>(?:\\\}|\\(?P=q)|(?!(?P=q))[^\}])*?)(?P=q)"
    r"|(?P<ref>" + ALD_ID_NAME + r")"
    r"|(?P<idc>(?:" + _ID_NAME + "|" + _CLASS_NAME + r")+))(?=\s|\Z)"
)

#: Start of a block extension, ALD or IAL line.
ALD_START = r"^ {0,3}\{:(" + ALD_ID_NAME + r"):(" + ALD_ANY_CHARS + r"+)\}[ \t]*\n"
EXT_START_STR = r"\{::(\w+)(?:\s(" + ALD_ANY_CHARS + r"*?)|)(/)?\}"
EXT_STOP_STR = r"\{:/(%s)?\}"
EXT_BLOCK_START = r"^ {0,3}(?:" + EXT_START_STR + "|" + (EXT_STOP_STR % ALD_ID_NAME) + r")[ \t]*\n"
IAL_BLOCK = r"\{:(?!:|/)(" + ALD_ANY_CHARS + r"+)\}[ \t]*\n"
IAL_BLOCK_START = r"^ {0,3}" + IAL_BLOCK
EXT_SPAN_START = EXT_START_STR + "|" + (EXT_STOP_STR % ALD_ID_NAME)
IAL_SPAN_START = r"\{:(" + ALD_ANY_CHARS + r"+)\}"


def parse_attribute_list(text: str, opts: dict[str, Any]) -> None:
    """Parse IAL/ALD content into ``opts`` (``class``, ``id``, keys, ``refs``)."""
    if not text.strip() or text.strip() == ":":
        return
    for m in _ANY.finditer(text):
        if m.group("ref"):
            opts.setdefault("refs", []).append(m.group("ref"))
        elif m.group("idc"):
            for part in _ID_OR_CLASS.finditer(m.group("idc")):
                if part.group(2):
                    opts["class"] = f"{opts.get('class', '')} {part.group(2)}".lstrip()
                else:
                    opts["id"] = part.group(1)
        else:
            quote = m.group("q")
            opts[m.group("key")] = re.sub(r"\\(\}|" + re.escape(quote) + ")", r"\1", m.group("val"))


def update_ial_with_ial(ial: dict[str, Any], opts: dict[str, Any]) -> None:
    """Merge the IAL ``opts`` into ``ial``."""
    if "refs" in opts:
        ial.setdefault("refs", []).extend(opts["refs"])
    for key, value in opts.items():
        if key == "class":
            ial["class"] = f"{ial.get('class', '')} {value}".lstrip()
        elif key != "refs":
            ial[key] = value


def update_attr_with_ial(attrs: dict[str, str], ial: dict[str, Any], alds: dict[str, dict[str, Any]]) -> None:
    """Apply an IAL (and the ALDs it references) to element attributes."""
    for ref in ial.get("refs", []):
        if ref in alds:
            update_attr_with_ial(attrs, alds[ref], alds)
    for key, value in ial.items():
        if key == "class":
            attrs["class"] = f"{attrs.get('class', '')} {value}".lstrip()
        elif key != "refs":
            attrs[key] = value
