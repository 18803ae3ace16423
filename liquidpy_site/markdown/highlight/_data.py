"""JSON, YAML, TOML, XML and Go: Pygments tokens rewritten to Rouge's."""

from __future__ import annotations

import re
from collections.abc import Callable

from pygments.token import (
    Comment,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
)

from ._families import IS_STRING
from ._tokens import _ANY, RawToken, Rule


def _yaml_quotes(tokens: list[RawToken]) -> list[RawToken]:
    """Class an opening quote by its kind and the rest of a quoted scalar as ``s``."""
    out: list[RawToken] = []
    quote: str | None = None
    for ttype, value in tokens:
        if IS_STRING[ttype] and quote is None and value[:1] in "\"'":
            quote = value[0]
            kind = String.Double if quote == '"' else String.Single
            out.append((kind, quote))
            ttype, value = String, value[1:]
        if quote is not None and IS_STRING[ttype]:
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
        if IS_STRING[ttype] and "\\" in value:
            for part in re.split(r"(\\.)", value):
                out.append((String.Escape if part.startswith("\\") else ttype, part))
        else:
            out.append((ttype, value))
    return out


RULES: dict[str, list[Rule]] = {
    "json": [(Name.Tag, _ANY, Name.Label), (Number.Float, r"[^.]*", Number.Integer)],
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
}

FIXERS: dict[str, Callable[[list[RawToken]], list[RawToken]]] = {
    "yaml": _yaml_quotes,
    "json": _json_escapes,
}
