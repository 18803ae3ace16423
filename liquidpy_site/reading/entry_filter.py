"""Which files and folders of the source Jekyll reads (include/exclude rules)."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Sequence

_SPECIAL_LEADING = (".", "_", "#", "~")


class EntryFilter:
    """Jekyll's rules for skipping hidden, special, backup and excluded entries.

    Args:
        source: Absolute path of the site source.
        include: The ``include`` option (patterns that are read even if special).
        exclude: The ``exclude`` option (patterns never read).
        base: Folder, relative to ``source``, that entries are named relative to.
    """

    def __init__(self, source: str, include: Sequence[str], exclude: Sequence[str],
                 base: str = "") -> None:
        self.source = source
        self.include = [str(p) for p in include]
        self.exclude = [str(p) for p in exclude if str(p) not in self.include]
        self.base = base
        self._source_prefix = os.path.join(source, "")
        self._included = _PatternSet(source, self.include)
        self._excluded = _PatternSet(source, self.exclude)

    def filter(self, entries: Iterable[str]) -> list[str]:
        """Return the entries Jekyll would read, in the given order."""
        return [e for e in entries if not self._rejected(e)]

    def _rejected(self, entry: str) -> bool:
        if entry.endswith("."):
            return True
        included = self.is_included(entry)
        if self.is_excluded(entry) and not included:
            return True
        if included:
            return False
        return self.is_special(entry) or entry.endswith("~")

    @staticmethod
    def is_special(entry: str) -> bool:
        """Entries starting with ``.``, ``_``, ``#`` or ``~`` (or whose base name does)."""
        return entry.startswith(_SPECIAL_LEADING) or os.path.basename(entry).startswith(
            _SPECIAL_LEADING
        )

    def is_included(self, entry: str) -> bool:
        """Whether the ``include`` option names the entry (or its base name)."""
        if not self._included.prefixes:
            return False
        name = os.path.basename(entry)
        return self._included.matches(self._in_source(entry)) or (
            name != entry and self._included.matches(self._in_source(name)))

    def is_excluded(self, entry: str) -> bool:
        """Whether the ``exclude`` option names the entry (relative to the source)."""
        return bool(self._excluded.prefixes) and self._excluded.matches(
            self._in_source(self._relative_to_source(entry)))

    def _in_source(self, relative: str) -> str:
        """``os.path.join(source, relative)``, without its cost for a relative path."""
        return self._source_prefix + relative if relative and relative[0] != "/" \
            else os.path.join(self.source, relative)

    def _relative_to_source(self, entry: str) -> str:
        return f"{self.base}/{entry}".strip("/") if self.base else entry


class _PatternSet:
    """``include``/``exclude`` patterns as Jekyll matches them, compiled once.

    An entry matches a pattern as a glob (``File.fnmatch``), as a prefix (excluding
    ``foo`` also excludes ``foobar.md``), or, for a folder, when the pattern is the
    folder's path with a trailing slash.
    """

    def __init__(self, source: str, patterns: Sequence[str]) -> None:
        full = [os.path.join(source, pattern) for pattern in patterns]
        self.prefixes = tuple(full)
        self.glob = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in full))
        self.folders = {p[:-1] for p in full if p.endswith("/")}

    def matches(self, full_entry: str) -> bool:
        """Whether a path (joined to the source) matches one of the patterns."""
        if not self.prefixes:
            return False
        if full_entry.startswith(self.prefixes) or self.glob.match(full_entry):
            return True
        return full_entry in self.folders and os.path.isdir(full_entry)
