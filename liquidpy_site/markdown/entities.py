"""HTML entities: lookup by name or code point and kramdown's output forms."""

from __future__ import annotations

import html.entities
from dataclasses import dataclass

_NAME_TO_CODE: dict[str, int] = dict(html.entities.name2codepoint)
_NAME_TO_CODE.update({"apos": 39})
_CODE_TO_NAME: dict[int, str] = {}
for _name, _code in sorted(_NAME_TO_CODE.items(), key=lambda item: item[0]):
    _CODE_TO_NAME.setdefault(_code, _name)
_CODE_TO_NAME[39] = "apos" if 39 not in _CODE_TO_NAME else _CODE_TO_NAME[39]

#: Characters that must stay escaped in HTML text.
ESCAPED_CHARS = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}


@dataclass(frozen=True)
class Entity:
    """A resolved entity: its code point and canonical name (if any)."""

    code_point: int
    name: str | None

    @property
    def char(self) -> str:
        """The character the entity stands for."""
        return chr(self.code_point)


def entity(ref: str | int) -> Entity | None:
    """Resolve an entity by name or code point, ``None`` when unknown."""
    if isinstance(ref, int):
        if ref < 0 or ref > 0x10FFFF or 0xD800 <= ref <= 0xDFFF:
            return None
        return Entity(ref, _CODE_TO_NAME.get(ref))
    code = _NAME_TO_CODE.get(ref)
    return Entity(code, ref) if code is not None else None


def entity_to_str(ent: Entity, mode: str, original: str | None = None) -> str:
    """Render an entity the way kramdown's ``entity_output`` mode does."""
    char = ent.char
    if mode == "as_char" and (char == '"' or char not in ESCAPED_CHARS):
        return char
    if mode in ("as_input", "as_char") and original:
        return original
    if (mode == "symbolic" or char in ESCAPED_CHARS) and ent.name:
        return f"&{ent.name};"
    return f"&#{ent.code_point};"


def escape_html(text: str, quotes: bool = False) -> str:
    """Escape ``<``, ``>`` and ``&`` (and ``"`` when ``quotes``) in ``text``."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quotes else text
