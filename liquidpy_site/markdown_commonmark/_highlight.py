"""Rouge highlighting of code blocks, as Jekyll's CommonMark converter asks for it.

The converter hands Rouge the block's language word (or nothing) and Rouge
picks a lexer: by name; by ``name?options`` with the options ignored here; or,
with no language or the name ``guess``, by looking at the code (a ``#!`` line,
an XML or HTML doctype, ``<?php``…). Anything Rouge does not know is plain text.
The spans come unwrapped (the caller writes the ``pre``/``code`` around them).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from liquidpy_site.markdown.highlight import lex, rouge_lexer_tag

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPE_RE = re.compile(r"[&<>]")

_SHEBANG_RE = re.compile(r"\A\s*#!(.*)$", re.MULTILINE)
_DOCTYPE_RE = re.compile(r"\A\s*(?:<\?.*?\?>\s*)?<!DOCTYPE\s+(.+?)>", re.DOTALL)


def _shebang(code: str) -> str | None:
    match = _SHEBANG_RE.search(code)
    return match.group(1) if match else None


def _has_shebang(*names: str) -> Callable[[str], bool]:
    """A detector for a ``#!`` line naming one of ``names`` (regex fragments)."""
    pattern = re.compile(r"\b(?:" + "|".join(names) + r")(\s|$)")

    def detect(code: str) -> bool:
        line = _shebang(code)
        return line is not None and pattern.search(line) is not None

    return detect


def _matches(pattern: str, flags: int = re.MULTILINE) -> Callable[[str], bool]:
    compiled = re.compile(pattern, flags)
    return lambda code: compiled.search(code) is not None


def _doctype(code: str) -> str | None:
    match = _DOCTYPE_RE.search(code)
    return match.group(1) if match else None


def _detect_html(code: str) -> bool:
    doctype = _doctype(code)
    if doctype is not None and re.search(r"\bhtml\b", doctype, re.IGNORECASE):
        return True
    if re.match(r"<\?xml\b", code):
        return False
    return re.search(r"<\s*html\b", code) is not None


def _detect_xml(code: str) -> bool:
    doctype = _doctype(code)
    if doctype is not None and "html" in doctype:
        return False
    return re.match(r"<\?xml\b", code) is not None or doctype is not None


def _detect_php(code: str) -> bool:
    if _has_shebang("php")(code):
        return True
    if re.search(r"^<\?hh", code, re.MULTILINE):
        return False
    return re.search(r"^<\?php", code, re.MULTILINE) is not None


def _detect_racket(code: str) -> bool:
    match = re.match(r"#lang\s*(.*?)$", code, re.MULTILINE)
    return bool(match and re.search(r"racket|scribble", match.group(1)))


def _any(*detectors: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda code: any(detect(code) for detect in detectors)


#: Rouge lexer tag -> how Rouge recognises that language from the code alone.
_DETECTORS: dict[str, Callable[[str], bool]] = {
    "awk": _has_shebang("awk"),
    "biml": _matches(r"<\s*Biml\b"),
    "coffeescript": _has_shebang("coffee"),
    "crystal": _has_shebang("crystal"),
    "diff": _any(
        lambda code: code.startswith("Index: "),
        _matches(r"\Adiff[^\n]*?\ba/[^\n]*\bb/"),
        _matches(r"---.*?\n[+][+][+]|[+][+][+].*?\n---"),
    ),
    "factor": _has_shebang("factor"),
    "gherkin": _has_shebang("cucumber"),
    "groovy": _has_shebang("groovy"),
    "hack": _any(
        _matches(r"<\?hh"),
        _has_shebang("hhvm"),
        _matches(r"async function [a-zA-Z]"),
        _matches(r"\): Awaitable<"),
    ),
    "haskell": _has_shebang("runhaskell"),
    "haxe": _has_shebang("haxe"),
    "html": _detect_html,
    "io": _has_shebang("io"),
    "javascript": _has_shebang("node", "jsc"),
    "julia": _has_shebang("julia"),
    "lasso": _any(_has_shebang("lasso9"), _matches(r"\A.*?<\?(lasso(script)?|=)", 0)),
    "livescript": _has_shebang("lsc"),
    "lua": _has_shebang("lua"),
    "moonscript": _has_shebang("moon"),
    "mosel": _matches(r"^\s*(model|package)\s+"),
    "perl": _has_shebang("perl"),
    "php": _detect_php,
    "postscript": _matches(r"^%!"),
    "praat": _has_shebang("praat"),
    "puppet": _has_shebang("puppet-apply", "puppet"),
    "python": _has_shebang(r"pythonw?(?:[23](?:\.\d+)?)?"),
    "r": _has_shebang("Rscript"),
    "racket": _detect_racket,
    "ruby": _has_shebang("ruby"),
    "rust": _has_shebang("rustc"),
    "sed": _has_shebang("sed"),
    "shell": _has_shebang("(ba|z|k)?sh"),
    "solidity": lambda code: code.startswith("pragma solidity"),
    "tcl": _has_shebang("tclsh", "wish", "jimsh"),
    "tex": _matches(
        r"\A\s*\\(documentclass|input|documentstyle|relax|ProvidesPackage|ProvidesClass)", 0
    ),
    "tulip": _has_shebang("tulip"),
    "xml": _detect_xml,
    "yaml": _matches(r"\A\s*%YAML", re.DOTALL),
}


def guess_lexer(code: str) -> str:
    """Rouge's lexer tag for ``code`` judged by its content, else ``plaintext``.

    When several languages claim the code Rouge gives up with an error; plain
    text is used instead.
    """
    found = [tag for tag, detect in _DETECTORS.items() if detect(code)]
    return found[0] if len(found) == 1 else "plaintext"


def lexer_for(lang: str | None, code: str) -> str:
    """The Rouge lexer tag for a code block in language ``lang`` (or none)."""
    if lang is None:
        return guess_lexer(code)
    if "?" in lang or lang == "guess":
        name = lang.split("?", 1)[0]
        if name == "guess":
            return guess_lexer(code)
        return rouge_lexer_tag(name) or "plaintext" if name else "plaintext"
    return rouge_lexer_tag(lang) or "plaintext"


def highlight(code: str, lang: str | None) -> str:
    """Rouge's HTML for ``code`` without wrapper: escaped text and classed spans."""
    tag = lexer_for(lang, code)
    spans = lex(code, tag) if tag != "plaintext" else [("", code)]
    return "".join(
        _escape(value) if not css else f'<span class="{css}">{_escape(value)}</span>'
        for css, value in spans
        if value
    )


def _escape(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text)
