"""Block-level raw HTML: tags, comments and their bodies."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .context import StopBlockParsing
from .elements import Element, add_text
from .html_names import (
    COMMENT_RE,
    ELEMENTS_WITHOUT_BODY,
    INSTRUCTION_RE,
    KNOWN_ELEMENTS,
    NAME,
    SPAN_ELEMENTS,
    TAG_CLOSE_RE,
    TAG_RE,
    content_model,
    parse_attributes,
)

if TYPE_CHECKING:
    from .blocks import KramdownBlockParser, KState

_MARKDOWN_ATTR = {"0": "raw", "1": "default", "span": "span", "block": "block"}
_TRAILING_WS = re.compile(r"[ \t]*\n")
_OPT_TAG = re.compile(r" {0,3}(?=<)")
_RAW_START = re.compile(r"<(?:" + NAME + r"|/|!--|\?)")


def _skip(state: KState, pattern: re.Pattern[str]) -> None:
    m = pattern.match(state.src, state.pos)
    if m:
        state.pos = m.end()


def parse_block_html(p: KramdownBlockParser, _m: re.Match[str], state: KState) -> bool:
    """Parse an HTML comment, start tag or closing tag at the start of a line."""
    comment = COMMENT_RE.match(state.src, state.pos)
    if comment:
        state.pos = comment.end()
        state.tree.children.append(Element("xml_comment", comment.group(0), category="block"))
        _skip(state, _TRAILING_WS)
        return True
    lead = _OPT_TAG.match(state.src, state.pos)
    start = lead.end() if lead else state.pos
    tag = TAG_RE.match(state.src, start)
    if tag and tag.group(1).lower() not in SPAN_ELEMENTS:
        state.pos = tag.end()
        handle_start_tag(p, state, tag)
        return True
    close = TAG_CLOSE_RE.match(state.src, start)
    if close and close.group(1).lower() not in SPAN_ELEMENTS:
        tree = state.tree
        if tree.type == "html_element" and tree.value == close.group(1).lower():
            state.pos = close.end()
            raise StopBlockParsing()
    return False


def handle_start_tag(p: KramdownBlockParser, state: KState, tag: re.Match[str]) -> None:
    """Create the element for ``tag`` and parse its body."""
    name = tag.group(1)
    known = name.lower() in KNOWN_ELEMENTS
    if known:
        name = name.lower()
    closed = tag.group(4) is not None
    el = Element("html_element", name, parse_attributes(tag.group(2), known), category="block")
    state.tree.children.append(el)
    if not closed and name in ELEMENTS_WITHOUT_BODY:
        closed = True
    if name in ("script", "style"):
        stop = re.compile(r"</" + name + r"\s*>", re.I)
        m = stop.search(state.src, state.pos)
        end = m.start() if m else state.cursor_max
        add_text(el, state.src[state.pos : end], "raw")
        state.pos = m.end() if m else end
        _body(p, state, el, False, False)
    else:
        _body(p, state, el, closed, True)


def _body(p: KramdownBlockParser, state: KState, el: Element, closed: bool, handle: bool) -> None:
    if state.block_ial is not None:
        el.options["ial"] = state.block_ial
        state.block_ial = None
    parent = state.tree
    parent_raw = parent.type == "html_element" and parent.options.get("content_model") == "raw"
    model = "raw" if parent_raw or not state.ctx.options["parse_block_html"] else content_model(el.value)
    mode = _MARKDOWN_ATTR.get(el.attrs.pop("markdown", ""))
    if mode is not None:
        model = content_model(el.value) if mode == "default" else mode
    if model == "block":
        _skip(state, _TRAILING_WS)
    el.options["content_model"] = model
    el.options["is_closed"] = closed
    if closed or not handle:
        return
    if model == "block":
        p.parse_blocks(state, el)
    elif model == "span":
        stop = re.compile(r"(?=</" + re.escape(el.value) + r"\s*>)", re.I)
        m = stop.search(state.src, state.pos)
        end = m.start() if m else state.cursor_max
        add_text(el, state.src[state.pos : end], "raw_text")
        state.pos = end
        if m:
            _skip(state, TAG_CLOSE_RE)
    else:
        parse_raw_html(p, state, el)
    if not parent_raw:
        _skip(state, _TRAILING_WS)


def parse_raw_html(p: KramdownBlockParser, state: KState, el: Element) -> None:
    """Parse the body of a raw HTML element, keeping nested tags as elements."""
    saved = state.tree
    state.tree = el
    try:
        while state.pos < state.cursor_max:
            m = _RAW_START.search(state.src, state.pos)
            if m is None:
                add_text(el, state.src[state.pos :], "text")
                state.pos = state.cursor_max
                break
            add_text(el, state.src[state.pos : m.start()], "text")
            state.pos = m.start()
            if _raw_token(p, state, el):
                break
    finally:
        state.tree = saved


def _raw_token(p: KramdownBlockParser, state: KState, el: Element) -> bool:
    """Handle one markup token inside raw HTML; ``True`` at the closing tag."""
    for pattern, kind in ((COMMENT_RE, "xml_comment"), (INSTRUCTION_RE, "xml_pi")):
        m = pattern.match(state.src, state.pos)
        if m:
            state.pos = m.end()
            el.children.append(Element(kind, m.group(0), category="block"))
            return False
    m = TAG_RE.match(state.src, state.pos)
    if m:
        state.pos = m.end()
        handle_start_tag(p, state, m)
        return False
    m = TAG_CLOSE_RE.match(state.src, state.pos)
    if m:
        state.pos = m.end()
        name = m.group(1).lower() if el.value in KNOWN_ELEMENTS else m.group(1)
        if el.value == name:
            return True
        add_text(el, m.group(0), "text")
        return False
    add_text(el, state.src[state.pos], "text")
    state.pos += 1
    return False
