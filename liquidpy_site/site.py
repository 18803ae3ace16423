"""The Site: one build, as Jekyll's pipeline of stages."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import importlib.util
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from liquid import BoundTemplate, Mode, StrictUndefined
from liquid.exceptions import LiquidError

from liquidpy_site import permalinks
from liquidpy_site.cache import CACHE_DIR, BuildCache
from liquidpy_site.config import apply_timezone
from liquidpy_site.errors import ConfigError
from liquidpy_site.fingerprint import build_fingerprint
from liquidpy_site.hooks import Hooks
from liquidpy_site.incremental import Regenerator, Usage
from liquidpy_site.models import Convertible, Document, Layout, StaticFile, stored_text
from liquidpy_site.profiler import Profiler
from liquidpy_site.reading.ahead import parse_front_matter_ahead
from liquidpy_site.reading.documents import DocumentFactory
from liquidpy_site.reading.front_matter import FrontMatterStore
from liquidpy_site.reading.memo import DocumentMemo
from liquidpy_site.reading.publishing import Publisher
from liquidpy_site.reading.reader import Reader, SiteContent
from liquidpy_site.reading.theme_assets import read_theme_assets
from liquidpy_site.rendering.converters import IdentityConverter, MarkdownConverter, find_converter
from liquidpy_site.rendering.drops import DropFactory, JekyllDrop, SiteDrop
from liquidpy_site.rendering.forked import (
    MIN_ITEMS_AHEAD,
    RenderingAhead,
    can_render_ahead,
    take_rendered,
)
from liquidpy_site.rendering.liquid_env import JekyllEnvironment
from liquidpy_site.rendering.parallel import (
    ConversionPool,
    StartedOnFirstUse,
    convertible_texts,
    default_jobs,
)
from liquidpy_site.rendering.renderer import Renderer, liquid_error
from liquidpy_site.rendering.tags.include import register_include_tags
from liquidpy_site.text import InvalidDate, parse_date
from liquidpy_site.write_ahead import WriteAhead
from liquidpy_site.writer import Writer, is_missing_or_empty, output_path

log = logging.getLogger("liquidpy_site")

_MIN_POOL_CHARS = 160_000
"""Less Markdown to convert than this (about 50 ms of work) converts faster without
starting worker processes; an executor given by the caller is used for any amount."""


class Site:
    """A Jekyll site and one build of it.

    Args:
        config: The loaded configuration (see :func:`liquidpy_site.config.load_config`).
        executor: Converts Markdown ahead of the render pass (default: a process
            pool of ``jobs`` workers, none when ``jobs`` is 1).
    """

    def __init__(self, config: dict[str, Any], *, profile: bool = False,
                 progress: Callable[[str, int, int], None] | None = None,
                 executor: Executor | None = None) -> None:
        self.source = Path(config["source"])
        self.theme = self._resolve_theme(config)
        self.config = self._with_theme_config(config)
        # Taken first: building fills in parts of the configuration (kramdown's options).
        self.config_digest = build_fingerprint(self.config)
        self.destination = Path(self.config["destination"])
        _check_destination(self.source, self.destination)
        apply_timezone(self.config)
        self.environment = os.environ.get("JEKYLL_ENV") or "development"
        self.time = self._site_time()
        self.publisher = Publisher(self.config, self.time)
        self.content = SiteContent()
        self.hooks = Hooks()
        self.cache = None if self.config.get("disable_disk_cache") else BuildCache(
            self.source / CACHE_DIR)
        self.usage: Usage | None = None
        self.regenerator = Regenerator(self, self.cache)
        self.plugins = self._load_plugins()
        self.converters: list[Any] = self._make_converters()
        self.markdown = next(c for c in self.converters if isinstance(c, MarkdownConverter))
        self.liquid = self._make_liquid()
        self.drops = DropFactory(self)
        self.site_drop = SiteDrop(self, self.drops)
        self.jekyll_drop = JekyllDrop(self.environment)
        self.theme_drop: Any = None
        self.renderer = Renderer(self)
        self._includes: dict[Path, BoundTemplate] = {}
        self._include_files: dict[tuple[Path, str], Path | None] = {}
        """Include files looked up: (folder, name) → the file, or ``None`` where it is not."""
        self._include_names: dict[int, tuple[str, str]] = {}
        self.profiler = Profiler() if profile else None
        self.progress = progress
        self.executor = executor
        self._own_executor: Executor | None = None
        self._post_index: tuple[list[Document], int, dict[str, list[tuple[str, Document]]]] | None = None
        self.factory: DocumentFactory | None = None
        """Reads single files as the last read did (for :mod:`liquidpy_site.refresh`)."""
        self._ahead: RenderingAhead | None = None
        self._ahead_plan: list[Convertible] | None = None
        self.prepared_content: dict[int, str] = {}
        """Bodies a generator changed before rendering, by item ``id`` (rendering starts there)."""
        self.outputs: dict[str, Convertible | StaticFile] = {}
        """What the last write produced: destination-relative path → source."""
        self.written_ahead: WriteAhead | None = None
        """During :meth:`process`: outputs written beside their destinations as items render."""
        self._rendered_unwritten: list[Convertible] = []
        self.hooks.trigger("site", "after_init", self)

    # -- the pipeline ----------------------------------------------------------

    def process(self) -> list[str]:
        """Read, generate, render and write the site.

        Returns:
            The destination-relative paths written.
        """
        self.reset()
        with _long_lived_objects_kept_aside() as keep_aside, self._writing_ahead() as begin_writing:
            try:
                self.read()
                keep_aside()
                self.generate()
                begin_writing()
                self.render()
            finally:
                self._release_executor()
            return self.write()

    @contextlib.contextmanager
    def _writing_ahead(self) -> Iterator[Callable[[], None]]:
        """Write outputs ahead from the call given on (see :mod:`liquidpy_site.write_ahead`).

        Whatever was written ahead and not moved into place is removed, however
        the build ends.
        """
        def begin() -> None:
            self.written_ahead = WriteAhead(str(self.destination),
                                            in_place=is_missing_or_empty(self.destination))

        try:
            yield begin
        finally:
            if self.written_ahead is not None:
                self.written_ahead.discard()
                self.written_ahead = None
            self._rendered_unwritten = []

    def reset(self) -> None:
        """Forget everything read or rendered before."""
        self.content = SiteContent()
        self.drops = DropFactory(self)
        self.site_drop = SiteDrop(self, self.drops)
        self.renderer = Renderer(self)
        self._includes = {}
        self._include_files = {}
        self._include_names = {}
        self.prepared_content = {}
        self.regenerator = Regenerator(self, self.cache)
        self.hooks.trigger("site", "after_reset", self)

    def read(self) -> None:
        """Read the source into models and give every item its URL."""
        theme_root = self.theme.root if self.theme is not None else None
        store = FrontMatterStore(self.cache)
        executor = self._work_executor()
        if executor is not None:
            try:
                parse_front_matter_ahead(store, executor, self.source,
                                         [self.destination, self.source / CACHE_DIR])
            except BaseException:
                self._release_executor()
                raise
        memo = DocumentMemo(self.cache, self.config_digest) if self.cache is not None else None
        reader = Reader(self.config, self.time, theme_root, front_matter=store, memo=memo)
        self.content = reader.read()
        self.factory = reader.factory
        self._merge_theme_data()
        if self.theme is not None:
            read_theme_assets(self.content, self.theme, reader.factory)
        self.assign_urls(memo)
        if memo is not None:
            memo.keep_read()
        self._link_neighbours()
        self._limit_posts()
        if self.hooks:
            for item in self._all_items():
                self.hooks.trigger_item(item, "post_init")
        self.hooks.trigger("site", "post_read", self)

    def generate(self) -> None:
        """Run generators (plugins that add pages or documents)."""
        for plugin in self.plugins:
            generate = getattr(plugin, "generate", None)
            if generate is not None:
                generate(self)
        self.site_drop.invalidate()

    def render(self) -> None:
        """Render every document, then every page (Jekyll's order)."""
        self.hooks.trigger("site", "pre_render", self, self.site_drop)
        docs = self.documents()
        total = len(docs) + len(self.content.pages)
        self.regenerator.begin([*docs, *self.content.pages])
        to_render = [item for item in (*docs, *self.content.pages) if self.regenerator.needs_render(item)]
        self._ahead_plan = to_render if can_render_ahead(self, to_render) else None
        if self._ahead_plan is not None:
            self._release_executor()  # no pool's threads may run while the workers fork
        with self._converting_ahead([] if self._ahead_plan is not None else to_render):
            done = 0
            for doc in docs:
                self._render_item(doc)
                done += 1
                self._report("Rendering", done, total)
            # Rendering can add pages (a stylesheet's source map); they are visited too.
            for page in self.content.pages:
                if page.is_generated and page.output is not None:
                    continue
                self._render_item(page)
                done += 1
                self._report("Rendering", done, max(total, done))
        for plugin in self.plugins:
            post_render = getattr(plugin, "post_render", None)
            if post_render is not None:
                post_render(self)
        self.hooks.trigger("site", "post_render", self, self.site_drop)

    def write(self) -> list[str]:
        """Write outputs and static files; remove obsolete files."""
        writer = Writer(self, self.written_ahead)
        written = writer.write()
        self.outputs = writer.files
        self.hooks.trigger("site", "post_write", self)
        self.regenerator.finish()
        if self.cache is not None:
            self.cache.save()
        return written

    @contextlib.contextmanager
    def _converting_ahead(self, items: list[Convertible]) -> Iterator[None]:
        """Convert Markdown bodies in worker processes while the render pass runs."""
        markdown_items = sum(1 for item in items if self.markdown.matches(item.extname)) \
            if getattr(self.markdown, "parallel", True) else 0
        executor = self._work_executor() if markdown_items else None
        pool = ConversionPool(executor, self.markdown.planned_options()) if executor is not None else None
        self.markdown.pool = pool
        try:
            if pool is not None:
                pool.submit(convertible_texts(self, items),
                            at_least=0 if self.executor is not None else _MIN_POOL_CHARS)
            yield
        finally:
            self.markdown.pool = None
            if pool is not None:
                pool.close()
            self._ahead_plan = None
            if self._ahead is not None:
                self._ahead.close()
                self._ahead = None
            self._release_executor()

    def _work_executor(self) -> Executor | None:
        """The executor for work done ahead: the one given, else a process pool when ``jobs`` > 1."""
        if self.executor is not None:
            return self.executor
        if self._own_executor is None and self.jobs() > 1:
            self._own_executor = StartedOnFirstUse(self._process_pool)
        return self._own_executor

    def _process_pool(self) -> Executor:
        from concurrent.futures import ProcessPoolExecutor  # loads only when work is shared

        return ProcessPoolExecutor(max_workers=self.jobs())

    def _release_executor(self) -> None:
        if self._own_executor is not None:
            self._own_executor.shutdown(wait=True, cancel_futures=True)
            self._own_executor = None

    def jobs(self) -> int:
        """Worker processes for Markdown conversion: ``jobs`` from the configuration, else the cores."""
        configured = self.config.get("jobs")
        try:
            return max(1, int(configured)) if configured is not None else default_jobs()
        except (TypeError, ValueError) as err:
            raise ConfigError(f"jobs must be a whole number, not {configured!r}") from err

    def _all_items(self) -> list[Convertible]:
        items: list[Convertible] = list(self.content.pages)
        for collection in self.content.collections.values():
            items.extend(collection.docs)
        return items

    def documents(self) -> list[Document]:
        """Every document of every collection, in render order."""
        return [doc for collection in self.content.collections.values() for doc in collection.docs]

    def _render_item(self, item: Convertible) -> None:
        if not self.regenerator.needs_render(item):
            self.regenerator.restore(item)
            return
        if self._ahead_plan is not None:
            self._start_rendering_ahead(item)
        rendered = self._ahead.take(item) if self._ahead is not None else None
        if rendered is None:
            self.render_recorded(item)
        else:
            self._note_prepared_content(item)
            self.regenerator.record(item, take_rendered(self, item, rendered))
        self._write_ahead(item)

    def _write_ahead(self, item: Convertible) -> None:
        """Offer ``item``'s output to be written ahead, once no render worker is still to fork."""
        if self.written_ahead is None:
            return
        self._rendered_unwritten.append(item)
        if self._ahead_plan is not None:
            return  # the writing thread may not run while the workers fork
        for rendered in self._rendered_unwritten:
            relative = output_path(self, rendered)
            if relative is not None:
                self.written_ahead.offer(relative, rendered, stored_text(rendered, "output"))
        self._rendered_unwritten.clear()

    def _start_rendering_ahead(self, item: Convertible) -> None:
        """Fork the render workers at ``item``, once ``site.kramdown`` is completed from there on.

        Jekyll completes the kramdown options on the first Markdown conversion; until
        one has happened, items render in this process, so that templates read
        ``site.kramdown`` as they would in Jekyll. The first Markdown item renders
        here too, while the workers, which take over after it, complete the options
        as its conversion will.
        """
        converted = self.markdown.has_converted()
        if not converted and find_converter(self.converters, item.extname) is not self.markdown:
            return
        plan, self._ahead_plan = self._ahead_plan or [], None
        start = next((index for index, planned in enumerate(plan) if planned is item), None)
        if start is not None and not converted:
            start += 1  # this item renders here, and converts
        if start is not None and len(plan) - start >= MIN_ITEMS_AHEAD:
            self._ahead = RenderingAhead(self, plan[start:], complete_markdown_options=not converted)

    def _note_prepared_content(self, item: Convertible) -> None:
        if stored_text(item, "content") != stored_text(item, "raw_content"):  # compared as held
            self.prepared_content[id(item)] = item.content

    def has_python_plugins(self) -> bool:
        """Whether the site loaded Python plugins (``_plugins/*.py`` or installed ones)."""
        from liquidpy_site.plugin_api import PluginAPI

        return any(isinstance(plugin, PluginAPI) for plugin in self.plugins)

    def render_recorded(self, item: Convertible) -> None:
        """Render one item, recording what it reads for incremental builds."""
        self._note_prepared_content(item)
        self.usage = Usage()
        try:
            self.renderer.render(item)
        finally:
            usage, self.usage = self.usage, None
        self.regenerator.record(item, usage)

    # -- what the item being rendered reads (for incremental builds) ----------

    def note_file(self, path: Path | str) -> None:
        """The item being rendered used this layout or include."""
        if self.usage is not None and str(path) not in self.usage.files:
            self.usage.files[str(path)] = self.regenerator.file_print(str(path))

    def note_list(self, name: str) -> None:
        """The item being rendered read a site-wide list (see :class:`Usage`)."""
        if self.usage is not None:
            self.usage.lists.add(name)

    def note_body(self, item: object) -> None:
        """The item being rendered read another item's content, output or excerpt."""
        if self.usage is not None:
            self.usage.bodies.add(id(item))

    def note_neighbours(self) -> None:
        """The item being rendered read ``page.next`` or ``page.previous``."""
        if self.usage is not None:
            self.usage.neighbours = True

    def note_time(self) -> None:
        """The item being rendered read ``site.time`` (volatile unless fixed)."""
        if self.usage is not None and self.config.get("time") is None:
            self.usage.volatile = True

    def _report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    # -- URLs ------------------------------------------------------------------

    def assign_urls(self, memo: DocumentMemo | None = None) -> None:
        """Compute output extensions and URLs of pages, documents and files.

        A document the ``memo`` gave back keeps those it had in the last build.
        """
        for page in self.content.pages:
            permalinks.assign_page_url(page, self)
        for collection in self.content.collections.values():
            for doc in collection.docs:
                if memo is None or not memo.has_url(doc):
                    permalinks.assign_document_url(doc, collection, self)
            for file in collection.files:
                permalinks.assign_collection_file_url(file, collection, self)

    def output_ext_for(self, item: Convertible) -> str:
        """The output extension: the permalink's, or the converter's."""
        link = item.data.get("permalink")
        if isinstance(link, str) and link and not link.endswith("/"):
            ext = os.path.splitext(link)[1]
            if ext:
                return ext
        for converter in self.converters:
            if converter.matches(item.extname):
                return str(converter.output_ext(item.extname))
        return item.extname

    def _link_neighbours(self) -> None:
        for collection in self.content.collections.values():
            docs = collection.docs
            for index, doc in enumerate(docs):
                doc.previous = docs[index - 1] if index > 0 else None
                doc.next = docs[index + 1] if index + 1 < len(docs) else None

    def _limit_posts(self) -> None:
        limit = int(self.config.get("limit_posts") or 0)
        if limit < 0:
            raise ConfigError("limit_posts must be a non-negative number")
        if limit:
            posts = self.content.collections["posts"]
            posts.docs = posts.docs[-limit:]

    # -- for tags and filters -------------------------------------------------

    def url_for_path(self, relative_path: str) -> str | None:
        """The URL of a page, document or static file by its source path."""
        self.note_list("urls")
        wanted = relative_path.lstrip("/")
        for page in self.content.pages:
            if page.relative_path == wanted:
                return page.url
        for collection in self.content.collections.values():
            for doc in collection.docs:
                if doc.relative_path == wanted:
                    return doc.url
        for file in self.content.static_files:
            if file.relative_path.lstrip("/") == wanted:
                return file.url
        return None

    def post_url(self, name: str) -> str | None:
        """The URL of the post named ``name`` (``2020-01-02-slug``)."""
        self.note_list("urls")
        for stem, doc in self._posts_named(name.rsplit("/", 1)[-1]):
            if stem.endswith("/" + name) or stem == name or stem.endswith("_posts/" + name):
                return doc.url
        return None

    def _posts_named(self, basename: str) -> list[tuple[str, Document]]:
        """Posts whose file name (without extension) is ``basename``, in order."""
        docs = self.content.collections["posts"].docs
        index = self._post_index
        if index is None or index[0] is not docs or index[1] != len(docs):
            by_name: dict[str, list[tuple[str, Document]]] = {}
            for doc in docs:
                stem = doc.relative_path.rsplit(".", 1)[0]
                by_name.setdefault(stem.rsplit("/", 1)[-1], []).append((stem, doc))
            index = self._post_index = (docs, len(docs), by_name)
        return index[2].get(basename, [])

    def registers(self, source: Convertible | Layout) -> dict[str, Any]:
        """What the include tags need to know while ``source`` renders."""
        return {
            "site": self,
            "source": str(self.source),
            "page_path": str(source.path),
            "include_dirs": self.include_dirs(),
            "load_include": self.load_include,
            "include_files": self._include_files,
        }

    def include_dirs(self) -> list[Path]:
        """The site's includes folder, then the theme's."""
        dirs = [self.source / str(self.config.get("includes_dir") or "_includes")]
        if self.theme is not None and self.theme.includes_dir is not None:
            dirs.append(self.theme.includes_dir)
        return dirs

    def load_include(self, path: Path) -> BoundTemplate:
        """Parse an include file once per build."""
        template = self._includes.get(path)
        if template is None:
            text = path.read_text(encoding="utf-8-sig")
            name = self._display_path(path)
            try:
                template = self.liquid.from_string(text, name=name)
            except LiquidError as err:
                raise liquid_error(err, name, 1, text) from err
            self._includes[path] = template
            self._include_names[id(text)] = (text, name)
        return template

    def forget_include(self, path: Path | str) -> None:
        """Parse an include file again when it is next used (its text changed)."""
        self._includes.pop(Path(path), None)

    def includes_looked_for(self) -> list[Path]:
        """Include paths looked up this build and not found there."""
        return [folder / name for (folder, name), found in self._include_files.items() if found is None]

    def include_name_for(self, text: str) -> str | None:
        """The include file whose template text this is (for error messages)."""
        entry = self._include_names.get(id(text))
        return entry[1] if entry is not None and entry[0] is text else None

    def publishes(self, doc: Document) -> bool:
        """Whether a document is written (published and not in the future)."""
        return self.publisher.publish(doc)

    def _display_path(self, path: Path) -> str:
        try:
            return path.relative_to(self.source).as_posix()
        except ValueError:
            return str(path)

    # -- set-up ----------------------------------------------------------------

    def _site_time(self) -> dt.datetime:
        configured = self.config.get("time")
        if configured is None:
            return dt.datetime.now().astimezone()
        try:
            return parse_date(configured)
        except InvalidDate as err:
            raise ConfigError(f"Invalid time in configuration: {configured}") from err

    def _resolve_theme(self, config: Mapping[str, Any]) -> Any:
        from liquidpy_site.themes import theme_from_config

        return theme_from_config(config, self.source)

    def _with_theme_config(self, config: dict[str, Any]) -> dict[str, Any]:
        """The theme's ``_config.yml`` under the site's (Jekyll's own defaults left out)."""
        if self.theme is None or self.theme.config_file is None or config.get("ignore_theme_config"):
            return config
        from liquidpy_site.config import DEFAULTS, deep_merge, read_config_file

        theme_config = read_config_file(self.theme.config_file)
        theme_config = {k: v for k, v in theme_config.items() if k not in DEFAULTS}
        return deep_merge(theme_config, config)

    def _merge_theme_data(self) -> None:
        data_dir = self.theme.data_dir if self.theme is not None else None
        if data_dir is None:
            return
        from liquidpy_site.config import deep_merge
        from liquidpy_site.reading.data import read_data_dir

        self.content.data = deep_merge(read_data_dir(data_dir, self.theme.root), self.content.data)

    def _load_plugins(self) -> list[Any]:
        from liquidpy_site.plugins import load_plugins

        return load_plugins(self)

    def _make_converters(self) -> list[Any]:
        from liquidpy_site.markdown_commonmark import markdown_converter

        converters: list[Any] = [markdown_converter(self.config, self.cache)]
        for plugin in self.plugins:
            converters.extend(getattr(plugin, "converters", []))
        if importlib.util.find_spec("_sass") is not None:  # libsass itself loads on first use
            from liquidpy_site.rendering.sass_converter import SiteSassConverter

            converters.append(SiteSassConverter(self))
        converters.append(IdentityConverter())
        return converters

    def _make_liquid(self) -> JekyllEnvironment:
        liquid_config: Mapping[str, Any] = self.config.get("liquid") or {}
        options: dict[str, Any] = {"tolerance": Mode.STRICT,
                                   "strict_filters": bool(liquid_config.get("strict_filters"))}
        if liquid_config.get("strict_variables"):
            options["undefined"] = StrictUndefined
        try:
            from liquidpy_site.rendering.liquid_config import environment_options

            options.update(environment_options(liquid_config))
        except ImportError:
            pass
        env = JekyllEnvironment(site_config=self.config, markdownify=self.markdownify,
                                site_index=self, **options)
        _register_extensions(env)
        for plugin in self.plugins:
            register = getattr(plugin, "register_liquid", None)
            if register is not None:
                register(env)
        return env

    def markdownify(self, text: str) -> str:
        """Convert Markdown with the site's converter (the ``markdownify`` filter)."""
        return self.markdown.convert(text)


def _check_destination(source: Path, destination: Path) -> None:
    """Refuse a destination that is, or holds, the source: cleaning it would delete the site."""
    source, destination = source.resolve(), destination.resolve()
    if source == destination or source.is_relative_to(destination):
        raise ConfigError(
            f"Destination directory cannot be or contain the Source directory: {destination} "
            "would be cleaned of files the build did not write. Choose another destination.")


def _register_extensions(env: JekyllEnvironment) -> None:
    register_include_tags(env)
    for module, function in (
        ("liquidpy_site.rendering.filters", "register_filters"),
        ("liquidpy_site.rendering.tags", "register_tags"),
        ("liquidpy_site.rendering.tags.highlight", "register_highlight_tag"),
    ):
        try:
            imported = __import__(module, fromlist=[function])
        except ImportError:
            continue
        register = getattr(imported, function, None)
        if register is not None:
            register(env)


_BUILD_COLLECTION_THRESHOLD = 7000
"""Allocations between two collections of the youngest generation during a build."""


@contextlib.contextmanager
def _long_lived_objects_kept_aside() -> Iterator[Callable[[], None]]:
    """Spare the garbage collector from walking the site's models again and again.

    What :meth:`Site.read` makes lives until the build ends, and is most of the
    heap; frozen once read (``gc.freeze``, by calling what this yields), it is no
    longer scanned by every full collection, which otherwise takes a third of a
    small rebuild of a large site; forked render workers share those pages
    untouched, too. Everything is unfrozen when the build ends. A host program
    that froze objects itself is left alone.

    While the build runs, the youngest generation is also collected less often
    (every :data:`_BUILD_COLLECTION_THRESHOLD` allocations rather than Python's
    700): a build allocates millions of objects that reference counting frees,
    and each collection of the older generations walks what rendering keeps.
    This halves the time spent collecting; the previous thresholds come back
    when the build ends.
    """
    host_froze = gc.get_freeze_count() > 0
    frozen = False
    thresholds = gc.get_threshold()
    if thresholds[0] < _BUILD_COLLECTION_THRESHOLD:
        gc.set_threshold(_BUILD_COLLECTION_THRESHOLD, *thresholds[1:])

    def keep_aside() -> None:
        nonlocal frozen
        if not host_froze:
            gc.freeze()
            frozen = True

    try:
        yield keep_aside
    finally:
        gc.set_threshold(*thresholds)
        if frozen:
            gc.unfreeze()
