"""Where Ruby Liquid's expression syntax is looser than python-liquid's.

Ruby Liquid reads a keyword after a dot as a property name, so Jekyll sites
write ``site.data.empty`` or ``page.blank``. python-liquid lexes ``empty`` as the
``empty`` literal there and rejects the path. :func:`install` wraps the
expression tokenizer so that a keyword right after a ``.`` is a plain word.
"""

from __future__ import annotations

from collections.abc import Iterator

import liquid.builtin.output
import liquid.stream
from liquid.token import TOKEN_DOT, TOKEN_WORD, Token

_original_tokenize = liquid.stream.tokenize


def _keywords_after_dots_are_words(source: str, parent_token: Token) -> Iterator[Token]:
    previous_kind = ""
    for token in _original_tokenize(source, parent_token=parent_token):
        if previous_kind == TOKEN_DOT and token.kind != TOKEN_WORD and token.value.isidentifier():
            token = Token(TOKEN_WORD, token.value, token.start_index, token.source)
        previous_kind = token.kind
        yield token


def install() -> None:
    """Make expression lexing follow Ruby Liquid's rule (idempotent)."""
    liquid.stream.tokenize = _keywords_after_dots_are_words  # type: ignore[assignment]
    liquid.builtin.output.tokenize = _keywords_after_dots_are_words  # type: ignore[assignment]
