"""Code highlighting with the markup Jekyll 4.3 produces through kramdown and Rouge.

Three entry points cover every place Jekyll highlights code:

* :func:`highlight_code_block` for fenced and indented Markdown code blocks,
* :func:`highlight_span` for inline code spans carrying a language class,
* :func:`highlight_liquid_tag` for the ``{% highlight %}`` Liquid tag.

Tokens come from Pygments, adjusted per language towards the tokens Rouge 3.30
emits and written with Rouge's CSS classes (``k``, ``nf``, ``s2``, ...). Only
Rouge's language names are recognised, so the choice between highlighted and
plain output always matches Jekyll.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache, lru_cache
from typing import Any

from pygments.lexer import Lexer
from pygments.lexers import css as pygments_css
from pygments.lexers import get_lexer_by_name
from pygments.token import (
    STANDARD_TYPES,
    Comment,
    Error,
    Generic,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)
from pygments.token import _TokenType as TokenType
from pygments.util import ClassNotFound

__all__ = [
    "highlight_code_block",
    "highlight_liquid_tag",
    "highlight_span",
    "lex",
    "rouge_lexer_tag",
]

Span = tuple[str, str]
"""A highlighted run of text: (Rouge CSS short class, raw text)."""

# Every lexer name Rouge 3.30 registers: groups of "tag alias alias ...".
_ROUGE_LEXER_NAMES = (
    "abap|actionscript as as3|ada|apache|apex|apiblueprint apib|applescript|"
    "armasm|augeas aug|awk|batchfile bat batch dosbatch winbatch|bbcbasic|"
    "bibtex bib|biml|bpf|brainfuck|brightscript bs brs|bsl|c|ceylon|cfscript cfc|"
    "clean|clojure clj cljs|cmake|cmhg|coffeescript coffee coffee-script|"
    "common_lisp cl common-lisp elisp emacs-lisp lisp|conf config configuration|"
    "console terminal shell_session shell-session|coq|cpp c++|crystal cr|"
    "csharp c# cs|css|csvs|cuda|cypher|cython pyx pyrex|d dlang|dafny|dart|"
    "datastudio|diff patch udiff|digdag|docker dockerfile Dockerfile|dot|ecl|"
    "eex leex heex|eiffel|elixir exs|elm|email eml e-mail|epp|erb eruby rhtml|"
    "erlang erl|escape esc|factor|fluent ftl|fortran|freefem ff|fsharp|"
    "gdscript gd|ghc-cmm cmm|ghc-core|gherkin cucumber behat|glsl|go golang|"
    "gradle|graphql|groovy|hack hh|haml HAML|handlebars hbs mustache|haskell hs|"
    "haxe hx|hcl|hlsl|hocon|hql|html|http|hylang hy|idlang|idris idr|igorpro|"
    "ini|io|irb pry|irb_output|isabelle isa Isabelle|isbl|j|janet jdn|java|"
    "javascript js|jinja django|jsl|json|json-doc jsonc|jsonnet|jsp|jsx react|"
    "julia jl|kotlin|lasso lassoscript|lean|liquid|literate_coffeescript litcoffee|"
    "literate_haskell lithaskell lhaskell lhs|livescript ls|llvm|lua|lustre|"
    "lutin|m68k|magik|make makefile mf gnumake bsdmake|markdown md mkd|mason|"
    "mathematica wl|matlab m|meson|minizinc|moonscript moon|mosel|msgtrans|mxml|"
    "nasm|nesasm nes|nginx|nial|nim nimrod|nix nixos|"
    "objective_c objc obj-c obj_c objectivec|objective_cpp objcpp obj-cpp "
    "obj_cpp objectivecpp objc++ obj-c++ obj_c++ objectivec++|ocaml|ocl OCL|"
    "openedge|opentype_feature_file fea opentype opentypefeature|pascal|perl pl|"
    "php php3 php4 php5|plaintext text|plist|plsql|pony|"
    "postscript postscr ps eps|powershell posh microsoftshell msshell|praat|"
    "prolog|prometheus|properties|protobuf proto|puppet pp|python py|q kdb+|qml|"
    "r R s S|racket|reasonml|rego|rescript|robot_framework robot robot-framework|"
    "ruby rb|rust rs rust,no_run rs,no_run rust,ignore rs,ignore "
    "rust,should_panic rs,should_panic|sas|sass|scala|scheme|scss|sed|"
    "shell bash zsh ksh sh|sieve|slice|slim|smalltalk st squeak|smarty|sml ml|"
    "solidity|sparql|sqf|sql|ssh|stan|stata|supercollider|swift|"
    "systemd unit-file|syzlang|syzprog|tap|tcl|terraform tf|"
    "tex TeX LaTeX latex|toml|tsx|ttcn3|tulip|turtle|twig|typescript ts|vala|"
    "vb visualbasic|vcl varnishconf varnish|velocity|verilog|vhdl|"
    "viml vim vimscript ex|vue vuejs|wollok|xml|xojo realbasic|xpath|xquery|"
    "yaml yml|yang|zig zir"
)

# Rouge tags whose Pygments lexer has a different name; None means plain text.
_PYGMENTS_NAME: dict[str, str | None] = {
    "plaintext": None,
    "conf": None,
    "json-doc": "json",
    "console": "console",
    "irb": "rb",
    "hack": "php",
}

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPE_RE = re.compile(r"[&<>]")
_CGI_ESCAPES = {**_ESCAPES, '"': "&quot;", "'": "&#39;"}
_CGI_ESCAPE_RE = re.compile(r"[&<>\"']")
# Pygments classes Rouge does not know; their parent's class is used instead.
_NOT_IN_ROUGE = {Generic.EmphStrong, Punctuation.Marker}


@lru_cache(maxsize=1)
def _rouge_registry() -> dict[str, str]:
    registry: dict[str, str] = {}
    for group in _ROUGE_LEXER_NAMES.split("|"):
        names = group.split()
        for name in names:
            registry[name] = names[0]
    return registry


def rouge_lexer_tag(lang: str | None) -> str | None:
    """Return Rouge's canonical lexer tag for ``lang`` (case-sensitive), or None.

    Args:
        lang: A language name as written after a code fence or in a tag.
            CGI-style lexer options after ``?`` are ignored.

    Returns:
        The tag (``"ruby"`` for ``"rb"``), or None if Rouge has no such lexer.
    """
    if not lang:
        return None
    name = lang.split("?", 1)[0]
    if name == "guess":
        return "plaintext"
    return _rouge_registry().get(name)


@cache
def _pygments_lexer(tag: str) -> Lexer | None:
    name = _PYGMENTS_NAME.get(tag, tag)
    if name is None:
        return None
    candidates = [name] + _rouge_registry_aliases(tag)
    for candidate in candidates:
        try:
            return get_lexer_by_name(candidate, stripnl=False, ensurenl=False)
        except ClassNotFound:
            continue
    return None


def _rouge_registry_aliases(tag: str) -> list[str]:
    return [name for name, canon in _rouge_registry().items() if canon == tag]


# Token types Rouge has and Pygments lacks.
_ROUGE_ONLY_CLASSES = {
    Punctuation.Indicator: "pi",
    Comment.Doc: "cd",
    Keyword.Variable: "kv",
    Number.Other: "mx",
    Generic.Lineno: "gl",
}


@cache
def _css_class(ttype: TokenType) -> str:
    while ttype not in _ROUGE_ONLY_CLASSES:
        if ttype in STANDARD_TYPES and ttype not in _NOT_IN_ROUGE:
            return STANDARD_TYPES[ttype]
        ttype = ttype.parent
    return _ROUGE_ONLY_CLASSES[ttype]


def lex(code: str, tag: str) -> list[Span]:
    """Split ``code`` into Rouge-classed spans with the lexer for Rouge ``tag``.

    Adjacent spans of one class are merged, as Rouge does. Text outside any
    token class has the class ``""``.

    Args:
        code: The source text.
        tag: A canonical Rouge lexer tag (see :func:`rouge_lexer_tag`).

    Returns:
        The spans; their texts concatenate to ``code`` exactly.
    """
    lexer = _pygments_lexer(tag)
    if lexer is None or not code:
        return [("", code)] if code else []
    padded = code if code.endswith("\n") else code + "\n"
    if tag in _OWN_SCANNERS:
        tokens = _OWN_SCANNERS[tag](padded)
    else:
        raw = [(ttype, value) for _, ttype, value in lexer.get_tokens_unprocessed(padded)]
        tokens = _adjust(tag, raw)
    spans = _merge((_css_class(ttype), value) for ttype, value in tokens)
    return _trim(spans, len(padded) - len(code))


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for css, value in spans:
        if not value:
            continue
        if merged and merged[-1][0] == css:
            merged[-1] = (css, merged[-1][1] + value)
        else:
            merged.append((css, value))
    return merged


def _trim(spans: list[Span], extra: int) -> list[Span]:
    while extra and spans:
        css, value = spans[-1]
        cut = min(extra, len(value))
        extra -= cut
        if cut == len(value):
            spans.pop()
        else:
            spans[-1] = (css, value[:-cut])
    return spans


def _escape(text: str) -> str:
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


# --- kramdown ----------------------------------------------------------------


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


# --- the {% highlight %} tag -------------------------------------------------

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


# --- towards Rouge's tokens --------------------------------------------------

RawToken = tuple[TokenType, str]
Rule = tuple[TokenType, str, TokenType]
"""Retype tokens of a type (or subtype) whose text fully matches a pattern."""

# Languages whose Rouge lexer marks whitespace as ``w`` like Pygments does.
_KEEP_WHITESPACE = frozenset({"json", "liquid"})
_ANY = r"(?s:.*)"


def _words(text: str) -> list[str]:
    """Split a space-separated word list."""
    return text.split()


_PY_BUILTINS = frozenset(
    _words(
        "__import__ abs all any apply ascii basestring bin bool buffer bytearray bytes "
        "callable chr classmethod cmp coerce compile complex delattr dict dir divmod "
        "enumerate eval execfile exit file filter float format frozenset getattr globals "
        "hasattr hash hex id input int intern isinstance issubclass iter len list locals "
        "long map max memoryview min next object oct open ord pow property range "
        "raw_input reduce reload repr reversed round set setattr slice sorted "
        "staticmethod str sum super tuple type unichr unicode vars xrange zip"
    )
)

_RULES: dict[str, list[Rule]] = {
    "python": [
        (String.Doc, _ANY, String),
        (String.Double, _ANY, String),
        (String.Single, _ANY, String),
        (String.Interpol, r"%.*|\{.+", String),
        (Operator, r"\.", Punctuation),
        (Keyword.Constant, _ANY, Name.Builtin.Pseudo),
        (Name.Builtin.Pseudo, r"cls", Name),
        (Name.Variable.Magic, _ANY, Name),
        (Name.Builtin, r"print|exec", Keyword),
    ],
    "ruby": [
        (Operator, r"[\[\]?]+", Punctuation),
        (Keyword.Pseudo, r"attr_(?:reader|writer|accessor)", Name.Builtin),
        (Name.Builtin, r"[A-Z]\w*", Name.Constant),
        (Name, r"defined\?", Keyword),
        (Name, r"alias_method", Keyword.Pseudo),
    ],
    "javascript": [
        (Punctuation, r"=>", Operator),
        (Operator, r"[?:]", Punctuation),
        (String.Backtick, _ANY, String.Double),
        (String.Interpol, r"\$\{|\}", Punctuation),
    ],
    "html": [(Punctuation, r"</?|/?>|/", Name.Tag), (Comment.Multiline, _ANY, Comment)],
    "json": [(Name.Tag, _ANY, Name.Label)],
    "xml": [(Comment.Multiline, _ANY, Comment)],
    "go": [
        (Name.Other, _ANY, Name),
        (Keyword.Namespace, _ANY, Keyword),
        (Keyword.Declaration, r"func", Keyword),
        (Punctuation, r"\.", Operator),
        (Keyword.Constant, r"nil", Name.Constant),
    ],
    "toml": [
        (Keyword.Constant, _ANY, Keyword.Constant),
        (Keyword, r"[\[\]]|[^\W\d][\w.-]*|\.", Name.Namespace),
        (Literal.Date, _ANY, Number.Integer),
        (Comment.Single, _ANY, Comment),
        (Name, _ANY, Name.Property),
        (Operator, r"=", Punctuation),
        (String.Double, _ANY, String),
        (String.Single, _ANY, String),
    ],
    "yaml": [
        (Punctuation, _ANY, Punctuation.Indicator),
        (Name.Tag, _ANY, Name.Attribute),
        (Literal.Scalar.Plain, r"true|false|null", Name.Constant),
        (Literal.Scalar.Plain, r"-?[0-9]+(?:\.[0-9]+)?", Number),
        (Literal.Scalar.Plain, _ANY, String),
        (Name.Constant, _ANY, String),
    ],
    "java": [
        (Punctuation, _ANY, Operator),
        (Keyword.Declaration, r"record|permits", Name),
        (Keyword.Declaration, r"var", Keyword.Type),
    ],
    "c": [(Name.Class, _ANY, Name)],
}
_RULES["cpp"] = _RULES["c"]


def _apply_rules(rules: list[Rule], tokens: list[RawToken]) -> list[RawToken]:
    out = []
    for ttype, value in tokens:
        for old, pattern, new in rules:
            if ttype in old and re.fullmatch(pattern, value):
                ttype = new
                break
        out.append((ttype, value))
    return out


def _comment_takes_newline(tokens: list[RawToken]) -> list[RawToken]:
    """Move the newline ending a single-line comment into the comment token."""
    out: list[RawToken] = []
    for ttype, value in tokens:
        if ttype in Comment.Hashbang:
            ttype = Comment.Single
        ends_comment = out and out[-1][0] in Comment.Single and not out[-1][1].endswith("\n")
        if ends_comment and value.startswith("\n") and ttype in Text:
            out[-1] = (out[-1][0], out[-1][1] + "\n")
            value = value[1:]
        out.append((ttype, value))
    return out


def _comment_leaves_newline(tokens: list[RawToken]) -> list[RawToken]:
    """Split the newline ending a single-line comment off into plain text."""
    out: list[RawToken] = []
    for ttype, value in tokens:
        if ttype in Comment.Single and value.endswith("\n"):
            out += [(ttype, value[:-1]), (Text, "\n")]
        else:
            out.append((ttype, value))
    return out


def _yaml_quotes(tokens: list[RawToken]) -> list[RawToken]:
    """Class an opening quote by its kind and the rest of a quoted scalar as ``s``."""
    out: list[RawToken] = []
    quote: str | None = None
    for ttype, value in tokens:
        if ttype in String and quote is None and value[:1] in "\"'":
            quote = value[0]
            kind = String.Double if quote == '"' else String.Single
            out.append((kind, quote))
            ttype, value = String, value[1:]
        if quote is not None and ttype in String:
            if value.endswith(quote) and not value.endswith("\\" + quote):
                quote = None
            if '"' in (quote or '"') and "\\" in value:
                out += [
                    (String.Escape if p.startswith("\\") else String, p)
                    for p in re.split(r"(\\.)", value)
                ]
                continue
            ttype = String
        out.append((ttype, value))
    return out


def _json_escapes(tokens: list[RawToken]) -> list[RawToken]:
    """Split backslash escapes out of strings as ``se``, as Rouge does."""
    out: list[RawToken] = []
    for ttype, value in tokens:
        if ttype in String and "\\" in value:
            for part in re.split(r"(\\(?:u[0-9a-fA-F]{4}|.))", value):
                out.append((String.Escape if part.startswith("\\") else ttype, part))
        else:
            out.append((ttype, value))
    return out


def _python_spec(tokens: list[RawToken]) -> list[RawToken]:
    """Lex f-string format specs as code, join ``1`` ``j`` into one number."""
    out: list[RawToken] = []
    lexer = _pygments_lexer("python")
    for index, (ttype, value) in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else (Text, "")
        if (
            ttype in String
            and out
            and out[-1] == (String.Interpol, ":")
            and following[1] == "}"
            and lexer
        ):
            raw = [(t, v) for _, t, v in lexer.get_tokens_unprocessed(value)]
            out += _apply_rules(
                _RULES["python"], [(Text if t in Whitespace else t, v) for t, v in raw]
            )
            continue
        if ttype is Name and value in ("j", "J") and out and out[-1][0] in Number:
            out[-1] = (Number.Float, out[-1][1] + value)
            continue
        if ttype in Keyword.Namespace and value == "from" and out and not out[-1][1].endswith("\n"):
            line = "".join(v for _, v in out).rsplit("\n", 1)[-1]
            if line.strip():
                ttype = Keyword
        elif ttype in Name.Namespace and out and len(out) > 1 and out[-2] == (Keyword, "from"):
            ttype = Name
        out.append((ttype, value))
    return out


def _python_names(tokens: list[RawToken]) -> list[RawToken]:
    out: list[RawToken] = []
    for ttype, value in _python_spec(tokens):
        if ttype in Name.Decorator:
            out.append((Operator, "@"))
            for part in re.split(r"(\.)", value[1:]):
                kind = Punctuation if part == "." else Name
                if kind is Name and "." not in value and part in _PY_BUILTINS:
                    kind = Name.Builtin
                out.append((kind, part))
            continue
        if ttype in Name.Exception:
            ttype = Name.Builtin
        elif ttype in Name.Function.Magic:
            defined = [v for _, v in out if v.strip()][-1:] == ["def"]
            ttype = Name.Function if defined else Name
        elif ttype is Name and value in _PY_BUILTINS:
            ttype = Name.Builtin
        elif ttype is Name.Builtin and value not in _PY_BUILTINS:
            ttype = Name
        out.append((ttype, value))
    return _comment_takes_newline(out)


def _ruby_heredoc(value: str) -> list[RawToken]:
    """Split a heredoc body into text, ``#{...}`` interpolation and escapes."""
    out: list[RawToken] = []
    for part in re.split(r"(#\{[^}]*\}|\\.)", value):
        if part.startswith("#{"):
            out += [(String.Interpol, "#{"), (Name.Builtin, part[2:-1]), (String.Interpol, "}")]
        elif part:
            out.append((String.Escape if part.startswith("\\") else String.Heredoc, part))
    return out


def _ruby_percent_arrays(tokens: list[RawToken]) -> list[RawToken]:
    """Join ``%i[...]`` (which Pygments splits) into one ``sx`` token."""
    out: list[RawToken] = []
    index = 0
    while index < len(tokens):
        ttype, value = tokens[index]
        pair = tokens[index + 1 : index + 3]
        if value == "%" and len(pair) == 2 and pair[0][1] in ("i", "I") and pair[1][1] == "[":
            end = index + 3
            while end < len(tokens) and "]" not in tokens[end][1]:
                end += 1
            text = "".join(v for _, v in tokens[index : end + 1])
            out.append((String.Other, text))
            index = end + 1
            continue
        out.append((ttype, value))
        index += 1
    return out


def _ruby_names(tokens: list[RawToken]) -> list[RawToken]:
    out: list[RawToken] = []
    for ttype, value in _ruby_percent_arrays(tokens):
        if (
            ttype in String.Delimiter
            and out
            and (out[-1][0] in String.Heredoc or out[-1][1].startswith("<<"))
        ):
            body = value.rstrip("\n")
            out += [(Name.Constant, body), (Text, value[len(body) :])]
            continue
        if ttype in String.Heredoc and value:
            out += _ruby_heredoc(value)
            continue
        prev = out[-1] if out else (Text, "")
        if ttype is Name and re.fullmatch(r"\]?\.", prev[1]) and prev[0] in Operator:
            out[-1] = (Punctuation, prev[1])
            ttype = Name.Function
        after_key = out and out[-1][0] in String.Symbol and out[-1][1].endswith(":")
        if ttype in Text and after_key and not value.strip(" \t"):
            out[-1] = (out[-1][0], out[-1][1] + value)
            continue
        if ttype in Punctuation and value == ":" and out and out[-1][0] in String.Symbol:
            out[-1] = (out[-1][0], out[-1][1] + value)
            continue
        out.append((ttype, value))
    return out


# JavaScript words by the class Rouge gives them; other identifiers are ``nx``.
_JS_WORDS: dict[str, TokenType] = {
    **dict.fromkeys(
        _words(
            "Array ArrayBuffer Boolean DataView Date Error Float32Array Float64Array Function "
            "Int8Array Int16Array Int32Array Uint8Array Uint16Array Uint32Array "
            "Map Math Number Object Promise Proxy Reflect RegExp Set String Symbol "
            "Uint8ClampedArray WeakMap WeakSet decodeURI decodeURIComponent document "
            "encodeURI encodeURIComponent eval global isFinite isNaN navigator parseFloat "
            "parseInt self window"
        ),
        Name.Builtin,
    ),
    **dict.fromkeys(
        _words(
            "as async await break case catch continue debugger default delete do else "
            "export finally for from if import in instanceof new of return super switch this "
            "throw try typeof void while yield"
        ),
        Keyword,
    ),
    **dict.fromkeys(
        _words("class const constructor extends function get let set static var with"),
        Keyword.Declaration,
    ),
    **dict.fromkeys(
        _words("enum implements interface package private protected public"), Keyword.Reserved
    ),
    **dict.fromkeys(_words("Infinity NaN false null true undefined"), Keyword.Constant),
}
# TypeScript's extra words (and the JavaScript words it classes differently).
_TS_WORDS: dict[str, TokenType] = {
    **_JS_WORDS,
    **dict.fromkeys(
        _words("interface enum string number any declare module keyof"), Keyword.Reserved
    ),
    **dict.fromkeys(_words("type abstract"), Keyword.Declaration),
    **dict.fromkeys(_words("implements private public protected readonly namespace is"), Keyword),
    "global": Name.Builtin,
}
_JS_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
_JS_REGEX_SPECIAL = re.compile(r"\\.|\(\?(?:[:=!]|<[=!])|[()?]|\[\^?|\]|\{\d+(?:,\d*)?\}")
_JS_NUMBER = re.compile(r"(\.?)(\d+)(\.\d*)?(?:([eE])([+-]?)(\d+))?(n?)")


def _js_word(ttype: TokenType, value: str, words: Mapping[str, TokenType]) -> TokenType:
    if (ttype in Name or ttype in Keyword or ttype in Operator.Word) and _JS_IDENTIFIER.fullmatch(
        value
    ):
        if ttype in Name.Attribute or ttype in Name.Label:
            return ttype
        return words.get(value, Name.Other)
    return ttype


def _js_regex(value: str) -> list[RawToken]:
    out: list[RawToken] = []
    pos = 0
    for match in _JS_REGEX_SPECIAL.finditer(value, 1):
        out += [(String.Regex, value[pos : match.start()]), (String.Escape, match.group())]
        pos = match.end()
    return out + [(String.Regex, value[pos:])]


def _js_number(value: str) -> list[RawToken]:
    match = _JS_NUMBER.fullmatch(value)
    if match is None:
        return [(Number, value)]
    dot, whole, frac, exp, sign, digits, big = match.groups()
    out: list[RawToken] = [(Punctuation, dot)] if dot else []
    out.append((Number.Float if frac else Number.Integer, whole + (frac or "")))
    if exp:
        out += [(Name.Other, exp), (Operator, sign), (Number.Integer, digits)]
    return out + [(Name.Other, big)]


def _ts_tokens(tokens: list[RawToken]) -> list[RawToken]:
    """TypeScript: the JavaScript rules with TypeScript's word classes."""
    return _js_strings(_apply_rules(_RULES["javascript"], tokens), _TS_WORDS)


def _js_strings(
    tokens: list[RawToken], words: Mapping[str, TokenType] = _JS_WORDS
) -> list[RawToken]:
    """Retype JavaScript tokens: words, quotes as ``dl``, regex and number pieces."""
    out: list[RawToken] = []
    for index, (ttype, value) in enumerate(tokens):
        if ttype in (String.Double, String.Single) and len(value) >= 2 and value[0] in "\"'":
            inner = re.split(r"(\\.)", value[1:-1])
            out.append((String.Delimiter, value[0]))
            out += [(String.Escape if p.startswith("\\") else ttype, p) for p in inner]
            out.append((String.Delimiter, value[-1]))
            continue
        if ttype in String.Regex and value.startswith("/"):
            out += _js_regex(value)
            continue
        if ttype in Number.Float or ttype in Number.Integer:
            out += _js_number(value)
            continue
        if ttype in Name.Other and value.endswith("?") and len(value) > 1:
            label = _js_key(tokens, index) or ttype
            out += [(label, value[:-1]), (Punctuation, "?")]
            continue
        if ttype in Name.Other:
            ttype = _js_key(tokens, index) or ttype
        out.append((_js_word(ttype, value, words), value))
    return out


def _js_key(tokens: list[RawToken], index: int) -> TokenType | None:
    """``na`` for an object literal's first key, ``nl`` for a label or a member name in a block."""
    significant = [(t, v) for t, v in tokens[index + 1 :] if v.strip()][:2]
    following = "".join(v for _, v in significant)
    if tokens[index][1].endswith("?"):
        following = "?" + following
    if not following.startswith((":", "?:")):
        return None
    before = [v for t, v in tokens[:index] if v.strip() and t not in Comment]
    if not before:
        return Name.Label
    if before[-1].endswith(";"):
        return Name.Label
    if not before[-1].endswith("{"):
        return None
    opener = before[-2] if len(before) > 1 else ""
    block = bool(re.search(r"[\w)]$", opener)) and opener not in ("return", "=>")
    return Name.Label if block else Name.Attribute


def _html_embedded(kind: str, tokens: list[RawToken]) -> list[RawToken]:
    """Re-lex a ``<script>`` or ``<style>`` body the way Rouge's delegate lexers do."""
    if not tokens:
        return []
    if kind == "style":
        return _css_lex("".join(value for _, value in tokens))
    return _js_strings(_apply_rules(_RULES["javascript"], tokens))


def _html_tags(tokens: list[RawToken]) -> list[RawToken]:
    """Retype attribute ``=`` and values inside tags; re-lex script and style bodies."""
    out: list[RawToken] = []
    body: list[RawToken] = []
    in_tag = False
    opening = embedded = ""
    for index, (ttype, value) in enumerate(tokens):
        ahead = "".join(v for _, v in tokens[index : index + 3]).replace(" ", "")
        if embedded and not (ttype in Name.Tag and ahead.startswith("</" + embedded)):
            body.append((ttype, value))
            continue
        out += _html_embedded(embedded, body)
        body, embedded = [], ""
        if ttype in Name.Tag:
            if value in ("script", "style") and out and out[-1][1] == "<":
                opening = value
            in_tag = not value.endswith(">")
            if not in_tag:
                embedded, opening = opening, ""
        elif in_tag and ttype in Operator and value == "=":
            ttype = Name.Attribute
        elif in_tag and ttype in String:
            ttype = String
        out.append((ttype, value))
    return out + _html_embedded(embedded, body)


# --- CSS: scanned directly, Pygments' CSS tokens split too differently ---------

# CSS properties Rouge classes ``nl`` (others are ``py``).
_CSS_PROPERTIES = frozenset(
    _words(
        "crop icon src "
        "-webkit-line-clamp align-content align-items align-self alignment-baseline all "
        "animation animation-delay animation-direction animation-duration animation-fill-mode "
        "animation-iteration-count animation-name animation-play-state "
        "animation-timing-function appearance azimuth backface-visibility background "
        "background-attachment background-clip background-color background-image "
        "background-origin background-position background-repeat background-size baseline-shift "
        "bookmark-label bookmark-level bookmark-state border border-bottom border-bottom-color "
        "border-bottom-left-radius border-bottom-right-radius border-bottom-style "
        "border-bottom-width border-collapse border-color border-image border-image-outset "
        "border-image-repeat border-image-slice border-image-source border-image-width "
        "border-left border-left-color border-left-style border-left-width border-radius "
        "border-right border-right-color border-right-style border-right-width border-spacing "
        "border-style border-top border-top-color border-top-left-radius "
        "border-top-right-radius border-top-style border-top-width border-width bottom "
        "box-decoration-break box-shadow box-sizing break-after break-before break-inside "
        "caption-side clear clip clip-path clip-rule color column-count column-fill column-gap "
        "column-rule column-rule-color column-rule-style column-rule-width column-span "
        "column-width columns content counter-increment counter-reset cue cue-after cue-before "
        "cursor direction display dominant-baseline elevation empty-cells filter flex "
        "flex-basis flex-direction flex-flow flex-grow flex-shrink flex-wrap float float-offset "
        "font font-family font-feature-settings font-kerning font-language-override font-size "
        "font-size-adjust font-stretch font-style font-synthesis font-variant "
        "font-variant-alternates font-variant-caps font-variant-east-asian "
        "font-variant-ligatures font-variant-numeric font-variant-position font-weight "
        "grid-column grid-row grid-template hanging-punctuation height hyphenate-character "
        "hyphens image-orientation image-rendering image-resolution justify-content left "
        "letter-spacing line-break line-height list-style list-style-image list-style-position "
        "list-style-type margin margin-bottom margin-left margin-right margin-top mask "
        "max-height max-width min-height min-width nav-down nav-left nav-right nav-up "
        "object-fit object-position opacity order orphans outline outline-color outline-offset "
        "outline-style outline-width overflow overflow-wrap overflow-x overflow-y padding "
        "padding-bottom padding-left padding-right padding-top page page-break-after "
        "page-break-before page-break-inside pause pause-after pause-before perspective "
        "perspective-origin pitch pitch-range play-during pointer-events position quotes resize "
        "rest rest-after rest-before richness right ruby-align ruby-overhang ruby-position "
        "speak speak-as speak-header speak-numeral speak-punctuation speech-rate stress "
        "string-set tab-size table-layout text-align text-align-last text-decoration "
        "text-decoration-color text-decoration-line text-decoration-skip text-decoration-style "
        "text-emphasis text-emphasis-color text-emphasis-position text-emphasis-style "
        "text-indent text-justify text-orientation text-overflow text-shadow "
        "text-space-collapse text-transform text-underline-position text-wrap top transform "
        "transform-origin transform-style transition transition-delay transition-duration "
        "transition-property transition-timing-function unicode-bidi vertical-align visibility "
        "voice-balance voice-duration voice-family voice-pitch voice-range voice-rate "
        "voice-stress voice-volume volume white-space widows width word-break word-spacing "
        "word-wrap writing-mode z-index "
    )
)
# CSS value keywords Rouge classes ``nb``.
_CSS_BUILTINS = frozenset(
    _words(
        "above absolute always armenian aural auto avoid baseline behind below bidi-override "
        "blink block bold bolder both bottom capitalize center center-left center-right circle "
        "cjk-ideographic close-quote collapse condensed continuous crop cross crosshair cursive "
        "dashed decimal decimal-leading-zero default digits disc dotted double e-resize embed "
        "expanded extra-condensed extra-expanded fantasy far-left far-right fast faster fixed "
        "georgian groove hebrew help hidden hide high higher hiragana hiragana-iroha icon "
        "inherit inline inline-table inset inside invert italic justify katakana katakana-iroha "
        "landscape large larger left left-side leftwards level lighter line-through list-item "
        "loud low lower lower-alpha lower-greek lower-roman lowercase ltr medium message-box "
        "middle mix monospace n-resize narrower ne-resize no-close-quote no-open-quote "
        "no-repeat none normal nowrap nw-resize oblique once open-quote outset outside overline "
        "pointer portrait relative repeat repeat-x repeat-y rgb ridge right right-side "
        "rightwards s-resize sans-serif scroll se-resize semi-condensed semi-expanded separate "
        "serif show silent slow slower small-caps small-caption smaller soft solid spell-out "
        "square static status-bar super sw-resize table-caption table-cell table-column "
        "table-column-group table-footer-group table-header-group table-row table-row-group "
        "text text-bottom text-top thick thin top transparent ultra-condensed ultra-expanded "
        "underline upper-alpha upper-latin upper-roman uppercase visible w-resize wait wider "
        "x-fast x-high x-large x-loud x-low x-small x-soft xx-large xx-small yes "
    )
)
# CSS colour names Rouge classes ``no``.
_CSS_COLORS = frozenset(
    _words(
        "aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue "
        "blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue "
        "cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkkhaki "
        "darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen "
        "darkslateblue darkslategray darkturquoise darkviolet deeppink deepskyblue dimgray "
        "dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold "
        "goldenrod gray green greenyellow honeydew hotpink indianred indigo ivory khaki "
        "lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan "
        "lightgoldenrodyellow lightgreen lightgrey lightpink lightsalmon lightseagreen "
        "lightskyblue lightslategray lightsteelblue lightyellow lime limegreen linen magenta "
        "maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen "
        "mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue "
        "mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered "
        "orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru "
        "pink plum powderblue purple red rosybrown royalblue saddlebrown salmon sandybrown "
        "seagreen seashell sienna silver skyblue slateblue slategray snow springgreen steelblue "
        "tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen "
    )
)

_CSS_UNITS = "|".join(sorted(pygments_css._all_units, key=len, reverse=True))
_CSS_COMMON = (
    r"(?P<ws>\s+)|(?P<c>/\*.*?(?:\*/|\Z))|(?P<s1>\"(?:\\.|[^\"\\])*\"?)"
    r"|(?P<s2>'(?:\\.|[^'\\])*'?)"
)
_CSS_SELECTOR = re.compile(
    _CSS_COMMON + r"|(?P<k>@[\w-]+)|(?P<nc>\.-*[a-zA-Z_][\w-]*)|(?P<nf>\#-*[a-zA-Z_][\w-]*)"
    r"|(?P<nd>::?-*[a-zA-Z_][\w-]*)|(?P<nt>-*[a-zA-Z_][\w-]*)|(?P<open>\{)|(?P<close>\})"
    r"|(?P<err>[0-9#])|(?P<o>.)",
    re.DOTALL,
)
_CSS_VALUE = re.compile(
    _CSS_COMMON + r"|(?P<cp>!\s*important\b)|(?P<sx>url\([^)]*\)?)"
    r"|(?P<m>[+-]?(?:\d+\.?\d*|\.\d+)(?:%|(?:" + _CSS_UNITS + r")\b)?|\#[0-9a-fA-F]+\b)"
    r"|(?P<word>--?[\w-]+|[\w-]+)|(?P<open>\{)|(?P<close>\})|(?P<end>;)|(?P<err>[*+])"
    r"|(?P<p>[(),/:=]|.)",
    re.DOTALL,
)
_CSS_KINDS: dict[str, TokenType] = {
    "ws": Text,
    "c": Comment,
    "s1": String.Single,
    "s2": String.Double,
    "k": Keyword,
    "nc": Name.Class,
    "nf": Name.Function,
    "nd": Name.Decorator,
    "nt": Name.Tag,
    "o": Operator,
    "cp": Comment.Preproc,
    "sx": String.Other,
    "m": Number,
    "err": Error,
    "p": Punctuation,
    "open": Punctuation,
    "close": Punctuation,
    "end": Punctuation,
}
_CSS_NESTING_AT_RULES = frozenset(
    _words(
        "@media @supports @document @-moz-document @layer @container @keyframes "
        "@-webkit-keyframes @-moz-keyframes"
    )
)
_CSS_VENDOR = re.compile(r"-(?:webkit|moz|ms|o)-")


class _CssScanner:
    """Splits CSS into Rouge's token classes with a small mode stack."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.blocks: list[str] = []  # "rules" or "decl" for each open brace
        self.mode = "selector"  # selector, prelude, property, value
        self.at_rule = ""

    def tokens(self) -> list[RawToken]:
        out: list[RawToken] = []
        pos = 0
        while pos < len(self.code):
            pattern = _CSS_SELECTOR if self.mode == "selector" else _CSS_VALUE
            match = pattern.match(self.code, pos)
            assert match is not None
            out.append(self._classify(match.lastgroup or "p", match.group(), match.end()))
            pos = match.end()
        return out

    def _classify(self, kind: str, value: str, end: int) -> RawToken:
        if kind == "open":
            nesting = self.mode == "prelude" and self.at_rule in _CSS_NESTING_AT_RULES
            self.blocks.append("rules" if nesting else "decl")
            self.mode = "selector" if nesting else "property"
        elif kind == "close":
            if not self.blocks:
                return (Error, value)
            self.blocks.pop()
            self.mode = "property" if self.blocks and self.blocks[-1] == "decl" else "selector"
        elif kind == "k":
            self.mode, self.at_rule = "prelude", value
        elif kind == "end":
            self.mode = "property" if self.mode in ("value", "property") else "selector"
        elif kind == "word":
            return (self._word(value, end), value)
        elif self.mode == "property" and value == ":":
            self.mode = "value"
        return (_CSS_KINDS[kind], value)

    def _word(self, value: str, end: int) -> TokenType:
        if self.mode == "property":
            known = value in _CSS_PROPERTIES or _CSS_VENDOR.match(value) is not None
            return Name.Label if known else Name.Property
        if self.mode == "value":
            if value in _CSS_COLORS:
                return Name.Constant
            if value in _CSS_BUILTINS:
                return Name.Builtin
        return Name


def _css_lex(code: str) -> list[RawToken]:
    return _CssScanner(code).tokens()


# --- SCSS: Rouge's Sass-family lexer, scanned directly -------------------------

_SCSS_VALUE = re.compile(
    r"(?P<ws>\s+)|(?P<c1>//[^\n]*)|(?P<cm>/\*.*?(?:\*/|\Z))|(?P<s2>\"(?:\\.|[^\"\\])*\"?)"
    r"|(?P<s1>'(?:\\.|[^'\\])*'?)|(?P<interp>\#\{)|(?P<nv>[$%][\w-]+)|(?P<sx>url\([^)]*\)?)"
    r"|(?P<mh>\#[0-9a-fA-F]+\b)|(?P<num>-?\d*\.?\d+(?:%|(?:" + _CSS_UNITS + r")\b)?)"
    r"|(?P<k>@[\w-]+|&)|(?P<word>-[A-Za-z_][\w-]*(?=\()|-(?=\s*\()|[A-Za-z_][\w-]*)|(?P<p>[(){};])|(?P<o>==|!=|<=|>=|[-+*/%,.:=<>!~])"
    r"|(?P<err>.)",
    re.DOTALL,
)
_SCSS_SELECTOR = re.compile(
    r"(?P<ws>\s+)|(?P<c1>//[^\n]*)|(?P<cm>/\*.*?(?:\*/|\Z))|(?P<interp>\#\{)|(?P<nv>[$%][\w-]+)"
    r"|(?P<k>&)|(?P<nc>\.[\w-]+)|(?P<nf>\#[\w-]+)|(?P<nd>::?[\w-]+)"
    r"|(?P<nt>[\w-]+)|(?P<s2>\"[^\"]*\"?)|(?P<s1>'[^']*'?)|(?P<p>[{};])|(?P<o>.)",
    re.DOTALL,
)
_SCSS_KINDS: dict[str, TokenType] = {
    "ws": Text,
    "c1": Comment.Single,
    "cm": Comment.Multiline,
    "s2": String.Double,
    "s1": String.Single,
    "interp": String.Interpol,
    "nv": Name.Variable,
    "sx": String.Other,
    "mh": Number.Hex,
    "k": Keyword,
    "p": Punctuation,
    "o": Operator,
    "err": Error,
    "nc": Name.Class,
    "nf": Name.Function,
    "nd": Name.Decorator,
    "nt": Name.Tag,
}


_SCSS_WORDS = frozenset({"from", "through", "to", "and", "or", "not"})


class _ScssScanner:
    """Splits SCSS into the token classes Rouge's SCSS lexer gives."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.out: list[RawToken] = []
        self.interp = 0

    def tokens(self) -> list[RawToken]:
        pos = 0
        while pos < len(self.code):
            pos = self._statement(pos)
        return self.out

    def _statement(self, pos: int) -> int:
        """Scan from a statement start up to and including its ``{``, ``;`` or ``}``."""
        blank = re.compile(r"\s+|//[^\n]*|/\*.*?(?:\*/|\Z)", re.DOTALL).match(self.code, pos)
        if blank:
            kind = (
                "ws"
                if blank.group().isspace()
                else "c1"
                if blank.group().startswith("//")
                else "cm"
            )
            self.out.append((_SCSS_KINDS[kind], blank.group()))
            return blank.end()
        if self.code[pos] in "{};":
            self.out.append((Punctuation, self.code[pos]))
            return pos + 1
        if self.code[pos] == "@":
            return self._scan(pos, _SCSS_VALUE, "prelude")
        if self._ends_with_brace(pos):
            return self._scan(pos, _SCSS_SELECTOR, "selector")
        prop = re.compile(r"([$]?-?[\w-]+)(\s*)(:)").match(self.code, pos)
        if prop:
            name = prop.group(1)
            known = name in _CSS_PROPERTIES
            kind = (
                Name.Variable if name.startswith("$") else Name.Label if known else Name.Attribute
            )
            self.out += [(kind, name), (Text, prop.group(2)), (Punctuation, ":")]
            return self._scan(prop.end(), _SCSS_VALUE, "value")
        return self._scan(pos, _SCSS_VALUE, "value")

    def _ends_with_brace(self, pos: int) -> bool:
        depth = 0
        for index in range(pos, len(self.code)):
            char = self.code[index]
            if self.code.startswith("#{", index):
                depth += 1
            elif char == "}" and depth:
                depth -= 1
            elif not depth and char in "{};":
                return char == "{"
        return False

    def _scan(self, pos: int, pattern: re.Pattern[str], mode: str) -> int:
        last_word = ""
        while pos < len(self.code):
            char = self.code[pos]
            if char == "}" and self.interp:
                self.interp -= 1
                self.out.append((String.Interpol, "}"))
                pos += 1
                continue
            if char in "{};" and not self.interp:
                return pos
            match = pattern.match(self.code, pos)
            assert match is not None
            kind, value = match.lastgroup or "err", match.group()
            if kind == "interp":
                self.interp += 1
            self.out += self._classify(kind, value, match.end(), mode, last_word)
            if kind not in ("ws", "c1", "cm"):
                last_word = value
            pos = match.end()
        return pos

    def _classify(self, kind: str, value: str, end: int, mode: str, last: str) -> list[RawToken]:
        if kind == "num":
            whole, dot, frac = value.partition(".")
            if not dot:
                return [(Number, value)]
            return (
                [(Number, whole), (Number.Integer, "." + frac)]
                if whole
                else [(Number.Integer, value)]
            )
        if kind == "word":
            if last in ("@mixin", "@function"):
                return [(Name.Function, value)]
            if last == "@include":
                return [(Name.Decorator, value)]
            if re.match(r"\s*\(", self.code[end:]):
                return [(Name.Function, value)]
            if value in _SCSS_WORDS and mode == "prelude":
                return [(Operator.Word, value)]
            if value in _CSS_COLORS:
                return [(Name.Constant, value)]
            return [(Name.Builtin if value in _CSS_BUILTINS else Name, value)]
        return [(_SCSS_KINDS[kind], value)]


def _scss_lex(code: str) -> list[RawToken]:
    return _ScssScanner(code).tokens()


# --- diff: classified line by line, as Rouge does ------------------------------

_DIFF_LINE = re.compile(
    r"(?P<t>^ .*\n?)|(?P<p>^---$\n?)|(?P<gi>^[+>].*\n?)|(?P<gd>^[-<].*\n?)|(?P<gs>^!.*\n?)"
    r"|(?P<gh>^(?:[Ii]ndex|diff).*\n?)|(?P<hunk>^@@[^@]*@@)|(?P<w>^\w.*\n?)|(?P<eq>^=.*\n?)"
    r"|(?P<rest>\s.*\n?)|(?P<err>.)",
    re.MULTILINE,
)
_DIFF_KINDS: dict[str, TokenType] = {
    "t": Text,
    "p": Punctuation,
    "gi": Generic.Inserted,
    "gd": Generic.Deleted,
    "gs": Generic.Strong,
    "gh": Generic.Heading,
    "hunk": Punctuation,
    "w": Punctuation,
    "eq": Generic.Heading,
    "rest": Text,
    "err": Error,
}


def _diff_lex(code: str) -> list[RawToken]:
    out: list[RawToken] = []
    pos = 0
    while pos < len(code):
        match = _DIFF_LINE.match(code, pos)
        assert match is not None
        out.append((_DIFF_KINDS[match.lastgroup or "err"], match.group()))
        pos = match.end()
        if match.lastgroup == "hunk":
            end = code.find("\n", pos)
            end = len(code) if end < 0 else end + 1
            out.append((Text, code[pos:end]))
            pos = end
    return out


# Shell: Rouge's command and keyword sets, and how it splits words.
_SH_KEYWORDS = frozenset(
    _words(
        "if fi else while do done for then return function select continue until esac elif in case"
    )
)
_SH_BUILTINS = frozenset(
    _words(
        "alias bg bind break builtin caller cd command compgen complete declare dirs disown "
        "enable eval exec exit export false fc fg getopts hash help history jobs let local "
        "logout mapfile popd pushd pwd read readonly set shift shopt source suspend test time "
        "times trap true type typeset ulimit umask unalias unset wait cat tac nl od base32 "
        "base64 fmt pr fold head tail split csplit wc sum cksum b2sum md5sum sha1sum sha224sum "
        "sha256sum sha384sum sha512sum sort shuf uniq comm ptx tsort cut paste join tr expand "
        "unexpand ls dir vdir dircolors cp dd install mv rm shred link ln mkdir mkfifo mknod "
        "readlink rmdir unlink chown chgrp chmod touch df du stat sync truncate echo printf yes "
        "expr tee basename dirname pathchk mktemp realpath stty printenv tty id logname whoami "
        "groups users who date arch nproc uname hostname hostid uptime chcon runcon chroot env "
        "nice nohup stdbuf timeout kill sleep factor numfmt seq tar grep sudo awk sed gzip "
        "gunzip"
    )
)
_SH_WORDS = "|".join(sorted(_SH_KEYWORDS - {"case"}, key=len, reverse=True))
_SH_COMMANDS = "|".join(sorted(_SH_BUILTINS, key=len, reverse=True))
_SH_PLAIN = re.compile(
    rf"(?P<kw>\b(?:{_SH_WORDS})(?:\s+(?=\w)|\b))|(?P<case>\bcase\b)"
    rf"|(?P<nb>\b(?:{_SH_COMMANDS})(?:\s+(?=\w)|\b)(?![.-])|\.(?=\s))"
    r"|(?P<nv>\b\w+(?==))|(?P<o>[\[\]{}()!=>]|&&|\|\||<<<)|(?P<ws>\s+)|(?P<se>\\.)"
    r"|(?P<k>\*)|(?P<p>;)|(?P<nt>--?[\w-]+)|(?P<t>[^=*\s{}()$\"'`;\\<]+|.)",
    re.ASCII | re.DOTALL,
)
_SH_KINDS = {
    "kw": Keyword,
    "case": Keyword,
    "nb": Name.Builtin,
    "nv": Name.Variable,
    "o": Operator,
    "ws": Text,
    "se": String.Escape,
    "k": Keyword,
    "p": Punctuation,
    "nt": Name.Tag,
    "t": Text,
}


class _ShellScanner:
    """Classifies the plain (unquoted, uninterpolated) stretches of shell code."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.case_depth = 0
        self.in_stanza = False
        self.pending = ""

    def scan(self, start: int, end: int) -> list[RawToken]:
        out: list[RawToken] = []
        pos = start
        while pos < end:
            if self.case_depth and not self.in_stanza and self.code[pos] in "|)":
                self.in_stanza = self.code[pos] == ")"
                out.append((Punctuation, self.code[pos]))
                pos += 1
                continue
            match = _SH_PLAIN.match(self.code, pos)
            if match is None or match.end() > end:
                match = _SH_PLAIN.match(self.code, pos, end)
            assert match is not None
            out.append(self._classify(match))
            if self.pending:
                out.append((Text, self.pending))
                self.pending = ""
            pos = match.end()
        return out

    def _classify(self, match: re.Match[str]) -> RawToken:
        kind, value = match.lastgroup or "t", match.group()
        if kind == "case":
            self.case_depth += 1
            self.in_stanza = False
        elif kind == "kw" and value.rstrip() == "esac" and self.case_depth:
            self.case_depth -= 1
            self.in_stanza = self.case_depth > 0
            self.pending = value[4:]
            return (Keyword, "esac")
        elif kind == "p" and self.in_stanza and self.code.startswith(";;", match.start() - 1):
            self.in_stanza = False
        return (_SH_KINDS[kind], value)


def _shell_plain(ttype: TokenType, value: str) -> bool:
    if ttype in Name.Variable:
        return not value.startswith("$")
    return any(ttype in kind for kind in (Text, Number, Punctuation, Operator, Name.Builtin)) or (
        ttype in Keyword and value not in ("$(", "$((", "))")
    )


def _shell_tokens(tokens: list[RawToken]) -> list[RawToken]:
    """Retype shell tokens the way Rouge's shell lexer splits and classes them."""
    code = "".join(value for _, value in tokens)
    tokens = list(tokens)
    scanner = _ShellScanner(code)
    out: list[RawToken] = []
    closers: list[str] = []
    pos = index = 0
    while index < len(tokens):
        ttype, value = tokens[index]
        if _shell_plain(ttype, value) and not (
            closers and value in (")", "}") and closers[-1] == value
        ):
            end = pos
            while (
                index < len(tokens)
                and _shell_plain(*tokens[index])
                and not (
                    closers and tokens[index][1] in (")", "}") and closers[-1] == tokens[index][1]
                )
            ):
                end += len(tokens[index][1])
                index += 1
            out += _shell_curly(code[pos:end]) if closers[-1:] == ["}"] else scanner.scan(pos, end)
            pos = end
            continue
        if value == "$#" and ttype in Name.Variable and index + 1 < len(tokens):
            following, rest = tokens[index + 1]
            value += rest[:1]
            tokens[index + 1] = (following, rest[1:])
        out += _shell_special(ttype, value, closers, scanner, pos)
        pos += len(value)
        index += 1
        if out[-1][0] is Name.Constant and index < len(tokens):
            blank = re.match(r"\s*\n", tokens[index][1])
            if blank and tokens[index][0] in Text:
                out[-1] = (Name.Constant, out[-1][1] + blank.group())
                tokens[index] = (Text, tokens[index][1][blank.end() :])
                pos += blank.end()
    return out


def _shell_special(
    ttype: TokenType, value: str, closers: list[str], scanner: _ShellScanner, pos: int
) -> list[RawToken]:
    if ttype in Comment:
        body = value.rstrip("\n")
        return [(Comment, body), (Text, value[len(body) :])]
    if value in ("${", "$(") and (ttype in String.Interpol or ttype in Keyword):
        closers.append("}" if value == "${" else ")")
        return [(Keyword if value == "${" else String.Interpol, value)]
    if closers and value == closers[-1]:
        closers.pop()
        return [(Keyword if value == "}" else String.Interpol, value)]
    if ttype in String.Backtick:
        return [(String.Backtick, value)]
    if ttype in String.Double:
        parts = re.split(r"(\\.|`[^`]*`)", value)
        out: list[RawToken] = []
        for part in parts:
            if part.startswith("`") and len(part) > 1:
                inner = pos + sum(len(v) for _, v in out) + 1
                out += [(String.Backtick, "`"), *scanner.scan(inner, inner + len(part) - 2)]
                out.append((String.Backtick, "`"))
            else:
                out.append((String.Escape if part.startswith("\\") else String.Double, part))
        return out
    if ttype is String and value.startswith("<<"):
        return _shell_heredoc(value)
    return [(ttype, value)]


def _shell_curly(text: str) -> list[RawToken]:
    """Class the inside of ``${...}``: a leading name ``nv``, ``:-`` ``k``, the rest ``p``."""
    out: list[RawToken] = []
    pattern = r"(?P<k>:-)|(?P<nv>\w+)|(?P<p>[^}:\"'`$]+)|(?P<t>[^=*\s{}()$\"'`;\\<]+|.)"
    kinds = {"k": Keyword, "nv": Name.Variable, "p": Punctuation, "t": Text}
    for match in re.finditer(pattern, text, re.ASCII | re.DOTALL):
        out.append((kinds[match.lastgroup or "t"], match.group()))
    return out


def _shell_interpolated(text: str, plain: TokenType) -> list[RawToken]:
    """Split heredoc text into escapes, ``${...}``, ``$name`` and plain runs."""
    out: list[RawToken] = []
    for part in re.split(r"(\\.|\$\{[^}]*\}|\$#?(?:\w+|.))", text, flags=re.ASCII | re.DOTALL):
        if part.startswith("${"):
            out += [(Keyword, "${"), *_shell_curly(part[2:-1]), (Keyword, "}")]
        elif part.startswith("$"):
            out.append((Name.Variable, part))
        elif part:
            out.append((String.Escape if part.startswith("\\") else plain, part))
    return out


def _shell_heredoc(value: str) -> list[RawToken]:
    head = re.match(r"(<<-?)(\s*)(\w+)", value)
    if head is None:
        return [(String.Heredoc, value)]
    body = value[head.end() :]
    lines = body.rsplit("\n", 1)
    tail = [(Name.Constant, lines[1])] if len(lines) == 2 else []
    return [
        (Operator, head.group(1)),
        (Text, head.group(2)),
        (Name.Constant, head.group(3)),
        *_shell_interpolated(lines[0] + ("\n" if tail else ""), String.Heredoc),
        *tail,
    ]


# --- console sessions: prompts, shell commands, output ------------------------

_CONSOLE_SNIP = re.compile(r"\s*(?:<\.+>|\.+)\s*")
_CONSOLE_PROMPT = re.compile(r".*?[$#>;]")


def _console_lex(code: str) -> list[RawToken]:
    out: list[RawToken] = []
    for line in code.splitlines(keepends=True):
        body = line.rstrip("\n")
        prompt = _CONSOLE_PROMPT.match(body)
        if _CONSOLE_SNIP.fullmatch(body):
            out.append((Comment, line))
        elif prompt is None:
            out.append((Generic.Output, line))
        else:
            rest = line[prompt.end() :]
            blank = rest[: len(rest) - len(rest.lstrip(" \t"))]
            out += [(Generic.Prompt, prompt.group()), (Whitespace, blank)]
            out += _shell_command(rest[len(blank) :])
    return out


def _shell_command(command: str) -> list[RawToken]:
    lexer = _pygments_lexer("shell")
    if lexer is None or not command:
        return [(Text, command)]
    raw = [(t, v) for _, t, v in lexer.get_tokens_unprocessed(command)]
    return _shell_tokens([(Text if t in Whitespace else t, v) for t, v in raw])


# --- Liquid: scanned directly (Pygments' Liquid lexer loses its place) --------

_LIQUID_MARKUP = re.compile(r"\{\{-?|\{%-?")
_LIQUID_FLOW = frozenset(_words("if elsif else endif unless endunless case when endcase"))
_LIQUID_EXPR = re.compile(
    r"(?P<w>\s+)|(?P<s2>\"[^\"]*\"?)|(?P<s1>'[^']*'?)|(?P<mf>\d+\.\d+)|(?P<mi>\d+)"
    r"|(?P<cmp>==|!=|<>|>=|<=|[<>])|(?P<word>[A-Za-z_][\w-]*\??)|(?P<p>[.\[\]|:,()])|(?P<o>[-=+*/])"
    r"|(?P<err>.)",
    re.DOTALL,
)
_LIQUID_WORDS: dict[str, TokenType] = {
    **dict.fromkeys(("true", "false", "nil", "null"), Keyword.Constant),
    **dict.fromkeys(("empty", "blank"), Name.Builtin),
    **dict.fromkeys(("and", "or", "contains"), Operator.Word),
}


def _liquid_lex(code: str) -> list[RawToken]:
    out: list[RawToken] = []
    pos = 0
    while pos < len(code):
        opening = _LIQUID_MARKUP.search(code, pos)
        if opening is None:
            out.append((Text, code[pos:]))
            break
        out.append((Text, code[pos : opening.start()]))
        close = "}}" if opening.group().startswith("{{") else "%}"
        end = code.find(close, opening.end())
        end = len(code) if end < 0 else end
        inner_end = end - 1 if code[end - 1 : end] == "-" and end > opening.end() else end
        out.append((Punctuation, opening.group()))
        inner = code[opening.end() : inner_end]
        if close == "}}":
            out += _liquid_expression(inner, condition=False)
            pos = _liquid_close(code, out, inner_end, end, close)
        else:
            name, body_kind = _liquid_tag(inner, out)
            pos = _liquid_close(code, out, inner_end, end, close)
            if body_kind:
                pos = _liquid_body(code, pos, name, body_kind, out)
    return out


def _liquid_close(code: str, out: list[RawToken], inner_end: int, end: int, close: str) -> int:
    out.append((Punctuation, code[inner_end : end + len(close)]))
    return end + len(close)


def _liquid_body(code: str, pos: int, name: str, kind: TokenType, out: list[RawToken]) -> int:
    closing = re.compile(r"\{%-?\s*end" + re.escape(name) + r"\b")
    found = closing.search(code, pos)
    stop = found.start() if found else len(code)
    out.append((kind, code[pos:stop]))
    return stop


def _liquid_tag(inner: str, out: list[RawToken]) -> tuple[str, TokenType | None]:
    """Class a tag's name and arguments; return the name and how to class its body."""
    head = re.match(r"(\s*)([\w-]*)", inner)
    assert head is not None
    name, rest = head.group(2), inner[head.end() :]
    out += [
        (Whitespace, head.group(1)),
        (Keyword.Reserved if name in _LIQUID_FLOW else Name.Tag, name),
    ]
    if name in ("comment", "raw"):
        out += _liquid_words(rest)
        return name, Comment if name == "comment" else Text
    if name in ("for", "tablerow"):
        out += _liquid_loop(rest)
    elif name in _LIQUID_FLOW or name in (
        "assign",
        "echo",
        "cycle",
        "increment",
        "decrement",
        "capture",
        "render",
    ):
        out += _liquid_expression(rest, condition=name in _LIQUID_FLOW, tag=name)
    elif name in ("include", "include_relative", "highlight") or "=" in rest:
        out += _liquid_include(rest)
    else:
        out += _liquid_words(rest)
    return name, None


def _liquid_words(text: str) -> list[RawToken]:
    out: list[RawToken] = []
    for match in re.finditer(r"\s+|\"[^\"]*\"?|'[^']*'?|\d+(?![^\W\d])|-|[^\s\"'-][^\s\"']*", text):
        piece = match.group()
        kind: TokenType = Text
        if piece.isspace():
            kind = Whitespace
        elif piece[0] in "\"'":
            kind = String.Double if piece[0] == '"' else String.Single
        elif piece.isdigit():
            kind = Number.Integer
        elif piece == "-":
            kind = Operator
        out.append((kind, piece))
    return out


def _liquid_loop(text: str) -> list[RawToken]:
    match = re.match(r"(\s*)(\w+)(\s+)(in)(\s+)(\S+)", text)
    if match is None:
        return _liquid_expression(text, condition=False)
    collection = match.group(6)
    quoted = collection[0] in "\"'"
    out: list[RawToken] = [
        (Whitespace, match.group(1)),
        (Name.Variable, match.group(2)),
        (Whitespace, match.group(3)),
        (Name.Tag, match.group(4)),
        (Whitespace, match.group(5)),
        (String.Double if quoted else Name.Variable, collection),
    ]
    for part in re.split(r"(\w+(?=\s*:)|\b(?:reversed)\b)", text[match.end() :]):
        if re.fullmatch(r"\w+", part):
            out.append((Name.Attribute, part))
        else:
            out += [
                (Operator if t is Punctuation and v == ":" else t, v)
                for t, v in _liquid_expression(part, condition=False)
            ]
    return out


def _liquid_include(text: str) -> list[RawToken]:
    out: list[RawToken] = []
    for match in re.finditer(r"(\s+)|([\w-]+)(=)|(\"[^\"]*\"|'[^']*')|(\S+)", text):
        blank, key, equals, quoted, bare = match.groups()
        if blank:
            out.append((Whitespace, blank))
        elif key:
            out += [(Name.Attribute, key), (Operator, equals)]
        elif quoted:
            out.append((String.Double if quoted[0] == '"' else String.Single, quoted))
        else:
            kind = (
                Name.Variable if re.fullmatch(r"\w+", bare) and out and out[-1][1] == "=" else Text
            )
            out.append((Keyword.Constant if bare in ("true", "false", "nil") else kind, bare))
    return out


def _liquid_expression(text: str, *, condition: bool, tag: str = "") -> list[RawToken]:
    out: list[RawToken] = []
    after_pipe = after_dot = False
    for match in _LIQUID_EXPR.finditer(text):
        kind, value = match.lastgroup or "err", match.group()
        ttype: TokenType
        if kind == "word":
            ttype = _liquid_word(value, after_pipe, after_dot, text, match.end())
        elif kind == "cmp":
            ttype = Operator if condition else Error
        elif kind == "p" and value == "," and tag == "when":
            ttype = Error
        elif kind == "p" and value == ":" and tag == "render":
            ttype = Operator
        else:
            ttype = {
                "w": Whitespace,
                "s2": String.Double,
                "s1": String.Single,
                "mf": Number.Float,
                "mi": Number.Integer,
                "p": Punctuation,
                "o": Operator,
                "err": Error,
            }[kind]
        if kind != "w":
            after_pipe, after_dot = value == "|", value == "."
        out.append((ttype, value))
    return _liquid_forloop(out)


def _liquid_word(value: str, after_pipe: bool, after_dot: bool, text: str, end: int) -> TokenType:
    if after_pipe:
        return Name.Function
    if after_dot:
        return Name.Function if value in ("size", "first", "last") else Name.Variable
    if re.match(r"\s*:", text[end:]) and not after_pipe:
        return Name.Attribute
    return _LIQUID_WORDS.get(value, Name.Variable)


def _liquid_forloop(tokens: list[RawToken]) -> list[RawToken]:
    """``forloop.x`` is one builtin name in Rouge."""
    out: list[RawToken] = []
    for ttype, value in tokens:
        if ttype is Name.Variable and value == "forloop":
            ttype = Name.Builtin
        chained = len(out) >= 2 and out[-2][0] is Name.Builtin and out[-2][1].startswith("forloop")
        if chained and out[-1][1] == "." and ttype in Name:
            out[-2:] = [(Name.Builtin, f"{out[-2][1]}.{value}")]
            continue
        out.append((ttype, value))
    return out


# Java: Rouge's keywords, and its method-name pattern (leading words, a name, "(").
_JAVA_KEYWORDS = frozenset(
    _words(
        "assert break case catch continue default do else finally for if goto instanceof new "
        "return switch this throw try while"
    )
)
_JAVA_METHOD = re.compile(r"\s*(?:[a-zA-Z_][\w.\[\]<>]*\s+)+?([a-zA-Z_]\w*)\s*\(")


def _java_methods(tokens: list[RawToken]) -> set[int]:
    """Return the offsets of names Rouge's Java lexer takes for method names."""
    code = "".join(value for _, value in tokens)
    starts: list[int] = []
    pos = 0
    for ttype, value in tokens:
        if ttype in Text or ttype in Whitespace:
            starts += [pos + i for i, char in enumerate(value) if char == "\n"]
        elif not (ttype in Comment or ttype in String):
            starts.append(pos)
        pos += len(value)
    found: set[int] = set()
    skip_to = 0
    for start in starts:
        if start < skip_to:
            continue
        word = re.match(r"[a-zA-Z_]\w*", code[start:])
        if word and word.group() in _JAVA_KEYWORDS:
            continue
        match = _JAVA_METHOD.match(code, start) if code[start] == "\n" or word else None
        if match:
            found.add(match.start(1))
            skip_to = match.end()
    return found


def _java_names(tokens: list[RawToken]) -> list[RawToken]:
    """Class Java names as Rouge does: constants, classes, attributes, methods."""
    declared = _java_methods(tokens)
    tokens = list(tokens)
    out: list[RawToken] = []
    pos = 0
    for index, (ttype, value) in enumerate(tokens):
        start, pos = pos, pos + len(value)
        previous = next((v for _, v in reversed(out) if v.strip()), "")
        following = tokens[index + 1][1] if index + 1 < len(tokens) else ""
        if start in declared:
            ttype = Name.Function
        elif ttype in Name and following.startswith(":") and ttype not in Name.Decorator:
            out += [(Name.Label, value + ":")]
            tokens[index + 1] = (tokens[index + 1][0], following[1:])
            pos += 1
            continue
        elif ttype in Name and ttype not in Name.Decorator and ttype not in Name.Namespace:
            ttype = _java_name(value, previous)
        elif ttype in Number:
            out += _java_number(ttype, value)
            continue
        out.append((ttype, value))
    return out


def _java_name(value: str, previous: str) -> TokenType:
    if previous.endswith("."):
        return Name.Attribute
    if re.fullmatch(r"[A-Z][A-Z0-9_]*", value):
        return Name.Constant
    return Name.Class if value[:1].isupper() else Name


def _java_number(ttype: TokenType, value: str) -> list[RawToken]:
    if ttype in Number.Hex and value[-1:] in "lL":
        return [(ttype, value[:-1]), (Name.Constant, value[-1])]
    exponent = re.fullmatch(r"(\d+)([eE][+-]?\d+[fFdD]?)", value)
    if exponent:
        return [(Number.Integer, exponent.group(1)), (Name, exponent.group(2))]
    return [(ttype, value)]


def _c_family(cpp: bool) -> Callable[[list[RawToken]], list[RawToken]]:
    """Build the fixer for Rouge's C (``cpp=False``) or C++ lexer."""

    def fix(tokens: list[RawToken]) -> list[RawToken]:
        tokens = _c_preprocessor(_comment_leaves_newline(tokens))
        out: list[RawToken] = []
        angle = 0  # depth inside a template parameter list, +1
        functions = _c_functions(tokens)
        pos = 0
        for index, (ttype, value) in enumerate(tokens):
            start, pos = pos, pos + len(value)
            if ttype in Name.Function or start in functions:
                ttype = Name.Function if start in functions else Name
            following = next((v for _, v in tokens[index + 1 :] if v.strip()), "")
            previous = next((v for _, v in reversed(out) if v.strip()), "")
            if ttype in Number and value.startswith("-"):
                out.append((Operator, "-"))
                value = value[1:]
            if ttype in Number.Float:
                out += _c_float(value, cpp)
                continue
            if ttype in Keyword and value == "template":
                angle = 1
            elif angle and ttype in Operator and value in "<>":
                angle += 1 if value == "<" else -1
                ttype = Punctuation if angle == 1 and value == ">" else ttype
                angle = 0 if angle == 1 and value == ">" else angle
            elif ttype in Name.Namespace:
                ttype = Name
            elif cpp and ttype in Name and previous in _CPP_TYPE_WORDS and following[:1] != ":":
                ttype = Name.Class
            elif following == ":" and value == "default" and ttype in Keyword:
                ttype = Name.Label
            elif following == ":" and (ttype in Name.Label or cpp and value in _CPP_ACCESS):
                ttype = Name.Label if cpp else Name
            elif (
                value == ":"
                and out
                and out[-1][0] is Name.Label
                and (cpp or out[-1][1] == "default")
            ):
                out[-1] = (Name.Label, out[-1][1] + ":")
                continue
            elif value == ":" and previous and out and out[-1][0] is Name and not cpp:
                ttype = Operator
            elif not cpp and ttype in Keyword.Type and value == "bool":
                ttype = Name
            out.append((ttype, value))
        return out

    return fix


_C_FUNCTION = re.compile(
    r"[\w*\s]+?[\s*]([A-Za-z_]\w*)\s*\([^;]*?\)(?:\s|/\*.*?\*/|//[^\n]*)*[{;]", re.DOTALL
)


def _c_functions(tokens: list[RawToken]) -> set[int]:
    """Offsets of the names Rouge's C lexer takes for function names (outside braces)."""
    code = "".join(value for _, value in tokens)
    found: set[int] = set()
    depth = pos = skip_to = 0
    for ttype, value in tokens:
        start, pos = pos, pos + len(value)
        if ttype in Punctuation:
            depth = max(0, depth + value.count("{") - value.count("}"))
            continue
        if depth or start < skip_to or not value.strip() or ttype in Comment or ttype in String:
            continue
        match = _C_FUNCTION.match(code, start)
        if match:
            found.add(match.start(1))
            skip_to = match.end()
            depth += code[match.end() - 1] == "{"
    return found


def _c_preprocessor(tokens: list[RawToken]) -> list[RawToken]:
    """Join ``# include`` lines into one token; a preprocessor line's newline is ``cp``."""
    out: list[RawToken] = []
    in_directive = False
    for ttype, value in tokens:
        if ttype in Comment.Preproc and value.startswith("#"):
            in_directive = True
        elif in_directive and ttype in Text and value.startswith("\n"):
            in_directive = False
            if out and out[-1][0] in Comment.Single:
                out.append((Comment.Preproc, "\n"))
                value = value[1:]
        joined = "".join(v for _, v in out[-3:])
        if in_directive and re.fullmatch(r".*#\s+include\s*", joined) and ttype not in Comment:
            ttype = Comment.Preproc
        out.append((ttype, value))
        if ttype in Comment.Preproc and value.endswith("\n"):
            in_directive = False
    return out


_CPP_ACCESS = frozenset({"public", "private", "protected"})
_CPP_TYPE_WORDS = frozenset({"typename", "class", "struct", "union", "enum"})


def _c_float(value: str, cpp: bool) -> list[RawToken]:
    if cpp:
        suffix = value[len(value.rstrip("fFlL")) :]
        return [(Number.Float, value[: len(value) - len(suffix)]), (Name, suffix)]
    if re.search(r"[eE]", value):
        return [(Number.Float, value)]
    if "." not in value:
        return [(Number.Float, value)]
    whole, _, frac = value.partition(".")
    return [(Number.Integer, whole), (Punctuation, "."), (Number.Integer, frac)]


# SQL: words Pygments and Rouge class differently (Rouge matches them case-blind).
_SQL_WORDS: dict[str, TokenType] = {
    **dict.fromkeys(
        _words("ARRAY COALESCE ELSIF EXCEPTION IF INT8 INTERVAL NUMBER SERIAL8 TRANSACTION"), Name
    ),
    **dict.fromkeys(
        _words(
            "BOOL BYTE DATETIME DOUBLE ENUM FIXED LONGBLOB LONGTEXT MEDIUMBLOB MEDIUMINT "
            "MEDIUMTEXT NATIONAL NCHAR PRECISION SIGNED TIME TIMESTAMP TINYBLOB TINYINT "
            "TINYTEXT UNSIGNED VARBINARY YEAR ZEROFILL"
        ),
        Name.Builtin,
    ),
    **dict.fromkeys(_words("FOLLOWING PARTITION PRECEDING RANGE TEMP WINDOW"), Keyword),
}


def _sql_tokens(tokens: list[RawToken]) -> list[RawToken]:
    out: list[RawToken] = []
    for ttype, value in _comment_leaves_newline(tokens):
        if ttype in Name or ttype in Keyword:
            ttype = _SQL_WORDS.get(value.upper(), ttype)
        elif ttype in String.Symbol:
            ttype = Name.Variable
        elif ttype in String.Single and "''" in value[1:-1]:
            inner = re.split(r"('')", value[1:-1])
            out += [(String.Single, value[0])]
            out += [(String.Escape if part == "''" else String.Single, part) for part in inner]
            out.append((String.Single, value[-1]))
            continue
        out.append((ttype, value))
    return out


_FIXERS: dict[str, Callable[[list[RawToken]], list[RawToken]]] = {
    "python": _python_names,
    "ruby": _ruby_names,
    "javascript": _js_strings,
    "typescript": _ts_tokens,
    "html": _html_tags,
    "c": _c_family(cpp=False),
    "cpp": _c_family(cpp=True),
    "sql": _sql_tokens,
    "yaml": _yaml_quotes,
    "json": _json_escapes,
    "java": _java_names,
    "shell": _shell_tokens,
}


_OWN_SCANNERS: dict[str, Callable[[str], list[RawToken]]] = {
    "css": _css_lex,
    "diff": _diff_lex,
    "console": _console_lex,
    "liquid": _liquid_lex,
    "scss": _scss_lex,
}


def _adjust(tag: str, tokens: list[RawToken]) -> list[RawToken]:
    """Rewrite Pygments tokens to the token types Rouge's lexer for ``tag`` emits."""
    if tag not in _KEEP_WHITESPACE:
        tokens = [(Text if ttype in Whitespace else ttype, v) for ttype, v in tokens]
    tokens = _apply_rules(_RULES.get(tag, []), tokens)
    fixer = _FIXERS.get(tag)
    return fixer(tokens) if fixer else tokens
