"""kramdown's block-level parser (GFM flavour) on mistune's block machinery.

Each kramdown block rule is registered with a mistune
:class:`~mistune.block_parser.BlockParser` under its name with its start
pattern.  Parsing follows kramdown: at each line the rules are tried in
order and the first one that accepts the text wins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from mistune.block_parser import BlockParser
from mistune.core import BlockState

from . import block_rules as R
from . import html_blocks, lists, tables
from . import patterns as P
from .context import ParseContext, StopBlockParsing
from .elements import Element, add_text


class ShiftedMatch:
    """A match made on ``src[offset:]`` that reports positions in ``src``."""

    def __init__(self, m: re.Match[str], offset: int) -> None:
        self._m = m
        self._offset = offset

    def group(self, *args: Any) -> Any:
        """Return match groups like :meth:`re.Match.group`."""
        return self._m.group(*args)

    def start(self, group: int | str = 0) -> int:
        """Start of a group in the full source."""
        return self._m.start(group) + self._offset

    def end(self, group: int | str = 0) -> int:
        """End of a group in the full source."""
        return self._m.end(group) + self._offset


class KState(BlockState):
    """Block parser state: source, cursor and the element being filled."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tree = Element("root")
        self.block_ial: dict[str, Any] | None = None
        self.ctx: ParseContext = ParseContext(options={})
        self.parser: KramdownBlockParser | None = None

    @property
    def pos(self) -> int:
        """Current position in ``src`` (mistune's cursor)."""
        return self.cursor

    @pos.setter
    def pos(self, value: int) -> None:
        self.cursor = value

    def match(self, pattern: re.Pattern[str]) -> Any:
        """Match ``pattern`` at the cursor.

        As in kramdown's scanner, ``^`` also matches at the cursor when the
        cursor is in the middle of a line (e.g. right after an HTML tag).
        """
        pos = self.cursor
        if pos == 0 or self.src[pos - 1] == "\n":
            return pattern.match(self.src, pos)
        m = pattern.match(self.src[pos:])
        return ShiftedMatch(m, pos) if m else None

    def text(self, text: str) -> None:
        """Append raw text to the current element."""
        add_text(self.tree, text, "raw_text")

    def new_block_el(self, type_: str, value: Any = None, **options: Any) -> Element:
        """Create a block element, attaching a pending block IAL."""
        el = Element(type_, value, None, **options)
        if self.block_ial is not None:
            el.options["ial"] = self.block_ial
            self.block_ial = None
        return el

    def after_block_boundary(self) -> bool:
        """Whether the cursor follows a block boundary."""
        children = self.tree.children
        last = children[-1] if children else None
        return (
            last is None
            or last.type == "blank"
            or (last.type == "eob" and last.value is None)
            or self.block_ial is not None
        )

    def before_block_boundary(self) -> bool:
        """Whether a block boundary follows the cursor."""
        return bool(self.match(_BOUNDARY))


_BOUNDARY = P.rx(P.BLOCK_BOUNDARY)
_LINE = P.rx(r"^[^\n]*\n")

BLOCK_RULES: list[tuple[str, str]] = [
    ("blank_line", P.BLANK_LINE),
    ("codeblock", P.INDENT),
    ("codeblock_fenced", P.FENCED_START),
    ("blockquote", P.BLOCKQUOTE_START),
    ("atx_header", P.ATX_HEADER_START),
    ("horizontal_rule", P.HR_START),
    ("list", P.LIST_START),
    ("definition_list", P.DEFINITION_LIST_START),
    ("block_html", P.HTML_BLOCK_START),
    ("setext_header", P.SETEXT_START),
    ("block_math", P.BLOCK_MATH_START),
    ("table", tables.TABLE_START),
    ("footnote_definition", P.FOOTNOTE_DEF_START),
    ("link_definition", P.LINK_DEF_START),
    ("abbrev_definition", P.ABBREV_DEF_START),
    ("block_extensions", r"^ {0,3}\{:"),
    ("eob_marker", P.EOB_MARKER),
    ("paragraph", P.PARAGRAPH_START),
]


_KRAMDOWN_PATTERNS = {
    "codeblock_fenced": P.FENCED_START_KRAMDOWN,
    "atx_header": P.ATX_HEADER_START_KRAMDOWN,
}

_RULES: dict[str, Callable[[Any, re.Match[str], KState], bool]] = {
    "blank_line": R.parse_blank_line,
    "codeblock": R.parse_codeblock,
    "codeblock_fenced": R.parse_codeblock_fenced,
    "blockquote": R.parse_blockquote,
    "atx_header": R.parse_atx_header,
    "horizontal_rule": R.parse_horizontal_rule,
    "list": lists.parse_list,
    "definition_list": lists.parse_definition_list,
    "block_html": html_blocks.parse_block_html,
    "setext_header": R.parse_setext_header,
    "block_math": R.parse_block_math,
    "table": tables.parse_table,
    "footnote_definition": R.parse_footnote_definition,
    "link_definition": R.parse_link_definition,
    "abbrev_definition": R.parse_abbrev_definition,
    "block_extensions": R.parse_block_extensions,
    "eob_marker": R.parse_eob_marker,
    "paragraph": R.parse_paragraph,
}


class KramdownBlockParser(BlockParser):
    """Parses a document (or a nested block) into kramdown's element tree."""

    state_cls = KState

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.gfm = str(ctx.options.get("input", "GFM")).lower() == "gfm"
        self.paragraph_end, self._compiled = _compiled_patterns(self.gfm)
        self.rules = []
        variants = {} if self.gfm else _KRAMDOWN_PATTERNS
        for name, pattern in BLOCK_RULES:
            func: Callable[[Any, re.Match[str], KState], bool] = _RULES[name]
            self.register(name, variants.get(name, pattern), func)  # type: ignore[arg-type]
        self._rule_names = tuple(self.rules)

    def new_state(self, text: str) -> KState:
        """Create a state for parsing ``text``."""
        state = KState()
        state.process(text)
        state.ctx = self.ctx
        state.parser = self
        return state

    def parse_blocks(self, state: KState, el: Element, text: str | None = None) -> bool:
        """Parse blocks into ``el`` from ``text`` or from ``state``'s own source.

        Returns:
            Whether parsing stopped at the closing tag of an HTML element.
        """
        if text is not None:
            state = self.new_state(text)
        saved_tree, saved_ial = state.tree, state.block_ial
        state.tree, state.block_ial = el, None
        found = False
        try:
            while state.cursor < state.cursor_max:
                if not self._step(state):
                    line = state.match(_LINE)
                    end = line.end() if line else state.cursor_max
                    state.text(state.src[state.cursor : end])
                    state.cursor = end
        except StopBlockParsing:
            found = True
        state.tree, state.block_ial = saved_tree, saved_ial
        return found

    def _step(self, state: KState) -> bool:
        src, pos = state.src, state.cursor
        lead = _lead_char(src, pos)
        line_end = src.find("\n", pos)
        for name in _rules_for_lead(self._rule_names, lead):
            possible = _LINE_CHECKS.get(name)
            if possible is not None and not possible(src, pos, line_end, lead):
                continue
            m = state.match(self._compiled[name])
            if m is not None and self._methods[name](m, state):
                return True
        return False


@functools.cache
def _compiled_patterns(gfm: bool) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """The paragraph end and each rule's start pattern, compiled, for GFM or kramdown input."""
    variants = {} if gfm else _KRAMDOWN_PATTERNS
    starts = {name: P.rx(variants.get(name, pattern), re.S if name == "block_math" else 0)
              for name, pattern in BLOCK_RULES}
    return P.rx(P.PARAGRAPH_END if gfm else P.PARAGRAPH_END_KRAMDOWN), starts


# What a rule's start pattern needs first, after at most three spaces; rules not
# named here may start with anything. A rule is tried only where its character is.
_LEAD_CHARS: dict[str, Callable[[str], bool]] = {
    "blank_line": lambda c: c in " \t\r\f\v\n",
    "codeblock": lambda c: c in " \t",  # a fourth space, or a tab
    "codeblock_fenced": lambda c: c in "~`",
    "blockquote": lambda c: c == ">",
    "atx_header": lambda c: c == "#",
    "horizontal_rule": lambda c: c in "*-_",
    "list": lambda c: c in "+*-" or c.isdecimal(),  # ``\d`` is any decimal digit
    "definition_list": lambda c: c == ":",
    "block_html": lambda c: c == "<",
    "block_math": lambda c: c in "\\$",
    "footnote_definition": lambda c: c == "[",
    "link_definition": lambda c: c == "[",
    "abbrev_definition": lambda c: c == "*",
    "block_extensions": lambda c: c == "{",
    "eob_marker": lambda c: c == "^",
}


def _table_possible(src: str, pos: int, end: int, _lead: str) -> bool:
    """A table line holds a ``|`` before its newline (at ``end``)."""
    return end >= 0 and src.find("|", pos, end) >= 0


def _setext_possible(src: str, _pos: int, end: int, lead: str) -> bool:
    """A setext header's text line is followed by a line starting with ``-`` or ``=``."""
    if lead == "\n":
        return True  # the pattern's text may start on the next line: let it decide
    return end >= 0 and src[end + 1 : end + 2] in ("-", "=")


# Rules that may start with any character, but only on a line of a certain shape:
# what their start pattern needs of the line, checked without the pattern.
_LINE_CHECKS: dict[str, Callable[[str, int, int, str], bool]] = {
    "table": _table_possible,
    "setext_header": _setext_possible,
}
_RULES_BY_LEAD: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}


def _lead_char(src: str, pos: int) -> str:
    """The character at ``pos`` after at most three spaces (empty at the end)."""
    lead = pos
    while lead < pos + 3 and src.startswith(" ", lead):
        lead += 1
    return src[lead : lead + 1]


def _rules_for_lead(rules: tuple[str, ...], lead: str) -> tuple[str, ...]:
    """Those of ``rules`` whose start pattern can match where ``lead`` comes first."""
    key = (rules, lead)
    found = _RULES_BY_LEAD.get(key)
    if found is None:
        found = _RULES_BY_LEAD[key] = tuple(
            name for name in rules if name not in _LEAD_CHARS or (lead != "" and _LEAD_CHARS[name](lead)))
    return found
