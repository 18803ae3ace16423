"""HTML output in kramdown's exact shapes (indentation, newlines, entities).

The renderer walks the element tree with an indentation level, like
kramdown's HTML converter: block children of containers are indented by two
more spaces, blank source lines become newlines, and span content is
emitted inline.  Footnotes and the table of contents live in
:mod:`.renderer_extras`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mistune.core import BaseRenderer, BlockState

from . import codeblocks, renderer_extras
from .elements import Element
from .entities import entity, entity_to_str
from .ids import KramdownIdGenerator, basic_id
from .typography import SMART_QUOTE_INDEX, TYPOGRAPHIC_ENTITIES

_REFERENCE = re.compile(r"&(?:[\w:][-\w.:]*;|#\d+;|#x[0-9a-fA-F]+;)|[<>&]")
_REFERENCE_ATTR = re.compile(r"&(?:[\w:][-\w.:]*;|#\d+;|#x[0-9a-fA-F]+;)|[<>&\"]")
_ESC = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
_CJK = (  # Han, Hiragana and Katakana
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3041-\u3096\u309d-\u309f"
    "\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff6f\uff71-\uff9d\U00020000-\U0002fa1f"
)
_CJK_BREAK = re.compile(f"([{_CJK}]+)\n([{_CJK}]+)")
_WITHOUT_BODY = frozenset(
    "area base br col command embed hr img input keygen link meta param source track wbr".split()
)


def escape_text(text: str) -> str:
    """Escape HTML specials, leaving existing entity references alone."""
    if "&" not in text and "<" not in text and ">" not in text:
        return text
    return _REFERENCE.sub(lambda m: _ESC.get(m.group(0), m.group(0)), text)


def escape_attr(text: str) -> str:
    """Escape an attribute value, leaving existing entity references alone."""
    return _REFERENCE_ATTR.sub(lambda m: _ESC.get(m.group(0), m.group(0)), text)


def html_attributes(attrs: dict[str, Any]) -> str:
    """Serialise attributes as ``key="value"`` pairs with a leading space."""
    out = []
    for key, value in attrs.items():
        if value is None or (key == "id" and not str(value).strip()):
            continue
        out.append(f' {key}="{escape_attr(str(value))}"')
    return "".join(out)


class KramdownHtmlRenderer(BaseRenderer):
    """Converts one parsed document to HTML."""

    NAME = "kramdown-html"

    def __init__(self, options: dict[str, Any], root_options: dict[str, Any]) -> None:
        super().__init__()
        self.options = options
        self.root_options = root_options
        self.stack: list[Element] = []
        self.ids = KramdownIdGenerator(options.get("auto_id_prefix") or "")
        self.footnote_counter = self.footnote_start = int(options["footnote_nr"])
        self.footnotes: list[list[Any]] = []
        self.footnotes_by_name: dict[str, list[Any]] = {}
        self.toc: list[tuple[int, str, list[Element]]] = []
        self.toc_code: tuple[str, dict[str, str], str] | None = None
        self.footnote_location: str | None = None
        self._methods_by_type: dict[str, Callable[[Element, int], str]] = {}

    # -- dispatch ---------------------------------------------------------

    def render_token(self, token: dict[str, Any] | Element, state: BlockState | int) -> str:
        """Render one element at the given indentation."""
        el = token if isinstance(token, Element) else Element(token["type"])
        indent = state if isinstance(state, int) else 0
        method: Any = getattr(self, "convert_" + el.type)
        return str(method(el, indent))

    def convert(self, el: Element, indent: int = -2) -> str:
        """Render ``el`` (the root by default)."""
        return self.render_token(el, indent)

    def inner(self, el: Element, indent: int) -> str:
        """Render the children of ``el`` one level deeper."""
        indent += 2
        self.stack.append(el)
        methods = self._methods_by_type
        parts = []
        for child in el.children:
            method = methods.get(child.type)
            if method is None:
                method = methods[child.type] = getattr(self, "convert_" + child.type)
            parts.append(method(child, indent))
        self.stack.pop()
        return "".join(parts)

    # -- helpers ----------------------------------------------------------

    def ent(self, ent: Any, original: str | None = None) -> str:
        """Render an entity according to ``entity_output``."""
        return entity_to_str(ent, self.options["entity_output"], original)

    @staticmethod
    def block(name: str, attrs: dict[str, Any], body: str, indent: int) -> str:
        """``<name>body</name>`` on its own line."""
        return f"{' ' * indent}<{name}{html_attributes(attrs)}>{body}</{name}>\n"

    @staticmethod
    def indented_block(name: str, attrs: dict[str, Any], body: str, indent: int) -> str:
        """``<name>`` and ``</name>`` on their own lines around ``body``."""
        pad = " " * indent
        return f"{pad}<{name}{html_attributes(attrs)}>\n{body}{pad}</{name}>\n"

    @staticmethod
    def span(name: str, attrs: dict[str, Any], body: str) -> str:
        """Inline ``<name>body</name>``."""
        return f"<{name}{html_attributes(attrs)}>{body}</{name}>"

    # -- block elements ---------------------------------------------------

    def convert_root(self, el: Element, indent: int) -> str:
        """Render a ``root`` element."""
        result = self.inner(el, indent)
        return renderer_extras.finish_root(self, result)

    def convert_blank(self, el: Element, indent: int) -> str:
        """Render a ``blank`` element."""
        return "\n"

    def convert_p(self, el: Element, indent: int) -> str:
        """Render a ``p`` element."""
        if el.options.get("transparent"):
            return self.inner(el, indent)
        if len(el.children) == 1 and el.children[0].type == "img":
            refs = (el.children[0].options.get("ial") or {}).get("refs") or []
            if "standalone" in refs:
                return self.standalone_image(el, indent)
        return self.block("p", el.attrs, self.inner(el, indent), indent)

    def standalone_image(self, el: Element, indent: int) -> str:
        """A paragraph holding only a ``standalone`` image becomes a figure."""
        figure = dict(el.attrs)
        image = dict(el.children[0].attrs)
        for key in ("class", "id"):
            if key in image and key not in figure:
                figure[key] = image.pop(key)
        pad = " " * (indent + 2)
        body = f"{pad}<img{html_attributes(image)} />\n{pad}<figcaption>{image.get('alt', '')}</figcaption>\n"
        return self.indented_block("figure", figure, body, indent)

    def convert_codeblock(self, el: Element, indent: int) -> str:
        """Render a ``codeblock`` element."""
        return codeblocks.render_block(self, el, indent)

    def convert_blockquote(self, el: Element, indent: int) -> str:
        """Render a ``blockquote`` element."""
        return self.indented_block("blockquote", el.attrs, self.inner(el, indent), indent)

    def convert_header(self, el: Element, indent: int) -> str:
        """Render a ``header`` element."""
        attrs = dict(el.attrs)
        if self.options["auto_ids"] and "id" not in attrs:
            attrs["id"] = self.ids.generate(el.options.get("raw_text", ""))
        level = el.options["level"]
        if attrs.get("id") is not None and self._in_toc(level, attrs):
            self.toc.append((level, attrs["id"], el.children))
        out_level = max(min(level + int(self.options.get("header_offset") or 0), 6), 1)
        return self.block(f"h{out_level}", attrs, self.inner(el, indent), indent)

    def _in_toc(self, level: int, attrs: dict[str, Any]) -> bool:
        return level in self.options["toc_levels"] and not re.search(r"\bno_toc\b", attrs.get("class", ""))

    def convert_hr(self, el: Element, indent: int) -> str:
        """Render a ``hr`` element."""
        return f"{' ' * indent}<hr{html_attributes(el.attrs)} />\n"

    def convert_ul(self, el: Element, indent: int) -> str:
        """Render a ``ul`` element."""
        refs = (el.options.get("ial") or {}).get("refs") or []
        if self.toc_code is None and "toc" in refs:
            self.toc_code = (el.type, dict(el.attrs), "\x00kramdown-toc\x00")
            return self.toc_code[2]
        if self.footnote_location is None and "footnotes" in refs:
            self.footnote_location = "\x00kramdown-footnotes\x00"
            return self.footnote_location
        return self.indented_block(el.type, el.attrs, self.inner(el, indent), indent)

    convert_ol = convert_ul

    def convert_dl(self, el: Element, indent: int) -> str:
        """Render a ``dl`` element."""
        return self.indented_block("dl", el.attrs, self.inner(el, indent), indent)

    def convert_li(self, el: Element, indent: int) -> str:
        """Render a ``li`` element."""
        out = f"{' ' * indent}<{el.type}{html_attributes(el.attrs)}>"
        res = self.inner(el, indent)
        first = el.children[0] if el.children else None
        if first is None or (first.type == "p" and first.options.get("transparent")):
            out += res + (" " * indent if res.endswith("\n") else "")
        else:
            out += "\n" + res + " " * indent
        return out + f"</{el.type}>\n"

    convert_dd = convert_li

    def convert_dt(self, el: Element, indent: int) -> str:
        """Render a ``dt`` element."""
        attrs = dict(el.attrs)
        parent = self.stack[-1] if self.stack else None
        refs = ((parent.options.get("ial") or {}).get("refs") or []) if parent is not None else []
        if "id" not in attrs:
            for ref in refs:
                m = re.match(r"auto_ids(?:-([\w-]+))?", ref)
                if m:
                    attrs["id"] = f"{m.group(1) or ''}{basic_id(el.options.get('raw_text', ''))}".lstrip()
                    break
        return self.block("dt", attrs, self.inner(el, indent), indent)

    def convert_table(self, el: Element, indent: int) -> str:
        """Render a ``table`` element."""
        return self.indented_block(el.type, el.attrs, self.inner(el, indent), indent)

    convert_thead = convert_tbody = convert_tfoot = convert_tr = convert_table

    def convert_td(self, el: Element, indent: int) -> str:
        """Render a ``td`` element."""
        res = self.inner(el, indent)
        row, section, table = self.stack[-1], self.stack[-2], self.stack[-3]
        name = "th" if section.type == "thead" else "td"
        attrs = el.attrs
        align = table.options["alignment"][row.children.index(el)]
        if align != "default":
            attrs = dict(el.attrs)
            style = f"{attrs['style']}; " if "style" in attrs else ""
            attrs["style"] = f"{style}text-align: {align}"
        return self.block(name, attrs, res if res else self.ent(entity("nbsp")), indent)

    def convert_math(self, el: Element, indent: int) -> str:
        """Render a ``math`` element."""
        return renderer_extras.render_math(self, el, indent)

    # -- html and raw content ---------------------------------------------

    def _parent_is_raw_html(self) -> bool:
        parent = self.stack[-1] if self.stack else None
        return parent is not None and parent.type == "html_element" and parent.options.get("content_model") == "raw"

    def convert_html_element(self, el: Element, indent: int) -> str:
        """Render a ``html_element`` element."""
        res = self.inner(el, indent)
        if el.options.get("category") == "span":
            if not res and el.value in _WITHOUT_BODY:
                return f"<{el.value}{html_attributes(el.attrs)} />"
            return f"<{el.value}{html_attributes(el.attrs)}>{res}</{el.value}>"
        raw_parent = self._parent_is_raw_html()
        model = el.options.get("content_model")
        out = "" if raw_parent else " " * indent
        out += f"<{el.value}{html_attributes(el.attrs)}"
        if el.options.get("is_closed") and model == "raw":
            out += " />"
        elif res and model != "block":
            out += f">{res}</{el.value}>"
        elif res:
            body = res[:-1] if res.endswith("\n") else res
            out += f">\n{body}\n{' ' * indent}</{el.value}>"
        elif el.value in _WITHOUT_BODY:
            out += " />"
        else:
            out += f"></{el.value}>"
        return out if raw_parent else out + "\n"

    def convert_xml_comment(self, el: Element, indent: int) -> str:
        """Render a ``xml_comment`` element."""
        if el.options.get("category") == "block" and not self._parent_is_raw_html():
            return f"{' ' * indent}{el.value}\n"
        return str(el.value)

    convert_xml_pi = convert_xml_comment

    def convert_comment(self, el: Element, indent: int) -> str:
        """Render a ``comment`` element."""
        if el.options.get("category") == "block":
            return f"{' ' * indent}<!-- {el.value} -->\n"
        return f"<!-- {el.value} -->"

    def convert_raw(self, el: Element, indent: int) -> str:
        """Render a ``raw`` element."""
        types = el.options.get("raw_type") or []
        if not types or "html" in types:
            return str(el.value) + ("\n" if el.options.get("category") == "block" else "")
        return ""

    # -- span elements ----------------------------------------------------

    def convert_text(self, el: Element, indent: int) -> str:
        """Render a ``text`` element."""
        text = escape_text(el.value)
        if self.options.get("remove_line_breaks_for_cjk"):
            while True:
                joined = _CJK_BREAK.sub(r"\1\2", text)
                if joined == text:
                    break
                text = joined
        return text

    def convert_br(self, el: Element, indent: int) -> str:
        """Render a ``br`` element."""
        return "<br />"

    def convert_a(self, el: Element, indent: int) -> str:
        """Render a ``a`` element."""
        return self.span("a", el.attrs, self.inner(el, indent))

    def convert_img(self, el: Element, indent: int) -> str:
        """Render a ``img`` element."""
        return f"<img{html_attributes(el.attrs)} />"

    def convert_codespan(self, el: Element, indent: int) -> str:
        """Render a ``codespan`` element."""
        return codeblocks.render_span(self, el)

    def convert_footnote(self, el: Element, indent: int) -> str:
        """Render a ``footnote`` element."""
        return renderer_extras.render_footnote_marker(self, el)

    def convert_em(self, el: Element, indent: int) -> str:
        """Render a ``em`` element."""
        return self.span(el.type, el.attrs, self.inner(el, indent))

    convert_strong = convert_em

    def convert_entity(self, el: Element, indent: int) -> str:
        """Render a ``entity`` element."""
        return self.ent(el.value, el.options.get("original"))

    def convert_typographic_sym(self, el: Element, indent: int) -> str:
        """Render a ``typographic_sym`` element."""
        custom = (self.options.get("typographic_symbols") or {}).get(el.value)
        if custom is not None:
            return escape_text(custom)
        return "".join(self.ent(entity(name)) for name in TYPOGRAPHIC_ENTITIES[el.value])

    def convert_smart_quote(self, el: Element, indent: int) -> str:
        """Render a ``smart_quote`` element."""
        name = self.options["smart_quotes"][SMART_QUOTE_INDEX[el.value]]
        ent = entity(name)
        if ent is None:
            ent = entity(int(name)) if name.isdigit() else entity("quot")
        return self.ent(ent)

    def convert_abbreviation(self, el: Element, indent: int) -> str:
        """Render a ``abbreviation`` element."""
        title = self.root_options["abbrev_defs"].get(el.value, "")
        attrs = dict(self.root_options["abbrev_attr"].get(el.value) or {})
        if title:
            attrs["title"] = title
        return self.span("abbr", attrs, el.value)

