"""The Reader: walks the source once and routes each file to its model."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cmp_to_key
from pathlib import Path
from typing import Any

from liquidpy_site.models import Collection, Document, Layout, Page, StaticFile
from liquidpy_site.reading.data import read_data_dir
from liquidpy_site.reading.defaults import FrontMatterDefaults
from liquidpy_site.reading.documents import DATE_FILENAME, DocumentFactory
from liquidpy_site.reading.entry_filter import EntryFilter
from liquidpy_site.reading.front_matter import FrontMatterStore, front_matter_store, has_front_matter
from liquidpy_site.reading.memo import DocumentMemo
from liquidpy_site.reading.publishing import Publisher


@dataclass
class SiteContent:
    """Everything read from the source, before rendering."""

    layouts: dict[str, Layout] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    static_files: list[StaticFile] = field(default_factory=list)
    collections: dict[str, Collection] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)


class Reader:
    """Reads a site's source folder as Jekyll does.

    Args:
        config: The site configuration.
        site_time: The build's ``site.time`` (dates of undated documents).
        theme_root: The theme's folder, when the site uses one.
        front_matter: Parsed front matter kept across builds (see
            :class:`~liquidpy_site.reading.front_matter.FrontMatterStore`).
        memo: Documents kept across builds (see :mod:`liquidpy_site.reading.memo`).
    """

    def __init__(self, config: Mapping[str, Any], site_time: dt.datetime,
                 theme_root: Path | None = None,
                 front_matter: FrontMatterStore | None = None,
                 memo: DocumentMemo | None = None) -> None:
        self.config = config
        self.source = Path(config["source"])
        self.destination = Path(config["destination"])
        self.theme_root = theme_root
        self.defaults = FrontMatterDefaults(str(self.source), config.get("defaults"),
                                            str(config.get("collections_dir") or ""))
        self.factory = DocumentFactory(config, self.defaults, site_time, memo)
        self.publisher = Publisher(config, site_time)
        self.content = SiteContent()
        self.collections_dir = str(config.get("collections_dir") or "").strip("/")
        self.front_matter = front_matter

    def read(self) -> SiteContent:
        """Read layouts, pages, posts, static files, data and collections."""
        with front_matter_store(self.front_matter):
            return self._read_all()

    def _read_all(self) -> SiteContent:
        self.content = SiteContent()
        self.content.collections = self._make_collections()
        self.content.layouts = self._read_layouts()
        self._read_directory("")
        self.content.pages.sort(key=lambda p: p.name)
        self.content.static_files.sort(key=lambda f: f.relative_path)
        data_dir = self.source / str(self.config.get("data_dir") or "_data")
        self.content.data = read_data_dir(data_dir, self.source)
        for collection in self.content.collections.values():
            if collection.label != "posts":
                self._read_collection(collection)
            _sort_documents(collection)
        return self.content

    def entry_filter(self, base: str = "") -> EntryFilter:
        """The include/exclude rules, with entries named relative to ``base``."""
        return EntryFilter(str(self.source), self.config.get("include") or [],
                           self.config.get("exclude") or [], base)

    def _make_collections(self) -> dict[str, Collection]:
        made = {}
        for label, metadata in (self.config.get("collections") or {}).items():
            made[label] = Collection(label=label, metadata=dict(metadata or {}),
                                     relative_directory=f"_{label}")
        return made

    def _collections_path(self, relative: str) -> str:
        """A path relative to ``collections_dir`` → relative to the source."""
        return f"{self.collections_dir}/{relative}" if self.collections_dir else relative

    def _strip_collections_dir(self, relative: str) -> str:
        prefix = self.collections_dir + "/"
        if self.collections_dir and relative.startswith(prefix):
            return relative[len(prefix):]
        return relative

    def _read_layouts(self) -> dict[str, Layout]:
        layouts: dict[str, Layout] = {}
        layouts_dir = str(self.config.get("layouts_dir") or "_layouts")
        roots = [(self.source, self.source / layouts_dir)]
        if self.theme_root is not None:
            roots.append((self.theme_root, self.theme_root / "_layouts"))
        for root, folder in roots:
            for relative in _files_below(folder):
                path = folder / relative
                name = relative.rsplit(".", 1)[0] if "." in relative.rsplit("/", 1)[-1] else relative
                if name not in layouts:
                    display = path.relative_to(root).as_posix()
                    layouts[name] = self.factory.layout(path, display, name)
        return layouts

    def _read_directory(self, folder: str) -> None:
        base = self.source / folder if folder else self.source
        try:
            names = sorted(os.listdir(base))
        except OSError:
            return
        entries = self.entry_filter(folder).filter(names)
        dirs, pages, statics = [], [], []
        for name in entries:
            path = base / name
            if path.is_symlink() and self.config.get("safe"):
                continue
            if path.is_dir():
                dirs.append(name)
            elif has_front_matter(path):
                pages.append(name)
            else:
                statics.append(name)
        self._read_posts(folder)
        for name in dirs:
            if (base / name).resolve() != self.destination.resolve():
                self._read_directory(f"{folder}/{name}" if folder else name)
        for name in pages:
            relative = f"{folder}/{name}" if folder else name
            page = self.factory.page(base / name, relative)
            if self.publisher.publish_page(page):
                self.content.pages.append(page)
        for name in statics:
            relative = f"{folder}/{name}" if folder else name
            self._add_static(base / name, relative)

    def _add_static(self, path: Path, relative: str) -> None:
        data = self.defaults.all(relative, "pages")
        if data.get("published") is False:
            return
        # Jekyll names files outside collections with a leading slash.
        self.content.static_files.append(
            StaticFile(path=path, relative_path="/" + relative, url="/" + relative, data=data)
        )

    def _read_posts(self, folder: str) -> None:
        if self.collections_dir and not (folder + "/").startswith(self.collections_dir + "/"):
            return
        posts = self.content.collections["posts"]
        for magic, draft in (("_posts", False), ("_drafts", True)):
            if draft and not self.config.get("show_drafts"):
                continue
            for path, relative in self._entries_below(folder, magic):
                if not draft and not DATE_FILENAME.match(path.name):
                    continue
                if draft and "." not in path.name:  # drafts need an extension
                    continue
                doc = self.factory.document(path, self._strip_collections_dir(relative),
                                            posts, draft=draft)
                if self.publisher.publish(doc):
                    posts.docs.append(doc)

    def _entries_below(self, folder: str, magic: str) -> list[tuple[Path, str]]:
        base_rel = f"{folder}/{magic}" if folder else magic
        base = self.source / base_rel
        if not base.is_dir():
            return []
        found = []
        rels = _files_below(base)
        for rel in self.entry_filter(base_rel).filter(rels):
            found.append((base / rel, f"{base_rel}/{rel}"))
        return found

    def _read_collection(self, collection: Collection) -> None:
        base = self.source / self._collections_path(collection.relative_directory)
        if not base.is_dir():
            return
        rels = _files_below(base, dotfiles=True)
        entry_filter = EntryFilter(str(self.source), self.config.get("include") or [],
                                   self.config.get("exclude") or [])
        for rel in entry_filter.filter(rels):
            path = base / rel
            relative = f"{collection.relative_directory}/{rel}"
            if has_front_matter(path):
                doc = self.factory.document(path, relative, collection)
                if self.config.get("unpublished") or doc.data.get("published") is not False:
                    collection.docs.append(doc)
            else:
                data = self.defaults.all(relative, collection.label)
                collection.files.append(StaticFile(path=path, relative_path=relative, url="",
                                                   collection=collection.label, data=data))
        self.content.static_files.extend(collection.files)


def _files_below(folder: Path, dotfiles: bool = False) -> list[str]:
    """Files under ``folder``, recursively, relative to it with ``/``, in path order.

    Path order compares folder by folder (``a/x`` before ``a-b/x``), as sorting
    :class:`~pathlib.Path` objects would; no dotfiles unless asked.
    """
    found: list[str] = []
    top = str(folder)
    if not os.path.isdir(top):
        return found
    for root, dirs, files in os.walk(top, followlinks=True):
        if not dotfiles:
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            files = [f for f in files if not f.startswith(".")]
        below = os.path.relpath(root, top).replace(os.sep, "/") if root != top else ""
        found.extend(f"{below}/{name}" if below else name for name in files)
    found.sort(key=lambda relative: relative.split("/"))
    return found


def _sort_documents(collection: Collection) -> None:
    order = collection.metadata.get("order")
    sort_by = collection.metadata.get("sort_by")
    docs = sorted(collection.docs, key=cmp_to_key(_compare_documents))
    if isinstance(order, list):
        by_path = {d.relative_path: d for d in docs}
        ordered = [by_path.pop(f"{collection.relative_directory}/{e}") for e in order
                   if f"{collection.relative_directory}/{e}" in by_path]
        docs = ordered + list(by_path.values())
    elif isinstance(sort_by, str):
        with_key = [d for d in docs if d.data.get(sort_by) is not None]
        without = [d for d in docs if d.data.get(sort_by) is None]
        with_key.sort(key=lambda d: _sortable(d.data[sort_by]))
        docs = with_key + without
    collection.docs = docs


def _compare_documents(a: Document, b: Document) -> int:
    """Jekyll's document order: by front matter date, then by path.

    A document without a date compares by path with every other document.
    """
    date_a, date_b = a.data.get("date"), b.data.get("date")
    if isinstance(date_a, dt.datetime) and isinstance(date_b, dt.datetime) and date_a != date_b:
        return -1 if date_a < date_b else 1
    path_a, path_b = str(a.path).encode(), str(b.path).encode()
    return (path_a > path_b) - (path_a < path_b)


def _sortable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return (1, value.timestamp())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value)
    return (2, str(value))
