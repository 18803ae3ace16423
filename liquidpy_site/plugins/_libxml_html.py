"""An HTML fragment round trip as libxml2's HTML 4 parser and serializer make it.

Plugins that edit HTML through a parsed tree (mentions) write the whole
fragment back out, so their output carries the parser's repairs and the
serializer's style: lower-case names, void elements without a slash, boolean
attributes minimized, URI attributes percent-escaped, line breaks added around
block elements whose content starts or ends with an element. :func:`parse`
builds the tree, :func:`serialize` writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.entities import name2codepoint

from liquidpy_site.plugins._libxml_tables import (
    AUTO_CLOSE,
    BOOLEAN_ATTRS,
    EMPTY,
    END_PRIORITY,
    INLINE,
    KNOWN,
    SAVE_END_TAG,
)

ENTITIES = {**{name: chr(code) for name, code in name2codepoint.items()}, "apos": "'"}
_NAME = re.compile(r"[A-Za-z_:.][A-Za-z0-9:\-_.]*")
_BLANK = " \t\n\r"
_INVALID = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_URI_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                      b"-_.!~*'()@/:=?;#%&,+<>")


@dataclass(eq=False)
class Node:
    """A node of the tree: an element (``name``), text or a comment (``kind``)."""

    kind: str
    name: str = ""
    tag: str = ""
    """The name as written (with any namespace prefix), which end tags must match."""
    text: str = ""
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None

    def append(self, child: Node) -> None:
        """Add a child, merging adjacent text as libxml2 does."""
        if child.kind == "text" and self.children and self.children[-1].kind == "text":
            self.children[-1].text += child.text
            return
        child.parent = self
        self.children.append(child)


def parse(html: str) -> Node:
    """Parse an HTML fragment as the content of ``<body>``; returns the holder node."""
    return _Parser(_INVALID.sub("", html.replace("\0", " "))).run()


class _Parser:
    def __init__(self, html: str) -> None:
        self.src = html
        self.pos = 0
        self.root = Node("element", name="body", tag="body")
        self.stack: list[Node] = [self.root]
        self.depth = 0
        """Misplaced ``html``/``head``/``body`` start tags whose end tags are ignored."""

    def run(self) -> Node:
        while self.pos < len(self.src):
            self._step()
        return self.root

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def _step(self) -> None:
        src, pos = self.src, self.pos
        if self.current.tag in ("script", "style"):
            self._raw_text()
        elif src.startswith("<!--", pos):
            end = src.find("-->", pos + 4)
            if end >= 0:  # an unterminated comment is dropped with the rest
                self.current.append(Node("comment", text=src[pos + 4:end]))
            self.pos = len(src) if end < 0 else end + 3
        elif src.startswith("</", pos) and _NAME.match(src, pos + 2):
            self._end_tag()
        elif src.startswith("<", pos) and _NAME.match(src, pos + 1):
            self._start_tag()
        elif src.startswith("<!", pos) or src.startswith("<?", pos):
            end = src.find(">", pos)
            self.pos = len(src) if end < 0 else end + 1
        elif src.startswith("&", pos):
            text, self.pos = _reference(src, pos)
            self.current.append(Node("text", text=text))
        else:
            match = re.compile(r"[^<&]+|[<&]").match(src, pos)
            assert match is not None
            self.current.append(Node("text", text=match.group(0)))
            self.pos = match.end()

    def _raw_text(self) -> None:
        name = re.escape(self.current.tag)
        match = re.compile(rf"</{name}", re.IGNORECASE).search(self.src, self.pos)
        stop = len(self.src) if match is None else match.start()
        if stop > self.pos:
            self.current.append(Node("text", text=self.src[self.pos:stop]))
        self.pos = stop
        if match is not None:
            self._end_tag()

    def _end_tag(self) -> None:
        match = _NAME.match(self.src, self.pos + 2)
        assert match is not None
        name = match.group(0).lower()
        close = self.src.find(">", match.end())
        self.pos = len(self.src) if close < 0 else close + 1
        if name in ("body", "html", "head") and self.depth > 0:
            self.depth -= 1
            return
        if name in ("body", "html"):
            self.pos = len(self.src)  # what follows is outside the body
            return
        names = [node.tag for node in self.stack[1:]]
        if name not in names:
            return
        priority = END_PRIORITY.get(name, 100)
        for node in reversed(self.stack[1:]):
            if node.tag == name:
                break
            if END_PRIORITY.get(node.tag, 100) > priority:
                return
        while self.current.tag != name:
            self.stack.pop()
        self.stack.pop()

    def _start_tag(self) -> None:
        match = _NAME.match(self.src, self.pos + 1)
        assert match is not None
        name = match.group(0).lower()
        attrs, self.pos, self_closing = _attributes(self.src, match.end())
        if name in ("html", "head", "body"):
            self.depth += 1
            return
        while len(self.stack) > 1 and self.current.tag in AUTO_CLOSE.get(name, ()):
            self.stack.pop()
        prefix, colon, local = name.partition(":")
        element = Node("element", name=local if colon and prefix and local else name,
                       tag=name, attrs=attrs)
        self.current.append(element)
        if not self_closing and name not in EMPTY:
            self.stack.append(element)


def _attributes(src: str, pos: int) -> tuple[list[tuple[str, str | None]], int, bool]:
    """Attributes from ``pos`` to the tag's end; returns them, the position after, ``/>``."""
    attrs: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    while pos < len(src):
        while pos < len(src) and src[pos] in _BLANK:
            pos += 1
        if pos >= len(src):
            break
        if src[pos] == ">":
            return attrs, pos + 1, False
        if src.startswith("/>", pos):
            return attrs, pos + 2, True
        match = _NAME.match(src, pos)
        if match is None:
            bogus = re.compile(r"[^ \t\n\r>]*").match(src, pos)
            assert bogus is not None
            pos = max(bogus.end(), pos + 1) if src[pos] != "/" else pos + 1
            continue
        name, pos = match.group(0).lower(), match.end()
        value, pos = _attribute_value(src, pos)
        if name not in seen:
            seen.add(name)
            attrs.append((name, value))
    return attrs, pos, False


def _attribute_value(src: str, pos: int) -> tuple[str | None, int]:
    look = pos
    while look < len(src) and src[look] in _BLANK:
        look += 1
    if look >= len(src) or src[look] != "=":
        return None, pos
    look += 1
    while look < len(src) and src[look] in _BLANK:
        look += 1
    if look < len(src) and src[look] in "\"'":
        end = src.find(src[look], look + 1)
        end = len(src) if end < 0 else end
        return _decode(src[look + 1:end]), min(end + 1, len(src))
    match = re.compile(r"[^ \t\n\r>]*").match(src, look)
    assert match is not None
    return _decode(match.group(0)), match.end()


def _decode(text: str) -> str:
    out, pos = [], 0
    while True:
        amp = text.find("&", pos)
        if amp < 0:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:amp])
        decoded, pos = _reference(text, amp)
        out.append(decoded)


def _reference(src: str, pos: int) -> tuple[str, int]:
    """The text an ``&`` reference at ``pos`` stands for, and the position after it."""
    numeric = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?").match(src, pos)
    if numeric is not None:
        code = int(numeric.group(1), 16) if numeric.group(1) else int(numeric.group(2))
        if 0 < code <= 0x10FFFF:
            return chr(code), numeric.end()
    named = re.compile(r"&([A-Za-z_:][A-Za-z0-9._:\-]*)(;?)").match(src, pos)
    if named is None:
        return "&", pos + 1
    if named.group(2) and named.group(1) in ENTITIES:
        return ENTITIES[named.group(1)], named.end()
    return "&" + named.group(1), named.end(1)


def serialize(holder: Node) -> str:
    """The fragment's children written as libxml2's formatted HTML output."""
    return "".join(_dump(child, top=True) for child in holder.children)


def _dump(node: Node, top: bool = False) -> str:
    if node.kind == "text":
        parent = node.parent.name if node.parent is not None else ""
        return node.text if parent in ("script", "style") else escape_text(node.text)
    if node.kind == "comment":
        return f"<!--{node.text}-->"
    known = node.name in KNOWN
    block = known and node.name not in INLINE
    out = ["<", node.name, *(_attribute(node, name, value) for name, value in node.attrs)]
    if node.name in EMPTY:
        out.append(">")
    elif not node.children:
        out.append(">" if node.name in SAVE_END_TAG else f"></{node.name}>")
    else:
        first, last, several = node.children[0], node.children[-1], len(node.children) > 1
        lines = block and several and not node.name.startswith("p")
        out.append(">")
        if lines and first.kind != "text":
            out.append("\n")
        out.extend(_dump(child) for child in node.children)
        if lines and last.kind != "text":
            out.append("\n")
        out.append(f"</{node.name}>")
    if not top and block and _needs_newline_after(node):
        out.append("\n")
    return "".join(out)


def _needs_newline_after(node: Node) -> bool:
    parent = node.parent
    if parent is None:
        return False
    index = next(i for i, child in enumerate(parent.children) if child is node)
    following = parent.children[index + 1] if index + 1 < len(parent.children) else None
    return (following is not None and following.kind != "text"
            and not parent.name.startswith("p"))


def _attribute(node: Node, name: str, value: str | None) -> str:
    if value is None or name in BOOLEAN_ATTRS:
        return f" {name}"
    escaped = escape_text(value)
    if name in ("href", "action", "src") or (name == "name" and node.name == "a"):
        escaped = uri_escape(escaped.lstrip(" \t\n\r"))
    if '"' not in escaped:
        return f' {name}="{escaped}"'
    if "'" not in escaped:
        return f" {name}='{escaped}'"
    return f' {name}="{escaped.replace(chr(34), "&quot;")}"'


def escape_text(text: str) -> str:
    """Text content as libxml2 writes it: ``&``, ``<``, ``>`` and control characters escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: f"&#{ord(m.group(0))};", text)


def uri_escape(text: str) -> str:
    """Percent-escape the bytes of a URI attribute libxml2 does not leave as they are."""
    return "".join(chr(b) if b in _URI_SAFE else f"%{b:02X}" for b in text.encode("utf-8"))
