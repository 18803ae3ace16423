"""List and definition list block rules (kramdown's indentation model)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from . import patterns as P
from .attributes import parse_attribute_list
from .elements import Element, ensure_ial

if TYPE_CHECKING:
    from .blocks import KramdownBlockParser, KState

_UL = P.rx(P.LIST_START_UL)
_OL = P.rx(P.LIST_START_OL)
_LIST_START = P.rx(P.LIST_START)
_DL = P.rx(P.DEFINITION_LIST_START)
_HR = P.rx(P.HR_START)
_EOB = P.rx(P.EOB_MARKER)
_BLANK = P.rx(P.BLANK_LINE)
_ITEM_IAL = P.rx(P.LIST_ITEM_IAL)
_ITEM_IAL_CHECK = re.compile(P.LIST_ITEM_IAL_CHECK)
_LEADING_TABS = re.compile(r"( *)(\t+)")


@cache
def _line_patterns(indent: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Content, lazy and indentation patterns for items indented by ``indent``."""
    content = P.rx(
        r"^(?:(?:\t| {4}){%d} {%d}|(?:\t| {4}){%d}).*\S.*\n" % (indent // 4, indent % 4, indent // 4 + 1)
    )
    lazy = P.rx(
        r"(?!^ {0,%d}(?:%s|%s|%s)).*\S.*\n"
        % (min(indent, 3), P.IAL_BLOCK_RE, P.LAZY_END_HTML_STOP, P.LAZY_END_HTML_START)
    )
    return content, lazy, P.rx(r"^ {%d}" % indent)


@cache
def _marker_pattern(kind: str, indent: int) -> re.Pattern[str]:
    spaces = min(max(indent - 1, 0), 3)
    marker = {"ul": r"[+*-]", "ol": r"\d+\.", "dl": ":"}[kind]
    return P.rx(r"^( {0,%d}%s)(%s)" % (spaces, marker, P.PATTERN_TAIL))


def _first_line(indent: int, content: str) -> tuple[str, int]:
    """Strip the first item line and compute the item's content indentation."""
    if _ITEM_IAL_CHECK.match(content):
        indent = 4
    else:
        while tabs := _LEADING_TABS.match(content):
            spaces, run = tabs.group(1), tabs.group(2)
            column = len(spaces) + indent
            width = 4 - (column % 4) + (len(run) - 1) * 4
            content = spaces + " " * width + content[tabs.end() :]
        indent += len(content) - len(content.lstrip(" "))
    return re.sub(r"^\s*", "", content, count=1), indent


def _take_item_ial(item: Element, value: str) -> str:
    m = _ITEM_IAL.match(value)
    if not m:
        return value
    parse_attribute_list(m.group(1), ensure_ial(item))
    return value[m.end() :]


def parse_list(p: KramdownBlockParser, _m: re.Match[str], state: KState) -> bool:
    """Parse a bulleted or ordered list."""
    kind, marker = ("ul", _UL) if state.match(_UL) else ("ol", _OL)
    lst = state.new_block_el(kind)
    item: Element | None = None
    chunks: list[str] = []
    content = lazy = indent_re = None
    indent = 0
    eob_found = nested = last_blank = False
    while state.pos < state.cursor_max:
        if last_blank and state.match(_HR):
            break
        if m := state.match(_EOB):
            state.pos = m.end()
            eob_found = True
            break
        if m := state.match(marker):
            state.pos = m.end()
            lst.options.setdefault("first_list_marker", m.group(1).strip())
            item = Element("li")
            lst.children.append(item)
            value, indent = _first_line(len(m.group(1)), m.group(2))
            content, lazy, indent_re = _line_patterns(indent)
            value = _take_item_ial(item, value)
            marker = _marker_pattern(kind, indent)
            nested = bool(_LIST_START.search(value))
            last_blank = False
            chunks = [value]
            item.value = chunks
            continue
        assert content is not None and lazy is not None and indent_re is not None
        m = state.match(content) or (None if last_blank else state.match(lazy))
        if m:
            state.pos = m.end()
            line = re.sub(r"^(\t+)", lambda t: " " * 4 * len(t.group(1)), m.group(0))
            stripped = indent_re.sub("", line, count=1)
            has_indent = stripped != line
            line = stripped
            if not nested and has_indent and _LIST_START.search(line):
                chunks.append("")
                nested = True
            elif nested and not has_indent and _LIST_START.search(line):
                line = " " * (indent + 4) + line
            chunks[-1] += line
            last_blank = False
        elif m := state.match(_BLANK):
            state.pos = m.end()
            nested = last_blank = True
            chunks[-1] += m.group(0)
        else:
            break
    state.tree.children.append(lst)
    _finish_list_items(p, state, lst, eob_found)
    if p.gfm:
        _mark_task_items(lst)
    return True


_BOX = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />'
_BOX_CHECKED = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />'
_UNCHECKED_RE = re.compile(r"\A\s*\[ \]\s+")
_CHECKED_RE = re.compile(r"\A\s*\[x\]\s+", re.I)


def _mark_task_items(lst: Element) -> None:
    """GFM task lists: ``[ ]``/``[x]`` item starts become checkboxes."""
    is_task_list = False
    for li in lst.children:
        if not li.children or li.children[0].type != "p" or not li.children[0].children:
            continue
        text = li.children[0].children[0]
        value, unchecked = _UNCHECKED_RE.subn(_BOX, text.value, count=1)
        value, checked = _CHECKED_RE.subn(_BOX_CHECKED, value, count=1)
        text.value = value
        is_task_list = is_task_list or bool(unchecked or checked)
        if is_task_list:
            li.attrs["class"] = "task-list-item"
    if is_task_list:
        lst.attrs["class"] = "task-list"


def _finish_list_items(p: KramdownBlockParser, state: KState, lst: Element, eob_found: bool) -> None:
    last: Element | None = None
    for it in lst.children:
        temp = Element("temp")
        for chunk in it.value:
            p.parse_blocks(state, temp, chunk)
        it.children, it.value = temp.children, None
        kids = it.children
        if not kids:
            continue
        if kids[0].type == "p" and len(kids) >= 2 and kids[1].type == "eob" and kids[0].options.get("ial"):
            del kids[1]
        if kids[0].type == "p" and _tight(it, kids, lst, eob_found):
            if len(kids) > 1 and kids[1].type != "blank":
                kids[0].children[0].value += "\n"
            kids[0].options["transparent"] = True
        last = kids.pop() if kids[-1].type == "blank" else None
    if last is not None and not eob_found:
        state.tree.children.append(last)


def _tight(it: Element, kids: list[Element], lst: Element, eob_found: bool) -> bool:
    is_last = lst.children[-1] is it
    own = len(kids) < 2 or kids[1].type != "blank" or (is_last and len(kids) == 2 and not eob_found)
    if not own:
        return False
    if not is_last or len(lst.children) == 1:
        return True
    return any(
        not c.children or c.children[0].type != "p" or c.children[0].options.get("transparent")
        for c in lst.children[:-1]
    )


def parse_definition_list(p: KramdownBlockParser, _m: re.Match[str], state: KState) -> bool:
    """Parse definitions (``: text``) following a paragraph of terms."""
    children = state.tree.children
    if not children or (len(children) == 1 and children[-1].type != "p") or (
        len(children) >= 2
        and children[-1].type != "p"
        and (children[-1].type != "blank" or children[-1].value != "\n" or children[-2].type != "p")
    ):
        return False
    first_as_para = False
    dl = state.new_block_el("dl")
    para = children.pop()
    if para.type == "blank":
        para = children.pop()
        first_as_para = True
    for term in para.children[0].value.split("\n"):
        dt = Element("dt")
        m = _ITEM_IAL.match(term)
        if m:
            parse_attribute_list(m.group(1), ensure_ial(dt))
            term = term[m.end() :]
        dt.options["raw_text"] = term
        dt.children.append(Element("raw_text", term))
        dl.children.append(dt)
    dl.options["ial"] = para.options.get("ial")
    _collect_definitions(state, dl, first_as_para)
    _finish_definitions(p, state, dl)
    return True


def _collect_definitions(state: KState, dl: Element, first_as_para: bool) -> None:
    item: Element | None = None
    content = lazy = indent_re = None
    start_re = _DL
    last_blank = False
    while state.pos < state.cursor_max:
        if m := state.match(start_re):
            state.pos = m.end()
            item = Element("dd", first_as_para=first_as_para)
            value, indent = _first_line(len(m.group(1)), m.group(2))
            content, lazy, indent_re = _line_patterns(indent)
            m2 = _ITEM_IAL.match(value)
            if m2:
                parse_attribute_list(m2.group(1), ensure_ial(item))
                value = value[m2.end() :]
            item.value = value
            dl.children.append(item)
            start_re = _marker_pattern("dl", indent)
            first_as_para = last_blank = False
            continue
        if state.match(_EOB) or item is None:
            break
        assert content is not None and lazy is not None and indent_re is not None
        m = state.match(content) or (None if last_blank else state.match(lazy))
        if m:
            state.pos = m.end()
            line = re.sub(r"^(\t+)", lambda t: " " * 4 * len(t.group(1)), m.group(0))
            item.value += indent_re.sub("", line, count=1)
            first_as_para = last_blank = False
        elif m := state.match(_BLANK):
            state.pos = m.end()
            first_as_para = last_blank = True
            item.value += m.group(0)
        else:
            break


def _finish_definitions(p: KramdownBlockParser, state: KState, dl: Element) -> None:
    last: Element | None = None
    for it in dl.children:
        if it.type == "dt":
            continue
        value, it.value = it.value, None
        p.parse_blocks(state, it, value)
        kids = it.children
        if not kids:
            continue
        last = kids.pop() if kids[-1].type == "blank" else None
        first_as_para = it.options.pop("first_as_para", False)
        if kids and kids[0].type == "p" and not first_as_para:
            if len(kids) > 1:
                kids[0].children[0].value += "\n"
            kids[0].options["transparent"] = True
    children = state.tree.children
    if children and children[-1].type == "dl":
        children[-1].children.extend(dl.children)
    elif len(children) >= 2 and children[-1].type == "blank" and children[-2].type == "dl":
        children.pop()
        children[-1].children.extend(dl.children)
    else:
        children.append(dl)
    if last is not None:
        children.append(last)
