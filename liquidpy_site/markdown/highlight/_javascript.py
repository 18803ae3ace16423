"""JavaScript, TypeScript and HTML: Pygments tokens rewritten to Rouge's."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from pygments.token import (
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
)
from pygments.token import _TokenType as TokenType

from ._css import _css_lex
from ._families import (
    IS_COMMENT,
    IS_KEYWORD,
    IS_NAME,
    IS_NAME_ATTRIBUTE,
    IS_NAME_LABEL,
    IS_NAME_OTHER,
    IS_NAME_TAG,
    IS_NUMBER_FLOAT,
    IS_NUMBER_INTEGER,
    IS_OPERATOR,
    IS_OPERATOR_WORD,
    IS_STRING,
    IS_STRING_BACKTICK,
    IS_STRING_REGEX,
)
from ._tokens import _ANY, RawToken, Rule, _apply_rules, _words

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
    if (IS_NAME[ttype] or IS_KEYWORD[ttype] or IS_OPERATOR_WORD[ttype]) and _JS_IDENTIFIER.fullmatch(
        value
    ):
        if IS_NAME_ATTRIBUTE[ttype] or IS_NAME_LABEL[ttype]:
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
    return _js_strings(_apply_rules(RULES["javascript"], tokens), _TS_WORDS)


def _js_strings(
    tokens: list[RawToken], words: Mapping[str, TokenType] = _JS_WORDS
) -> list[RawToken]:
    """Retype JavaScript tokens: words, quotes as ``dl``, regex and number pieces."""
    keys = _js_keys(tokens)
    out: list[RawToken] = []
    for index, (ttype, value) in enumerate(tokens):
        if ttype in (String.Double, String.Single) and len(value) >= 2 and value[0] in "\"'":
            inner = re.split(r"(\\.)", value[1:-1])
            out.append((String.Delimiter, value[0]))
            out += [(String.Escape if p.startswith("\\") else ttype, p) for p in inner]
            out.append((String.Delimiter, value[-1]))
            continue
        if IS_STRING_BACKTICK[ttype]:
            out.append((String.Double, value))
            continue
        if IS_NAME[ttype] and value.startswith("#") and len(value) > 1:
            out += [(Error, "#"), (Name.Other, value[1:])]
            continue
        if IS_STRING_REGEX[ttype] and value.startswith("/"):
            out += _js_regex(value)
            continue
        if IS_NUMBER_FLOAT[ttype] or IS_NUMBER_INTEGER[ttype]:
            out += _js_number(value)
            continue
        if IS_NAME_OTHER[ttype] and value.endswith("?") and len(value) > 1:
            label = keys.get(index, ttype)
            out += [(label, value[:-1]), (Punctuation, "?")]
            continue
        if IS_NAME_OTHER[ttype]:
            ttype = keys.get(index, ttype)
        out.append((_js_word(ttype, value, words), value))
    return out


def _js_keys(tokens: list[RawToken]) -> dict[int, TokenType]:
    """Find names before ``:`` that Rouge classes as object keys (``na``) or labels (``nl``).

    A ``{`` after a name or ``)`` opens a block, any other ``{`` an object literal;
    once a block nested in an object closes, Rouge no longer sees that object's keys.
    """
    significant = [i for i, (t, v) in enumerate(tokens) if v.strip() and not IS_COMMENT[t]]
    found: dict[int, TokenType] = {}
    stack: list[str] = []
    previous = ""
    for position, index in enumerate(significant):
        ttype, value = tokens[index]
        following = tokens[significant[position + 1]][1] if position + 1 < len(significant) else ""
        if value == "{":
            block = re.search(r"[\w)]$", previous) and previous not in ("return", "=>")
            stack.append("block" if block else "object")
        elif value == "}" and stack:
            closed = stack.pop()
            if closed == "block" and stack and stack[-1] == "object":
                stack[-1] = "lost"
        elif IS_NAME_OTHER[ttype] and (following.startswith(":") or value.endswith("?")):
            kind = _js_key_kind(previous, stack[-1] if stack else "")
            if kind is not None:
                found[index] = kind
        previous = value
    return found


def _js_key_kind(previous: str, context: str) -> TokenType | None:
    if not previous or previous.endswith(";"):
        return Name.Label
    if previous.endswith("{"):
        return Name.Attribute if context == "object" else Name.Label
    if previous.endswith(",") and context == "object":
        return Name.Attribute
    return None


def _html_embedded(kind: str, tokens: list[RawToken]) -> list[RawToken]:
    """Re-lex a ``<script>`` or ``<style>`` body the way Rouge's delegate lexers do."""
    if not tokens:
        return []
    if kind == "style":
        return _css_lex("".join(value for _, value in tokens))
    return _js_strings(_apply_rules(RULES["javascript"], tokens))


def _html_tags(tokens: list[RawToken]) -> list[RawToken]:
    """Retype attribute ``=`` and values inside tags; re-lex script and style bodies."""
    out: list[RawToken] = []
    body: list[RawToken] = []
    in_tag = False
    opening = embedded = ""
    for index, (ttype, value) in enumerate(tokens):
        ahead = "".join(v for _, v in tokens[index : index + 3]).replace(" ", "")
        if embedded and not (IS_NAME_TAG[ttype] and ahead.startswith("</" + embedded)):
            body.append((ttype, value))
            continue
        out += _html_embedded(embedded, body)
        body, embedded = [], ""
        if IS_NAME_TAG[ttype]:
            if value in ("script", "style") and out and out[-1][1] == "<":
                opening = value
            in_tag = not value.endswith(">")
            if not in_tag:
                embedded, opening = opening, ""
        elif opening and in_tag and not value.strip() and out and out[-1][1] == opening:
            ttype = Name.Tag
        elif in_tag and IS_OPERATOR[ttype] and value == "=":
            ttype = Name.Attribute
        elif in_tag and IS_STRING[ttype]:
            ttype = String
        out.append((ttype, value))
    return out + _html_embedded(embedded, body)


RULES: dict[str, list[Rule]] = {
    "javascript": [
        (Punctuation, r"=>", Operator),
        (Operator, r"[?:]", Punctuation),
        (String.Interpol, r"\$\{|\}", Punctuation),
    ],
    "html": [(Punctuation, r"</?|/?>|/", Name.Tag), (Comment.Multiline, _ANY, Comment)],
}

FIXERS: dict[str, Callable[[list[RawToken]], list[RawToken]]] = {
    "javascript": _js_strings,
    "typescript": _ts_tokens,
    "html": _html_tags,
}
