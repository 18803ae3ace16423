"""Span rule for raw HTML tags and comments inside paragraphs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .elements import Element
from .html_names import (
    BLOCK_ELEMENTS,
    COMMENT_RE,
    ELEMENTS_WITHOUT_BODY,
    KNOWN_ELEMENTS,
    NAME,
    TAG_CLOSE_RE,
    TAG_RE,
    content_model,
    parse_attributes,
)

if TYPE_CHECKING:
    from .inline import SpanParser

SPAN_HTML_START = r"<(" + NAME + r"|!--|/)"
_MARKDOWN_ATTR = {"0": "raw", "1": "default", "span": "span", "block": "block"}


def parse_span_html(p: SpanParser) -> None:
    """Parse one HTML comment, tag (with its body) or stray ``<``."""
    comment = COMMENT_RE.match(p.src, p.pos)
    if comment:
        p.pos = comment.end()
        p.tree.children.append(Element("xml_comment", comment.group(0), category="span"))
        return
    close = TAG_CLOSE_RE.match(p.src, p.pos)
    if close:
        p.pos = close.end()
        p.text(close.group(0))
        return
    tag = TAG_RE.match(p.src, p.pos)
    if not tag:
        p.text(p.src[p.pos])
        p.pos += 1
        return
    p.pos = tag.end()
    name = tag.group(1)
    known = name.lower() in KNOWN_ELEMENTS
    if known:
        name = name.lower()
    if name in BLOCK_ELEMENTS:
        p.text(tag.group(0))
        return
    attrs = parse_attributes(tag.group(2), known)
    for key, value in attrs.items():
        if value:
            attrs[key] = re.sub(r"\n+", " ", value)
    parsing = _do_parsing(p, name, attrs.pop("markdown", None))
    closed = tag.group(4) is not None
    el = Element(
        "html_element", name, attrs, category="span",
        content_model="span" if parsing else "raw", is_closed=closed,
    )
    p.tree.children.append(el)
    if closed or name in ELEMENTS_WITHOUT_BODY:
        return
    stop = r"</" + re.escape(name) + r"\s*>"
    if known:
        stop = "(?i:" + stop + ")"
    if p.parse_spans(el, stop, None if parsing else ["span_html"]):
        p.pos = re.compile(stop).match(p.src, p.pos).end()  # type: ignore[union-attr]
    else:
        p.text_into(el, p.src[p.pos :])
        p.pos = len(p.src)


def _do_parsing(p: SpanParser, name: str, markdown: str | None) -> bool:
    if content_model(name) == "raw" or p.tree.options.get("content_model") == "raw":
        parsing = False
    else:
        parsing = bool(p.ctx.options["parse_span_html"])
    mode = _MARKDOWN_ATTR.get(markdown or "")
    if mode == "span":
        parsing = True
    elif mode == "default":
        parsing = content_model(name) != "raw"
    elif mode == "raw":
        parsing = False
    return parsing
