"""Rendering whole items ahead of the render pass, in forked worker processes.

Jekyll renders items one after another, and a template may read what an
earlier item rendered (``post.content`` is the converted body once the post
has rendered). Most items read nothing of the kind: a post's layout reads its
own page, the site's lists and data, its neighbours' titles. So, on systems
that can fork, the worker processes are started *after* the site is read and
generated — each holds the same site — and render items on their own, in
render order, while the main process walks the render pass:

* an item rendered ahead is taken as it came out (content, output, and the
  record of what it read), when its render read no other item's content,
  output or excerpt, logged nothing and raised nothing;
* any other item is rendered in the main process, as without workers.

Since an item taken from a worker read only what the render pass cannot change,
its result is the one the render pass would have made; the tests compare builds
with and without workers byte for byte.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from liquidpy_site.incremental import Usage
from liquidpy_site.models import Convertible, stored_text

if TYPE_CHECKING:
    from liquidpy_site.site import Site

__all__ = ["MIN_ITEMS_AHEAD", "RenderedAhead", "RenderingAhead", "can_render_ahead",
           "take_rendered"]

_CHUNK = 12
MIN_ITEMS_AHEAD = 48
"""Fewer items than this render in the build process (forking would cost more)."""


@dataclass
class RenderedAhead:
    """One item as a worker rendered it."""

    content: str | bytes | None
    output: str | bytes | None
    excerpt: str | None
    usage: Usage
    conversions: list[tuple[str, str]] = field(default_factory=list)
    """Markdown conversions the worker made, for the persistent cache (key, HTML)."""


def can_render_ahead(site: Site, items: Sequence[Convertible]) -> bool:
    """Whether this build may render ``items`` ahead in forked workers.

    Not with an executor given by the caller (it may be a cluster), one job, no
    ``fork``, other threads running (a server), Python hooks or plugins (they may
    keep state), the profiler, a Markdown converter other than kramdown's, or a
    site too small to be worth it.
    """
    if site.executor is not None or site.jobs() < 2 or len(items) < MIN_ITEMS_AHEAD:
        return False
    import multiprocessing  # not imported by a build that renders nothing

    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return False
    if site.hooks or site.profiler is not None or site.has_python_plugins():
        return False
    from liquidpy_site.rendering.converters import MarkdownConverter

    return type(site.markdown) is MarkdownConverter


class RenderingAhead:
    """Worker processes forked from the built-so-far site, rendering items in order.

    Args:
        site: The site, read and generated, its first Markdown converted (which
            completes ``site.kramdown``); the workers are copies of it.
        items: The items the render pass will render, in its order.
        complete_markdown_options: The first Markdown conversion is still to come,
            in the render pass, before ``items``: the workers complete
            ``site.kramdown`` as it will.
    """

    def __init__(self, site: Site, items: Sequence[Convertible], *,
                 complete_markdown_options: bool = False) -> None:
        global _FORKED
        self.site = site
        self._futures: dict[int, tuple[Future[list[RenderedAhead | None]], int]] = {}
        if site.cache is not None:
            site.cache.share_with_readers()
        _FORKED = (site, list(items), complete_markdown_options)
        try:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=site.jobs(),
                                             mp_context=multiprocessing.get_context("fork"),
                                             initializer=_start_worker)
            for start in range(0, len(items), _CHUNK):
                positions = list(range(start, min(start + _CHUNK, len(items))))
                future = self._pool.submit(_render_chunk, positions)
                for index, position in enumerate(positions):
                    self._futures[id(items[position])] = (future, index)
        finally:
            _FORKED = None  # the workers hold their copy; the pool is forked on first submit

    def take(self, item: Convertible) -> RenderedAhead | None:
        """The item as a worker rendered it, or ``None`` to render it here."""
        entry = self._futures.pop(id(item), None)
        if entry is None:
            return None
        future, index = entry
        try:
            return future.result()[index]
        except Exception:  # noqa: BLE001 - a broken worker: render in this process
            return None

    def close(self) -> None:
        """Stop the workers (what was not taken is dropped)."""
        self._futures.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self.site.cache is not None:
            self.site.cache.stop_sharing()


def take_rendered(site: Site, item: Convertible, rendered: RenderedAhead) -> Usage:
    """Give ``item`` what a worker rendered for it; returns what its render read."""
    item.content = rendered.content
    item.output = rendered.output
    excerpt = getattr(item, "excerpt", None)
    if rendered.excerpt is not None and excerpt is not None and excerpt.output is None:
        excerpt.output = rendered.excerpt
    if site.cache is not None:
        for key, html in rendered.conversions:
            site.cache.store_markdown(key, html)
    return rendered.usage


# -- in the worker ----------------------------------------------------------------

_FORKED: tuple[Site, list[Convertible], bool] | None = None
_WORKER: dict[str, Any] = {}


def _start_worker() -> None:
    """Set a forked worker up: its own cache connection, logging only noticed."""
    site, items, complete_markdown_options = _FORKED  # type: ignore[misc]
    _WORKER["site"], _WORKER["items"] = site, items
    if complete_markdown_options:
        site.markdown.complete_options()
    if site.cache is not None:
        conversions: list[tuple[str, str]] = []
        _WORKER["conversions"] = conversions
        # The parent's connection must not be used here; kept referenced, never closed.
        _WORKER["parent_connection"] = site.cache.detach()
        site.cache.store_markdown = lambda key, html: conversions.append((key, html))  # type: ignore[method-assign]
    _WORKER["logged"] = False

    def notice(_logger: logging.Logger, _record: logging.LogRecord) -> None:
        _WORKER["logged"] = True

    logging.Logger.handle = notice  # type: ignore[method-assign,assignment]


def _render_chunk(positions: list[int]) -> list[RenderedAhead | None]:
    items: list[Convertible] = _WORKER["items"]
    return [_render_alone(items[position]) for position in positions]


def _render_alone(item: Convertible) -> RenderedAhead | None:
    from liquidpy_site.rendering.renderer import ReadAnotherBody, RefusingUsage

    site: Site = _WORKER["site"]
    conversions: list[tuple[str, str]] = _WORKER.get("conversions", [])
    conversions.clear()
    _WORKER["logged"] = False
    usage = RefusingUsage(item)
    site.usage = usage  # type: ignore[assignment]
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            site.renderer.render(item)
    except (Exception, ReadAnotherBody):  # noqa: BLE001 - the render pass meets it again
        return None
    finally:
        site.usage = None
    if _WORKER["logged"] or caught:
        return None
    excerpt = getattr(item, "excerpt", None)
    return RenderedAhead(
        content=stored_text(item, "content"),
        output=stored_text(item, "output"),
        excerpt=excerpt.output if excerpt is not None else None,
        usage=Usage(files=dict(usage.files), lists=set(usage.lists),
                    neighbours=usage.neighbours, volatile=usage.volatile),
        conversions=list(conversions),
    )
