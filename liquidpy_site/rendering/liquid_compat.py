"""Where Ruby Liquid, as Jekyll runs it, differs from python-liquid's expressions.

- Ruby Liquid reads a keyword after a dot as a property name, so Jekyll sites
  write ``site.data.empty`` or ``page.blank``. python-liquid lexes ``empty`` as
  the ``empty`` literal there and rejects the path; the expression tokenizer is
  wrapped so that a keyword right after a ``.`` is a plain word.
- ``limit: 0`` in a ``for`` loop gives no iterations (python-liquid took 0 as
  "no limit").
- ``x == blank`` asks Ruby's ``x.blank?``, which plain Ruby objects (strings,
  arrays, nil) do not have, so under Jekyll it is never true.

One change is for speed alone: a variable path (``page.title``) is evaluated
without asking ``isinstance(segment, Path)`` of each plain name or index, since
``Path`` is an abstract class and that test goes through ``ABCMeta``; the
result is the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

import liquid.builtin.output
import liquid.stream
from liquid.builtin.expressions.loop import LoopExpression
from liquid.builtin.expressions.path import Path
from liquid.builtin.expressions.primitive import Blank
from liquid.token import TOKEN_DOT, TOKEN_WORD, Token

_original_tokenize = liquid.stream.tokenize


def _keywords_after_dots_are_words(source: str, parent_token: Token) -> Iterator[Token]:
    previous_kind = ""
    for token in _original_tokenize(source, parent_token=parent_token):
        if previous_kind == TOKEN_DOT and token.kind != TOKEN_WORD and token.value.isidentifier():
            token = Token(TOKEN_WORD, token.value, token.start_index, token.source)
        previous_kind = token.kind
        yield token


def _slice_with_zero_limit(self: LoopExpression, it: Iterator[object], length: int,
                           context: Any, *, limit: int | None,
                           offset: int | str | None) -> tuple[Iterator[object], int]:
    offset_key = f"{self.identifier}-{self.iterable}"
    start = context.stopindex(offset_key) if offset == "continue" else int(offset or 0)
    start = min(max(start, 0), length)
    stop = length if limit is None else min(max(limit, 0) + start, length)
    context.stopindex(key=offset_key, index=stop)
    items = islice(it, start, stop)
    count = max(stop - start, 0)
    if self.reversed:
        return reversed(list(items)), count
    return items, count


def _evaluate_path(self: Path, context: Any) -> object:
    segments = self.path
    for segment in segments:
        if type(segment) is not str and type(segment) is not int:  # a nested path, in brackets
            segments = [s.evaluate(context) if isinstance(s, Path) else s for s in segments]
            break
    return context.get(segments, token=self.token)


def _never_blank(self: Blank, other: object) -> bool:
    return False


def install() -> None:
    """Make expressions follow Ruby Liquid's rules as Jekyll has them (idempotent)."""
    Blank.__eq__ = _never_blank  # type: ignore[method-assign,assignment]
    Path.evaluate = _evaluate_path  # type: ignore[method-assign]
    LoopExpression._slice = _slice_with_zero_limit  # type: ignore[method-assign,assignment]
    liquid.stream.tokenize = _keywords_after_dots_are_words  # type: ignore[assignment]
    liquid.builtin.output.tokenize = _keywords_after_dots_are_words  # type: ignore[assignment]
