"""Write HTML from a cmark-gfm tree the way Jekyll's CommonMark converter does.

Jekyll's converter does not use cmark's own HTML writer: it walks the tree with
commonmarker's Ruby renderer, which differs from the C one in small ways that
show in the output (links keep every URL scheme, an image's ``alt`` keeps only
text, footnotes are numbered ``fn1``/``fnref1``, code blocks are highlighted
with Rouge inside ``div.highlighter-rouge``). This module reproduces that
renderer: the same elements, the same newlines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._cmark import Node
from ._highlight import highlight

#: Render option bits that change the HTML (cmark's values).
SOURCEPOS = 1 << 1
HARDBREAKS = 1 << 2
NOBREAKS = 1 << 4
GITHUB_PRE_LANG = 1 << 11
UNSAFE = 1 << 17

_HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_HTML_ESCAPE_RE = re.compile(r'[&<>"]')

#: Bytes cmark copies unchanged into an ``href``; others are %-encoded.
_HREF_SAFE = frozenset(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    b"-_.+!*(),%#@?=;:/$~"
)

_TAGFILTER_RE = re.compile(
    r"<(title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext)(?=\s|>|/>)",
    re.IGNORECASE,
)

_WHITESPACE_RE = re.compile(r"[ \t\r\n\f\v]+")


def escape_html(text: str) -> str:
    """Escape ``& < > "`` as cmark does for text and attributes."""
    return _HTML_ESCAPE_RE.sub(lambda m: _HTML_ESCAPES[m.group()], text)


def escape_href(url: str) -> str:
    """Escape a URL as cmark does: ``&`` and ``'`` as entities, unsafe bytes %-encoded."""
    out: list[str] = []
    for byte in url.encode("utf-8", "surrogatepass"):
        if byte in _HREF_SAFE:
            out.append(chr(byte))
        elif byte == 0x26:
            out.append("&amp;")
        elif byte == 0x27:
            out.append("&#x27;")
        else:
            out.append(f"%{byte:02X}")
    return "".join(out)


class HtmlRenderer:
    """Render one document tree to HTML.

    Args:
        options: cmark render option bits (see the module constants).
        tagfilter: Whether the ``tagfilter`` extension is on (raw HTML only).
    """

    def __init__(self, options: int, *, tagfilter: bool) -> None:
        self.options = options
        self.tagfilter = tagfilter
        self._parts: list[str] = []
        self._last = ""
        self._in_tight = False
        self._in_plain = False
        self._in_header = False
        self._alignments: list[str | None] = []
        self._column = 0
        self._needs_close_tbody = False
        self._footnote_ix = 0
        self._written_footnote_ix = 0
        self._handlers: dict[str, Callable[[Node], None]] = {
            "document": self._document, "block_quote": self._blockquote,
            "list": self._list, "item": self._list_item, "tasklist": self._list_item,
            "code_block": self._code_block, "html_block": self._html_block,
            "paragraph": self._paragraph, "heading": self._heading,
            "thematic_break": self._hrule, "text": self._text,
            "softbreak": self._softbreak, "linebreak": self._linebreak,
            "code": self._code, "html_inline": self._html_inline,
            "emph": self._emph, "strong": self._strong, "link": self._link,
            "image": self._image, "strikethrough": self._strikethrough,
            "table": self._table, "table_header": self._table_header,
            "table_row": self._table_row, "table_cell": self._table_cell,
            "footnote_reference": self._footnote_reference,
            "footnote_definition": self._footnote_definition,
        }

    # -- output ----------------------------------------------------------------

    def render(self, document: Node) -> str:
        """Return the HTML of ``document``."""
        self._render(document)
        return "".join(self._parts)

    def _out(self, *texts: str) -> None:
        for text in texts:
            if text:
                self._parts.append(text)
                self._last = text[-1]

    def _children(self, node: Node) -> None:
        for child in node.children:
            self._render(child)

    def _cr(self) -> None:
        if self._parts and self._last != "\n":
            self._out("\n")

    def _option(self, bit: int) -> bool:
        return bool(self.options & bit)

    def _sourcepos(self, node: Node) -> str:
        if not self._option(SOURCEPOS):
            return ""
        start_line, start_col, end_line, end_col = node.sourcepos
        return f' data-sourcepos="{start_line}:{start_col}-{end_line}:{end_col}"'

    def _render(self, node: Node) -> None:
        if self._in_plain and node.type not in ("text", "softbreak"):
            self._children(node)
            return
        handler = self._handlers.get(node.type)
        if handler is None:
            self._children(node)
        else:
            handler(node)

    # -- blocks ----------------------------------------------------------------

    def _document(self, node: Node) -> None:
        self._children(node)
        if self._written_footnote_ix:
            self._out("</ol>\n</section>\n")

    def _block_container(self, node: Node, start: str, end: str) -> None:
        self._cr()
        self._out(start)
        self._children(node)
        self._out(end)
        self._cr()

    def _heading(self, node: Node) -> None:
        level = str(node.level)
        self._block_container(node, f"<h{level}{self._sourcepos(node)}>", f"</h{level}>")

    def _paragraph(self, node: Node) -> None:
        parent = node.parent
        if self._in_tight and (parent is None or parent.type != "block_quote"):
            self._children(node)
            return
        self._cr()
        self._out(f"<p{self._sourcepos(node)}>")
        self._children(node)
        if parent is not None and parent.type == "footnote_definition" and node.next_sibling() is None:
            self._out(" ")
            self._footnote_backref()
        self._out("</p>")
        self._cr()

    def _list(self, node: Node) -> None:
        outer_tight = self._in_tight
        self._in_tight = node.tight
        pos = self._sourcepos(node)
        if not node.ordered:
            self._block_container(node, f"<ul{pos}>\n", "</ul>")
        elif node.start == 1:
            self._block_container(node, f"<ol{pos}>\n", "</ol>")
        else:
            self._block_container(node, f'<ol start="{node.start}"{pos}>\n', "</ol>")
        self._in_tight = outer_tight

    def _list_item(self, node: Node) -> None:
        task = ""
        if node.type == "tasklist":
            state = 'checked="" disabled=""' if node.checked else 'disabled=""'
            task = f'><input type="checkbox" {state} /'
        space = " " if node.type == "tasklist" else ""
        self._block_container(node, f"<li{self._sourcepos(node)}{task}>{space}", "</li>")

    def _blockquote(self, node: Node) -> None:
        self._block_container(node, f"<blockquote{self._sourcepos(node)}>\n", "</blockquote>")

    def _hrule(self, node: Node) -> None:
        self._cr()
        self._out(f"<hr{self._sourcepos(node)} />")
        self._cr()

    def _code_block(self, node: Node) -> None:
        lang = _code_lang(node.fence_info)
        data_lang = f' data-lang="{lang}"' if lang is not None else ""
        self._cr()
        self._out('<div class="')
        if lang is not None:
            self._out("language-", lang, " ")
        self._out('highlighter-rouge"><div class="highlight">')
        self._out("<pre", self._sourcepos(node), ' class="highlight"')
        if self._option(GITHUB_PRE_LANG):
            self._out(data_lang, "><code>")
        else:
            self._out("><code", data_lang, ">")
        self._out(highlight(node.literal, lang))
        self._out("</code></pre></div></div>")
        self._cr()

    def _raw_html(self, node: Node) -> None:
        if not self._option(UNSAFE):
            self._out("<!-- raw HTML omitted -->")
        elif self.tagfilter:
            self._out(_TAGFILTER_RE.sub(r"&lt;\1", node.literal))
        else:
            self._out(node.literal)

    def _html_block(self, node: Node) -> None:
        self._cr()
        self._raw_html(node)
        self._cr()

    # -- tables ----------------------------------------------------------------

    def _table(self, node: Node) -> None:
        self._alignments = node.alignments
        self._needs_close_tbody = False
        self._out(f"<table{self._sourcepos(node)}>\n")
        self._children(node)
        if self._needs_close_tbody:
            self._out("</tbody>\n")
        self._out("</table>\n")

    def _table_header(self, node: Node) -> None:
        self._column = 0
        self._in_header = True
        self._out(f"<thead>\n<tr{self._sourcepos(node)}>\n")
        self._children(node)
        self._out("</tr>\n</thead>\n")
        self._in_header = False

    def _table_row(self, node: Node) -> None:
        self._column = 0
        if not self._in_header and not self._needs_close_tbody:
            self._needs_close_tbody = True
            self._out("<tbody>\n")
        self._out(f"<tr{self._sourcepos(node)}>\n")
        self._children(node)
        self._out("</tr>\n")

    def _table_cell(self, node: Node) -> None:
        align = self._alignments[self._column] if self._column < len(self._alignments) else None
        attr = f' align="{align}"' if align else ""
        tag = "th" if self._in_header else "td"
        self._out(f"<{tag}{attr}{self._sourcepos(node)}>")
        self._children(node)
        self._out(f"</{tag}>\n")
        self._column += 1

    # -- footnotes -------------------------------------------------------------

    def _footnote_reference(self, node: Node) -> None:
        label = node.literal
        self._out(
            f'<sup class="footnote-ref"><a href="#fn{label}" id="fnref{label}">{label}</a></sup>'
        )

    def _footnote_definition(self, node: Node) -> None:
        if not self._footnote_ix:
            self._out('<section class="footnotes">\n<ol>\n')
        self._footnote_ix += 1
        self._out(f'<li id="fn{self._footnote_ix}">\n')
        self._children(node)
        if self._footnote_backref():
            self._out("\n")
        self._out("</li>\n")

    def _footnote_backref(self) -> bool:
        if self._written_footnote_ix == self._footnote_ix:
            return False
        self._written_footnote_ix = self._footnote_ix
        self._out(f'<a href="#fnref{self._footnote_ix}" class="footnote-backref">\u21a9</a>')
        return True

    # -- inlines ---------------------------------------------------------------

    def _text(self, node: Node) -> None:
        self._out(escape_html(node.literal))

    def _softbreak(self, node: Node) -> None:
        if self._option(HARDBREAKS):
            self._out("<br />\n")
        elif self._option(NOBREAKS):
            self._out(" ")
        else:
            self._out("\n")

    def _linebreak(self, node: Node) -> None:
        self._out("<br />\n")

    def _code(self, node: Node) -> None:
        self._out("<code>", escape_html(node.literal), "</code>")

    def _html_inline(self, node: Node) -> None:
        self._raw_html(node)

    def _wrap(self, node: Node, tag: str) -> None:
        self._out(f"<{tag}>")
        self._children(node)
        self._out(f"</{tag}>")

    def _emph(self, node: Node) -> None:
        self._wrap(node, "em")

    def _strong(self, node: Node) -> None:
        self._wrap(node, "strong")

    def _strikethrough(self, node: Node) -> None:
        self._wrap(node, "del")

    def _link(self, node: Node) -> None:
        self._out('<a href="', escape_href(node.url or ""), '"')
        if node.title:
            self._out(' title="', escape_html(node.title), '"')
        self._out(">")
        self._children(node)
        self._out("</a>")

    def _image(self, node: Node) -> None:
        self._out('<img src="', escape_href(node.url or ""), '"')
        self._out(' alt="')
        outer_plain = self._in_plain
        self._in_plain = True
        self._children(node)
        self._in_plain = outer_plain
        self._out('"')
        if node.title:
            self._out(' title="', escape_html(node.title), '"')
        self._out(" />")


def _code_lang(info: str) -> str | None:
    """The first word of a code block's info string, or None when it has none."""
    if not info:
        return None
    return _WHITESPACE_RE.split(info)[0]


def render(document: Node, options: int, *, tagfilter: bool) -> str:
    """Render ``document`` with render ``options`` (see :class:`HtmlRenderer`)."""
    return HtmlRenderer(options, tagfilter=tagfilter).render(document)
