"""Unit and property tests for running Pygments lexers with first-character dispatch."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.lexer import RegexLexer, RegexLexerMeta, include, words
from pygments.lexers import get_lexer_by_name
from pygments.token import Keyword, Name, Number, Punctuation, String, Whitespace

from liquidpy_site.markdown.highlight._deferred import (
    _PYGMENTS_PROCESS_REGEX,
    DeferredMatch,
    compiled_match,
    make_lexer,
)
from liquidpy_site.markdown.highlight._dispatch import raw_tokens, starting_characters


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"def\b", 0, {"d"}),
        (r"[a-c]x|\d", 0, {"a", "b", "c", *"0123456789"}),
        (r"select", re.IGNORECASE, {"s", "S"}),
        (r"(?i:in)|out", 0, {"i", "I", "o"}),
        (r"(?<=\s)#", 0, {"#"}),
        (r"(?!end)\w+", 0, set(re.findall(r"\w", "".join(map(chr, range(128)))))),
        (r"x?y*z", 0, {"x", "y", "z"}),
        (r"(?>ab)c", 0, {"a"}),
        (r"(a)\1", 0, {"a"}),
        (r"\s+", 0, {" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f"}),
    ],
)
def test_starting_characters(pattern: str, flags: int, expected: set[str]) -> None:
    assert starting_characters(pattern, flags) == frozenset(expected)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        ("", 0),  # matches empty text: tried everywhere
        (r"a*", 0),
        (r"(?=x)", 0),
        (r"(?:)\w|", 0),
        (r".", 0),
        (r"[^a]", 0),  # a negated class
        (r"(a)?(?(1)b|c)", 0),  # a conditional
        ("[ſ]", re.IGNORECASE),  # the long s folds to the ASCII "s"
        (r"\w", re.ASCII),
    ],
)
def test_starting_characters_unknown_means_anywhere(pattern: str, flags: int) -> None:
    assert starting_characters(pattern, flags) is None


# Lexers of the languages the bench and typical blogs highlight, and one whose rules
# depend on ignore-case (SQL), one with callbacks changing the stack (Ruby's heredocs)
# and one choosing its rules per instance (C#).
_LANGUAGES = ["python", "ruby", "javascript", "go", "rust", "bash", "yaml", "sql", "html",
              "csharp", "php", "c", "java", "toml", "make"]
_CODE_CHARACTERS = "abcdefSELECTxyz_019 \t\n\r\"'`#$%&()*+,-./:;<=>?@[\\]^{|}~éßſK日"


@pytest.mark.parametrize("language", _LANGUAGES)
@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=_CODE_CHARACTERS, max_size=300))
def test_tokens_are_those_of_pygments(language: str, text: str) -> None:
    lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
    expected = [(ttype, value) for _, ttype, value in lexer.get_tokens_unprocessed(text)]
    assert raw_tokens(lexer, text) == expected


_SAMPLES = {
    "python": 'import os\n\ndef f(a, b=None):\n    """Doc."""\n    return [x for x in a if x > 2]  # c\n',
    "sql": "SELECT name, COUNT(*) AS n\nfrom users WHERE created_at > NOW() - INTERVAL '3 days';\n",
    "ruby": "class A\n  def b(c = {})\n    x = <<~EOS\n      text #{c}\n    EOS\n  end\nend\n",
}


@pytest.mark.parametrize("language", sorted(_SAMPLES))
def test_tokens_of_real_code(language: str) -> None:
    lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
    text = _SAMPLES[language]
    expected = [(ttype, value) for _, ttype, value in lexer.get_tokens_unprocessed(text)]
    assert raw_tokens(lexer, text) == expected
    assert len(expected) > 10


_PATTERNS = [compiled_match(rule[0]).__self__ for language in ("python", "sql", "javascript")
             for rules in get_lexer_by_name(language)._tokens.values() for rule in rules]


@settings(max_examples=300, deadline=None)
@given(index=st.integers(0, len(_PATTERNS) - 1), text=st.text(alphabet=_CODE_CHARACTERS, max_size=40))
def test_a_match_starts_with_a_starting_character(index: int, text: str) -> None:
    pattern = _PATTERNS[index]
    starts = starting_characters(pattern.pattern, pattern.flags)
    found = pattern.match(text)
    if starts is not None and found is not None:
        assert text and (ord(text[0]) >= 128 or text[0] in starts)


def _tiny_lexer_class() -> type[RegexLexer]:
    """A new regex lexer class, its rules not yet processed (Pygments does that once per class)."""

    class Tiny(RegexLexer):
        tokens = {
            "root": [
                (r"\d+", Number),
                (words(("if", "else"), suffix=r"\b"), Keyword),
                (r"\w+", Name),
                (r'"', String, "string"),
                (r"\s+", Whitespace),
                include("punctuation"),
            ],
            "punctuation": [(r"[{}();]", Punctuation)],
            "string": [(r'[^"\\]+', String), (r"\\.", String.Escape), (r'"', String, "#pop")],
        }

    return Tiny


def _matches(rules: list[tuple[object, ...]]) -> list[bool]:
    return [type(rule[0]) is DeferredMatch for rule in rules]


def test_a_made_lexer_compiles_a_rule_when_first_needed() -> None:
    deferred = make_lexer(_tiny_lexer_class(), stripnl=False, ensurenl=False)
    compiled = _tiny_lexer_class()(stripnl=False, ensurenl=False)
    assert RegexLexerMeta._process_regex is _PYGMENTS_PROCESS_REGEX  # put back after the making
    assert not any(_matches(compiled._tokens["root"]))
    states = type(deferred)._tokens
    assert all(all(_matches(rules)) for rules in states.values())

    assert raw_tokens(deferred, "if x 12 (y);\n") == raw_tokens(compiled, "if x 12 (y);\n")
    # Tried: digits, words, names, whitespace and the included punctuation (in both its places).
    assert _matches(states["root"]) == [False, False, False, True, False, False]
    assert _matches(states["punctuation"]) == [False]
    assert all(_matches(states["string"]))

    text = 'else "a\\"b" {z}\n'
    ours = [(t, v) for _, t, v in deferred.get_tokens_unprocessed(text)]  # Pygments' own loop
    assert ours == [(t, v) for _, t, v in compiled.get_tokens_unprocessed(text)]
    assert raw_tokens(deferred, text) == ours
    assert not any(_matches(states["string"]))


def test_only_the_class_being_made_is_deferred() -> None:
    made = make_lexer(_tiny_lexer_class())
    assert all(_matches(type(made)._tokens["root"]))
    other = _tiny_lexer_class()()  # made by Pygments as usual
    assert not any(_matches(type(other)._tokens["root"]))
    again = make_lexer(type(made))  # already processed: left as it is
    assert type(again)._tokens is type(made)._tokens
