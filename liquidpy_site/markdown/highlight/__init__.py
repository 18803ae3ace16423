"""Code highlighting with the markup Jekyll 4.3 produces through kramdown and Rouge.

Three entry points cover every place Jekyll highlights code:

* :func:`highlight_code_block` for fenced and indented Markdown code blocks,
* :func:`highlight_span` for inline code spans carrying a language class,
* :func:`highlight_liquid_tag` for the ``{% highlight %}`` Liquid tag.

Tokens come from Pygments, adjusted per language towards the tokens Rouge 3.30
emits and written with Rouge's CSS classes (``k``, ``nf``, ``s2``, ...). Only
Rouge's language names are recognised, so the choice between highlighted and
plain output always matches Jekyll.

Layout: this module holds the HTML shapes (kramdown's and the tag's wrappers,
Rouge's line-number table); ``_lexing`` turns code into Rouge-classed spans;
``_dispatch`` runs Pygments' regex lexers trying only the rules that can start
at each character, with their rules compiled when first needed (``_deferred``);
``_tokens`` has the shared helpers and Rouge's lexer names, ``_families`` the
token-family tables the adjustments test tokens with; the other private
modules adjust one family of languages each (``_python_ruby``, ``_javascript``,
``_clike``, ``_data``) or scan it directly where Pygments' tokens are too far
from Rouge's (``_css``, ``_scss``, ``_shell``, ``_liquid``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ._lexing import Span, lex
from ._tokens import rouge_lexer_tag

__all__ = [
    "highlight_code_block",
    "highlight_liquid_tag",
    "highlight_span",
    "lex",
    "rouge_lexer_tag",
]

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}

_ESCAPE_RE = re.compile(r"[&<>]")

_CGI_ESCAPES = {**_ESCAPES, '"': "&quot;", "'": "&#39;"}

_CGI_ESCAPE_RE = re.compile(r"[&<>\"']")


def _escape(text: str) -> str:
    if "&" not in text and "<" not in text and ">" not in text:
        return text
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text)


def _format_spans(spans: Iterable[Span]) -> str:
    return "".join(
        _escape(value) if not css else f'<span class="{css}">{_escape(value)}</span>'
        for css, value in spans
    )


def _format_table(spans: list[Span], opts: Mapping[str, Any]) -> str:
    body = _format_spans(spans)
    lines = sum(value.count("\n") for _, value in spans)
    if not spans or not spans[-1][1].endswith("\n"):
        lines += 1
        body += "\n"
    start = int(opts.get("start_line", 1))
    line_format = str(opts.get("line_format", "%i"))
    numbers = "".join(f"{_ruby_sprintf(line_format, n)}\n" for n in range(start, start + lines))
    return (
        f'<table class="{opts.get("table_class", "rouge-table")}"><tbody><tr>'
        f'<td class="{opts.get("gutter_class", "rouge-gutter")} gl">'
        f'<pre class="lineno">{numbers}</pre></td>'
        f'<td class="{opts.get("code_class", "rouge-code")}"><pre>{body}</pre></td>'
        "</tr></tbody></table>"
    )


def _ruby_sprintf(line_format: str, number: int) -> str:
    try:
        return line_format % number
    except (TypeError, ValueError):
        return str(number)


def _rouge_format(code: str, tag: str, opts: Mapping[str, Any]) -> str:
    """Format like Rouge's HTMLLegacy formatter with kramdown's options."""
    spans = lex(code, tag)
    inner = _format_table(spans, opts) if opts.get("line_numbers") else _format_spans(spans)
    if not opts.get("wrap", True):
        return inner
    css_class = opts.get("css_class") or "highlight"
    return f'<div class="highlight"><pre class="{css_class}"><code>{inner}</code></pre></div>'


def _kramdown_opts(options: Mapping[str, Any] | None, kind: str) -> dict[str, Any] | None:
    """Return Rouge options for ``kind`` ("block"/"span"), or None if Rouge is off."""
    options = options or {}
    kramdown = options.get("kramdown") or {}
    engine = kramdown.get("syntax_highlighter") or options.get("highlighter") or "rouge"
    if engine != "rouge":
        return None
    base = dict(kramdown.get("syntax_highlighter_opts") or {})
    base["default_lang"] = base.get("default_lang") or "plaintext"
    base["guess_lang"] = kramdown.get("guess_lang", True)
    span = dict(base.pop("span", None) or {})
    block = dict(base.pop("block", None) or {})
    if kind == "span":
        return {**base, **span, "wrap": False}
    return {**base, **block}


def _kramdown_rouge(code: str, lang: str | None, opts: Mapping[str, Any]) -> str | None:
    name = lang or opts.get("default_lang")
    if not name and not opts.get("guess_lang"):
        return None
    tag = rouge_lexer_tag(name or "guess")
    if opts.get("disable") or tag is None:
        return None
    if tag == "plaintext" and not opts.get("guess_lang"):
        return None
    return _rouge_format(code, tag, opts)


def _extract_language(attrs: dict[str, str], *, remove: bool) -> str | None:
    match = re.search(r"\blanguage-(\S+)", attrs.get("class", ""))
    if not match:
        return None
    if remove:
        rest = re.sub(r"\blanguage-\S+", "", attrs["class"], count=1).strip()
        if rest:
            attrs["class"] = rest
        else:
            del attrs["class"]
    return match.group(1)


def _add_highlighter_class(attrs: dict[str, str], lang: str | None) -> None:
    attrs["class"] = (attrs.get("class", "") + " highlighter-rouge").lstrip()
    if lang:
        attrs["class"] = re.sub(
            r"\blanguage-\S+|(^)",
            lambda m: f"language-{lang}" + (" " if m.group(1) is not None else ""),
            attrs["class"],
            count=1,
        )


def _html_attributes(attrs: Mapping[str, str]) -> str:
    return "".join(f' {key}="{_escape_attr(str(value))}"' for key, value in attrs.items())


def _escape_attr(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


def highlight_code_block(
    code: str,
    lang: str | None,
    options: Mapping[str, Any] | None = None,
    *,
    attrs: Mapping[str, str] | None = None,
    indent: int = 0,
) -> str:
    """Return the HTML kramdown writes for a code block, ending with a newline.

    Args:
        code: The code block's text (normally ending with a newline).
        lang: The language after the fence, or None. When None, a
            ``language-*`` class in ``attrs`` supplies it, as in kramdown.
        options: The site configuration (``highlighter`` and ``kramdown`` with
            ``syntax_highlighter``, ``syntax_highlighter_opts``, ``guess_lang``).
        attrs: Other HTML attributes of the block (from an IAL), in order.
        indent: Spaces before the block's opening and closing ``div``/``pre``
            (kramdown indents blocks nested in lists).

    Returns:
        ``<div class="language-X highlighter-rouge">…</div>\\n`` when Rouge
        highlights the block, else kramdown's ``<pre><code>…</code></pre>\\n``.
    """
    attributes = dict(attrs or {})
    class_lang = _extract_language(attributes, remove=True)
    lang = lang or class_lang
    class_lang = class_lang or (lang.split("?", 1)[0] if lang else None)
    opts = _kramdown_opts(options, "block")
    highlighted = _kramdown_rouge(code, lang, opts) if opts is not None else None
    pad = " " * indent
    if highlighted is not None:
        _add_highlighter_class(attributes, class_lang or (opts or {}).get("default_lang"))
        return f"{pad}<div{_html_attributes(attributes)}>{highlighted}{pad}</div>\n"
    escaped = _escape(code)
    escaped = escaped.removesuffix("\n")
    code_attr = f' class="language-{class_lang}"' if class_lang else ""
    return f"{pad}<pre{_html_attributes(attributes)}><code{code_attr}>{escaped}\n</code></pre>\n"


def highlight_span(
    code: str,
    lang: str | None,
    options: Mapping[str, Any] | None = None,
    *,
    attrs: Mapping[str, str] | None = None,
) -> str:
    """Return the ``<code>`` element kramdown writes for an inline code span.

    Args:
        code: The span's text.
        lang: The language (from a ``.language-X`` IAL class), or None; when
            None a ``language-*`` class in ``attrs`` supplies it.
        options: The site configuration, as for :func:`highlight_code_block`.
        attrs: The span's HTML attributes (the language class may stay in it).

    Returns:
        ``<code class="language-X highlighter-rouge">…</code>`` (highlighted
        with Rouge's span options, without wrapper) or the plain escaped form.
    """
    attributes = dict(attrs or {})
    class_lang = _extract_language(attributes, remove=False)
    if lang and not class_lang:
        attributes["class"] = f"language-{lang} " + attributes.get("class", "")
        attributes["class"] = attributes["class"].strip()
        class_lang = lang
    opts = _kramdown_opts(options, "span")
    result = _kramdown_rouge(code, class_lang, opts) if opts is not None else None
    if result is None:
        result = _escape(code)
    else:
        _add_highlighter_class(attributes, class_lang or (opts or {}).get("default_lang"))
    return f"<code{_html_attributes(attributes)}>{result}</code>"


_EDGE_NEWLINES = re.compile(r"\A[\r\n]+|[\r\n]+\Z")

_RUBY_STRIP = " \t\n\v\f\r\0"


def highlight_liquid_tag(
    code: str,
    lang: str,
    *,
    linenos: bool | str = False,
    highlighter: str | None = "rouge",
) -> str:
    """Return the ``<figure>`` Jekyll's ``{% highlight %}`` tag renders.

    Args:
        code: The rendered body of the tag.
        lang: The language as written in the tag (Jekyll lowercases it).
        linenos: Any truthy value (``True``, ``"inline"``, ``"table"``) adds
            Rouge's line-number table.
        highlighter: The site's ``highlighter``; ``"rouge"``, ``"pygments"``
            and None highlight with Rouge, anything else (``"none"``) escapes.

    Returns:
        ``<figure class="highlight"><pre><code class="language-X"
        data-lang="X">…</code></pre></figure>`` without a trailing newline.
    """
    lang = lang.lower()
    code = _EDGE_NEWLINES.sub("", code)
    if highlighter in (None, "rouge", "pygments"):
        tag = rouge_lexer_tag(lang) or "plaintext"
        spans = lex(code, tag)
        if linenos:
            table_opts = {"gutter_class": "gutter", "code_class": "code"}
            output = _format_table(spans, table_opts)
        else:
            output = _format_spans(spans)
    else:
        output = _CGI_ESCAPE_RE.sub(lambda m: _CGI_ESCAPES[m.group()], code)
        output = output.strip(_RUBY_STRIP)
    output = _chomp(output)
    css_lang = lang.replace("+", "-")
    return (
        f'<figure class="highlight"><pre><code class="language-{css_lang}" '
        f'data-lang="{lang}">{output}</code></pre></figure>'
    )


def _chomp(text: str) -> str:
    for ending in ("\r\n", "\n", "\r"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text
