"""C, C++, Java and SQL: Pygments tokens rewritten to Rouge's."""

from __future__ import annotations

import re
from collections.abc import Callable

from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
)
from pygments.token import _TokenType as TokenType

from ._families import (
    IS_COMMENT,
    IS_COMMENT_MULTILINE,
    IS_COMMENT_PREPROC,
    IS_COMMENT_SINGLE,
    IS_KEYWORD,
    IS_KEYWORD_TYPE,
    IS_NAME,
    IS_NAME_DECORATOR,
    IS_NAME_FUNCTION,
    IS_NAME_LABEL,
    IS_NAME_NAMESPACE,
    IS_NUMBER,
    IS_NUMBER_FLOAT,
    IS_NUMBER_HEX,
    IS_NUMBER_INTEGER,
    IS_OPERATOR,
    IS_PUNCTUATION,
    IS_STRING,
    IS_STRING_SINGLE,
    IS_STRING_SYMBOL,
    IS_TEXT,
    IS_WHITESPACE,
)
from ._tokens import _ANY, RawToken, Rule, _comment_leaves_newline, _words

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
        if IS_TEXT[ttype] or IS_WHITESPACE[ttype]:
            starts += [pos + i for i, char in enumerate(value) if char == "\n"]
        elif not (IS_COMMENT[ttype] or IS_STRING[ttype]):
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
        previous = out[-1][1] if out else ""
        following = tokens[index + 1][1] if index + 1 < len(tokens) else ""
        if value in ("L", "l") and out and IS_NUMBER_INTEGER[out[-1][0]] and IS_NAME[ttype]:
            out[-1] = (out[-1][0], out[-1][1] + value)
            continue
        if start in declared:
            ttype = Name.Function
        elif IS_NAME[ttype] and following.startswith(":") and not IS_NAME_DECORATOR[ttype]:
            out += [(Name.Label, value + ":")]
            tokens[index + 1] = (tokens[index + 1][0], following[1:])
            pos += 1
            continue
        elif IS_NAME[ttype] and not IS_NAME_DECORATOR[ttype] and not IS_NAME_NAMESPACE[ttype]:
            ttype = _java_name(value, previous)
        elif IS_NUMBER[ttype]:
            out += _java_number(ttype, value)
            continue
        out.append((ttype, value))
    return out


def _java_name(value: str, previous: str) -> TokenType:
    if previous.endswith(".") and not previous.endswith(".."):
        return Name.Attribute
    if re.fullmatch(r"[A-Z][A-Z0-9_]*", value):
        return Name.Constant
    return Name.Class if value[:1].isupper() else Name


def _java_number(ttype: TokenType, value: str) -> list[RawToken]:
    if IS_NUMBER_HEX[ttype] and value[-1:] in "lL":
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
            if IS_NAME_FUNCTION[ttype] or start in functions:
                ttype = Name.Function if start in functions else Name
            following = next((v for _, v in tokens[index + 1 :] if v.strip()), "")
            previous = next((v for _, v in reversed(out) if v.strip()), "")
            if IS_NUMBER[ttype] and value.startswith("-"):
                out.append((Operator, "-"))
                value = value[1:]
            if IS_NUMBER_FLOAT[ttype]:
                out += _c_float(value, cpp)
                continue
            if IS_KEYWORD[ttype] and value == "template":
                angle = 1
            elif angle and IS_OPERATOR[ttype] and value in "<>":
                angle += 1 if value == "<" else -1
                ttype = Punctuation if angle == 1 and value == ">" else ttype
                angle = 0 if angle == 1 and value == ">" else angle
            elif IS_NAME_NAMESPACE[ttype]:
                ttype = Name
            elif cpp and IS_NAME[ttype] and previous in _CPP_TYPE_WORDS and following[:1] != ":":
                ttype = Name.Class
            elif following == ":" and value == "default" and IS_KEYWORD[ttype]:
                ttype = Name.Label
            elif following == ":" and (IS_NAME_LABEL[ttype] or cpp and value in _CPP_ACCESS):
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
            elif not cpp and IS_KEYWORD_TYPE[ttype] and value == "bool":
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
        if IS_PUNCTUATION[ttype]:
            depth = max(0, depth + value.count("{") - value.count("}"))
            continue
        if depth or start < skip_to or not value.strip() or IS_COMMENT[ttype] or IS_STRING[ttype]:
            continue
        match = _C_FUNCTION.match(code, start)
        if match:
            found.add(match.start(1))
            skip_to = match.end()
            depth += code[match.end() - 1] == "{"
    return found


def _c_preprocessor(tokens: list[RawToken]) -> list[RawToken]:
    """Class preprocessor lines as Rouge does.

    ``#include <file>`` keeps its file name ``cpf`` and a trailing comment (with
    the blanks before it) ``c1``; any other directive line is ``cp`` up to and
    including its newline, ``//`` comments included, ``/* */`` comments not.
    """
    out: list[RawToken] = []
    mode = ""  # "", "include" or "line"
    for index, (ttype, value) in enumerate(tokens):
        if not mode and IS_COMMENT_PREPROC[ttype] and value.startswith("#"):
            head = "".join(v for _, v in tokens[index : index + 2])
            mode = "include" if re.match(r"#include\b", head) else "line"
        elif mode == "line" and "\n" in value and not IS_COMMENT_PREPROC[ttype]:
            body, _, rest = value.partition("\n")
            out.append((Comment.Preproc, body + "\n"))
            mode = ""
            if rest:
                out.append((ttype, rest))
            continue
        if mode == "line" and not IS_COMMENT_MULTILINE[ttype]:
            ttype = Comment.Preproc
        elif mode == "include" and IS_COMMENT_SINGLE[ttype] and out and not out[-1][1].strip():
            out[-1] = (Comment.Single, out[-1][1])
        elif mode == "include" and IS_TEXT[ttype] and value.startswith("\n"):
            out.append((Comment.Preproc, "\n"))
            value, mode = value[1:], ""
        out.append((ttype, value))
        if IS_COMMENT_PREPROC[ttype] and value.endswith("\n"):
            mode = ""
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
        if IS_NAME[ttype] or IS_KEYWORD[ttype]:
            ttype = _SQL_WORDS.get(value.upper(), ttype)
        elif IS_STRING_SYMBOL[ttype]:
            ttype = Name.Variable
        elif IS_STRING_SINGLE[ttype] and "''" in value[1:-1]:
            inner = re.split(r"('')", value[1:-1])
            out += [(String.Single, value[0])]
            out += [(String.Escape if part == "''" else String.Single, part) for part in inner]
            out.append((String.Single, value[-1]))
            continue
        out.append((ttype, value))
    return out


RULES: dict[str, list[Rule]] = {
    "java": [
        (Punctuation, _ANY, Operator),
        (Keyword.Declaration, r"record|permits|sealed", Name),
        (Keyword.Declaration, r"var", Keyword.Type),
    ],
    "c": [(Name.Class, _ANY, Name)],
}
RULES["cpp"] = RULES["c"]

FIXERS: dict[str, Callable[[list[RawToken]], list[RawToken]]] = {
    "c": _c_family(cpp=False),
    "cpp": _c_family(cpp=True),
    "java": _java_names,
    "sql": _sql_tokens,
}
