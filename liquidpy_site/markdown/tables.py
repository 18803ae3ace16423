"""GFM/kramdown table block rule."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import patterns as P
from .context import ParseContext
from .elements import Element
from .inline import SpanParser

if TYPE_CHECKING:
    from .blocks import KramdownBlockParser, KState

_PIPE_CHECK = r"(?:\||.*?[^\\\n]\|)"
TABLE_START = r"^" + P.OPT_SPACE + r"(?=\S)" + _PIPE_CHECK + r"[^\n]*\n"
_TABLE_LINE = P.rx(_PIPE_CHECK + r"[^\n]*\n")
_SEP_LINE = P.rx(r"^([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n")
_HSEP_ALIGN = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?")
_FSEP_LINE = P.rx(r"^[+|: \t=]*?=[+|: \t=]*?[ \t]*\n")
_ROW_LINE = P.rx(r"^(.*?)[ \t]*\n")
_CODE_TAG = re.compile(r"(<code.*?>.*?</code>)")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_PIPE_CHECK_RE = re.compile(_PIPE_CHECK)


def _span_children(ctx: ParseContext, text: str, names: list[str]) -> list[Element]:
    """Span-parse ``text`` with only the rules in ``names``."""
    holder = Element("root")
    key = (str(ctx.options.get("input", "GFM")), bool(ctx.options["hard_wrap"]))
    parser = ctx.span_parsers.get(key)
    if parser is None:
        parser = ctx.span_parsers[key] = SpanParser(ctx)
    parser.parse_into(holder, text, names)
    return holder.children


def _append(cells: list[str], text: str) -> None:
    if cells:
        cells[-1] += text
    else:
        cells.append(text)


def _split_cells(ctx: ParseContext, line: str) -> list[str]:
    """Split a row into cell texts; pipes in code spans and ``<code>`` tags stay."""
    cells: list[str] = []
    for index, part in enumerate(_CODE_TAG.split(line)):
        if index % 2:
            _append(cells, part)
            continue
        for child in _span_children(ctx, part, ["codespan"]):
            if child.type == "codespan":
                ticks = max((len(t) for t in re.findall("`+", child.value)), default=0) + 1
                pad = " " if ticks > 1 else ""
                _append(cells, f"{'`' * ticks}{pad}{child.value}{pad}{'`' * ticks}")
                continue
            pieces = [t.replace("\\|", "|") for t in _UNESCAPED_PIPE.split(child.value)]
            _append(cells, pieces[0])
            cells.extend(pieces[1:])
    return cells


def _pipe_on_every_line(ctx: ParseContext, text: str) -> bool:
    """kramdown's check that each table line (outside code spans) has a pipe."""
    pipe_on_line = False
    for child in _span_children(ctx, text, ["codespan", "span_html"]):
        if not isinstance(child.value, str):
            continue
        lines = child.value.split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        if child.type == "codespan":
            if len(lines) > 2 or (len(lines) == 2 and not pipe_on_line):
                break
            if len(lines) == 2:
                pipe_on_line = False
            continue
        if len(lines) > 1 and not pipe_on_line and not _PIPE_CHECK_RE.match(lines[0]):
            break
        has_pipe = bool(lines) and bool(_PIPE_CHECK_RE.match(lines[-1]))
        pipe_on_line = (False if len(lines) > 1 else pipe_on_line) or has_pipe
    return pipe_on_line


def parse_table(_p: KramdownBlockParser, _m: re.Match[str], state: KState) -> bool:
    """Parse a table whose rows contain pipes."""
    if not state.after_block_boundary():
        return False
    saved = state.pos
    table = state.new_block_el("table", alignment=[])
    leading_pipe = bool(re.match(r"\s*\|", state.match(_TABLE_LINE).group(0)))
    if m := state.match(_SEP_LINE):
        state.pos = m.end()
    rows: list[Element] = []
    has_footer = False
    columns = 0

    def add_container(kind: str, force: bool) -> None:
        nonlocal rows
        if not has_footer or kind != "tbody" or force:
            cont = Element(kind)
            cont.children, rows = rows, []
            table.children.append(cont)

    while state.pos < state.cursor_max and state.match(_TABLE_LINE):
        if m := state.match(_SEP_LINE):
            state.pos = m.end()
            if not rows:
                pass
            elif not table.options["alignment"] and not has_footer:
                add_container("thead", False)
                found = _HSEP_ALIGN.finditer(m.group(1))
                table.options["alignment"] = [_alignment(a.group(1), a.group(2)) for a in found]
            else:
                add_container("tbody", False)
        elif m := state.match(_FSEP_LINE):
            state.pos = m.end()
            if rows:
                add_container("tbody", True)
            has_footer = True
        elif m := state.match(_ROW_LINE):
            state.pos = m.end()
            cells = _split_cells(state.ctx, m.group(1))
            if leading_pipe and cells and not cells[0].strip():
                cells.pop(0)
            if cells and not cells[-1].strip():
                cells.pop()
            row = Element("tr")
            for text in cells:
                cell = Element("td")
                cell.children.append(Element("raw_text", text.strip()))
                row.children.append(cell)
            columns = max(columns, len(cells))
            rows.append(row)
        else:
            break
    if not state.before_block_boundary() or not _pipe_on_every_line(state.ctx, state.src[saved : state.pos - 1]):
        state.pos = saved
        return False
    if rows:
        add_container("tfoot" if has_footer else "tbody", False)
    if not any(c.type == "tbody" for c in table.children):
        state.pos = saved
        return False
    for section in table.children:
        for row in section.children:
            row.children.extend(Element("td") for _ in range(columns - len(row.children)))
    align = table.options["alignment"]
    table.options["alignment"] = align[:columns] + ["default"] * (columns - len(align))
    state.tree.children.append(table)
    return True


def _alignment(left: str, right: str) -> str:
    if not left and not right:
        return "default"
    if not right:
        return "left"
    if not left:
        return "right"
    return "center"
