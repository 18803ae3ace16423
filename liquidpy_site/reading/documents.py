"""Building pages and documents from source files (Jekyll's read rules)."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from liquidpy_site.config import deep_merge
from liquidpy_site.errors import FrontMatterError, ReadError, SourceLocation
from liquidpy_site.models import Collection, Document, Excerpt, Layout, Page, compact_text
from liquidpy_site.reading.defaults import FrontMatterDefaults
from liquidpy_site.reading.excerpts import extract_excerpt
from liquidpy_site.reading.front_matter import read_text, split_front_matter
from liquidpy_site.reading.memo import DocumentMemo
from liquidpy_site.text import InvalidDate, parse_date, titleize_slug

log = logging.getLogger("liquidpy_site")

DATE_FILENAME = re.compile(r"^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")
DATELESS_FILENAME = re.compile(r"^(?:.+/)*(.*)(\.[^.]+)$")


class DocumentFactory:
    """Reads files into :class:`Page`, :class:`Document` and :class:`Layout` models.

    Args:
        config: The site configuration.
        defaults: Front matter defaults of the site.
        site_time: The build's ``site.time``.
    """

    def __init__(self, config: Mapping[str, Any], defaults: FrontMatterDefaults,
                 site_time: dt.datetime, memo: DocumentMemo | None = None) -> None:
        self.config = config
        self.defaults = defaults
        self.site_time = site_time
        self.strict = bool(config.get("strict_front_matter"))
        self.failed_front_matter = False
        self.memo: DocumentMemo | None = memo
        """Documents kept from the last build (see :mod:`liquidpy_site.reading.memo`)."""
        self.logged = False
        """Whether reading the last file logged a problem."""

    def _read(self, path: Path, relative: str, *, document: bool = False) -> tuple[dict[str, Any], str, int]:
        """Front matter, body and the body's first line, with Jekyll's error rules.

        Invalid YAML is fatal with ``strict_front_matter`` and a warning otherwise;
        front matter that is not a mapping is fatal for pages and layouts, and an
        error that skips the front matter for documents.
        """
        text = read_text(path, relative)
        data, body, line, error = split_front_matter(text, relative)
        if error is not None:
            if self.strict:
                raise error
            log.warning("Error reading file %s", error.describe())
            self.logged = True
            self.failed_front_matter = True
            return {}, body, line
        if not isinstance(data, dict):
            message = f"Invalid YAML front matter in {relative}"
            if not document:
                raise FrontMatterError(message, SourceLocation(relative, 1))
            log.error("Error: could not read file %s: %s", relative, message)
            self.logged = True
            return {}, body, line
        return data, body, line

    def layout(self, path: Path, relative: str, name: str) -> Layout:
        """Read a layout file."""
        data, body, line = self._read(path, relative)
        return Layout(name=name, path=path, relative_path=relative, data=data,
                      content=body, content_line=line)

    def page(self, path: Path, relative: str) -> Page:
        """Read a page (a file with front matter outside collections)."""
        front_matter, body, line = self._read(path, relative)
        defaults = self.defaults.all(relative, "pages")
        # A page looks a missing key up in its defaults; a key set to nil stays nil.
        data = {**defaults, **front_matter}
        folder = relative.rsplit("/", 1)[0] if "/" in relative else ""
        held = compact_text(body)  # one copy for both attributes
        page = Page(path=path, relative_path=relative, data=data, content=held,
                    raw_content=held, content_line=line, dir=folder, defaults=defaults)
        if self.config.get("page_excerpts") and "excerpt" not in data:
            separator = _ruby_to_s(data.get("excerpt_separator")
                                   if data.get("excerpt_separator") is not None
                                   else self.config.get("excerpt_separator"))
            if separator:
                page.excerpt = Excerpt(doc=page, content=extract_excerpt(body, separator))
        return page

    def document(self, path: Path, relative: str, collection: Collection,
                 draft: bool = False, *, remember: bool = True) -> Document:
        """Read a document of a collection, with Jekyll's date, title and category rules.

        With a :attr:`memo`, a file unchanged since the last build is not read again
        (``remember=False`` reads the file and leaves the memo alone).
        """
        if self.memo is None or not remember:
            return self._document(path, relative, collection, draft)
        signature = self.memo.signature(path, collection.label, draft)
        if signature is not None:
            kept = self.memo.get(path, relative, signature)
            if kept is not None:
                return kept
        self.logged = False
        doc = self._document(path, relative, collection, draft)
        # An undated document takes the build's time, and one with an error must say so again.
        if signature is not None and doc.data.get("date") is not None and not self.logged \
                and not self.failed_front_matter:
            self.memo.put(doc, signature)
        return doc

    def _document(self, path: Path, relative: str, collection: Collection, draft: bool) -> Document:
        doc = Document(path=path, relative_path=relative, data={}, content="",
                       collection=collection.label, is_draft=draft)
        special = "_drafts" if draft else collection.relative_directory
        _merge(doc, {"categories": _categories_from_path(relative, special)}, self)
        # Drafts take the defaults of type "posts", as in Jekyll.
        defaults = self.defaults.all(relative, collection.label)
        if defaults:
            _merge(doc, defaults, self, "front matter defaults")
        self.failed_front_matter = False
        front_matter, body, line = self._read(path, relative, document=True)
        doc.content = doc.raw_content = compact_text(body)  # one copy for both attributes
        doc.content_line = line
        if front_matter:
            _merge(doc, front_matter, self)
        if self.failed_front_matter:
            # Jekyll stops reading such a document: no date, title or slug from its name.
            doc.date = _file_mtime(doc.path) if draft else self.site_time
            return doc
        self._populate(doc, draft)
        return doc

    def _populate(self, doc: Document, draft: bool) -> None:
        match = DATE_FILENAME.match(doc.relative_path)
        ext: str | None = None
        if match:
            date_text, slug, ext = match.groups()
            current = doc.data.get("date")
            if not current or int(current.timestamp()) == int(self.site_time.timestamp()):
                _merge(doc, {"date": date_text}, self, "filename")
        else:
            dateless = DATELESS_FILENAME.match(doc.relative_path)
            slug, ext = dateless.groups() if dateless else (doc.basename_without_ext, None)
        slug = re.sub(r"\.*\Z", "", slug)
        if not doc.data.get("title"):
            doc.data["title"] = titleize_slug(slug)
        if not doc.data.get("slug"):
            doc.data["slug"] = slug
        if not doc.data.get("ext"):
            doc.data["ext"] = ext
        _populate_categories(doc, self)
        tags = _pluralized(doc.data, "tag", "tags")
        _merge(doc, {"tags": _flatten(tags)}, self)
        # An undated document is dated lazily in Jekyll: "date" stays out of its
        # data (which matters for sorting) while ``date`` answers the build time.
        date = doc.data.get("date")
        doc.date = date if date is not None else (_file_mtime(doc.path) if draft else self.site_time)
        own = doc.data.get("excerpt_separator")
        # An empty separator in front matter turns excerpts off (it is not "unset").
        separator = _ruby_to_s(own if own is not None and own is not False
                               else self.config.get("excerpt_separator"))
        if separator and "excerpt" not in doc.data:
            doc.excerpt = Excerpt(doc=doc, content=extract_excerpt(doc.content, separator))


def _file_mtime(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()


def _categories_from_path(relative: str, special_dir: str) -> list[str]:
    if relative.startswith(special_dir):
        return []
    index = relative.find(special_dir)
    before = relative[:index] if index >= 0 else relative
    basename = relative.rsplit("/", 1)[-1]
    return [c for c in before.split("/") if c and c != special_dir and c != basename]


def _merge(doc: Document, other: dict[str, Any], factory: DocumentFactory,
           source: str = "YAML front matter") -> None:
    other = dict(other)
    categories = other.get("categories")
    if categories is not None:
        if isinstance(categories, str):
            categories = categories.split()
        if isinstance(doc.data.get("categories"), list):
            existing = doc.data["categories"]
            categories = existing + [c for c in _as_list(categories) if c not in existing]
        other["categories"] = categories
    doc.data = deep_merge(doc.data, other)
    if "date" in doc.data and doc.data["date"] is not None and "date" in other:
        try:
            doc.data["date"] = parse_date(doc.data["date"])
        except InvalidDate as err:
            message = (f"Invalid date '{doc.data['date']}': Document '{doc.relative_path}' "
                       f"does not have a valid date in the {source}.")
            raise ReadError(message, SourceLocation(doc.relative_path)) from err


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _flatten(values: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for value in values:
        flat.extend(_flatten(value) if isinstance(value, list) else [value])
    return flat


def _pluralized(data: Mapping[str, Any], singular: str, plural: str) -> list[Any]:
    if singular in data:
        value = data[singular]
    elif plural in data:
        value = data[plural]
        if isinstance(value, str):
            value = value.split()
        elif isinstance(value, list):
            value = [v for v in value if v is not None]
        else:
            value = None
    else:
        value = None
    return [v for v in _flatten([value]) if v is not None]


def _populate_categories(doc: Document, factory: DocumentFactory) -> None:
    categories = _as_list(doc.data.get("categories")) + _pluralized(doc.data, "category", "categories")
    unique: list[str] = []
    for category in _flatten(categories):
        text = _ruby_to_s(category)
        if text not in unique:
            unique.append(text)
    _merge(doc, {"categories": unique}, factory)


def _ruby_to_s(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)
