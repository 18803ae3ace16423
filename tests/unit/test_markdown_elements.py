"""The document tree: deep copies (the table of contents and footnotes copy parts of it)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from liquidpy_site.markdown.converter import parse_document
from liquidpy_site.markdown.elements import Element
from liquidpy_site.markdown.options import KramdownOptions

_PIECES = st.sampled_from([
    "# Title {#custom}\n", "Some *emphasis* and `code`.\n", "- a\n- b\n  - c\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n", "Note[^1].\n\n[^1]: The *note*.\n", "* TOC\n{:toc}\n",
    "{:.cls}\nA paragraph.\n", "```ruby\nx = 1\n```\n", "term\n: definition\n", "> quoted\n",
    "<div markdown=\"1\">*x*</div>\n", "\n",
])


def _shape(el: Element) -> Any:
    value = _shape(el.value) if isinstance(el.value, Element) else el.value
    return (el.type, value, el.attrs, el.options, [_shape(child) for child in el.children])


@given(st.lists(_PIECES, max_size=8))
def test_a_deep_copy_has_the_same_shape_and_shares_nothing_mutable(pieces: list[str]) -> None:
    root, _context = parse_document("\n".join(pieces), KramdownOptions())
    clone = copy.deepcopy(root)
    assert _shape(clone) == _shape(root)
    originals = {id(el) for el in _walk(root)} | {id(el.attrs) for el in _walk(root)} \
        | {id(el.options) for el in _walk(root)} | {id(el.children) for el in _walk(root)}
    for el in _walk(clone):
        assert not {id(el), id(el.attrs), id(el.options), id(el.children)} & originals
        for value in el.options.values():
            if isinstance(value, (dict, list)):
                assert id(value) not in {id(v) for o in _walk(root) for v in o.options.values()}


def test_a_node_met_twice_is_copied_once() -> None:
    shared = Element("text", "x", {"a": "1"}, ial={"class": "c"})
    parent = Element("p")
    parent.children = [shared, shared]
    clone = copy.deepcopy(parent)
    assert clone.children[0] is clone.children[1] is not shared
    clone.children[0].options["ial"]["class"] = "changed"
    assert shared.options["ial"] == {"class": "c"}


def _walk(el: Element) -> list[Element]:
    return [el, *(node for child in el.children for node in _walk(child))]
