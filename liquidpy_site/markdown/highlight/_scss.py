"""SCSS, scanned directly as Rouge's Sass-family lexer splits it."""

from __future__ import annotations

import re

from pygments.token import (
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
)
from pygments.token import _TokenType as TokenType

from ._css import _CSS_BUILTINS, _CSS_COLORS, _CSS_PROPERTIES, _CSS_UNITS
from ._tokens import RawToken

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
