"""Refreshing a built site in memory after a few of its source files changed.

``liquidpy serve`` keeps the :class:`~liquidpy_site.site.Site` of its last good
build. When every changed file is one the site already knows — the body of a page
or document whose front matter is as it was, a layout, an include, a static file —
only what used it is rendered again, from what the last build recorded (see
:mod:`liquidpy_site.incremental`): nothing else is read, and only the outputs that
rendered again are written. The output is the one a full build would give.

Any other change — a new, deleted or renamed file, changed front matter, data,
configuration, stylesheets, a site with Python hooks — makes
:func:`refresh_in_place` return ``None``; the caller then runs an incremental
build, which handles everything.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from liquidpy_site.incremental import item_key, meta_fingerprint
from liquidpy_site.models import Convertible, Document, Excerpt, Layout, Page, StaticFile
from liquidpy_site.permalinks import assign_document_url, assign_page_url
from liquidpy_site.reading.front_matter import has_front_matter
from liquidpy_site.writer import Writer

if TYPE_CHECKING:
    from liquidpy_site.site import Site

log = logging.getLogger("liquidpy_site")

_STYLESHEETS = (".sass", ".scss")


@dataclass
class Refreshed:
    """What :func:`refresh_in_place` did.

    Attributes:
        rendered: Pages and documents rendered again, in render order.
        written: Destination-relative paths written or copied again.
    """

    rendered: list[Convertible] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


class _NeedsBuild(Exception):
    """The change is beyond a refresh in memory; an incremental build must run."""


@dataclass
class _Changes:
    """The changed files, sorted by what they are to the site."""

    bodies: dict[Convertible, Convertible] = field(default_factory=dict)
    """Known item → the same file read again (same front matter and URL)."""
    layouts: dict[str, Layout] = field(default_factory=dict)
    """Layout name → the layout read again."""
    templates: list[str] = field(default_factory=list)
    """Includes (and ``include_relative`` files) some item used, by absolute path."""
    static: list[StaticFile] = field(default_factory=list)
    """Static files to copy again."""

    def files(self) -> list[str]:
        """The layout and include paths among the changes."""
        return [*self.templates, *(str(layout.path) for layout in self.layouts.values())]


def refresh_in_place(site: Site, paths: Iterable[str]) -> Refreshed | None:
    """Bring a built site up to date after ``paths`` changed, without a build.

    Args:
        site: A site whose last :meth:`~liquidpy_site.site.Site.process` succeeded
            with incremental records (``incremental`` on and a disk cache).
        paths: Absolute paths of the files that changed since.

    Returns:
        What was rendered and written, or ``None`` when the change needs an
        incremental build (nothing was changed then).

    Raises:
        SiteError: Rendering failed; the site is left as it was before the call,
            and nothing was written.
    """
    try:
        _check_refreshable(site)
        order = _render_order(site)
        dependencies = _Dependencies(site.regenerator.records)
        changes = _sort_changes(site, paths, order, dependencies)
        items = _affected(site, changes, order, dependencies)
    except _NeedsBuild as why:
        log.debug("Refresh in memory not possible (%s); building incrementally", why)
        return None
    saved = _Snapshot(site, items, order)
    try:
        _apply(site, changes, items, order)
        for item in items:
            site.render_recorded(item)
    except BaseException:
        saved.restore()
        raise
    site.regenerator.reused = len(order) - len(items)
    written = Writer(site).rewrite([*changes.static, *items])
    site.regenerator.finish()
    if site.cache is not None:
        site.cache.save()
    return Refreshed(items, written)


# -- what changed ---------------------------------------------------------------


def _check_refreshable(site: Site) -> None:
    if not site.regenerator.enabled or not site.regenerator.records or site.factory is None:
        raise _NeedsBuild("no incremental records")
    if site.hooks:
        raise _NeedsBuild("the site has hooks")


class _Dependencies:
    """Who used what in the last build, from its records, by item key."""

    def __init__(self, records: Mapping[str, Mapping[str, Any]]) -> None:
        self.readers: dict[str, set[str]] = {}
        """Item → the items that read its body."""
        self.users: dict[str, set[str]] = {}
        """Layout or include path (as recorded) → the items that used it."""
        self.neighbour_readers: set[str] = set()
        """Items that read ``page.next`` or ``page.previous``."""
        for key, record in records.items():
            for body in record["bodies"]:
                self.readers.setdefault(body, set()).add(key)
            for path in record["files"]:
                self.users.setdefault(path, set()).add(key)
            if record["neighbours"]:
                self.neighbour_readers.add(key)

    def used_files(self) -> dict[str, str]:
        """Every layout and include some item used: real path → path as recorded."""
        return {os.path.realpath(path): path for path in sorted(self.users)}


def _sort_changes(site: Site, paths: Iterable[str], order: list[Convertible],
                  dependencies: _Dependencies) -> _Changes:
    source = os.path.realpath(site.source)
    items = {item.relative_path: item for item in order}
    layouts = {os.path.realpath(layout.path): layout for layout in site.content.layouts.values()}
    statics = {file.relative_path.lstrip("/"): file for file in site.content.static_files}
    used_files = dependencies.used_files()
    changes = _Changes()
    for path in sorted(set(paths)):
        real = os.path.realpath(path)
        if not os.path.isfile(real):
            raise _NeedsBuild(f"{path} is gone")
        relative = os.path.relpath(real, source).replace(os.sep, "/")
        known = False
        item = items.get(relative)
        if item is not None and os.path.realpath(item.path) == real:
            changes.bodies[item] = _read_again(site, item)
            known = True
        if real in layouts:
            changes.layouts[layouts[real].name] = _layout_again(site, layouts[real])
            known = True
        static = statics.get(relative)
        if static is not None and os.path.realpath(static.path) == real:
            changes.static.append(_static_again(static))
            known = True
        if real in used_files:  # an include, or a file include_relative reads
            changes.templates.append(used_files[real])
            known = True
        if not known and not _unused_include(site, real):
            raise _NeedsBuild(f"{path} is not a known page, layout or include")
    return changes


def _unused_include(site: Site, real: str) -> bool:
    """Whether ``real`` is an include no item uses, and none looked for before."""
    folders = [os.path.realpath(folder) + os.sep for folder in site.include_dirs()]
    if not real.startswith(tuple(folders)):
        return False
    return not any(os.path.realpath(path) == real for path in site.includes_looked_for())


def _static_again(file: StaticFile) -> StaticFile:
    """A static file to copy again (it must still have no front matter)."""
    if has_front_matter(file.path):
        raise _NeedsBuild(f"{file.relative_path} has front matter now")
    return file


def _layout_again(site: Site, layout: Layout) -> Layout:
    """The layout's file read again (it must be the layout in use under its name)."""
    if site.content.layouts.get(layout.name) is not layout or site.factory is None:
        raise _NeedsBuild(f"{layout.relative_path} is not the layout in use")
    return site.factory.layout(layout.path, layout.relative_path, layout.name)


def _read_again(site: Site, item: Convertible) -> Convertible:
    """The item's file read again; its front matter and URL must be as they were."""
    factory = site.factory
    assert factory is not None
    if item.extname.lower() in _STYLESHEETS or (isinstance(item, Page) and item.is_generated):
        raise _NeedsBuild(f"{item.relative_path} is a stylesheet or generated")
    if not has_front_matter(item.path):
        raise _NeedsBuild(f"{item.relative_path} has no front matter now")
    if id(item) in site.prepared_content:
        raise _NeedsBuild(f"a generator changed {item.relative_path} before it rendered")
    fresh: Convertible
    if isinstance(item, Document):
        collection = site.content.collections[item.collection]
        fresh = factory.document(item.path, item.relative_path, collection, item.is_draft,
                                 remember=False)
        assign_document_url(fresh, collection, site)
    else:
        assert isinstance(item, Page)
        fresh = factory.page(item.path, item.relative_path)
        assign_page_url(fresh, site)
    if fresh.url != item.url or meta_fingerprint(fresh) != site.regenerator.meta_print(item):
        raise _NeedsBuild(f"the front matter of {item.relative_path} changed")
    return fresh


# -- what must render again -----------------------------------------------------------


def _render_order(site: Site) -> list[Convertible]:
    return [*site.documents(), *site.content.pages]


def _affected(site: Site, changes: _Changes, order: list[Convertible],
              dependencies: _Dependencies) -> list[Convertible]:
    """The items to render again, in render order: users of what changed, and their readers."""
    records = site.regenerator.records
    position = {item_key(item): index for index, item in enumerate(order)}
    readers, neighbour_readers = dependencies.readers, dependencies.neighbour_readers
    wanted = {item_key(item) for item in changes.bodies}
    for item in changes.bodies:
        # page.next and page.previous show a neighbour's source (its output is a body read).
        if isinstance(item, Document):
            wanted.update(item_key(n) for n in (item.previous, item.next)
                          if n is not None and item_key(n) in neighbour_readers)
    for path in changes.files():
        wanted.update(dependencies.users.get(path, ()))
    queue = list(wanted)
    while queue:
        for other in readers.get(queue.pop(), set()) - wanted:
            wanted.add(other)
            queue.append(other)
    missing = [key for key in wanted if key not in position or key not in records]
    if missing:
        raise _NeedsBuild(f"no record of {missing[0]}")
    for key in wanted:
        for body in records[key]["bodies"]:
            # A full build renders this item before that one, and so shows its source text.
            if body not in wanted and position.get(body, -1) > position[key]:
                raise _NeedsBuild(f"{key} reads a later item's body")
    return [order[index] for index in sorted(position[key] for key in wanted)]


# -- changing the site ------------------------------------------------------------------


def _apply(site: Site, changes: _Changes, items: list[Convertible], order: list[Convertible]) -> None:
    """Put the changed files in place and set the items to render back to their source."""
    site.regenerator.start_refresh(changes.files(), list(changes.bodies))
    site.content.layouts.update(changes.layouts)
    for path in changes.files():
        site.forget_include(path)
    for plugin in site.plugins:
        forget = getattr(plugin, "forget_outputs", None)
        if forget is not None:
            forget()
    for item, fresh in changes.bodies.items():
        item.raw_content = fresh.raw_content
        item.content_line = fresh.content_line
        if isinstance(item, Page | Document) and isinstance(fresh, Page | Document):
            excerpt = fresh.excerpt
            item.excerpt = Excerpt(doc=item, content=excerpt.content) if excerpt is not None else None
    for item in order:
        excerpt = getattr(item, "excerpt", None)
        if excerpt is not None:
            excerpt.output = None  # rendered again when a template asks for it
    for item in items:
        item.content = site.prepared_content.get(id(item), item.raw_content)
        item.output = None


class _Snapshot:
    """The parts of a site a refresh changes, to put back when rendering fails."""

    def __init__(self, site: Site, items: list[Convertible], order: list[Convertible]) -> None:
        self.site = site
        self.layouts = dict(site.content.layouts)
        self.records = {item_key(item): site.regenerator.records.get(item_key(item)) for item in items}
        self.items = [(item, item.raw_content, item.content, item.content_line, item.output,
                       getattr(item, "excerpt", None)) for item in items]
        self.excerpts: list[tuple[Excerpt, Any]] = [
            (excerpt, excerpt.output) for item in order
            if (excerpt := getattr(item, "excerpt", None)) is not None]

    def restore(self) -> None:
        """Put everything back as it was."""
        site = self.site
        site.content.layouts.clear()
        site.content.layouts.update(self.layouts)
        for item, raw, content, line, output, excerpt in self.items:
            item.raw_content, item.content, item.content_line, item.output = raw, content, line, output
            if isinstance(item, Page | Document):
                item.excerpt = excerpt
        for excerpt, output in self.excerpts:
            excerpt.output = output
        for key, record in self.records.items():
            if record is not None:
                site.regenerator.records[key] = record
