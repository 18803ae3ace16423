"""libxml2's HTML 4 element tables, as :mod:`._libxml_html` needs them."""

from __future__ import annotations

KNOWN = frozenset([
    "a", "abbr", "acronym", "address", "applet", "area", "b", "base", "basefont", "bdo",
    "bgsound", "big", "blockquote", "body", "br", "button", "caption", "center", "cite",
    "code", "col", "colgroup", "dd", "del", "dfn", "dir", "div", "dl", "dt", "em", "embed",
    "fieldset", "font", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "hr", "html", "i", "iframe", "img", "input", "ins", "isindex", "kbd", "label",
    "legend", "li", "link", "map", "menu", "meta", "noframes", "noscript", "object", "ol",
    "optgroup", "option", "p", "param", "pre", "q", "s", "samp", "script", "select", "small",
    "span", "strike", "strong", "style", "sub", "sup", "table", "tbody", "td", "textarea",
    "tfoot", "th", "thead", "title", "tr", "tt", "u", "ul", "var",
])
"""Elements libxml2 describes (others get no formatting line breaks)."""

INLINE = frozenset([
    "a", "abbr", "acronym", "applet", "b", "basefont", "bdo", "big", "br", "button", "cite",
    "code", "del", "dfn", "em", "embed", "font", "i", "iframe", "img", "input", "ins", "kbd",
    "label", "map", "object", "q", "s", "samp", "script", "select", "small", "span", "strike",
    "strong", "sub", "sup", "textarea", "tt", "u", "var",
])
"""Known elements that are inline (no line breaks are added around them)."""

EMPTY = frozenset([
    "area", "base", "basefont", "bgsound", "br", "col", "frame", "hr", "img", "input",
    "isindex", "link", "meta", "param",
])
"""Void elements: no content, no end tag."""

SAVE_END_TAG = EMPTY | {"li"}
"""Elements written without an end tag when they have no content."""

BOOLEAN_ATTRS = frozenset([
    "checked", "compact", "declare", "defer", "disabled", "ismap", "multiple", "nohref",
    "noresize", "noshade", "nowrap", "readonly", "selected",
])
"""Attributes written as their name alone."""

END_PRIORITY = {"div": 150, "td": 160, "th": 160, "tr": 170, "thead": 180, "tbody": 180,
                "tfoot": 180, "table": 190, "head": 200, "body": 200, "html": 220}
"""How hard an end tag is to close implicitly (others: 100)."""

_FONT_STYLE = ("tt", "i", "b", "u", "s", "strike", "big", "small")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LISTING = ("pre", "listing", "xmp")

AUTO_CLOSE: dict[str, frozenset[str]] = {name: frozenset(closed) for name, closed in {
    "form": ("form", "p", "hr", *_HEADINGS, "dl", "ul", "ol", "menu", "dir", "address",
             *_LISTING, "head"),
    "head": ("p",), "title": ("p",),
    "body": ("head", "style", "link", "title", "p"),
    "frameset": ("head", "style", "link", "title", "p"),
    "li": ("p", *_HEADINGS, "dl", "address", *_LISTING, "head", "li"),
    "hr": ("p", "head"), **{h: ("p", "head") for h in _HEADINGS},
    "dir": ("p", "head"), "address": ("p", "head", "ul"), "pre": ("p", "head", "ul"),
    "listing": ("p", "head"), "xmp": ("p", "head"), "blockquote": ("p", "head"),
    "dl": ("p", "dt", "menu", "dir", "address", *_LISTING, "head"),
    "dt": ("p", "menu", "dir", "address", *_LISTING, "head", "dd"),
    "dd": ("p", "menu", "dir", "address", *_LISTING, "head", "dt"),
    "ul": ("p", "head", "ol", "menu", "dir", "address", *_LISTING),
    "ol": ("p", "head", "ul"), "menu": ("p", "head", "ul"),
    "p": ("p", "head", *_HEADINGS, *_FONT_STYLE),
    "div": ("p", "head"), "noscript": ("p", "head"),
    "center": ("font", "b", "i", "p", "head"),
    "a": ("a",), "caption": ("p",),
    "colgroup": ("caption", "colgroup", "col", "p"), "col": ("caption", "col", "p"),
    "table": ("p", "head", *_HEADINGS, *_LISTING, "a"),
    "th": ("th", "td", "p", "span", "font", "a", "b", "i", "u"),
    "td": ("th", "td", "p", "span", "font", "a", "b", "i", "u"),
    "tr": ("th", "td", "tr", "caption", "col", "colgroup", "p"),
    "thead": ("caption", "col", "colgroup"),
    "tfoot": ("th", "td", "tr", "caption", "col", "colgroup", "thead", "tbody", "p"),
    "tbody": ("th", "td", "tr", "caption", "col", "colgroup", "thead", "tfoot", "tbody", "p"),
    "optgroup": ("option",), "option": ("option",),
    "fieldset": ("legend", "p", "head", *_HEADINGS, *_LISTING, "a"),
}.items()}
"""A start tag → the elements it closes when one of them is the current element."""
