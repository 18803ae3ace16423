"""Code blocks and code spans, highlighted through :mod:`.highlight` when present."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .elements import Element
from .entities import escape_html

if TYPE_CHECKING:
    from .renderer import KramdownHtmlRenderer

_highlight_block: Callable[..., str] | None
_highlight_span: Callable[..., str] | None
try:  # the highlighter is optional: without it code is escaped, not coloured
    from .highlight import highlight_code_block as _highlight_block
    from .highlight import highlight_span as _highlight_span
except ImportError:  # pragma: no cover - exercised only without the module
    _highlight_block = None
    _highlight_span = None


def highlight_config(options: dict[str, Any]) -> dict[str, Any]:
    """The site-config shaped mapping the highlighter expects."""
    return {
        "highlighter": options.get("highlighter"),
        "kramdown": {
            "syntax_highlighter": options.get("syntax_highlighter") or "none",
            "syntax_highlighter_opts": dict(options.get("syntax_highlighter_opts") or {}),
            "guess_lang": options.get("guess_lang", True),
        },
    }


def _language(attrs: dict[str, str]) -> str | None:
    m = re.search(r"\blanguage-(\S+)", attrs.get("class", ""))
    return m.group(1) if m else None


def render_block(r: KramdownHtmlRenderer, el: Element, indent: int) -> str:
    """Render a code block at ``indent``."""
    lang = el.options.get("lang")
    if _highlight_block is not None:
        return _highlight_block(el.value, lang, highlight_config(r.options), attrs=el.attrs, indent=indent)
    return _plain_block(r, el, indent, lang)


def _plain_block(r: KramdownHtmlRenderer, el: Element, indent: int, lang: str | None) -> str:
    from .renderer import html_attributes

    attrs = dict(el.attrs)
    class_lang = _language(attrs)
    if class_lang:
        rest = re.sub(r"\blanguage-\S+", "", attrs["class"], count=1).strip()
        if rest:
            attrs["class"] = rest
        else:
            del attrs["class"]
    class_lang = class_lang or (lang.split("?", 1)[0] if lang else None)
    code = escape_html(el.value)
    pad = " " * indent
    if r.options.get("syntax_highlighter"):
        shown = class_lang or "plaintext"
        cls = (attrs.get("class", "") + " highlighter-rouge").lstrip()
        attrs = {"class": f"language-{shown} {cls}", **{k: v for k, v in attrs.items() if k != "class"}}
        inner = f'<div class="highlight"><pre class="highlight"><code>{code}</code></pre></div>'
        return f"{pad}<div{html_attributes(attrs)}>{inner}{pad}</div>\n"
    code = code[:-1] if code.endswith("\n") else code
    code_attr = f' class="language-{class_lang}"' if class_lang else ""
    return f"{pad}<pre{html_attributes(attrs)}><code{code_attr}>{code}\n</code></pre>\n"


def render_span(r: KramdownHtmlRenderer, el: Element) -> str:
    """Render an inline code span."""
    from .renderer import html_attributes

    if _highlight_span is not None:
        return _highlight_span(el.value, None, highlight_config(r.options), attrs=el.attrs)
    attrs = dict(el.attrs)
    if r.options.get("syntax_highlighter"):
        lang = _language(attrs) or "plaintext"
        cls = (attrs.get("class", "") + " highlighter-rouge").lstrip()
        attrs["class"] = re.sub(r"\blanguage-\S+|^", f"language-{lang} ", cls, count=1).replace("  ", " ")
    return f"<code{html_attributes(attrs)}>{escape_html(el.value)}</code>"
