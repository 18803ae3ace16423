"""Header id generation: GFM's algorithm and kramdown's basic one."""

from __future__ import annotations

import re
import unicodedata

_ASCII_DROPPED = re.compile(r"[^a-z0-9_\- \t]")
"""What a GFM id drops from lowered ASCII text: all but word characters, dashes, blanks."""


def _is_word_char(ch: str) -> bool:
    """Whether ``ch`` is a word character in the Unicode sense (``\\p{Word}``)."""
    if ch == "_" or ch.isalnum():
        return True
    return unicodedata.category(ch) in ("Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc")


def kept_id_chars(lowered: str) -> str:
    """The characters of ``lowered`` a GFM id keeps: word characters, dashes and blanks."""
    return "".join(ch for ch in lowered if ch in "- \t" or _is_word_char(ch))


class GfmIdGenerator:
    """Generates unique GFM-style header ids for one document."""

    def __init__(self, prefix: str = "") -> None:
        self._prefix = prefix
        self._counter: dict[str, int] = {}

    def generate(self, text: str) -> str:
        """Return the id for a header whose plain text is ``text``."""
        lowered = text.lower()
        kept = _ASCII_DROPPED.sub("", lowered) if lowered.isascii() else kept_id_chars(lowered)
        result = kept.replace(" ", "-").replace("\t", "-")
        count = self._counter.get(result, -1) + 1
        self._counter[result] = count
        if count > 0:
            result = f"{result}-{count}"
        return self._prefix + result


def basic_id(text: str) -> str:
    """kramdown's basic id: ASCII letters, digits, spaces and dashes only."""
    stripped = re.sub(r"^[^a-zA-Z]+", "", text, flags=re.M)
    kept = re.sub(r"[^a-zA-Z0-9 \-]", "", stripped)
    return kept.replace(" ", "-").lower()


class KramdownIdGenerator:
    """Generates unique kramdown-style header ids for one document."""

    def __init__(self, prefix: str = "") -> None:
        self._prefix = prefix
        self._used: dict[str, int] = {}

    def generate(self, text: str) -> str:
        """Return the id for a header whose raw text is ``text``."""
        gen = basic_id(text) or "section"
        if gen in self._used:
            self._used[gen] += 1
            gen = f"{gen}-{self._used[gen]}"
        else:
            self._used[gen] = 0
        return self._prefix + gen
