"""Drops: the read-only views of the site that templates see.

Every drop is a :class:`collections.abc.Mapping`, so python-liquid resolves
``page.title`` through ``__getitem__``. A drop answers from its own methods first
(``url``, ``content``, …) and then from its fallback data (front matter, config).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from liquidpy_site.config import deep_merge
from liquidpy_site.models import Collection, Document, Excerpt, Page, StaticFile
from liquidpy_site.urls import HTML_EXTENSIONS

if TYPE_CHECKING:
    from liquidpy_site.site import Site

JEKYLL_VERSION = "4.3.1"


class Drop(Mapping[str, Any]):
    """A lazy mapping: named methods first, then fallback data."""

    __slots__ = ()

    def _methods(self) -> Mapping[str, Callable[[], Any]]:
        return {}

    def _fallback(self) -> Mapping[str, Any]:
        return {}

    def __getitem__(self, key: object) -> Any:
        if not isinstance(key, str):
            return self._fallback()[key]
        method = self._methods().get(key)
        if method is not None:
            return method()
        return self._fallback()[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._methods() or key in self._fallback())

    def __iter__(self) -> Iterator[str]:
        methods = self._methods()
        yield from methods
        yield from (k for k in self._fallback() if k not in methods)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary of every key (for ``jsonify`` and ``inspect``)."""
        return {key: self[key] for key in self}

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)


class DropFactory:
    """Makes one drop per model, so the same document is the same drop everywhere.

    Args:
        site: The site being built.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self._cache: dict[int, Drop] = {}
        self.epoch = 0
        """Counts the times the site's contents may have changed under the drops."""
        self.keeps_merged_data = not site.hooks and not site.has_python_plugins()
        """Whether a page's merged front matter may be kept: no Python code runs
        during rendering that could change a page's data in place."""

    def __call__(self, item: Any) -> Any:
        """Return the drop for a model (other values pass through)."""
        if item is None or isinstance(item, Drop):
            return item
        key = id(item)
        drop = self._cache.get(key)
        if drop is None:
            drop = self._make(item)
            self._cache[key] = drop
        return drop

    def _make(self, item: Any) -> Drop:
        if isinstance(item, Document):
            return DocumentDrop(item, self)
        if isinstance(item, Page):
            return PageDrop(item, self)
        if isinstance(item, StaticFile):
            return StaticFileDrop(item)
        if isinstance(item, Collection):
            return CollectionDrop(item, self)
        if isinstance(item, Excerpt):
            return ExcerptDrop(item, self)
        raise TypeError(f"no drop for {type(item).__name__}")

    def many(self, items: list[Any]) -> list[Any]:
        """Drops for a list of models."""
        return [self(item) for item in items]


class DocumentDrop(Drop):
    """A document (post or collection item) as templates see it."""

    __slots__ = ("doc", "drops", "_table")

    def __init__(self, doc: Document, drops: DropFactory) -> None:
        self.doc = doc
        self.drops = drops
        self._table: dict[str, Callable[[], Any]] | None = None

    def _methods(self) -> Mapping[str, Callable[[], Any]]:
        # Made on first use: most drops in a list such as site.posts are never looked into.
        if self._table is None:
            self._table = self._make_table()
        return self._table

    def _make_table(self) -> dict[str, Callable[[], Any]]:
        doc = self.doc
        return {
            "collection": lambda: doc.collection,
            "content": lambda: self._body(doc.content),
            "date": self._date,
            "excerpt": self._excerpt,
            "id": lambda: doc.id,
            "name": lambda: doc.data.get("name") or doc.name,
            "next": lambda: self._neighbour(doc.next),
            "output": lambda: self._body(doc.output),
            "path": lambda: doc.relative_path,
            "previous": lambda: self._neighbour(doc.previous),
            "relative_path": lambda: doc.relative_path,
            "url": lambda: doc.url,
            "draft": lambda: doc.is_draft if doc.collection == "posts" else doc.data.get("draft"),
        }

    def _fallback(self) -> Mapping[str, Any]:
        return self.doc.data

    def _body(self, value: Any) -> Any:
        self.drops.site.note_body(self.doc)
        return value

    def _date(self) -> Any:
        if self.doc.data.get("date") is None and not self.doc.is_draft:
            self.drops.site.note_time()  # an undated document is dated with site.time
        return self.doc.date

    def _neighbour(self, doc: Document | None) -> Any:
        self.drops.site.note_neighbours()
        return self.drops(doc)

    def _excerpt(self) -> Any:
        doc = self.doc
        self.drops.site.note_body(doc)
        if doc.excerpt is None:
            value = doc.data.get("excerpt")
            return "" if value is None else value
        return self.drops.site.renderer.render_excerpt(doc.excerpt)

    def __str__(self) -> str:
        return self.doc.output or self.doc.content


class ExcerptDrop(DocumentDrop):
    """An excerpt: its document's data, with the excerpt as content."""

    __slots__ = ("excerpt",)

    def __init__(self, excerpt: Excerpt, drops: DropFactory) -> None:
        super().__init__(excerpt.doc, drops)
        self.excerpt = excerpt

    def _make_table(self) -> dict[str, Callable[[], Any]]:
        excerpt = self.excerpt
        return {**super()._make_table(), "content": lambda: excerpt.content,
                "excerpt": lambda: None, "output": lambda: excerpt.output}

    def __str__(self) -> str:
        return self.excerpt.output or self.excerpt.content


class PageDrop(Drop):
    """A page as templates see it: front matter plus Jekyll's attributes.

    Jekyll gives pages to templates as plain hashes (``size`` counts keys,
    ``inspect`` prints a hash), hence ``liquid_hash``.
    """

    __slots__ = ("page", "drops", "_table", "_merged")
    liquid_hash = True

    def __init__(self, page: Page, drops: DropFactory, *, content: str | None = None) -> None:
        self.page = page
        self.drops = drops
        self._merged: tuple[tuple[int, int, int], dict[str, Any]] | None = None
        self._table: dict[str, Callable[[], Any]] = {
            "content": (lambda: self._body(page.content)) if content is None else (lambda: content),
            "dir": lambda: page_dir(page.url),
            "excerpt": self._excerpt,
            "name": lambda: page.name,
            "path": lambda: page.data.get("path") or page.relative_path,
            "url": lambda: page.url,
        }

    def _methods(self) -> Mapping[str, Callable[[], Any]]:
        return self._table

    def _fallback(self) -> Mapping[str, Any]:
        page = self.page
        if not page.defaults:
            return page.data
        # Templates see front matter deep-merged over the defaults (nil keeps the default),
        # merged once while the page holds the same mappings and nothing else can change them.
        key = (id(page.data), id(page.defaults), self.drops.epoch)
        if self._merged is not None and self._merged[0] == key:
            return self._merged[1]
        merged = deep_merge(page.defaults, page.data)
        if self.drops.keeps_merged_data:
            self._merged = (key, merged)
        return merged

    def _body(self, value: Any) -> Any:
        self.drops.site.note_body(self.page)
        return value

    def _excerpt(self) -> Any:
        page = self.page
        self.drops.site.note_body(page)
        if page.data.get("excerpt") is not None:
            return str(page.data["excerpt"])
        if page.excerpt is not None:
            return self.drops.site.renderer.render_excerpt(page.excerpt)
        return None

    def __iter__(self) -> Iterator[str]:
        yield from (k for k in self._fallback() if k not in self._table)
        yield from self._table


def page_dir(url: str) -> str:
    """Jekyll's ``page.dir``: the URL's folder, with a trailing slash."""
    if url.endswith("/"):
        return url
    folder = url.rsplit("/", 1)[0] if "/" in url else ""
    return folder if folder.endswith("/") else folder + "/"


class StaticFileDrop(Drop):
    """A static file: name, path, extname, basename, modified_time, collection."""

    __slots__ = ("file", "_table")

    def __init__(self, file: StaticFile) -> None:
        self.file = file
        self._table: dict[str, Callable[[], Any]] = {
            "name": lambda: file.name,
            "extname": lambda: file.extname,
            "modified_time": lambda: dt.datetime.fromtimestamp(file.path.stat().st_mtime).astimezone(),
            "basename": lambda: file.basename,
            "path": lambda: file.relative_path,
            "collection": lambda: file.collection,
        }

    def _methods(self) -> Mapping[str, Callable[[], Any]]:
        return self._table

    def _fallback(self) -> Mapping[str, Any]:
        return self.file.data


class CollectionDrop(Drop):
    """A collection: label, docs, files, directory, output and its metadata."""

    __slots__ = ("collection", "_table")

    def __init__(self, collection: Collection, drops: DropFactory) -> None:
        self.collection = collection
        source = drops.site.config["source"]
        collections_dir = str(drops.site.config.get("collections_dir") or "").strip("/")
        root = f"{source}/{collections_dir}" if collections_dir else source
        self._table: dict[str, Callable[[], Any]] = {
            "output": lambda: collection.output,
            "label": lambda: collection.label,
            "docs": lambda: drops.many(collection.docs),
            "files": lambda: drops.many(collection.files),
            "directory": lambda: f"{root}/{collection.relative_directory}",
            "relative_directory": lambda: collection.relative_directory,
        }

    def _methods(self) -> Mapping[str, Callable[[], Any]]:
        return self._table

    def _fallback(self) -> Mapping[str, Any]:
        return self.collection.metadata


class JekyllDrop(Drop):
    """``jekyll.version`` and ``jekyll.environment``."""

    __slots__ = ("environment",)

    def __init__(self, environment: str) -> None:
        self.environment = environment

    def _methods(self) -> Mapping[str, Callable[[], Any]]:
        return {"version": lambda: JEKYLL_VERSION, "environment": lambda: self.environment}


class SiteDrop(Drop):
    """``site``: the configuration plus the site's content, built lazily."""

    __slots__ = ("site", "drops", "_memo", "_table", "current_document")

    def __init__(self, site: Site, drops: DropFactory) -> None:
        self.site = site
        self.drops = drops
        self._memo: dict[str, Any] = {}
        self.current_document: Document | None = None
        self._table: dict[str, Callable[[], Any]] = {
            "data": self._data,
            "time": self._time,
            "pages": lambda: drops.many(site.content.pages),
            "static_files": lambda: self._memoized(
                "static_files", lambda: drops.many(site.content.static_files)),
            "tags": lambda: self._memoized("tags", lambda: self._post_attr_hash("tags")),
            "categories": lambda: self._memoized(
                "categories", lambda: self._post_attr_hash("categories")),
            "posts": lambda: self._memoized("posts", self._posts),
            "html_pages": lambda: self._memoized("html_pages", self._html_pages),
            "collections": lambda: self._memoized("collections", self._collections),
            "documents": lambda: self._memoized("documents", self._documents),
            "related_posts": self._related_posts,
            "config": lambda: None,
        }

    def _methods(self) -> Mapping[str, Callable[[], Any]]:
        return self._table

    def _fallback(self) -> Mapping[str, Any]:
        return self.site.config

    def _data(self) -> Any:
        self.site.note_list("data")
        return self.site.content.data

    def _time(self) -> Any:
        self.site.note_time()
        return self.site.time

    # Which list of the incremental build each site-wide key reads.
    _SITE_LISTS = {"pages": "pages", "html_pages": "pages", "static_files": "static",
                   "posts": "collection:posts", "tags": "collection:posts",
                   "categories": "collection:posts", "related_posts": "collection:posts",
                   "collections": "all", "documents": "all"}

    def __getitem__(self, key: object) -> Any:
        if isinstance(key, str) and key in self._SITE_LISTS:
            self.site.note_list(self._SITE_LISTS[key])
        if key != "posts" and isinstance(key, str) and key in self.site.content.collections:
            self.site.note_list(f"collection:{key}")
            return self._memoized("collection:" + key, lambda: self.drops.many(
                self.site.content.collections[key].docs))
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        return (isinstance(key, str) and key in self.site.content.collections) or super().__contains__(key)

    def invalidate(self) -> None:
        """Forget the memoized lists and merged data (after generators add or change items)."""
        self._memo.clear()
        self.drops.epoch += 1

    def _memoized(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def _posts(self) -> list[Any]:
        return self.drops.many(list(reversed(self.site.content.collections["posts"].docs)))

    def _html_pages(self) -> list[Any]:
        pages = [p for p in self.site.content.pages
                 if p.output_ext in HTML_EXTENSIONS or p.url.endswith("/")]
        return self.drops.many(pages)

    def _collections(self) -> list[Any]:
        ordered = sorted(self.site.content.collections.values(), key=lambda c: c.label)
        return self.drops.many(ordered)

    def _documents(self) -> list[Any]:
        items: list[Any] = []
        for collection in self.site.content.collections.values():
            items.extend(collection.docs)
            items.extend(collection.files)
        return self.drops.many(items)

    def _post_attr_hash(self, attr: str) -> dict[str, list[Any]]:
        grouped: dict[str, list[Document]] = {}
        for post in self.site.content.collections["posts"].docs:
            for value in post.data.get(attr) or []:
                grouped.setdefault(value, []).append(post)
        return {k: self.drops.many(list(reversed(v))) for k, v in grouped.items()}

    def _related_posts(self) -> Any:
        doc = self.current_document
        if doc is None:
            return None
        posts = self.site.content.collections["posts"].docs
        recent = [p for p in reversed(posts[-11:]) if p is not doc][:10]
        return self.drops.many(recent)
