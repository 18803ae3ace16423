"""Documents as the last build read them, for files unchanged since.

Reading a document — its file, front matter, defaults, date, title, slug,
categories, tags and excerpt — depends on the file and on the configuration only,
once the document has a date of its own (an undated one takes the build's time).
The persistent cache keeps each such document, keyed by the file's size and
modification time, the configuration and the time zone; an unchanged file is then
taken from there instead of being read again.
"""

from __future__ import annotations

import os
import pickle
from typing import TYPE_CHECKING

from liquidpy_site.incremental import body_fingerprint
from liquidpy_site.reading.front_matter import dump_front_matter, load_front_matter, zone_key

if TYPE_CHECKING:
    from pathlib import Path

    from liquidpy_site.cache import BuildCache
    from liquidpy_site.models import Document

_FORMAT = "4"
"""Bump when the :class:`~liquidpy_site.models.Document` model changes."""


class DocumentMemo:
    """Read documents kept across builds.

    Args:
        cache: The site's build cache.
        config_digest: A fingerprint of the configuration (defaults, permalinks…).
    """

    def __init__(self, cache: BuildCache, config_digest: str) -> None:
        self.cache = cache
        self.context = f"{_FORMAT}|{config_digest}|{zone_key()}"
        self._to_keep: list[tuple[Document, str]] = []
        self._with_url: set[int] = set()

    def signature(self, path: Path, label: str, draft: bool) -> str | None:
        """What the document read from ``path`` depends on (``None``: the file is gone)."""
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return f"{stat.st_size}:{stat.st_mtime_ns}|{label}|{draft}|{self.context}"

    def get(self, path: Path, relative: str, signature: str) -> Document | None:
        """A fresh copy of the document read from ``path``, if its signature is the same."""
        blob = self.cache.document(relative, signature)
        if blob is None:
            return None
        try:
            doc: Document = load_front_matter(blob, source_path=path)
        except Exception:  # noqa: BLE001 - an unreadable entry is read again from the file
            return None
        self._with_url.add(id(doc))
        return doc

    def has_url(self, doc: Document) -> bool:
        """Whether ``doc`` came from here with its URL and output extension.

        They depend on the document and the configuration only, as the rest of it.
        """
        return id(doc) in self._with_url

    def put(self, doc: Document, signature: str) -> None:
        """Keep a document just read (one with a date of its own), once it has its URL.

        It is stored by :meth:`keep_read`, called when the site's URLs are assigned.
        """
        self._to_keep.append((doc, signature))

    def keep_read(self) -> None:
        """Store the documents put since the last call, with the URLs they now have."""
        for doc, signature in self._to_keep:
            body_fingerprint(doc)  # kept with it, so that the next build need not take it
            try:
                blob = dump_front_matter(doc, source_path=doc.path)
            except (pickle.PicklingError, TypeError, AttributeError):
                continue
            self.cache.store_document(doc.relative_path, signature, blob)
        self._to_keep.clear()
