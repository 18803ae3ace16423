"""Footnotes, table of contents and math output for the HTML renderer."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from .elements import Element
from .entities import entity

if TYPE_CHECKING:
    from .renderer import KramdownHtmlRenderer

_BACKLINK = '{}<a href="#fnref:{}" class="reversefootnote" role="doc-backlink">{}</a>'


def render_footnote_marker(r: KramdownHtmlRenderer, el: Element) -> str:
    """The ``<sup>`` reference to a footnote, numbering it on first use."""
    name = (r.options.get("footnote_prefix") or "") + el.options["name"]
    repeat = ""
    known = r.footnotes_by_name.get(name)
    if known is not None:
        number = known[2]
        known[3] += 1
        repeat = f":{known[3]}"
    else:
        number = r.footnote_counter
        r.footnote_counter += 1
        entry = [name, el.value, number, 0]
        r.footnotes.append(entry)
        r.footnotes_by_name[name] = entry
    return (
        f'<sup id="fnref:{name}{repeat}" role="doc-noteref">'
        f'<a href="#fn:{name}" class="footnote" rel="footnote">{number}</a></sup>'
    )


def footnote_content(r: KramdownHtmlRenderer) -> str:
    """The ``div.footnotes`` block listing every referenced footnote."""
    from .renderer import escape_text

    ol = Element("ol")
    if r.footnote_start != 1:
        ol.attrs["start"] = str(r.footnote_start)
    backlink = escape_text(r.options.get("footnote_backlink") or "")
    nbsp = r.ent(entity("nbsp"))
    i = 0
    while i < len(r.footnotes):
        name, data, _number, repeat = r.footnotes[i]
        li = Element("li", None, {"id": f"fn:{name}", "role": "doc-endnote"})
        li.children = copy.deepcopy(data.children)
        para, insert_space = _backlink_target(r, li)
        if backlink:
            para.children.append(Element("raw", _BACKLINK.format(nbsp if insert_space else "", name, backlink)))
            for index in range(1, repeat + 1):
                text = _BACKLINK.format(nbsp, f"{name}:{index}", f"{backlink}<sup>{index + 1}</sup>")
                para.children.append(Element("raw", text))
        ol.children.append(Element("raw", r.convert(li, 4)))
        i += 1
    if not ol.children:
        return ""
    return r.indented_block("div", {"class": "footnotes", "role": "doc-endnotes"}, r.convert(ol, 2), 0)


def _backlink_target(r: KramdownHtmlRenderer, li: Element) -> tuple[Element, bool]:
    if li.children and (li.children[-1].type == "p" or r.options.get("footnote_backlink_inline")):
        parent = li
        while parent.children and parent.children[-1].type not in ("p", "header"):
            parent = parent.children[-1]
        if parent.children:
            return parent.children[-1], True
    para = Element("p")
    li.children.append(para)
    return para, False


def finish_root(r: KramdownHtmlRenderer, result: str) -> str:
    """Insert footnotes and the table of contents into the document HTML."""
    notes = footnote_content(r)
    if r.footnote_location is not None:
        result = result.replace(r.footnote_location, notes, 1)
    else:
        result += notes
    if r.toc_code is not None:
        tree = toc_tree(r)
        text = r.convert(tree, 0) if tree.children else ""
        result = result.replace(r.toc_code[2], text, 1)
    return result


def toc_tree(r: KramdownHtmlRenderer) -> Element:
    """Build the nested list for ``{:toc}`` from the collected headers."""
    assert r.toc_code is not None
    kind, attrs, _marker = r.toc_code
    sections = Element(kind, None, dict(attrs))
    sections.attrs.setdefault("id", "markdown-toc")
    stack: list[Element] = []
    for level, hid, children in r.toc:
        li = Element("li", level=level)
        para = Element("p", transparent=True)
        link = Element("a", None, {"href": f"#{hid}", "id": f"{sections.attrs['id']}-{hid}"})
        link.children = _toc_entry(copy.deepcopy(children))
        para.children.append(link)
        li.children.extend([para, Element(kind)])
        while True:
            if not stack:
                sections.children.append(li)
                stack.append(li)
                break
            if stack[-1].options["level"] < level:
                stack[-1].children[-1].children.append(li)
                stack.append(li)
                break
            item = stack.pop()
            if not item.children[-1].children:
                item.children.pop()
    while stack:
        item = stack.pop()
        if not item.children[-1].children:
            item.children.pop()
    return sections


def _toc_entry(elements: list[Element]) -> list[Element]:
    out: list[Element] = []
    for el in elements:
        if el.type == "footnote":
            continue
        el.children = _toc_entry(el.children)
        if el.type == "a":
            out.extend(el.children)
        else:
            out.append(el)
    return out


def render_math(r: KramdownHtmlRenderer, el: Element, indent: int) -> str:
    """MathJax output (or kramdown's ``kdmath`` fallback without an engine)."""
    from .entities import escape_html

    block = el.options.get("category") == "block"
    if r.options.get("math_engine") == "mathjax":
        value = escape_html(el.value)
        result = f"\\[{value}\\]\n" if block else f"\\({value}\\)"
        if not el.attrs:
            return result
        if block:
            return r.block("div", el.attrs, result, indent)
        return r.span("span", el.attrs, f"${el.value}$")
    attrs = dict(el.attrs)
    attrs["class"] = f"{attrs.get('class', '')} kdmath".lstrip()
    if block:
        return r.block("div", attrs, f"$$\n{el.value}\n$$", indent)
    return r.span("span", attrs, f"${el.value}$")
