"""Python and Ruby: Pygments tokens rewritten to Rouge's."""

from __future__ import annotations

import re
from collections.abc import Callable

from pygments.token import (
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
)

from ._dispatch import raw_tokens
from ._families import (
    IS_KEYWORD,
    IS_KEYWORD_NAMESPACE,
    IS_NAME,
    IS_NAME_DECORATOR,
    IS_NAME_EXCEPTION,
    IS_NAME_FUNCTION_MAGIC,
    IS_NAME_NAMESPACE,
    IS_NUMBER,
    IS_OPERATOR,
    IS_PUNCTUATION,
    IS_STRING,
    IS_STRING_DELIMITER,
    IS_STRING_ESCAPE,
    IS_STRING_HEREDOC,
    IS_STRING_INTERPOL,
    IS_STRING_REGEX,
    IS_STRING_SINGLE,
    IS_STRING_SYMBOL,
    IS_TEXT,
)
from ._tokens import (
    _ANY,
    RawToken,
    Rule,
    _apply_rules,
    _comment_takes_newline,
    _pygments_lexer,
    _words,
)

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


def _python_spec(tokens: list[RawToken]) -> list[RawToken]:
    """Lex f-string format specs as code, join ``1`` ``j`` into one number."""
    out: list[RawToken] = []
    lexer = _pygments_lexer("python")
    for index, (ttype, value) in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else (Text, "")
        if (
            IS_STRING[ttype]
            and out
            and out[-1] == (String.Interpol, ":")
            and following[1] == "}"
            and lexer
        ):
            raw = raw_tokens(lexer, value)
            out += _apply_rules(RULES["python"], raw, whitespace_as_text=True)
            continue
        if IS_KEYWORD[ttype] and " " in value.strip():
            out += [(Text if p.isspace() else ttype, p) for p in re.split(r"(\s+)", value)]
            continue
        if ttype is Name and value in ("j", "J") and out and IS_NUMBER[out[-1][0]]:
            out[-1] = (Number.Float, out[-1][1] + value)
            continue
        if IS_KEYWORD_NAMESPACE[ttype] and value == "from" and out and not out[-1][1].endswith("\n"):
            line = "".join(v for _, v in out).rsplit("\n", 1)[-1]
            if line.strip():
                ttype = Keyword
        elif IS_NAME_NAMESPACE[ttype] and out and len(out) > 1 and out[-2] == (Keyword, "from"):
            ttype = Name
        out.append((ttype, value))
    return out


def _python_names(tokens: list[RawToken]) -> list[RawToken]:
    out: list[RawToken] = []
    for ttype, value in _python_spec(tokens):
        if IS_NAME_DECORATOR[ttype]:
            out.append((Operator, "@"))
            for part in re.split(r"(\.)", value[1:]):
                kind = Punctuation if part == "." else Name
                if kind is Name and "." not in value and part in _PY_BUILTINS:
                    kind = Name.Builtin
                out.append((kind, part))
            continue
        if IS_NAME_EXCEPTION[ttype]:
            ttype = Name.Builtin
        elif IS_NAME_FUNCTION_MAGIC[ttype]:
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


def _ruby_regex_escapes(tokens: list[RawToken]) -> list[RawToken]:
    """Class backslash escapes in ``%r`` regex literals ``se``, except an escaped delimiter."""
    out: list[RawToken] = []
    delimiter = ""
    for ttype, value in tokens:
        if not IS_STRING_REGEX[ttype]:
            delimiter = "" if not IS_STRING_INTERPOL[ttype] and not IS_NAME[ttype] else delimiter
            out.append((ttype, value))
            continue
        if not delimiter:
            opening = re.match(r"%r(.)", value)
            delimiter = "%" + opening.group(1) if opening else "/"
        if delimiter == "/":
            out.append((ttype, value))
            continue
        if out and IS_STRING_REGEX[out[-1][0]] and out[-1][1].endswith("\\"):
            value = out.pop()[1] + value
        for part in re.split(r"(\\.)", value):
            escape = part[:1] == "\\" and len(part) == 2 and part[1] != delimiter[1:]
            out.append((String.Escape if escape else ttype, part))
    return out


def _ruby_names(tokens: list[RawToken]) -> list[RawToken]:
    out: list[RawToken] = []
    for ttype, value in _ruby_regex_escapes(_ruby_percent_arrays(tokens)):
        if IS_STRING_ESCAPE[ttype] and out and IS_STRING_SINGLE[out[-1][0]]:
            ttype = String.Single
        if (
            IS_STRING_DELIMITER[ttype]
            and out
            and (IS_STRING_HEREDOC[out[-1][0]] or out[-1][1].startswith("<<"))
        ):
            body = value.rstrip("\n")
            out += [(Name.Constant, body), (Text, value[len(body) :])]
            continue
        if IS_STRING_HEREDOC[ttype] and value:
            out += _ruby_heredoc(value)
            continue
        prev = out[-1] if out else (Text, "")
        if ttype is Name and re.fullmatch(r"\]?\.", prev[1]) and IS_OPERATOR[prev[0]]:
            out[-1] = (Punctuation, prev[1])
            ttype = Name.Function
        after_key = out and IS_STRING_SYMBOL[out[-1][0]] and out[-1][1].endswith(":")
        if IS_TEXT[ttype] and after_key and not value.strip(" \t"):
            out[-1] = (out[-1][0], out[-1][1] + value)
            continue
        if IS_PUNCTUATION[ttype] and value == ":" and out and IS_STRING_SYMBOL[out[-1][0]]:
            out[-1] = (out[-1][0], out[-1][1] + value)
            continue
        out.append((ttype, value))
    return out


RULES: dict[str, list[Rule]] = {
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
        (Name, r"require_relative", Name.Builtin),
    ],
}

FIXERS: dict[str, Callable[[list[RawToken]], list[RawToken]]] = {
    "python": _python_names,
    "ruby": _ruby_names,
}
