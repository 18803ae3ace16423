"""Giving pages, documents and collection files their URLs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from liquidpy_site.config import style_to_permalink
from liquidpy_site.models import Collection, Document, Page, StaticFile
from liquidpy_site.text import slugify
from liquidpy_site.urls import (
    HTML_EXTENSIONS,
    add_permalink_suffix,
    fill_page_template,
    fill_template,
    sanitize_url,
)

if TYPE_CHECKING:
    from liquidpy_site.site import Site


def permalink_style(config: dict[str, Any]) -> str:
    """The site's ``permalink`` option as a string."""
    return str(config.get("permalink") or "date")


def page_template(page: Page, style: str) -> str:
    """Jekyll's default URL template for a page."""
    if page.output_ext not in HTML_EXTENSIONS:
        return "/:path/:basename:output_ext"
    if _page_basename(page) == "index":
        return "/:path/"
    return add_permalink_suffix("/:path/:basename", style)


def _page_basename(page: Page) -> str:
    return page.basename_without_ext.rstrip(".")


def assign_page_url(page: Page, site: Site) -> None:
    """Set a page's output extension and URL."""
    page.output_ext = site.output_ext_for(page)
    placeholders = {"path": page.dir, "basename": _page_basename(page),
                    "output_ext": page.output_ext}
    permalink = page.data.get("permalink")
    template = str(permalink) if permalink else page_template(page, permalink_style(site.config))
    page.url = sanitize_url(fill_page_template(template, placeholders))


def collection_template(collection: Collection, site: Site) -> str:
    """A collection's URL template (posts follow the permalink style)."""
    configured = collection.metadata.get("permalink")
    if configured:
        return str(configured)
    if collection.label == "posts":
        return style_to_permalink(permalink_style(site.config))
    return add_permalink_suffix("/:collection/:path", permalink_style(site.config))


def assign_document_url(doc: Document, collection: Collection, site: Site) -> None:
    """Set a document's output extension and URL."""
    doc.output_ext = site.output_ext_for(doc)
    permalink = doc.data.get("permalink")
    template = str(permalink) if permalink else collection_template(collection, site)
    doc.url = sanitize_url(fill_template(template, document_placeholders(doc, collection)))


def cleaned_relative_path(relative_path: str, extname: str, collection_dir: str) -> str:
    """The path without extension, trailing dots, or the collection folder."""
    cleaned = relative_path[: len(relative_path) - len(extname)] if extname else relative_path
    cleaned = cleaned.rstrip(".")
    return cleaned.replace(collection_dir, "", 1)


_DATE_FORMATS: dict[str, str] = {
    "month": "%m", "day": "%d", "hour": "%H", "minute": "%M", "second": "%S",
    "short_month": "%b", "long_month": "%B", "short_year": "%y", "short_day": "%a",
    "long_day": "%A", "y_day": "%j",
}


class DocumentPlaceholders(Mapping[str, Any]):
    """The ``:placeholders`` of a document's URL template, each computed when asked for."""

    NAMES = frozenset({"collection", "path", "output_ext", "name", "title", "slug", "categories",
                       "slugified_categories", "year", "i_day", "i_month", "w_year", "week",
                       "w_day", *_DATE_FORMATS})

    def __init__(self, doc: Document, collection: Collection) -> None:
        self.doc = doc
        self.collection = collection
        self._date: dt.datetime | None = None

    @property
    def date(self) -> dt.datetime:
        """The document's date (the current time for an undated one)."""
        if self._date is None:
            self._date = self.doc.date or dt.datetime.now().astimezone()
        return self._date

    def __contains__(self, name: object) -> bool:
        return name in self.NAMES

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.NAMES))

    def __len__(self) -> int:
        return len(self.NAMES)

    def __getitem__(self, name: str) -> Any:
        if name not in self.NAMES:
            raise KeyError(name)
        if name in _DATE_FORMATS:
            return self.date.strftime(_DATE_FORMATS[name])
        return getattr(self, "_" + name)()

    def _collection(self) -> str:
        return self.collection.label

    def _path(self) -> str:
        return cleaned_relative_path(self.doc.relative_path, self.doc.extname,
                                     self.collection.relative_directory)

    def _output_ext(self) -> str:
        return self.doc.output_ext

    def _name(self) -> str | None:
        return slugify(self.doc.basename_without_ext)

    def _title(self) -> str | None:
        slug_source = self.doc.data.get("slug")
        if slug_source is not None:
            return slugify(_str(slug_source), mode="pretty", cased=True)
        return slugify(self.doc.basename_without_ext, mode="pretty", cased=True)

    def _slug(self) -> str | None:
        slug_source = self.doc.data.get("slug")
        return slugify(_str(slug_source) if slug_source is not None else self.doc.basename_without_ext)

    def _categories(self) -> str:
        return "/".join(dict.fromkeys(_str(c).lower() for c in _list(self.doc.data.get("categories"))))

    def _slugified_categories(self) -> str:
        return "/".join(dict.fromkeys(slugify(_str(c)) or "" for c in _list(self.doc.data.get("categories"))))

    def _year(self) -> str:
        return f"{self.date.year:04d}"

    def _i_day(self) -> str:
        return str(self.date.day)

    def _i_month(self) -> str:
        return str(self.date.month)

    def _w_year(self) -> str:
        return str(self.date.isocalendar()[0])

    def _week(self) -> str:
        return f"{self.date.isocalendar()[1]:02d}"

    def _w_day(self) -> str:
        return str(self.date.isoweekday())


def document_placeholders(doc: Document, collection: Collection) -> DocumentPlaceholders:
    """The ``:placeholders`` of a document's URL template (evaluated lazily)."""
    return DocumentPlaceholders(doc, collection)


def assign_collection_file_url(file: StaticFile, collection: Collection, site: Site) -> None:
    """Set the URL of a file without front matter inside a collection folder."""
    template = collection_template(collection, site)
    placeholders = {
        "collection": collection.label,
        "path": cleaned_relative_path(file.relative_path, file.extname,
                                      collection.relative_directory),
        "output_ext": "",
        "name": file.basename,
        "title": "",
    }
    url = sanitize_url(fill_page_template(template, placeholders))
    file.url = url.rstrip("/") + file.extname


def _str(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "" if value is None else str(value)


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
