"""Jekyll's ``smartify``: kramdown's SmartyPants input with the HTML converter.

Quotes become curly quotes, ``--``/``---``/``...``/``<<``/``>>`` become dashes,
ellipses and guillemets (as characters), entities become characters unless
they must stay escaped, and bare ``&``, ``<``, ``>`` are escaped. HTML is kept
the way kramdown re-serialises it: a line starting with a tag that is not a
span element is a raw HTML block; inline span elements are rebuilt (attributes
double-quoted, void elements as ``<br />``, unclosed elements closed at the end)
and their content is converted unless the element's content is raw.
"""

from __future__ import annotations

import html
import re
from typing import Any

from liquidpy_site.rendering.ruby import to_s

__all__ = ["smartify"]

_PUNCT = r"[!\"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"
_CLOSE = r"[^ \\\t\r\n\[{(-]"
_LEFT = {"'": "\u2018", '"': "\u201c"}
_RIGHT = {"'": "\u2019", '"': "\u201d"}
_RULES: list[tuple[re.Pattern[str], list[Any]]] = [
    (re.compile(r"(\"|')(?=[_*]{1,2}\S)"), ["L1"]),
    (re.compile(rf"(\"|')(?={_PUNCT}(?!\.\.)\B)"), ["R1"]),
    (re.compile(r"(\s?)\"'(?=\w)"), [1, "\u201c", "\u2018"]),
    (re.compile(r"(\s?)'\"(?=\w)"), [1, "\u2018", "\u201c"]),
    (re.compile(r"(\s?)'(?=\d\ds)"), [1, "\u2019"]),
    (re.compile(r"(\s)('|\")(?=\w)"), [1, "L2"]),
    (re.compile(rf"({_CLOSE})('|\")"), [1, "R2"]),
    (re.compile(r"(\"|')(?=\s|s\b|$)", re.M), ["R1"]),
    (re.compile(r"(.?)'", re.S), [1, "\u2018"]),
    (re.compile(r"(.?)\"", re.S), [1, "\u201c"]),
]
_SYMBOLS = {
    "---": "\u2014",
    "--": "\u2013",
    "...": "\u2026",
    "\\<<": "&lt;&lt;",
    "\\>>": "&gt;&gt;",
    "<< ": "\u00ab\u00a0",
    " >>": "\u00a0\u00bb",
    "<<": "\u00ab",
    ">>": "\u00bb",
}
_SYMBOL_RE = re.compile("|".join(re.escape(k) for k in _SYMBOLS))
_QUOTE_START = re.compile(r"[^\\]?[\"']", re.S)
_SPAN_START = re.compile(r"[^\\]?[\"']|&|--|\.\.\.|(?:\\| )?(?:<<|>>)|<", re.S)
_RAW_START = re.compile(r"<")
_ENTITY = re.compile(r"&(?:(\w+)|#(\d+)|#x([0-9a-fA-F]+));")
_REFERENCE = r"&(?:[A-Za-z_:][\w:.\-]*|#\d+|#x[0-9a-fA-F]+);"
_TEXT_ESCAPE = re.compile(rf"{_REFERENCE}|[<>&]")
_ATTR_ESCAPE = re.compile(rf"{_REFERENCE}|[<>&\"]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}

_NAME = r"[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?"
_TAG = re.compile(rf"<({_NAME})\s*((?:\s+{_NAME}(?:\s*=\s*(?:\w+|(\"|').*?\3))?)*)\s*(/)?>", re.S)
_CLOSE_TAG = re.compile(rf"</({_NAME})\s*>")
_ATTRIBUTE = re.compile(rf"\s*({_NAME})(?:\s*=\s*(?:(\w+)|(\"|')(.*?)\3))?", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLOCK_START = re.compile(r" {0,3}(?=<)")

_SPAN_MODEL = set(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins "
    "label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt".split()
)
_BLOCK_MODEL = set(
    "address applet article aside blockquote body dd details div dl fieldset figure "
    "figcaption footer form header hgroup iframe li main map menu nav noscript object "
    "section summary td".split()
)
_SPAN_ELEMENTS = set(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark "
    "option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split()
)
_BLOCK_ELEMENTS = set(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset "
    "figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu "
    "li main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul".split()
)
_VOID = set(
    "area base br col command embed hr img input keygen link meta param source track wbr".split()
)
_RAW_MODEL = set("script style math option textarea pre code kbd samp var".split())
_KNOWN = _SPAN_MODEL | _BLOCK_MODEL | _SPAN_ELEMENTS | _BLOCK_ELEMENTS | _VOID | _RAW_MODEL

Parsed = tuple[str, int]


def _escape(text: str, pattern: re.Pattern[str] = _TEXT_ESCAPE) -> str:
    return pattern.sub(lambda m: _ESCAPES.get(m.group(0), m.group(0)), text)


def _quote(text: str, pos: int) -> Parsed | None:
    for pattern, actions in _RULES:
        match = pattern.match(text, pos)
        if not match:
            continue
        out = []
        for action in actions:
            if isinstance(action, int):
                out.append(_escape(match.group(action)))
            elif action in ("L1", "R1", "L2", "R2"):
                char = match.group(int(action[1]))
                out.append((_LEFT if action[0] == "L" else _RIGHT)[char])
            else:
                out.append(action)
        return "".join(out), match.end()
    return None


def _entity(text: str, pos: int) -> Parsed | None:
    match = _ENTITY.match(text, pos)
    if not match:
        return None
    source = match.group(0)
    char = html.unescape(source)
    if char == source:
        return "&amp;", pos + 1
    if char in _ESCAPES and char != '"':
        return source, match.end()
    return char, match.end()


def _symbol(text: str, pos: int) -> Parsed | None:
    match = _SYMBOL_RE.match(text, pos)
    return (_SYMBOLS[match.group(0)], match.end()) if match else None


def _attributes(source: str, lower: bool) -> str:
    attrs: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(source):
        name = match.group(1).lower() if lower else match.group(1)
        attrs[name] = match.group(2) or match.group(4) or ""
    return "".join(f' {k}="{_escape(v, _ATTR_ESCAPE)}"' for k, v in attrs.items())


def _tag_name(name: str) -> tuple[str, bool]:
    lowered = name.lower()
    return (lowered, True) if lowered in _KNOWN else (name, False)


def _span_element(text: str, pos: int) -> Parsed | None:
    match = _TAG.match(text, pos)
    if not match:
        return None
    name, known = _tag_name(match.group(1))
    if name in _BLOCK_ELEMENTS:
        return _escape(match.group(0)), match.end()
    head = f"<{name}{_attributes(match.group(2), known)}"
    if name in _VOID:
        return head + " />", match.end()
    if match.group(4):
        return f"{head}></{name}>", match.end()
    stop = re.compile(rf"</{re.escape(name)}\s*>", re.I if known else 0)
    raw = name in _RAW_MODEL or name not in (_SPAN_MODEL | _BLOCK_MODEL)
    inner, end, found = _spans(text, match.end(), stop, raw)
    if found:
        closing = stop.match(text, end)
        assert closing is not None
        return f"{head}>{inner}</{name}>", closing.end()
    return f"{head}>{inner}{_escape(text[end:])}</{name}>", len(text)


def _html(text: str, pos: int) -> Parsed | None:
    comment = _COMMENT.match(text, pos)
    if comment:
        return comment.group(0), comment.end()
    closing = _CLOSE_TAG.match(text, pos)
    if closing:
        return _escape(closing.group(0)), closing.end()
    return _span_element(text, pos)


def _parse_at(text: str, pos: int, raw: bool) -> Parsed | None:
    if raw:
        return _html(text, pos)
    if _QUOTE_START.match(text, pos):
        result = _quote(text, pos)
        if result:
            return result
    for parser in (_entity, _symbol, _html):
        result = parser(text, pos)
        if result:
            return result
    return None


def _spans(text: str, pos: int, stop: re.Pattern[str] | None, raw: bool) -> tuple[str, int, bool]:
    """Convert spans from ``pos`` until ``stop`` (found or not) or the end."""
    out: list[str] = []
    start_re = _RAW_START if raw else _SPAN_START
    while pos < len(text):
        starts = [
            m.start() for m in (start_re.search(text, pos), stop and stop.search(text, pos)) if m
        ]
        if not starts:
            if stop is not None:
                return "".join(out), pos, False
            out.append(_escape(text[pos:]))
            return "".join(out), len(text), True
        nearest = min(starts)
        out.append(_escape(text[pos:nearest]))
        pos = nearest
        if stop is not None and stop.match(text, pos):
            return "".join(out), pos, True
        result = _parse_at(text, pos, raw)
        if result is None:
            out.append(_escape(text[pos]))
            pos += 1
        else:
            out.append(result[0])
            pos = result[1]
    return "".join(out), pos, stop is None


def _block_end(text: str, pos: int, name: str) -> tuple[int, int]:
    """Return (content end, end after the closing tag) for a raw block element."""
    pattern = re.compile(rf"<(/?){re.escape(name)}\b[^>]*>", re.I)
    depth = 1
    for match in pattern.finditer(text, pos):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.start(), match.end()
    return len(text), len(text)


def _rest_of_line(text: str, pos: int) -> int:
    """Skip whitespace up to and including the newline, if only whitespace remains."""
    match = re.compile(r"[ \t]*\n").match(text, pos)
    return match.end() if match else pos


def _html_block(text: str, pos: int) -> Parsed | None:
    """Convert a raw HTML block starting at the beginning of a line, if there is one."""
    indent = _BLOCK_START.match(text, pos)
    if indent is None:
        return None
    start = indent.end()
    comment = _COMMENT.match(text, start)
    if comment:
        return comment.group(0) + "\n", _rest_of_line(text, comment.end())
    match = _TAG.match(text, start)
    if match is None or match.group(1).lower() in _SPAN_ELEMENTS:
        return None
    name, known = _tag_name(match.group(1))
    head = f"<{name}{_attributes(match.group(2), known)}"
    if name in _VOID or match.group(4):
        return head + " />\n", match.end()
    content_end, end = _block_end(text, match.end(), name)
    block = f"{head}>{text[match.end() : content_end]}</{name}>\n"
    return block, _rest_of_line(text, end)


def smartify(value: Any) -> str:
    """Return Jekyll's ``smartify`` of a value."""
    text = to_s(value).replace("\r\n", "\n").replace("\r", "\n")
    if not text.endswith("\n"):
        text += "\n"
    out: list[str] = []
    chunk = pos = 0
    while pos < len(text):
        at_line_start = pos == 0 or text[pos - 1] == "\n"
        block = _html_block(text, pos) if at_line_start else None
        if block is not None:
            out.append(_spans(text[chunk:pos], 0, None, raw=False)[0])
            out.append(block[0])
            chunk = pos = block[1]
            continue
        newline = text.find("\n", pos)
        pos = len(text) if newline < 0 else newline + 1
    out.append(_spans(text[chunk:], 0, None, raw=False)[0])
    return "".join(out).removesuffix("\n")
