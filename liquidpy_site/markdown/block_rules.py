"""Simple kramdown block rules: blanks, code, quotes, headers, definitions, paragraphs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import patterns as P
from .attributes import ALD_START, EXT_BLOCK_START, IAL_BLOCK_START, parse_attribute_list
from .elements import Element, add_text, ensure_ial
from .extensions import parse_extension_tag
from .spans_links import normalize_link_id

if TYPE_CHECKING:
    from .blocks import KramdownBlockParser, KState

_LINE = P.rx(r"^[^\n]*\n")
_FENCED_MATCH = P.rx(P.FENCED_MATCH, re.S)
_FENCED_MATCH_KRAMDOWN = P.rx(P.FENCED_MATCH_KRAMDOWN, re.S)
_INDENT = P.rx(P.INDENT)
_CODE_MATCH = P.rx(P.CODEBLOCK_MATCH)
_LAZY_END = P.rx(P.LAZY_END)
_BQ_PREFIX = P.rx(P.BLOCKQUOTE_START)
_ALD = P.rx(ALD_START)
_EXT_BLOCK = P.rx(EXT_BLOCK_START)
_IAL_BLOCK = P.rx(IAL_BLOCK_START)



def parse_blank_line(_p: KramdownBlockParser, m: re.Match[str], state: KState) -> bool:
    """Blank lines (merged into one ``blank`` element)."""
    state.pos = m.end()
    children = state.tree.children
    if children and children[-1].type == "blank":
        children[-1].value += m.group(0)
    else:
        children.append(state.new_block_el("blank", m.group(0)))
    return True


def parse_codeblock(_p: KramdownBlockParser, _m: re.Match[str], state: KState) -> bool:
    """Indented code block, including kramdown's lazy continuation lines."""
    m = state.match(_CODE_MATCH)
    assert m is not None
    state.pos = m.end()
    data = re.sub(r"\n( {0,3}\S)", r" \1", m.group(0))
    data = _INDENT.sub("", data)
    state.tree.children.append(state.new_block_el("codeblock", data))
    return True


def parse_codeblock_fenced(p: KramdownBlockParser, _m: re.Match[str], state: KState) -> bool:
    """Fenced code block (backticks or tildes for GFM, tildes otherwise)."""
    m = state.match(_FENCED_MATCH if p.gfm else _FENCED_MATCH_KRAMDOWN)
    if m is None:
        return False
    state.pos = m.end()
    el = state.new_block_el("codeblock", m.group(5), fenced=True)
    lang = (m.group(3) or "").strip()
    if lang:
        el.options["lang"] = lang
        el.attrs["class"] = f"language-{m.group(4)}"
    state.tree.children.append(el)
    return True


def parse_blockquote(p: KramdownBlockParser, _m: re.Match[str], state: KState) -> bool:
    """Block quote: lines up to a lazy end, parsed again without ``>``."""
    start = state.pos
    state.pos = state.match(_LINE).end()
    while not state.match(_LAZY_END):
        state.pos = state.match(_LINE).end()
    body = _BQ_PREFIX.sub("", state.src[start : state.pos])
    el = state.new_block_el("blockquote")
    state.tree.children.append(el)
    p.parse_blocks(state, el, body)
    return True


def _header_contents(text: str) -> tuple[str, str | None]:
    text = text.rstrip()
    m = P.HEADER_ID.search(text)
    if m:
        return text[: m.start()].rstrip(), m.group(1)
    return text, None


def _add_header(state: KState, m: re.Match[str], level: int, text: str, hid: str | None) -> None:
    state.pos = m.end()
    el = state.new_block_el("header", level=level, raw_text=text)
    add_text(el, text, "raw_text")
    if hid:
        el.attrs["id"] = hid
    state.tree.children.append(el)


def parse_atx_header(p: KramdownBlockParser, m: re.Match[str], state: KState) -> bool:
    """``#`` headers (GFM needs a space after the hashes)."""
    if not p.gfm and not state.after_block_boundary():
        return False
    text, hid = _header_contents(m.group("contents"))
    stripped = re.sub(r"[\t ]#+\Z" if p.gfm else r"(?<!\\)#+\Z", "", text)
    if stripped != text:
        text = stripped.rstrip()
    if not text:
        return False
    _add_header(state, m, len(m.group("level")), text, hid)
    return True


def parse_setext_header(_p: KramdownBlockParser, m: re.Match[str], state: KState) -> bool:
    """Underlined headers, only after a block boundary."""
    if not state.after_block_boundary():
        return False
    text, hid = _header_contents(m.group("contents"))
    if not text:
        return False
    _add_header(state, m, 2 if m.group("level") == "-" else 1, text, hid)
    return True


def parse_horizontal_rule(_p: KramdownBlockParser, m: re.Match[str], state: KState) -> bool:
    """Horizontal rule."""
    state.pos = m.end()
    state.tree.children.append(state.new_block_el("hr"))
    return True


def parse_block_math(_p: KramdownBlockParser, m: re.Match[str], state: KState) -> bool:
    """``$$ ... $$`` display math standing between block boundaries."""
    if not state.after_block_boundary():
        return False
    if m.group(1):
        if m.group(3):
            esc = re.compile(r" {0,3}\\").match(state.src, state.pos)
            if esc:
                state.pos = esc.end()
        return False
    saved = state.pos
    state.pos = m.end()
    if state.before_block_boundary():
        state.tree.children.append(state.new_block_el("math", m.group(2).strip(), category="block"))
        return True
    state.pos = saved
    return False


def parse_footnote_definition(p: KramdownBlockParser, m: re.Match[str], state: KState) -> bool:
    """``[^name]: text`` footnote definitions."""
    state.pos = m.end()
    el = Element("footnote_def")
    p.parse_blocks(state, el, _INDENT.sub("", m.group(2)))
    eob = state.new_block_el("eob", "footnote_def")
    state.tree.children.append(eob)
    p.ctx.footnotes[m.group(1)] = {"content": el, "eob": eob}
    return True


def parse_link_definition(p: KramdownBlockParser, m: re.Match[str], state: KState) -> bool:
    """``[id]: url "title"`` link definitions."""
    if m.group(3) and re.search(r"[ \t]+[\"']", m.group(3)):
        return False
    state.pos = m.end()
    eob = state.new_block_el("eob", "link_def")
    state.tree.children.append(eob)
    url = m.group(2) if m.group(2) is not None else m.group(3)
    p.ctx.link_defs[normalize_link_id(m.group(1))] = (url, m.group(5), eob)
    return True


def parse_abbrev_definition(p: KramdownBlockParser, m: re.Match[str], state: KState) -> bool:
    """``*[ABBR]: title`` abbreviation definitions."""
    state.pos = m.end()
    eob = state.new_block_el("eob", "abbrev_def")
    state.tree.children.append(eob)
    p.ctx.abbrev_defs[m.group(1)] = m.group(2).strip()
    p.ctx.abbrev_attr[m.group(1)] = eob
    return True


def parse_block_extensions(p: KramdownBlockParser, _m: re.Match[str], state: KState) -> bool:
    """ALDs, block extensions and block IALs."""
    m = state.match(_ALD)
    if m:
        state.pos = m.end()
        parse_attribute_list(m.group(2), p.ctx.alds.setdefault(m.group(1), {}))
        state.tree.children.append(state.new_block_el("eob", "ald"))
        return True
    m = state.match(_EXT_BLOCK)
    if m:
        return parse_extension_tag(state, m, "block")
    m = state.match(_IAL_BLOCK)
    if not m:
        return False
    state.pos = m.end()
    children = state.tree.children
    last = children[-1] if children else None
    if last is not None and last.type != "blank" and (
        last.type != "eob" or last.value in ("link_def", "abbrev_def", "footnote_def")
    ):
        parse_attribute_list(m.group(1), ensure_ial(last))
        if not state.match(_IAL_BLOCK):
            children.append(state.new_block_el("eob", "ial"))
    else:
        if state.block_ial is None:
            state.block_ial = {}
        parse_attribute_list(m.group(1), state.block_ial)
    return True


def parse_eob_marker(_p: KramdownBlockParser, m: re.Match[str], state: KState) -> bool:
    """The ``^`` end-of-block marker."""
    state.pos = m.end()
    state.tree.children.append(state.new_block_el("eob"))
    return True


def parse_paragraph(p: KramdownBlockParser, _m: re.Match[str], state: KState) -> bool:
    """Paragraph lines up to the paragraph end pattern."""
    start = state.pos
    state.pos = state.match(_LINE).end()
    while not state.match(p.paragraph_end):
        state.pos = state.match(_LINE).end()
    result = state.src[start : state.pos].rstrip()
    children = state.tree.children
    last = children[-1] if children else None
    if last is not None and last.type == "p":
        tail = last.children[-1] if last.children else None
        if tail is not None and tail.type == "raw_text":
            joiner = "  \n" if state.src[max(start - 3, 0) : start] == "  \n" else "\n"
            tail.value += joiner + result
        else:
            add_text(last, result, "raw_text")
    else:
        el = state.new_block_el("p")
        children.append(el)
        add_text(el, result.lstrip(), "raw_text")
    return True


