"""The document tree shared by the parsers and the renderer.

Nodes mirror kramdown's element model: a ``type`` name, an optional
``value``, HTML ``attrs`` (insertion ordered) and parser ``options``.  Nodes
support ``node["type"]`` so mistune's renderer dispatch can read them.
"""

from __future__ import annotations

import copy
from typing import Any

#: Element types that are span level (everything else is block level).
SPAN_TYPES = frozenset(
    "text a br img codespan footnote em strong entity typographic_sym "
    "smart_quote abbreviation".split()
)


#: Element types that are always block level.
BLOCK_TYPES = frozenset("blank p header blockquote codeblock ul ol li dl dt dd table td hr".split())


class Element:
    """One node of the document tree."""

    __slots__ = ("type", "value", "attrs", "children", "options")

    def __init__(
        self,
        type: str,
        value: Any = None,
        attrs: dict[str, str] | None = None,
        **options: Any,
    ) -> None:
        self.type = type
        self.value = value
        self.attrs: dict[str, str] = attrs if attrs is not None else {}
        self.children: list[Element] = []
        self.options: dict[str, Any] = options

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    def __deepcopy__(self, memo: dict[int, Any]) -> Element:
        # The same copy as copy.deepcopy's generic one, without its reduce protocol for
        # every node (the table of contents and footnotes copy parts of the tree).
        clone = Element.__new__(Element)
        memo[id(self)] = clone
        clone.type = self.type
        clone.value = _deep_copied(self.value, memo)
        clone.attrs = {key: _deep_copied(value, memo) for key, value in self.attrs.items()}
        clone.options = {key: _deep_copied(value, memo) for key, value in self.options.items()}
        clone.children = [copy.deepcopy(child, memo) for child in self.children]
        return clone

    def __repr__(self) -> str:
        return f"Element({self.type!r}, {self.value!r}, {self.attrs!r}, {self.children!r})"

    def is_block(self) -> bool:
        """Whether the element's category is block (kramdown's notion).

        Structural containers such as the root, table sections and rows have
        no category and are not block elements in this sense.
        """
        if self.type in BLOCK_TYPES:
            return True
        if self.type in SPAN_TYPES:
            return False
        return self.options.get("category") == "block"


_IMMUTABLE = frozenset({str, int, float, bool, type(None)})


def _deep_copied(value: Any, memo: dict[int, Any]) -> Any:
    return value if type(value) in _IMMUTABLE else copy.deepcopy(value, memo)


def add_text(tree: Element, text: str, text_type: str = "text") -> None:
    """Append ``text`` to ``tree``, merging with a trailing text node of that type."""
    if not text:
        return
    last = tree.children[-1] if tree.children else None
    if last is not None and last.type == text_type:
        last.value += text
    else:
        tree.children.append(Element(text_type, text))


def ensure_ial(el: Element) -> dict[str, Any]:
    """Return the element's IAL mapping, creating it when missing."""
    ial = el.options.get("ial")
    if ial is None:
        ial = el.options["ial"] = {}
    return ial
