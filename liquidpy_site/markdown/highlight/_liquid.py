"""Liquid templates, scanned directly as Rouge's Liquid lexer splits them."""

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
    Whitespace,
)
from pygments.token import _TokenType as TokenType

from ._families import IS_NAME
from ._tokens import RawToken, _words

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
        if chained and out[-1][1] == "." and IS_NAME[ttype]:
            out[-2:] = [(Name.Builtin, f"{out[-2][1]}.{value}")]
            continue
        out.append((ttype, value))
    return out
