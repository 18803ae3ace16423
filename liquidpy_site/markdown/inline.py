"""kramdown's span-level parser, built on mistune's rule registry.

Span rules are registered with a mistune :class:`~mistune.core.Parser`
(name, start pattern, method).  Parsing works like kramdown: text is
consumed up to the earliest position where any rule's start pattern (or the
caller's stop pattern) matches, then the rules are tried in order there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from mistune.core import InlineState, Parser

from . import spans_html, spans_links
from .attributes import (
    EXT_SPAN_START,
    IAL_SPAN_START,
    parse_attribute_list,
    update_attr_with_ial,
    update_ial_with_ial,
)
from .context import ParseContext
from .elements import Element, add_text, ensure_ial
from .entities import entity
from .extensions import parse_extension_tag
from .html_names import ENTITY_RE
from .typography import (
    SMART_QUOTE_RULES,
    SMART_QUOTE_START,
    TYPOGRAPHIC_MAP,
    TYPOGRAPHIC_RE,
    TYPOGRAPHIC_START,
    resolve_quote,
)

_WS = " \t\n\r\f\v"
_QUOTES = ("'", '"')

#: Characters a rule's start pattern can begin with (``None``: any character).
_FIRST_CHARS: dict[str, str | None] = {
    "emphasis": "*_",
    "codespan": "`",
    "autolink": "<",
    "span_html": "<",
    "footnote_marker": "[",
    "link": "![",
    "smart_quotes": "'\"",
    "inline_math": "$",
    "span_extensions": "{",
    "html_entity": "&",
    "typographic_syms": "-.\\<> ",
    "line_break": " \\",
    "escaped_chars": "\\",
    "strikethrough": "~",
}

#: name -> (start pattern checked at the position, pattern used to find it)
SPAN_RULES: dict[str, tuple[str, str]] = {
    "emphasis": (r"\*\*?|__?", r"\*|_"),
    "codespan": (r"`+", r"`"),
    "autolink": (spans_links.AUTOLINK_START, r"<"),
    "span_html": (spans_html.SPAN_HTML_START, r"<"),
    "footnote_marker": (r"\[\^(\w[\w-]*)\]", r"\["),
    "link": (r"!?\[(?=[^^])", r"!?\["),
    "smart_quotes": (SMART_QUOTE_START, SMART_QUOTE_START),
    "inline_math": (r"\$\$(.*?)\$\$", r"\$"),
    "span_extensions": (r"\{:", r"\{:"),
    "html_entity": (ENTITY_RE.pattern, r"&"),
    "typographic_syms": (TYPOGRAPHIC_RE.pattern, TYPOGRAPHIC_START),
    "line_break": (r"(  |\\\\)(?=\n)", r"(  |\\\\)(?=\n)"),
    "escaped_chars": (r"""\\([\\.*_+`<>()\[\]{}#!:|"'$=\-~])""", r"\\"),
    "strikethrough": (r"~~(?!\s|~).*?[^\s~]~~", r"~~"),
}


#: Faster patterns to find where a rule may start: each begins with one of the
#: characters given, so that the regular expression engine can skip to them.
#: Three find their rule's start one or two characters late (a smart quote
#: after the character it follows, `` <<`` at the ``<<``, a line break at the
#: newline); see :meth:`SpanParser._rule_start`.
_FAST_FIND: dict[str, tuple[str, str]] = {
    "smart_quotes": (r"""["']""", "'\""),
    "typographic_syms": (r"--|\.\.\.|<<|>>", "-.<>"),
    "line_break": (r"(?<=  |\\\\)\n", "\n"),
}

#: Characters at which a rule may have started up to two characters earlier.
_FOUND_LATE = "'\"<>\n"


_Finder = tuple[re.Pattern[str], re.Pattern[str]]
"""A fast pattern finding where a rule or the stop may match, and the exact union."""

_PATTERNS: dict[bool, tuple[dict[str, re.Pattern[str]],
                           dict[tuple[tuple[str, ...], str | None], _Finder]]] = {}


def _span_patterns(gfm: bool) -> tuple[dict[str, re.Pattern[str]],
                                       dict[tuple[tuple[str, ...], str | None], _Finder]]:
    """The compiled start pattern of each span rule, and the cache of rule unions (made once)."""
    found = _PATTERNS.get(gfm)
    if found is None:
        starts: dict[str, re.Pattern[str]] = {}
        for name, (start, _find) in SPAN_RULES.items():
            if name == "escaped_chars" and not gfm:
                start = start.replace(r"\-~]", "-]")
            starts[name] = re.compile(start, re.S if name in ("inline_math", "strikethrough") else 0)
        found = _PATTERNS[gfm] = (starts, {})
    return found


def _finder_exact(names: tuple[str, ...], stop: str | None) -> re.Pattern[str]:
    """The union of the rules' find patterns (and ``stop``): it matches where one of them does."""
    parts = [SPAN_RULES[n][1] for n in names]
    if stop is not None:
        parts.insert(0, stop)
    return re.compile("|".join(f"(?:{p})" for p in parts))


def _finder(names: tuple[str, ...], stop: str | None) -> _Finder:
    """Patterns finding the earliest place where one of ``names`` or ``stop`` may match."""
    exact = _finder_exact(names, stop)
    if any(_FIRST_CHARS[n] is None for n in names if n not in _FAST_FIND):
        return exact, exact  # a rule may start anywhere: nothing to skip to
    fast_parts = [_FAST_FIND[n][0] if n in _FAST_FIND else SPAN_RULES[n][1] for n in names]
    first_chars = {c for n in names for c in (_FAST_FIND[n][1] if n in _FAST_FIND else _FIRST_CHARS[n] or "")}
    prefix = "(?=[" + "".join(re.escape(c) for c in sorted(first_chars)) + "])"
    fast = prefix + "(?:" + "|".join(f"(?:{p})" for p in fast_parts) + ")"
    if stop is not None:
        fast = f"(?:{stop})|{fast}"
    return re.compile(fast), exact


class SpanParser(Parser[InlineState]):
    """Parses the raw text of one block element into span elements."""

    state_cls = InlineState

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.src = ""
        self.pos = 0
        self.tree = Element("root")
        self.text_type = "text"
        self.stack: list[tuple[Element, str]] = []
        self._state = InlineState({})
        self._active: tuple[str, ...] | None = None
        self.gfm = str(ctx.options.get("input", "GFM")).lower() == "gfm"
        self.hard_wrap = bool(ctx.options["hard_wrap"])  # fixed when parsing starts
        starts, self._union_cache = _span_patterns(self.gfm)
        self.starts: dict[str, re.Pattern[str]] = starts
        for name in starts:
            method: Callable[[re.Match[str], InlineState], int | None] = getattr(self, "_rule_" + name)
            self._methods[name] = method
            if name not in self.rules:
                self.rules.append(name)

    @property
    def active_rules(self) -> tuple[str, ...]:
        """The span rules in kramdown's order, honouring ``hard_wrap``."""
        if self._active is None:
            skip = {"line_break"} if self.gfm and self.hard_wrap else set()
            if not self.gfm:
                skip.add("strikethrough")
            self._active = tuple(r for r in self.rules if r not in skip)
        return self._active

    # -- driver -----------------------------------------------------------

    def parse_into(self, el: Element, text: str, names: list[str] | None = None) -> None:
        """Parse ``text`` as the span content of ``el`` (optionally with only ``names``)."""
        saved = (self.src, self.pos, self.tree, self.text_type, self.stack)
        self.src, self.pos, self.tree, self.text_type, self.stack = text, 0, el, "text", []
        try:
            self.parse_spans(el, names=names)
        finally:
            self.src, self.pos, self.tree, self.text_type, self.stack = saved

    def _finders(self, names: tuple[str, ...], stop: str | None) -> _Finder:
        key = (names, stop)
        finder = self._union_cache.get(key)
        if finder is None:
            finder = self._union_cache[key] = _finder(names, stop)
        return finder

    def _rule_start(self, hit: int, exact: re.Pattern[str]) -> int:
        """Where the earliest rule (or the stop) may match, given the fast pattern's ``hit``.

        A rule the fast pattern finds late starts one or two characters before
        the character found; any other starts at the hit or later.
        """
        if self.src[hit] in _FOUND_LATE:
            for candidate in (hit - 2, hit - 1):
                if candidate >= self.pos and exact.match(self.src, candidate):
                    return candidate
        return hit

    def parse_spans(
        self,
        el: Element,
        stop: str | None = None,
        names: list[str] | None = None,
        cond: Callable[[], bool] | None = None,
    ) -> bool:
        """Parse spans into ``el`` until ``stop`` matches (and ``cond`` agrees)."""
        self.stack.append((self.tree, self.text_type))
        self.tree = el
        rules = tuple(names) if names else self.active_rules
        finder, exact = self._finders(rules, stop)
        stop_re = re.compile(stop) if stop is not None else None
        found = False
        while self.pos < len(self.src) and not found:
            m = finder.search(self.src, self.pos)
            if m is None:
                if stop_re is None:
                    add_text(self.tree, self.src[self.pos :], self.text_type)
                    self.pos = len(self.src)
                break
            start = self._rule_start(m.start(), exact)
            add_text(self.tree, self.src[self.pos : start], self.text_type)
            self.pos = start
            if stop_re is not None and stop_re.match(self.src, self.pos):
                found = cond() if cond else True
            if not found and not self._try_rules(rules):
                add_text(self.tree, self.src[self.pos], self.text_type)
                self.pos += 1
        self.tree, self.text_type = self.stack.pop()
        return found

    def _try_rules(self, rules: tuple[str, ...]) -> bool:
        src, pos = self.src, self.pos
        quote_next = src[pos + 1 : pos + 2] in _QUOTES
        for name in rules:
            first = _FIRST_CHARS[name]
            if first is not None and src[pos] not in first and not (name == "smart_quotes" and quote_next):
                continue
            m = self.starts[name].match(src, pos)
            if m:
                self._methods[name](m, self._state)
                return True
        return False

    def text(self, text: str) -> None:
        """Append ``text`` to the current element."""
        add_text(self.tree, text, self.text_type)

    def text_into(self, el: Element, text: str) -> None:
        """Append ``text`` to ``el``."""
        add_text(el, text, self.text_type)

    def in_element(self, type_: str) -> bool:
        """Whether the current element or an ancestor has type ``type_``."""
        return self.tree.type == type_ or any(t.type == type_ for t, _ in self.stack)

    # -- rules ------------------------------------------------------------

    def _rule_emphasis(self, m: re.Match[str], _state: InlineState) -> None:
        start = self.pos
        delim = m.group(0)
        kind = "strong" if len(delim) == 2 else "em"
        char = delim[0]
        after = self.src[start + len(delim) : start + len(delim) + 1]
        if (
            (char == "_" and _alpha_before(self.src, start))
            or (after != "" and after in _WS)
            or self.in_element(kind)
        ):
            self.pos += len(delim)
            self.text(delim)
            return
        self.pos = start + len(delim)
        found, el = self._emphasis_body(delim, kind, char)
        if not found and kind == "strong" and self.tree.type != "em":
            self.pos = start + 1
            delim = char
            found, el = self._emphasis_body(char, "em", char)
        if found:
            self.pos += len(delim)
            self.tree.children.append(el)
        else:
            self.pos = start + len(m.group(0))
            self.text(m.group(0))

    def _emphasis_body(self, delim: str, kind: str, char: str) -> tuple[bool, Element]:
        el = Element(kind)
        double, alnum_after = _closing_checks(delim)

        def cond() -> bool:
            prev = self.src[self.pos - 1 : self.pos]
            return (
                not (prev and prev in _WS)
                and (kind != "em" or not double.match(self.src, self.pos))
                and (char != "_" or not alnum_after.match(self.src, self.pos))
                and bool(el.children)
            )

        return self.parse_spans(el, re.escape(delim), cond=cond), el

    def _rule_codespan(self, m: re.Match[str], _state: InlineState) -> None:
        delim = m.group(0)
        start = self.pos
        self.pos += len(delim)
        simple = len(delim) == 1
        before = self.src[start - 1] if start else ""
        after = self.src[self.pos : self.pos + 1]
        if simple and (before == "" or before in _WS) and after != "" and after in _WS:
            self.text(delim)
            return
        end = self.src.find(delim, self.pos)
        if end < 0:
            self.text(delim)
            return
        text = self.src[self.pos : end]
        self.pos = end + len(delim)
        if not simple:
            if text.startswith(" "):
                text = text[1:]
            if text.endswith(" "):
                text = text[:-1]
        self.tree.children.append(Element("codespan", text, codespan_delimiter=delim))

    def _rule_autolink(self, m: re.Match[str], _state: InlineState) -> None:
        spans_links.parse_autolink(self, m)

    def _rule_span_html(self, m: re.Match[str], _state: InlineState) -> None:
        spans_html.parse_span_html(self)

    def _rule_footnote_marker(self, m: re.Match[str], _state: InlineState) -> None:
        self.pos = m.end()
        name = m.group(1)
        data = self.ctx.footnotes.get(name)
        if data is None:
            self.text(m.group(0))
            return
        if "eob" in data:
            eob = data.pop("eob")
            update_attr_with_ial(eob.attrs, eob.options.get("ial") or {}, self.ctx.alds)
            data["attr"] = eob.attrs
        marker = Element("footnote", data["content"], dict(data.get("attr") or {}), name=name)
        data.setdefault("marker", []).append(marker)
        self.tree.children.append(marker)

    def _rule_link(self, m: re.Match[str], _state: InlineState) -> None:
        spans_links.parse_link(self, m)

    def _rule_smart_quotes(self, m: re.Match[str], _state: InlineState) -> None:
        for rule, actions in SMART_QUOTE_RULES:
            sm = rule.match(self.src, self.pos)
            if sm is None:
                continue
            self.pos = sm.end()
            for action in actions:
                if isinstance(action, int):
                    self.text(sm.group(action))
                else:
                    self.tree.children.append(Element("smart_quote", resolve_quote(action, sm)))
            return

    def _rule_inline_math(self, m: re.Match[str], _state: InlineState) -> None:
        self.pos = m.end()
        self.tree.children.append(Element("math", m.group(1).strip(), category="span"))

    def _rule_span_extensions(self, m: re.Match[str], _state: InlineState) -> None:
        ext = re.compile(EXT_SPAN_START).match(self.src, self.pos)
        if ext:
            parse_extension_tag(self, ext, "span")
            return
        ial = re.compile(IAL_SPAN_START).match(self.src, self.pos)
        last = self.tree.children[-1] if self.tree.children else None
        if ial and last is not None and last.type != "text":
            self.pos = ial.end()
            attrs: dict[str, Any] = {}
            parse_attribute_list(ial.group(1), attrs)
            update_ial_with_ial(ensure_ial(last), attrs)
            update_attr_with_ial(last.attrs, attrs, self.ctx.alds)
            return
        self.text(self.src[self.pos])
        self.pos += 1

    def _rule_html_entity(self, m: re.Match[str], _state: InlineState) -> None:
        self.pos = m.end()
        if m.group(1) is not None:
            ent = entity(m.group(1))
        elif m.group(2) is not None:
            ent = entity(int(m.group(2)))
        else:
            ent = entity(int(m.group(3), 16))
        if ent is None:
            self.tree.children.append(Element("entity", entity("amp")))
            self.text(m.group(0)[1:])
        else:
            self.tree.children.append(Element("entity", ent, original=m.group(0)))

    def _rule_typographic_syms(self, m: re.Match[str], _state: InlineState) -> None:
        self.pos = m.end()
        value = TYPOGRAPHIC_MAP[m.group(0)]
        if value in ("lt", "gt"):
            for _ in range(2):
                self.tree.children.append(Element("entity", entity(value)))
        else:
            self.tree.children.append(Element("typographic_sym", value))

    def _rule_line_break(self, m: re.Match[str], _state: InlineState) -> None:
        self.pos = m.end()
        self.tree.children.append(Element("br"))

    def _rule_escaped_chars(self, m: re.Match[str], _state: InlineState) -> None:
        self.pos = m.end()
        self.text(m.group(1))

    def _rule_strikethrough(self, m: re.Match[str], _state: InlineState) -> None:
        self.pos = m.end()
        el = Element("html_element", "del", category="span")
        self.tree.children.append(el)
        saved = (self.src, self.pos, self.tree, self.text_type, self.stack)
        self.src, self.pos, self.stack = m.group(0)[2:-2], 0, []
        try:
            self.parse_spans(el)
        finally:
            self.src, self.pos, self.tree, self.text_type, self.stack = saved


def _alpha_before(src: str, pos: int) -> bool:
    """Whether the text before ``pos`` ends with a letter (optionally plus ``-``)."""
    if pos > 0 and src[pos - 1] == "-":
        pos -= 1
    return pos > 0 and src[pos - 1].isalpha()


@cache
def _closing_checks(delim: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns rejecting a closing emphasis delimiter at the cursor."""
    double = re.compile(re.escape(delim * 2) + "(?!" + re.escape(delim) + ")")
    return double, re.compile(re.escape(delim) + r"[^\W_]")
