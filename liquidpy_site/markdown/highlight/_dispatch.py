"""Running Pygments' regex lexers with first-character dispatch.

A Pygments regex lexer tries the rules of its current state one after another
at each position until one matches. Most rules cannot match where the text
holds a character their pattern cannot start with, and the bench's code spent
most of its lexing time on such attempts. So, for each state, the rules are
sorted once by the ASCII characters their patterns can start with (worked out
from the parsed pattern, and only for the states and characters the code
reaches); at a position, only the rules that can start with its character are
tried, in their order. A rule whose first character cannot be worked out (a
pattern that can match empty text, a back-reference, a negated class, ...) is
tried everywhere, and a non-ASCII character gets every rule: the first rule
that matches, and so every token, is the one Pygments' own loop finds.

Only lexers that use Pygments' own loop (``RegexLexer`` or
``ExtendedRegexLexer`` without an override) run here; any other lexer runs as
it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from pygments.lexer import ExtendedRegexLexer, Lexer, LexerContext, RegexLexer
from pygments.token import Error, Text, Whitespace
from pygments.token import _TokenType as TokenType

from ._deferred import DeferredMatch, compiled_match

__all__ = ["raw_tokens", "starting_characters"]

RawToken = tuple[TokenType, str]
_Rule = tuple[Callable[..., Any], Any, Any]
"""A processed Pygments rule: (bound ``match`` of the pattern, action, new state)."""

_ASCII = 128
_ANYWHERE = None
"""The rule may start with any character (or match empty text)."""

_CATEGORY_PATTERNS = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
_CATEGORIES = {
    category: frozenset(chr(code) for code in range(_ASCII) if re.match(pattern, chr(code)))
    for category, pattern in _CATEGORY_PATTERNS.items()
}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def raw_tokens(lexer: Lexer, text: str) -> list[RawToken]:
    """``(token type, text)`` for ``text``, as ``lexer.get_tokens_unprocessed`` yields them."""
    run = type(lexer).get_tokens_unprocessed
    if run is RegexLexer.get_tokens_unprocessed:
        return _run_regex_lexer(lexer, text)
    if run is ExtendedRegexLexer.get_tokens_unprocessed:
        return list(_run_extended_lexer(lexer, text))
    return [(ttype, value) for _, ttype, value in lexer.get_tokens_unprocessed(text)]


# -- which characters a pattern can start with ---------------------------------------------


@cache
def starting_characters(pattern: str, flags: int) -> frozenset[str] | None:
    """The ASCII characters a match of ``pattern`` can start with; ``None`` for any character.

    ``None`` also when the pattern can match empty text, or when it is not
    known: the answer may be too large, never too small.
    """
    if flags & (re.ASCII | re.LOCALE):
        return _ANYWHERE
    parsed = sre_parse.parse(pattern, flags)
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    characters, can_be_empty = _sequence_start(parsed, ignore_case)
    return _ANYWHERE if characters is _ANYWHERE or can_be_empty else frozenset(characters)


def _sequence_start(items: Any, ignore_case: bool) -> tuple[set[str] | None, bool]:
    """First characters of a sequence of parsed items, and whether it can match empty text."""
    characters: set[str] = set()
    for op, argument in items:
        first, can_be_empty = _item_start(op, argument, ignore_case)
        if first is _ANYWHERE:
            return _ANYWHERE, False
        characters |= first
        if not can_be_empty:
            return characters, False
    return characters, True


def _item_start(op: Any, argument: Any, ignore_case: bool) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return _literal({argument}, ignore_case), False
    if op is sre.IN:
        return _class_start(argument, ignore_case), False
    if op is sre.BRANCH:
        return _branch_start(argument[1], ignore_case)
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, items = argument
        if add_flags & (re.ASCII | re.LOCALE):
            return _ANYWHERE, False
        ignore_case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _sequence_start(items, ignore_case)
    if op is sre.ATOMIC_GROUP:
        return _sequence_start(argument, ignore_case)
    if op in _REPEATS:
        least, _, items = argument
        first, can_be_empty = _sequence_start(items, ignore_case)
        return first, can_be_empty or least == 0
    if op in _ZERO_WIDTH:
        return set(), True  # what follows decides; the look-around only narrows it
    return _ANYWHERE, False  # any character, a back-reference, a conditional...


def _branch_start(alternatives: Any, ignore_case: bool) -> tuple[set[str] | None, bool]:
    characters: set[str] = set()
    can_be_empty = False
    for alternative in alternatives:
        first, empty = _sequence_start(alternative, ignore_case)
        if first is _ANYWHERE:
            return _ANYWHERE, False
        characters |= first
        can_be_empty = can_be_empty or empty
    return characters, can_be_empty


def _class_start(members: Any, ignore_case: bool) -> set[str] | None:
    codes: set[int] = set()
    for op, argument in members:
        if op is sre.LITERAL:
            codes.add(argument)
        elif op is sre.RANGE:
            low, high = argument
            if ignore_case and high >= _ASCII:
                return _ANYWHERE
            codes.update(range(low, min(high, _ASCII - 1) + 1))
        elif op is sre.CATEGORY and argument in _CATEGORIES:
            codes.update(ord(character) for character in _CATEGORIES[argument])
        else:  # a negated class, or a category of another kind
            return _ANYWHERE
    return _literal(codes, ignore_case)


def _literal(codes: set[int], ignore_case: bool) -> set[str] | None:
    """The characters of ``codes``; under ignore-case, with their other cases."""
    if not ignore_case:
        return {chr(code) for code in codes if code < _ASCII}
    if any(code >= _ASCII for code in codes):
        return _ANYWHERE  # a non-ASCII letter may fold to an ASCII one (ſ, K)
    return {case for code in codes for case in (chr(code).lower(), chr(code).upper())}


# -- the rules a state tries at a character ---------------------------------------------------


class _StateRules:
    """The rules of one lexer state, and which of them can start at each ASCII character.

    The tuples handed out hold each rule's compiled ``match`` (see :mod:`._deferred`).
    """

    __slots__ = ("rules", "by_character", "_all", "_at_end", "_starts")

    def __init__(self, rules: list[_Rule]) -> None:
        self.rules = tuple(rules)
        self.by_character: list[tuple[_Rule, ...] | None] = [None] * _ASCII
        self._all: tuple[_Rule, ...] | None = None
        self._at_end: tuple[_Rule, ...] | None = None
        self._starts: list[frozenset[str] | None] | None = None

    @property
    def all(self) -> tuple[_Rule, ...]:
        """Every rule, in order (for a character outside ASCII)."""
        if self._all is None:
            self._all = _compiled(self.rules)
        return self._all

    @property
    def at_end(self) -> tuple[_Rule, ...]:
        """The rules that can match at the end of the text: those that can match empty text."""
        if self._at_end is None:
            self._at_end = _compiled(rule for rule, start in zip(self.rules, self.starts(), strict=True)
                                     if start is _ANYWHERE)
        return self._at_end

    def starts(self) -> list[frozenset[str] | None]:
        """The ASCII characters each rule can start with (``None``: any)."""
        if self._starts is None:
            self._starts = [_rule_start(rule) for rule in self.rules]
        return self._starts

    def at(self, code: int) -> tuple[_Rule, ...]:
        """The rules that can start at the character ``chr(code)`` (``code`` < 128), in order."""
        character = chr(code)
        rules = _compiled(rule for rule, start in zip(self.rules, self.starts(), strict=True)
                          if start is _ANYWHERE or character in start)
        self.by_character[code] = rules
        return rules


def _compiled(rules: Iterable[_Rule]) -> tuple[_Rule, ...]:
    return tuple((compiled_match(match), action, new_state) for match, action, new_state in rules)


def _rule_start(rule: _Rule) -> frozenset[str] | None:
    match = rule[0]
    if type(match) is DeferredMatch:
        pattern, flags = match.pattern, match.flags
    else:
        compiled = getattr(match, "__self__", None)
        if not isinstance(compiled, re.Pattern):
            return _ANYWHERE
        pattern, flags = compiled.pattern, compiled.flags
    if not isinstance(pattern, str):
        return _ANYWHERE
    return starting_characters(pattern, flags)


class _States(dict[str, _StateRules]):
    """A lexer class's states, each sorted on first use."""

    def __init__(self, tokendefs: dict[str, list[_Rule]]) -> None:
        super().__init__()
        self.tokendefs = tokendefs

    def __missing__(self, name: str) -> _StateRules:
        state = self[name] = _StateRules(self.tokendefs[name])
        return state


_STATES: dict[int, _States] = {}
"""By the identity of a lexer's processed rules (kept alive by the entry)."""


def _states_of(lexer: Lexer) -> _States:
    tokendefs = lexer._tokens  # a class's, or an instance's own (a lexer option may pick them)
    states = _STATES.get(id(tokendefs))
    if states is None or states.tokendefs is not tokendefs:
        states = _STATES[id(tokendefs)] = _States(tokendefs)
    return states


def _rules_at(state: _StateRules, text: str, position: int, end: int) -> tuple[_Rule, ...]:
    if position >= end:
        return state.at_end
    code = ord(text[position])
    if code >= _ASCII:
        return state.all
    return state.by_character[code] or state.at(code)


def _next_stack(stack: list[str], new_state: Any) -> None:
    """Apply a rule's state change to ``stack`` (as Pygments' loop does)."""
    if isinstance(new_state, tuple):
        for name in new_state:
            if name == "#pop":
                if len(stack) > 1:
                    stack.pop()
            elif name == "#push":
                stack.append(stack[-1])
            else:
                stack.append(name)
    elif isinstance(new_state, int):
        if abs(new_state) >= len(stack):
            del stack[1:]
        else:
            del stack[new_state:]
    elif new_state == "#push":
        stack.append(stack[-1])
    else:
        raise ValueError(f"wrong state definition: {new_state!r}")


# -- the two loops ----------------------------------------------------------------------------


def _run_regex_lexer(lexer: Lexer, text: str) -> list[RawToken]:
    states = _states_of(lexer)
    stack = ["root"]
    state = states["root"]
    position, end = 0, len(text)
    tokens: list[RawToken] = []
    add = tokens.append
    while True:
        # The rules that can start here (inline: this loop runs once per token).
        if position < end:
            code = ord(text[position])
            rules = state.all if code >= _ASCII else state.by_character[code] or state.at(code)
        else:
            rules = state.at_end
        for match, action, new_state in rules:
            found = match(text, position)
            if found is None:
                continue
            if action is not None:
                if type(action) is TokenType:
                    add((action, found.group()))
                else:
                    tokens.extend((ttype, value) for _, ttype, value in action(lexer, found))
            position = found.end()
            if new_state is not None:
                _next_stack(stack, new_state)
                state = states[stack[-1]]
            break
        else:
            if position >= end:
                return tokens
            if text[position] == "\n":  # no rule matched at a line end: back to the root state
                stack = ["root"]
                state = states["root"]
                add((Whitespace, "\n"))
            else:
                add((Error, text[position]))
            position += 1


def _run_extended_lexer(lexer: Lexer, text: str) -> Iterator[RawToken]:
    states = _states_of(lexer)
    context = LexerContext(text, 0)
    state = states["root"]
    while True:
        for match, action, new_state in _rules_at(state, text, context.pos, context.end):
            found = match(text, context.pos, context.end)
            if found is None:
                continue
            if action is not None:
                if type(action) is TokenType:
                    yield action, found.group()
                    context.pos = found.end()
                else:  # the callback moves the position, and may change the stack
                    yield from ((ttype, value) for _, ttype, value in action(lexer, found, context))
                    if not new_state:
                        state = states[context.stack[-1]]
            if new_state is not None:
                _next_stack(context.stack, new_state)
                state = states[context.stack[-1]]
            break
        else:
            if context.pos >= context.end:
                return
            if text[context.pos] == "\n":
                context.stack = ["root"]
                state = states["root"]
                yield Text, "\n"
            else:
                yield Error, text[context.pos]
            context.pos += 1
