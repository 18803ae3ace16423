"""The site's content model: pages, documents, static files, layouts, collections.

Models are plain data. Reading fills them, rendering sets ``output``, writing
copies them out; templates see them through drops (``rendering/drops.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(eq=False)
class Layout:
    """A template from ``_layouts`` (or a theme's)."""

    name: str
    """The layout's name: its file name without extension (``default``)."""
    path: Path
    """Absolute path of the file."""
    relative_path: str
    """Path relative to the site source (or the theme root)."""
    data: dict[str, Any]
    """Front matter; ``layout`` names the parent layout."""
    content: str
    """The template text after the front matter."""
    content_line: int = 1
    """Line of the file where ``content`` starts (for error messages)."""


class NamedFile:
    """File-name helpers for models with a ``relative_path``."""

    relative_path: str

    @property
    def name(self) -> str:
        """The file name, e.g. ``about.md``."""
        return self.relative_path.rsplit("/", 1)[-1]

    @property
    def extname(self) -> str:
        """The extension with its dot, e.g. ``.md`` (empty for none or a dotfile)."""
        dot = self.name.rfind(".")
        return self.name[dot:] if dot > 0 else ""

    @property
    def basename_without_ext(self) -> str:
        """The file name without its extension."""
        ext = self.extname
        return self.name[: -len(ext)] if ext else self.name


class CompactText:
    """A text attribute held as UTF-8 when it is not plain ASCII.

    Python keeps a string with one typographic quote at two bytes per character
    (four with an emoji); rendered pages nearly always have one, and a site keeps
    every page in memory until it is written. Held as UTF-8 they take about half.
    Reading the attribute gives a ``str`` as usual.
    """

    def __init__(self, default: str | None) -> None:
        self.default = default
        self.slot = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_compact_" + name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self.default
        value = self.stored(obj)
        return value.decode("utf-8", "surrogatepass") if type(value) is bytes else value

    def __set__(self, obj: object, value: str | bytes | None) -> None:
        obj.__dict__[self.slot] = compact_text(value)

    def stored(self, obj: object) -> str | bytes | None:
        """The value as held (UTF-8 ``bytes`` or a ``str``), to keep without decoding it."""
        value = obj.__dict__.get(self.slot, self.default)
        if type(value) is DeferredText:
            self.__set__(obj, value.load())  # a deferred text loads now
            value = obj.__dict__[self.slot]
        stored: str | bytes | None = value
        return stored


def compact_text(value: str | bytes | None) -> Any:
    """A text as a :class:`CompactText` attribute holds it (UTF-8 when not plain ASCII).

    Giving two attributes the result, instead of the text, has them share one copy.
    """
    if type(value) is str and not value.isascii():
        return value.encode("utf-8", "surrogatepass")
    return value


class DeferredText:
    """A :class:`CompactText` value read from elsewhere (the build cache) when first used.

    Args:
        load: Returns the text (or ``None``); called at most once.
    """

    __slots__ = ("load",)

    def __init__(self, load: Callable[[], str | bytes | None]) -> None:
        self.load = load


@dataclass(eq=False)
class Convertible(NamedFile):
    """What pages and documents share: source, front matter, content and output."""

    path: Path
    """Absolute path of the source file."""
    relative_path: str
    """Path relative to the site source, with ``/`` separators."""
    data: dict[str, Any]
    """Front matter merged over front matter defaults."""
    content: CompactText = CompactText("")  # noqa: RUF009 - a descriptor, not a shared default
    """The body after the front matter; after rendering, the converted body."""
    content_line: int = 1
    """Line of the source file where the body starts."""
    url: str = ""
    """The URL the output is served at (``/about/``), without the baseurl."""
    output: CompactText = CompactText(None)  # noqa: RUF009
    """The rendered text with layouts, set by rendering (``None`` before)."""
    raw_content: CompactText = CompactText("")  # noqa: RUF009
    """The body as read, before rendering."""


def stored_text(item: Convertible, name: str) -> str | bytes | None:
    """An item's ``content``, ``output`` or ``raw_content`` as held (see :class:`CompactText`)."""
    descriptor: CompactText = Convertible.__dict__[name]
    return descriptor.stored(item)



@dataclass(eq=False)
class Page(Convertible):
    """A file with front matter outside any collection."""

    dir: str = ""
    """The folder of the source file relative to the source, e.g. ``docs/api``."""
    output_ext: str = ".html"
    """The extension of the output file (from the converter)."""
    is_generated: bool = False
    """True for pages a plugin made rather than read from a file."""
    excerpt: Excerpt | None = None
    """The page's excerpt, when ``page_excerpts`` is on."""
    defaults: dict[str, Any] = field(default_factory=dict)
    """The front matter defaults that apply to the page (templates see them merged)."""


@dataclass(eq=False)
class Document(Convertible):
    """A file in a collection (posts included)."""

    collection: str = "posts"
    """The label of the collection the document belongs to."""
    date: dt.datetime | None = None
    """The document's date (from its name, front matter or the file)."""
    output_ext: str = ".html"
    """The extension of the output file (from the converter)."""
    is_draft: bool = False
    """True for a post read from ``_drafts``."""
    excerpt: Excerpt | None = None
    """The excerpt of the document, when it has one."""
    next: Document | None = None
    """The following document in the collection's order."""
    previous: Document | None = None
    """The preceding document in the collection's order."""

    @property
    def id(self) -> str:
        """Jekyll's document id: the URL's folder joined with the slug."""
        # Ruby's File.dirname ignores a trailing slash.
        url = self.url.rstrip("/") or "/"
        folder = url.rsplit("/", 1)[0] if "/" in url else "."
        slug = self.data.get("slug") or self.basename_without_ext
        return f"{folder}/{slug}"


@dataclass(eq=False)
class Excerpt:
    """The first part of a document, rendered on its own."""

    doc: Document | Page
    """The document (or page) the excerpt belongs to."""
    content: str
    """The excerpt's source text (up to the separator)."""
    output: str | None = None
    """The rendered excerpt (Liquid and converter, no layout)."""


@dataclass(eq=False)
class StaticFile(NamedFile):
    """A file copied to the destination as it is."""

    path: Path
    """Absolute path of the source file."""
    relative_path: str
    """Path relative to the site source (``assets/logo.png``)."""
    url: str
    """The URL the file is served at."""
    collection: str | None = None
    """The collection label, for static files inside a collection."""
    data: dict[str, Any] = field(default_factory=dict)
    """Front matter defaults that apply to the file."""

    @property
    def basename(self) -> str:
        """The file name without its extension."""
        return self.basename_without_ext


@dataclass(eq=False)
class Collection:
    """A collection from the ``collections`` option (``posts`` is one)."""

    label: str
    """The collection's name."""
    metadata: dict[str, Any]
    """Its options from the configuration (``output``, ``permalink``, …)."""
    relative_directory: str
    """The folder's name, ``_`` and the label (inside ``collections_dir``, if set)."""
    docs: list[Document] = field(default_factory=list)
    """Documents in the collection's order."""
    files: list[StaticFile] = field(default_factory=list)
    """Files without front matter in the collection's folder."""

    @property
    def output(self) -> bool:
        """Whether documents are written to the destination."""
        return bool(self.metadata.get("output", False))
