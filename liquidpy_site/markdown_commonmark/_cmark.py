"""Parse Markdown with cmark-gfm and copy its syntax tree into Python objects.

The C library is the one shipped inside the ``cmarkgfm`` package. Its Python
module only exposes whole-document rendering, but the shared object exports
the full node API, so it is opened a second time here through ``cffi`` in ABI
mode to walk the tree: the HTML is then written by :mod:`._render`, which
follows the Ruby renderer Jekyll's CommonMark converter uses.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cache
from typing import Any

_CDEF = """
typedef struct cmark_node cmark_node;
typedef struct cmark_parser cmark_parser;
typedef struct cmark_syntax_extension cmark_syntax_extension;

void cmark_gfm_core_extensions_ensure_registered(void);
cmark_syntax_extension *cmark_find_syntax_extension(const char *name);
cmark_parser *cmark_parser_new(int options);
void cmark_parser_free(cmark_parser *parser);
int cmark_parser_attach_syntax_extension(cmark_parser *parser,
                                         cmark_syntax_extension *extension);
void cmark_parser_feed(cmark_parser *parser, const char *buffer, size_t len);
cmark_node *cmark_parser_finish(cmark_parser *parser);

void cmark_node_free(cmark_node *node);
cmark_node *cmark_node_next(cmark_node *node);
cmark_node *cmark_node_first_child(cmark_node *node);
int cmark_node_get_type(cmark_node *node);
const char *cmark_node_get_type_string(cmark_node *node);
const char *cmark_node_get_literal(cmark_node *node);
int cmark_node_get_heading_level(cmark_node *node);
int cmark_node_get_list_type(cmark_node *node);
int cmark_node_get_list_start(cmark_node *node);
int cmark_node_get_list_tight(cmark_node *node);
const char *cmark_node_get_fence_info(cmark_node *node);
const char *cmark_node_get_url(cmark_node *node);
const char *cmark_node_get_title(cmark_node *node);
int cmark_node_get_start_line(cmark_node *node);
int cmark_node_get_start_column(cmark_node *node);
int cmark_node_get_end_line(cmark_node *node);
int cmark_node_get_end_column(cmark_node *node);

uint16_t cmark_gfm_extensions_get_table_columns(cmark_node *node);
uint8_t *cmark_gfm_extensions_get_table_alignments(cmark_node *node);
bool cmark_gfm_extensions_get_tasklist_item_checked(cmark_node *node);
"""

#: cmark's list type for ordered lists (``CMARK_ORDERED_LIST``).
_ORDERED_LIST = 2

#: Node types whose text lives in the node's literal.
_LITERAL_TYPES = frozenset(
    {"text", "code", "html_inline", "html_block", "code_block", "footnote_reference"}
)

#: Core node types the library names ``<unknown>`` (``CMARK_NODE_FOOTNOTE_*``).
_UNNAMED_TYPES = {0x800B: "footnote_definition", 0xC00B: "footnote_reference"}

_ALIGNMENTS = {ord("l"): "left", ord("c"): "center", ord("r"): "right"}

#: The C library's parser is not re-entrant across threads sharing extensions.
_LOCK = threading.Lock()


@dataclass
class Node:
    """One node of the cmark-gfm syntax tree, with what the renderer reads.

    Attributes:
        type: cmark's type string (``paragraph``, ``tasklist``, ``table_header``…).
        children: The child nodes, in order.
        parent: The parent node (None for the document).
        literal: Text of text-like nodes (code, HTML, text, footnote labels).
        fence_info: The info string of a code block.
        url: Destination of a link or image.
        title: Title of a link or image.
        level: Heading level.
        ordered: Whether a list is ordered.
        start: Start number of an ordered list.
        tight: Whether a list is tight.
        checked: Whether a task-list item is checked.
        alignments: Per-column alignment of a table (``left``/``center``/``right``/None).
        sourcepos: ``(start_line, start_column, end_line, end_column)``.
    """

    type: str
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    literal: str = ""
    fence_info: str = ""
    url: str | None = None
    title: str | None = None
    level: int = 0
    ordered: bool = False
    start: int = 1
    tight: bool = False
    checked: bool = False
    alignments: list[str | None] = field(default_factory=list)
    sourcepos: tuple[int, int, int, int] = (0, 0, 0, 0)

    def next_sibling(self) -> Node | None:
        """The node after this one under the same parent, or None."""
        if self.parent is None:
            return None
        siblings = self.parent.children
        index = next(i for i, child in enumerate(siblings) if child is self)
        return siblings[index + 1] if index + 1 < len(siblings) else None


@cache
def _library() -> tuple[Any, Any]:
    """Open the cmark-gfm shared object bundled with ``cmarkgfm``."""
    import cffi  # type: ignore[import-untyped]
    from cmarkgfm import _cmark  # type: ignore[import-untyped]

    ffi = cffi.FFI()
    ffi.cdef(_CDEF)
    lib = ffi.dlopen(_cmark.__file__)
    lib.cmark_gfm_core_extensions_ensure_registered()
    return ffi, lib


def available_extensions() -> list[str]:
    """The syntax extensions cmark-gfm registers, in commonmarker's order."""
    return ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]


def parse(text: str, options: int, extensions: list[str]) -> Node:
    """Parse ``text`` into a :class:`Node` tree.

    Args:
        text: The Markdown source.
        options: cmark parse option bits.
        extensions: Names of syntax extensions to attach, in order.

    Returns:
        The document node.
    """
    ffi, lib = _library()
    data = text.encode("utf-8", "surrogatepass")
    with _LOCK:
        parser = lib.cmark_parser_new(options)
        try:
            for name in extensions:
                extension = lib.cmark_find_syntax_extension(name.encode("utf-8"))
                if extension != ffi.NULL:
                    lib.cmark_parser_attach_syntax_extension(parser, extension)
            lib.cmark_parser_feed(parser, data, len(data))
            root = lib.cmark_parser_finish(parser)
        finally:
            lib.cmark_parser_free(parser)
        try:
            return _copy(ffi, lib, root, None)
        finally:
            lib.cmark_node_free(root)


def _text(ffi: Any, pointer: Any) -> str | None:
    if pointer == ffi.NULL:
        return None
    return bytes(ffi.string(pointer)).decode("utf-8", "replace")


def _copy(ffi: Any, lib: Any, cnode: Any, parent: Node | None) -> Node:
    """Copy ``cnode`` and its descendants (iteratively for the siblings)."""
    node = Node(type=_type_name(ffi, lib, cnode), parent=parent)
    _fill(ffi, lib, cnode, node)
    child = lib.cmark_node_first_child(cnode)
    while child != ffi.NULL:
        node.children.append(_copy(ffi, lib, child, node))
        child = lib.cmark_node_next(child)
    return node


def _type_name(ffi: Any, lib: Any, cnode: Any) -> str:
    name = _text(ffi, lib.cmark_node_get_type_string(cnode)) or ""
    if name == "<unknown>":
        return _UNNAMED_TYPES.get(lib.cmark_node_get_type(cnode), name)
    return name


def _fill(ffi: Any, lib: Any, cnode: Any, node: Node) -> None:
    """Read the fields the renderer needs for ``node``'s type."""
    kind = node.type
    node.sourcepos = (
        lib.cmark_node_get_start_line(cnode),
        lib.cmark_node_get_start_column(cnode),
        lib.cmark_node_get_end_line(cnode),
        lib.cmark_node_get_end_column(cnode),
    )
    if kind in _LITERAL_TYPES:
        node.literal = _text(ffi, lib.cmark_node_get_literal(cnode)) or ""
    if kind == "code_block":
        node.fence_info = _text(ffi, lib.cmark_node_get_fence_info(cnode)) or ""
    elif kind in ("link", "image"):
        node.url = _text(ffi, lib.cmark_node_get_url(cnode))
        node.title = _text(ffi, lib.cmark_node_get_title(cnode))
    elif kind == "heading":
        node.level = lib.cmark_node_get_heading_level(cnode)
    elif kind == "list":
        node.ordered = lib.cmark_node_get_list_type(cnode) == _ORDERED_LIST
        node.start = lib.cmark_node_get_list_start(cnode)
        node.tight = bool(lib.cmark_node_get_list_tight(cnode))
    elif kind == "tasklist":
        node.checked = bool(lib.cmark_gfm_extensions_get_tasklist_item_checked(cnode))
    elif kind == "table":
        columns = lib.cmark_gfm_extensions_get_table_columns(cnode)
        aligns = lib.cmark_gfm_extensions_get_table_alignments(cnode)
        node.alignments = [_ALIGNMENTS.get(aligns[i]) for i in range(columns)]
