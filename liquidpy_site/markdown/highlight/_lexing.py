"""Lexing: Pygments (or a direct scanner) to Rouge-classed spans."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pygments.token import (
    STANDARD_TYPES,
    Comment,
    Generic,
    Keyword,
    Number,
    Punctuation,
)
from pygments.token import _TokenType as TokenType

from . import _clike, _css, _data, _javascript, _liquid, _python_ruby, _scss, _shell
from ._dispatch import raw_tokens
from ._tokens import NO_RULES, RawToken, Rule, _apply_rules, _pygments_lexer, pygments_lexer_class

# Pygments classes Rouge does not know; their parent's class is used instead.
_NOT_IN_ROUGE = {Generic.EmphStrong, Punctuation.Marker}

# Token types Rouge has and Pygments lacks.
_ROUGE_ONLY_CLASSES = {
    Punctuation.Indicator: "pi",
    Comment.Doc: "cd",
    Keyword.Variable: "kv",
    Number.Other: "mx",
    Generic.Lineno: "gl",
}


def _css_class(ttype: TokenType) -> str:
    while ttype not in _ROUGE_ONLY_CLASSES:
        if ttype in STANDARD_TYPES and ttype not in _NOT_IN_ROUGE:
            return str(STANDARD_TYPES[ttype])
        ttype = ttype.parent
    return _ROUGE_ONLY_CLASSES[ttype]


class _CssClasses(dict[TokenType, str]):
    """Rouge's CSS class of each token type met so far."""

    def __missing__(self, ttype: TokenType) -> str:
        css = self[ttype] = _css_class(ttype)
        return css


_CSS_CLASSES = _CssClasses()


# Languages whose Rouge lexer marks whitespace as ``w`` like Pygments does.
_KEEP_WHITESPACE = frozenset({"json", "liquid"})

Span = tuple[str, str]
"""A highlighted run of text: (Rouge CSS short class, raw text)."""


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
    if not code:
        return []
    padded = code if code.endswith("\n") else code + "\n"
    scanner = SCANNERS.get(tag)
    if scanner is not None:
        # Scanned languages are highlighted when Pygments knows them; its lexer is not
        # needed (making one compiles all its rules).
        if pygments_lexer_class(tag) is None:
            return [("", code)]
        tokens = scanner(padded)
    else:
        lexer = _pygments_lexer(tag)
        if lexer is None:
            return [("", code)]
        tokens = _adjust(tag, raw_tokens(lexer, padded))
    return _trim(_classed_spans(tokens), len(padded) - len(code))


def _classed_spans(tokens: Iterable[RawToken]) -> list[Span]:
    """The tokens as Rouge-classed spans: empty ones dropped, neighbours of one class merged."""
    css_classes = _CSS_CLASSES
    spans: list[Span] = []
    last = None
    for ttype, value in tokens:
        if not value:
            continue
        css = css_classes[ttype]
        if css == last:
            spans[-1] = (css, spans[-1][1] + value)
        else:
            spans.append((css, value))
            last = css
    return spans


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


def _adjust(tag: str, tokens: list[RawToken]) -> list[RawToken]:
    """Rewrite Pygments tokens to the token types Rouge's lexer for ``tag`` emits."""
    tokens = _apply_rules(RULES.get(tag, NO_RULES), tokens, whitespace_as_text=tag not in _KEEP_WHITESPACE)
    fixer = FIXERS.get(tag)
    return fixer(tokens) if fixer else tokens


RULES: dict[str, list[Rule]] = {
    **_python_ruby.RULES,
    **_javascript.RULES,
    **_clike.RULES,
    **_data.RULES,
}
FIXERS: dict[str, Callable[[list[RawToken]], list[RawToken]]] = {
    **_python_ruby.FIXERS,
    **_javascript.FIXERS,
    **_clike.FIXERS,
    **_data.FIXERS,
    "shell": _shell._shell_tokens,
}
# Languages scanned directly from the source text instead of from Pygments tokens.
SCANNERS: dict[str, Callable[[str], list[RawToken]]] = {
    "css": _css._css_lex,
    "scss": _scss._scss_lex,
    "diff": _shell._diff_lex,
    "console": _shell._console_lex,
    "liquid": _liquid._liquid_lex,
}
