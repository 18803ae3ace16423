"""Span rules for links, images and autolinks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .attributes import update_attr_with_ial
from .elements import Element, add_text

if TYPE_CHECKING:
    from .inline import SpanParser

AUTOLINK_START = r"<((mailto|https?|ftps?):.+?|[\w\-.]+?@[\w\-.]+?)>"
_BRACKET_STOP = r"(\])|!?\["
_BRACKET_STOP_RE = re.compile(_BRACKET_STOP)
_INLINE_ID = re.compile(r"[ \t\n\r\f\v]*?\[([^\]]+)?\]")
_INLINE_TITLE = re.compile(r"""\s*?(["'])(.+?)\1\s*?\)""", re.S)
_PAREN_STOP = re.compile(r"""(\()|(\))|\s(?=['"])""")
_ESCAPED = re.compile(r"""\\([\\.*_+`<>()\[\]{}#!:|"'$=-])""")


def normalize_link_id(text: str) -> str:
    """Normalise a link id the way kramdown compares them."""
    return re.sub(r"\s+", " ", text).lower()


def parse_autolink(p: SpanParser, m: re.Match[str]) -> None:
    """``<http://...>`` and ``<user@host>`` autolinks."""
    p.pos = m.end()
    target = m.group(1)
    href = target if m.group(2) else "mailto:" + target
    el = Element("a", None, {"href": href})
    add_text(el, re.sub(r"^mailto:", "", target))
    p.tree.children.append(el)


def _add_link(p: SpanParser, el: Element, href: str, title: str | None, alt: str, ial: Any = None) -> None:
    el.options["ial"] = ial
    if ial:
        update_attr_with_ial(el.attrs, ial, p.ctx.alds)
    if el.type == "a":
        el.attrs["href"] = href
    else:
        el.attrs["src"] = href
        el.attrs["alt"] = alt
        el.children.clear()
    if title is not None:
        el.attrs["title"] = title
    p.tree.children.append(el)


def parse_link(p: SpanParser, m: re.Match[str]) -> None:
    """Inline and reference links and images."""
    result = m.group(0)
    p.pos = m.end()
    saved = p.pos
    kind = "img" if result.startswith("!") else "a"
    if kind == "a" and (p.in_element("a") or p.in_element("img")):
        p.text(result)
        return
    el = Element(kind)
    count = [1]

    def cond() -> bool:
        stop = _BRACKET_STOP_RE.match(p.src, p.pos)
        count[0] += -1 if stop and stop.group(1) else 1
        return count[0] - sum(1 for c in el.children if c.type == "img") == 0

    if not p.parse_spans(el, _BRACKET_STOP, cond=cond):
        p.pos = saved
        p.text(result)
        return
    alt = _ESCAPED.sub(r"\1", p.src[saved : p.pos])
    p.pos += 1
    id_match = _INLINE_ID.match(p.src, p.pos)
    if id_match or not p.src.startswith("(", p.pos):
        if id_match:
            p.pos = id_match.end()
        link_id = normalize_link_id(id_match.group(1) if id_match and id_match.group(1) else alt)
        if link_id in p.ctx.link_defs:
            url, title, marker = p.ctx.link_defs[link_id]
            _add_link(p, el, url, title, alt, marker.options.get("ial") if marker else None)
        else:
            p.pos = saved
            p.text(result)
        return
    _parse_inline_target(p, el, result, saved, alt)


def _parse_inline_target(p: SpanParser, el: Element, result: str, saved: int, alt: str) -> None:
    angle = re.compile(r"\(<(.*?)>").match(p.src, p.pos)
    if angle:
        p.pos = angle.end()
        url = angle.group(1)
        if p.src.startswith(")", p.pos):
            p.pos += 1
            _add_link(p, el, url, None, alt)
            return
    else:
        buf = ""
        depth = 0
        while True:
            sm = _PAREN_STOP.search(p.src, p.pos)
            if sm is None:
                break
            buf += p.src[p.pos : sm.end()]
            p.pos = sm.end()
            if sm.group(2):
                depth -= 1
                if depth == 0:
                    break
            elif sm.group(1):
                depth += 1
            else:
                break
        url = buf[1:-1].strip()
        if depth == 0:
            _add_link(p, el, url, None, alt)
            return
    tm = _INLINE_TITLE.match(p.src, p.pos)
    if tm:
        p.pos = tm.end()
        _add_link(p, el, url, tm.group(2), alt)
    else:
        p.pos = saved
        p.text(result)
