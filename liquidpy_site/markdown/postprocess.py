"""Tree passes run after block parsing: spans, IALs, ids, breaks, abbreviations."""

from __future__ import annotations

import re

from .attributes import update_attr_with_ial
from .context import ParseContext
from .elements import Element
from .ids import GfmIdGenerator
from .inline import SpanParser
from .typography import SMART_QUOTE_TEXT, TYPOGRAPHIC_TEXT


def update_tree(el: Element, spans: SpanParser, ctx: ParseContext) -> None:
    """Parse raw text into spans, merge blanks, apply IALs, drop markers."""
    result: list[Element] = []
    last_blank: Element | None = None
    for child in el.children:
        if child.type == "raw_text":
            last_blank = None
            holder = Element("raw_text")
            spans.parse_into(holder, child.value)
            result.extend(holder.children)
        elif child.type == "eob":
            if child.options.get("ial"):
                update_attr_with_ial(child.attrs, child.options["ial"], ctx.alds)
            continue
        elif child.type == "blank":
            if last_blank is not None:
                last_blank.value += child.value
            else:
                last_blank = child
                result.append(child)
        else:
            last_blank = None
            update_tree(child, spans, ctx)
            if child.options.get("ial"):
                update_attr_with_ial(child.attrs, child.options["ial"], ctx.alds)
            if child.type == "dt" or (child.type == "header" and (spans.gfm or ctx.options["auto_id_stripping"])):
                child.options["raw_text"] = plain_text(child) if spans.gfm else text_only(child)
            result.append(child)
    el.children = result


def plain_text(el: Element) -> str:
    """Text of an element for id generation (GFM's raw text rules)."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        if node.type in ("text", "codespan", "math"):
            parts.append(node.value)
        elif node.type == "entity":
            parts.append(node.value.char)
        elif node.type == "smart_quote":
            parts.append(SMART_QUOTE_TEXT[node.value])
        elif node.type == "typographic_sym":
            parts.append(TYPOGRAPHIC_TEXT[node.value])
        else:
            for c in node.children:
                walk(c)

    walk(el)
    return "".join(parts)


def text_only(el: Element) -> str:
    """Concatenated text nodes of an element (kramdown's raw text rule)."""
    if el.type == "text":
        return str(el.value)
    return "".join(text_only(c) for c in el.children)


# Elements that never hold a header: where no text holds a break, the GFM pass skips them.
_WITHOUT_HEADERS = frozenset({"p", "text", "em", "strong", "a", "codespan", "codeblock", "table",
                              "thead", "tbody", "tfoot", "tr", "td", "th", "img", "br", "entity",
                              "smart_quote", "typographic_sym", "raw", "comment"})


def update_gfm(el: Element, ids: GfmIdGenerator | None, ctx: ParseContext, break_text: str,
               *, breaks: bool = True) -> None:
    """GFM pass: header ids and hard line breaks inside text.

    ``breaks=False`` says no text holds ``break_text`` (the source does not):
    only headers are looked for.
    """
    result: list[Element] = []
    for child in el.children:
        if breaks and child.type == "text" and break_text in child.value:
            result.extend(_split_breaks(el, child, break_text))
        elif child.type == "html_element" or (not breaks and child.type in _WITHOUT_HEADERS):
            result.append(child)
        elif child.type == "header" and ids is not None and ctx.options["auto_ids"] and "id" not in child.attrs:
            child.attrs["id"] = ids.generate(child.options.get("raw_text", ""))
            result.append(child)
        else:
            update_gfm(child, ids, ctx, break_text, breaks=breaks)
            result.append(child)
    el.children = result


def _split_breaks(parent: Element, child: Element, break_text: str) -> list[Element]:
    lines = child.value.split(break_text)
    omit_last = lines[-1] == "" and parent.is_block() and parent.children[-1] is child
    out: list[Element] = []
    for i, line in enumerate(lines):
        out.append(Element("text", line if i == 0 else "\n" + line))
        if i < len(lines) - 2 or (i == len(lines) - 2 and not omit_last):
            out.append(Element("br"))
    return out


def replace_abbreviations(el: Element, ctx: ParseContext, regexes: tuple[re.Pattern[str], ...] | None = None) -> None:
    """Wrap abbreviation occurrences in text nodes into ``abbreviation`` nodes."""
    if not ctx.abbrev_defs:
        return
    if regexes is None:
        keys = sorted(ctx.abbrev_defs, key=len, reverse=True)
        union = "|".join(re.escape(k) for k in keys)
        regexes = (re.compile(union), re.compile(r"(?=(?:\W|^)(?:" + union + r")(?!\w))", re.M))
    result: list[Element] = []
    for child in el.children:
        if child.type == "text" and el.options.get("content_model") != "raw":
            result.extend(_split_abbrevs(child.value, regexes))
        else:
            replace_abbreviations(child, ctx, regexes)
            result.append(child)
    el.children = result


def _split_abbrevs(text: str, regexes: tuple[re.Pattern[str], ...]) -> list[Element]:
    first, boundary = regexes
    if not first.search(text):
        return [Element("text", text)]
    out: list[Element] = []
    pos = 0
    buf = ""
    while True:
        m = boundary.search(text, pos)
        if m is None:
            break
        buf += text[pos : m.start()]
        pos = m.start()
        ab = first.match(text, pos)
        if ab is None:
            lead = re.compile(r"\W|^", re.M).match(text, pos)
            step = lead.end() if lead else pos
            buf += text[pos:step]
            pos = step
            ab = first.match(text, pos)
            if ab is None:
                buf += text[pos : pos + 1]
                pos += 1
                continue
        out.append(Element("text", buf))
        out.append(Element("abbreviation", ab.group(0)))
        buf = ""
        pos = ab.end()
    out.append(Element("text", buf + text[pos:]))
    return out
