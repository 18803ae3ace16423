"""Pygments regex lexers whose rules are compiled when first needed.

Making a Pygments regex lexer compiles every rule of every state once per
process (534 distinct rules for the ten languages of the comparison blog's
code), and each render worker makes its own. The code of a site reaches a
fraction of them: :func:`make_lexer` makes the lexer with each rule's ``match``
left as a :class:`DeferredMatch`, which compiles its pattern when the dispatch
first takes the rule (or on its first call) and then takes its own place in the
lexer's states, so that Pygments' loop (or any other user of the class) meets
the compiled ``match`` from then on. The tokens are the same; only the time of
compiling moves.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable
from typing import Any

from pygments.lexer import ExtendedRegexLexer, Lexer, RegexLexer, RegexLexerMeta

__all__ = ["DeferredMatch", "compiled_match", "make_lexer"]

_Match = Callable[..., "re.Match[str] | None"]


class DeferredMatch:
    """A rule's ``match``: its pattern is compiled when first needed.

    Args:
        regex: The rule's pattern, or a Pygments ``Future`` (``words(...)``) giving it.
        flags: The lexer's regular expression flags.
    """

    __slots__ = ("_regex", "flags", "_match", "places")

    def __init__(self, regex: Any, flags: int) -> None:
        self._regex = regex
        self.flags = flags
        self._match: _Match | None = None
        self.places: list[tuple[list[Any], int]] = []
        """The (state's rule list, index) where this rule sits, to be replaced once compiled."""

    @property
    def pattern(self) -> str:
        """The pattern's text (a ``words(...)`` pattern is worked out once)."""
        if not isinstance(self._regex, str):
            self._regex = self._regex.get()
        return self._regex  # type: ignore[no-any-return]

    def compiled(self) -> _Match:
        """The compiled pattern's ``match``, put in this rule's places in the lexer's states."""
        match = self._match
        if match is None:
            match = self._match = re.compile(self.pattern, self.flags).match
            for rules, index in self.places:
                rule = rules[index]
                if rule[0] is self:
                    rules[index] = (match, *rule[1:])
            self.places = []
        return match

    def __call__(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled()(text, pos, endpos)


def compiled_match(match: Any) -> Any:
    """``match`` itself, or the compiled ``match`` of a :class:`DeferredMatch`."""
    return match.compiled() if type(match) is DeferredMatch else match


_MAKING = threading.local()
_PATCH_LOCK = threading.Lock()


def _process_regex(cls: type, regex: Any, rflags: int, state: str) -> Any:
    """Pygments' rule compilation, deferred for the class :func:`make_lexer` is making."""
    if cls is getattr(_MAKING, "lexer_class", None):
        return DeferredMatch(regex, rflags)
    return _PYGMENTS_PROCESS_REGEX(cls, regex, rflags, state)


_PYGMENTS_PROCESS_REGEX = RegexLexerMeta._process_regex


def make_lexer(lexer_class: type[Lexer], **options: Any) -> Lexer:
    """An instance of ``lexer_class``; a regex lexer's rules not yet processed are deferred."""
    if not _defers(lexer_class):
        return lexer_class(**options)
    with _PATCH_LOCK:
        _MAKING.lexer_class = lexer_class
        RegexLexerMeta._process_regex = _process_regex  # type: ignore[method-assign]
        try:
            lexer = lexer_class(**options)
        finally:
            RegexLexerMeta._process_regex = _PYGMENTS_PROCESS_REGEX  # type: ignore[method-assign]
            _MAKING.lexer_class = None
    _note_places(lexer_class.__dict__.get("_tokens", {}))
    return lexer


def _defers(lexer_class: type[Lexer]) -> bool:
    """Whether ``lexer_class`` is a regex lexer whose rules its first instance will process."""
    return (
        issubclass(lexer_class, (RegexLexer, ExtendedRegexLexer))
        and "_tokens" not in lexer_class.__dict__
        and not getattr(lexer_class, "token_variants", False)
    )


def _note_places(tokendefs: dict[str, list[Any]]) -> None:
    """Tell each deferred rule where it sits (an included state's rules sit in several)."""
    for rules in tokendefs.values():
        for index, rule in enumerate(rules):
            if type(rule[0]) is DeferredMatch:
                rule[0].places.append((rules, index))
