"""Converting Markdown ahead of the render pass, in worker processes.

Jekyll renders items one after another, and a document's converted content is
visible to the templates rendered after it, so the render pass stays
sequential. The Markdown of a body without Liquid is known before that pass,
though: :class:`ConversionPool` hands such bodies to a
:class:`concurrent.futures.Executor` in small chunks, in render order, and the
converter takes each result when the sequential pass reaches it. Conversion
has no side effects, so the output is the same with or without the pool.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from typing import Any

__all__ = ["ConversionPool", "StartedOnFirstUse", "convert_chunk", "default_jobs"]

_CHUNK_CHARS = 48_000
_CHUNK_TEXTS = 24
_converters: dict[str, Any] = {}


def default_jobs() -> int:
    """The number of worker processes used when ``jobs`` is not configured: the core count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def options_key(options: Mapping[str, Any]) -> str:
    """A stable text naming a set of converter options."""
    return json.dumps(options, sort_keys=True, default=str)


def convert_chunk(options: dict[str, Any], texts: list[str]) -> list[str | None]:
    """Convert Markdown texts in a worker (``None`` for a text that failed).

    A failure is left for the sequential pass to meet again, so that its error
    is reported as if there were no pool.
    """
    key = options_key(options)
    converter = _converters.get(key)
    if converter is None:
        from liquidpy_site.markdown import MarkdownConverter as Kramdown

        converter = _converters[key] = Kramdown(options)
    results: list[str | None] = []
    for text in texts:
        try:
            results.append(converter.convert(text))
        except Exception:  # noqa: BLE001 - the sequential pass reports it
            results.append(None)
    return results


class StartedOnFirstUse(Executor):
    """An executor that ``start`` makes when work is first submitted to it.

    A build that finds everything in its cache then never starts (or imports)
    a process pool.
    """

    def __init__(self, start: Callable[[], Executor]) -> None:
        self._start = start
        self._executor: Executor | None = None

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Submit ``fn(*args, **kwargs)`` to the executor, starting it first if need be."""
        if self._executor is None:
            self._executor = self._start()
        return self._executor.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Shut the executor down, if it was started."""
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=cancel_futures)


class ConversionPool:
    """Markdown conversions running in an executor, looked up by source text.

    Args:
        executor: Runs :func:`convert_chunk` (usually a process pool).
        options: The converter's options; results apply only to these.
    """

    def __init__(self, executor: Executor, options: dict[str, Any]) -> None:
        self.executor = executor
        self.options = options
        self.key = options_key(options)
        self._pending: dict[str, tuple[Future[list[str | None]], int]] = {}

    def submit(self, texts: Iterable[str], *, at_least: int = 0) -> int:
        """Queue texts for conversion in chunks, keeping their order; returns how many.

        Nothing is queued unless the texts hold ``at_least`` characters in all:
        starting workers for less would cost more than it saves.
        """
        queued: set[str] = set()
        chunks: list[list[str]] = [[]]
        size = total = 0
        for text in texts:
            if text in self._pending or text in queued:
                continue
            queued.add(text)
            chunks[-1].append(text)
            size += len(text)
            total += len(text)
            if size >= _CHUNK_CHARS or len(chunks[-1]) >= _CHUNK_TEXTS:
                chunks.append([])
                size = 0
            if total >= at_least:
                self._submit_chunks(chunks[:-1])
                del chunks[:-1]
        if total < at_least:
            return 0
        self._submit_chunks(chunks)
        return len(queued)

    def _submit_chunks(self, chunks: list[list[str]]) -> None:
        for chunk in chunks:
            if chunk:
                self._submit_chunk(chunk)

    def _submit_chunk(self, chunk: list[str]) -> None:
        future = self.executor.submit(convert_chunk, self.options, chunk)
        for index, text in enumerate(chunk):
            self._pending[text] = (future, index)

    def take(self, text: str, key: str) -> str | None:
        """The converted text when it was queued with options ``key``, else ``None``."""
        entry = self._pending.pop(text, None)
        if entry is None or key != self.key:
            return None
        future, index = entry
        try:
            return future.result()[index]
        except Exception:  # noqa: BLE001 - a broken worker: convert in this process
            return None

    def close(self) -> None:
        """Forget what was not taken and cancel conversions not started."""
        for future, _ in self._pending.values():
            future.cancel()
        self._pending.clear()


def convertible_texts(site: Any, items: Iterable[Any]) -> Iterator[str]:
    """Bodies (after Liquid) and excerpts of ``items`` for the site's Markdown converter.

    Bodies with Liquid are rendered ahead (see
    :meth:`~liquidpy_site.rendering.renderer.Renderer.render_body_ahead`); a body
    whose early render fails is left out. Texts the persistent cache holds
    already are left out too, and when it holds nearly every body without
    Liquid, bodies with Liquid are not rendered ahead: they are most likely
    cached as well. Order is render order.
    """
    from liquidpy_site.rendering.converters import find_converter
    from liquidpy_site.rendering.renderer import has_liquid

    markdown = site.markdown
    options = markdown.planned_options()
    chosen = [item for item in items
              if find_converter(site.converters, item.extname) is markdown
              and site.regenerator.needs_render(item)]
    plain = [item for item in chosen if not site.renderer.uses_liquid(item)]
    missing = {id(item) for item in plain if not markdown.is_cached(item.content, options)}
    ahead = not plain or len(missing) > _WARM_SHARE * len(plain)
    for item in chosen:
        if site.renderer.uses_liquid(item):
            body = site.renderer.render_body_ahead(item) if ahead else None
            if body is not None and not markdown.is_cached(body, options):
                yield body
        elif id(item) in missing:
            yield item.content
        excerpt = getattr(getattr(item, "excerpt", None), "content", None)
        liquid = item.data.get("render_with_liquid") is not False
        if isinstance(excerpt, str) and not (liquid and has_liquid(excerpt)) \
                and not markdown.is_cached(excerpt, options):
            yield excerpt


_WARM_SHARE = 0.1
"""The persistent cache is warm when it misses at most this share of the bodies without Liquid."""
