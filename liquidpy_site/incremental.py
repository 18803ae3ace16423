"""Incremental builds: render only what a change can affect.

While a page or document renders, :class:`Usage` records what it read: layouts
and includes (files), ``site.data``, which site-wide lists (``site.pages``,
``site.posts``, a collection, static files, every URL…), its neighbours
(``page.next``/``page.previous``) and ``site.time``. The next build renders an
item again only when its source, one of those files, or one of those lists has
changed; otherwise its last content and output are reused. The result is the
same as a full build's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from liquidpy_site.cache import BuildCache, digest, file_fingerprints
from liquidpy_site.models import Convertible, DeferredText, Document, Page, stored_text

if TYPE_CHECKING:
    from liquidpy_site.site import Site

ALL = "all"
"""The list name for reads that see everything (``site.documents``, ``site.collections``)."""


@dataclass
class Usage:
    """What one item read while rendering."""

    files: dict[str, str] = field(default_factory=dict)
    """Layouts and includes (absolute paths), with their fingerprints when first used."""
    lists: set[str] = field(default_factory=set)
    """Site-wide lists read: ``pages``, ``collection:LABEL``, ``static``, ``urls``, ``data``, ``all``."""
    neighbours: bool = False
    """Read ``page.next`` or ``page.previous``."""
    bodies: set[int] = field(default_factory=set)
    """Items (by ``id``) whose content, output or excerpt was read."""
    volatile: bool = False
    """Read something that changes every build (``site.time`` when not fixed)."""


def item_key(item: Convertible) -> str:
    """The record key of an item: its kind and source path."""
    return f"{type(item).__name__}:{item.relative_path}"


def item_fingerprint(item: Convertible, data_repr: str | None = None) -> str:
    """What an item's output depends on from its own source.

    ``data_repr``: ``repr(item.data)``, when the caller has it already.
    """
    data_repr = repr(item.data) if data_repr is None else data_repr
    return digest(item.relative_path, item.url, body_fingerprint(item), data_repr)


def meta_fingerprint(item: Convertible, data_repr: str | None = None) -> str:
    """An item as a list shows it: where it is, its URL and front matter (not its body)."""
    data_repr = repr(item.data) if data_repr is None else data_repr
    return digest(item.relative_path, item.url, data_repr)


def body_fingerprint(item: Convertible) -> str:
    """An item's body, which its content, output and excerpt come from.

    It is kept on the item with the body it was taken of, and taken again only
    once the item holds another body; a document kept from the last build
    (:mod:`liquidpy_site.reading.memo`) comes with it.
    """
    body = _raw_content(item)
    kept = item.__dict__.get(_BODY_FINGERPRINT)
    if kept is not None and kept[0] is body:
        return str(kept[1])
    fingerprint = digest(body)
    item.__dict__[_BODY_FINGERPRINT] = (body, fingerprint)
    return fingerprint


_BODY_FINGERPRINT = "_body_fingerprint"


def _raw_content(item: Convertible) -> str | bytes:
    """The body as held: UTF-8 bytes hash the same as the text, without decoding it."""
    return stored_text(item, "raw_content") or ""


class Regenerator:
    """Decides, item by item, whether to render or to reuse the last output.

    Every build with a disk cache records and reuses (``--incremental`` or not):
    an item reused is one whose source and everything it read are as they were,
    so its output is the one rendering would give.

    Args:
        site: The site being built.
        cache: The persistent cache holding the previous build's records; without
            one, every item renders and nothing is recorded.
    """

    def __init__(self, site: Site, cache: BuildCache | None) -> None:
        self.site = site
        self.cache = cache
        self.enabled = cache is not None
        self.previous: dict[str, dict[str, Any]] = {}
        self.records: dict[str, dict[str, Any]] = {}
        self.list_prints: dict[str, str] = {}
        self.old_list_prints: dict[str, str] = {}
        self.rendered = 0
        self.reused = 0
        self.rendered_items: list[Convertible] = []
        """What this build (or the last refresh) rendered, in order."""
        self._stats: dict[str, str] = {}
        self._fingerprints: dict[int, str] = {}
        self._metas: dict[int, str] = {}
        self._data_reprs: dict[int, str] = {}
        self._by_key: dict[str, Convertible] = {}
        self._by_id: dict[int, Convertible] | None = None
        self._fresh: set[str] = set()
        self._reused_ids: set[int] = set()
        self._refreshing = False
        self._decided: dict[int, bool] = {}

    # -- this build's state ----------------------------------------------------

    def begin(self, items: list[Convertible]) -> None:
        """Fingerprint this build's lists and load the previous build's records."""
        if not self.enabled or self.cache is None:
            return
        self._by_key = {item_key(item): item for item in items}
        self.list_prints = self._lists(items)
        # The configuration as it was before this build changed anything in it.
        config_print = self.site.config_digest
        self.list_prints["config"] = config_print
        if self.cache.meta("config") != config_print:
            return
        self.previous = self.cache.items()
        self.old_list_prints = json.loads(self.cache.meta("lists") or "{}")

    def _fingerprint(self, item: Convertible) -> str:
        key = id(item)
        if key not in self._fingerprints:
            self._fingerprints[key] = item_fingerprint(item, self._data_reprs.pop(key, None))
        return self._fingerprints[key]

    def meta_print(self, item: Convertible) -> str:
        """The item's :func:`meta_fingerprint` as this build's lists saw it."""
        return self._meta(item)

    def _meta(self, item: Convertible) -> str:
        key = id(item)
        if key not in self._metas:
            data_repr = self._data_reprs[key] = repr(item.data)  # the fingerprint takes it
            self._metas[key] = meta_fingerprint(item, data_repr)
        return self._metas[key]

    def _lists(self, items: list[Convertible]) -> dict[str, str]:
        # A list changes with its members and their front matter; reading a member's
        # body is tracked separately (Usage.bodies).
        content = self.site.content
        prints = {
            "pages": digest(*(f"{p.relative_path}={self._meta(p)}" for p in content.pages)),
            "static": digest(*(f"{f.relative_path}>{f.url}" for f in content.static_files)),
            "urls": digest(*(f"{item_key(i)}>{i.url}" for i in items)),
            ALL: digest(*(f"{item_key(i)}={self._meta(i)}" for i in items),
                        *(f.relative_path for f in content.static_files)),
        }
        for label, collection in content.collections.items():
            prints[f"collection:{label}"] = digest(
                *(f"{d.relative_path}={self._meta(d)}" for d in collection.docs))
        data_dir = self.site.source / str(self.site.config.get("data_dir") or "_data")
        data_files = sorted(str(p) for p in data_dir.rglob("*") if p.is_file()) if data_dir.is_dir() else []
        prints["data"] = digest(json.dumps(file_fingerprints(data_files), sort_keys=True))
        return prints

    def _neighbours_print(self, item: Convertible) -> str:
        if not isinstance(item, Document):
            return ""
        return digest(*(f"{item_key(d)}={self._fingerprint(d)}" if d is not None else "-"
                        for d in (item.previous, item.next)))

    # -- per item ----------------------------------------------------------------

    def needs_render(self, item: Convertible) -> bool:
        """Whether ``item`` must render (else :meth:`restore` reuses its last output)."""
        known = self._decided.get(id(item))
        if known is None:
            known = self._decided[id(item)] = self._needs_render(item)
        return known

    def _needs_render(self, item: Convertible) -> bool:
        # Everything this reads is fixed for the build once begin() has run.
        if not self.enabled or (isinstance(item, Page) and item.is_generated):
            return True
        if item.extname.lower() in (".sass", ".scss"):
            return True  # its source map page is made while it renders
        record = self.previous.get(item_key(item))
        if record is None or record["volatile"] or record["fingerprint"] != self._fingerprint(item):
            return True
        for name in record["lists"]:
            if self.list_prints.get(name) != self.old_list_prints.get(name):
                return True
        if record["neighbours"] and record["neighbours"] != self._neighbours_print(item):
            return True
        for key, body in record["bodies"].items():
            other = self._by_key.get(key)
            if other is None or body_fingerprint(other) != body:
                return True
        return self._prints(record["files"]) != record["file_prints"]

    def is_reused(self, item: object) -> bool:
        """Whether this build reused the item's last output (it is already on disk)."""
        return id(item) in self._reused_ids

    def reused_size(self, item: Convertible) -> int | None:
        """The UTF-8 size of a reused item's output, when its record has it."""
        size = self.records.get(item_key(item), {}).get("output_size")
        return size if isinstance(size, int) else None

    def file_print(self, path: str) -> str:
        """A file's fingerprint, taken once per build."""
        return self._prints([path])[path]

    def _prints(self, files: list[str]) -> dict[str, str]:
        missing = [f for f in files if f not in self._stats]
        if missing:
            self._stats.update(file_fingerprints(missing))
        return {f: self._stats[f] for f in files}

    def restore(self, item: Convertible) -> None:
        """Reuse the last build's content and output for an unchanged item."""
        key = item_key(item)
        record = self.previous[key]
        # Most reused texts are never read (the file on disk holds the output): they
        # load from the cache when a template or the writer asks for them.
        item.content = DeferredText(lambda: _take_text(record, "content"))
        item.output = DeferredText(lambda: _take_text(record, "output"))
        self._reused_ids.add(id(item))
        self.records[key] = record
        self.reused += 1

    def record(self, item: Convertible, usage: Usage) -> None:
        """Remember what a freshly rendered item used, and its result."""
        self.rendered += 1
        self.rendered_items.append(item)
        if not self.enabled:
            return
        files = sorted(usage.files)
        self._fresh.add(item_key(item))
        if usage.bodies and self._by_id is None:
            self._by_id = {id(i): i for i in self._by_key.values()}
        by_id = self._by_id or {}
        bodies = {item_key(by_id[i]): body_fingerprint(by_id[i]) for i in usage.bodies
                  if i in by_id and by_id[i] is not item}
        output = stored_text(item, "output")  # UTF-8 bytes, or ASCII: len() is the size
        self.records[item_key(item)] = {
            "bodies": bodies,
            "fingerprint": self._fingerprint(item),
            "files": files,
            "file_prints": {path: usage.files[path] for path in files},
            "lists": sorted(usage.lists),
            "neighbours": self._neighbours_print(item) if usage.neighbours else "",
            "volatile": usage.volatile,
            "content": stored_text(item, "content"),
            "output": output,
            "output_size": len(output) if output is not None else 0,
        }

    # -- rendering again in memory (see liquidpy_site.refresh) -------------------

    def start_refresh(self, changed_files: list[str], changed_items: list[Convertible]) -> None:
        """Begin rendering a few items again, in a site kept in memory since its build.

        Args:
            changed_files: Layouts and includes whose text changed.
            changed_items: Pages and documents whose body changed.
        """
        self._refreshing = True
        self._decided = {}
        self._fresh = set()
        self.rendered = self.reused = 0
        self.rendered_items = []
        for path in changed_files:
            self._stats.pop(path, None)
        for item in changed_items:
            self._fingerprints.pop(id(item), None)

    def finish(self) -> None:
        """Store this build's records for the next incremental build."""
        if self.cache is None or not self.enabled:
            return
        if self.previous or self._refreshing:
            fresh = {key: self.records[key] for key in self._fresh if key in self.records}
            self.cache.update_items(fresh, set(self.records))
        else:
            self.cache.replace_items(self.records)
        self.cache.set_meta("config", self.list_prints.get("config", ""))
        self.cache.set_meta("lists", json.dumps(self.list_prints))


def _take_text(record: dict[str, Any], field: str) -> str | bytes | None:
    """A text from a reused record, leaving the record the item's compact copy only."""
    text: str | bytes | None = record[field]
    if isinstance(text, str) and not text.isascii():
        text = record[field] = text.encode("utf-8", "surrogatepass")
    return text
