"""Giving pages, documents and collection files their URLs."""

from __future__ import annotations

import datetime as dt
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


def document_placeholders(doc: Document, collection: Collection) -> dict[str, Any]:
    """The ``:placeholders`` of a document's URL template (evaluated lazily)."""
    date: dt.datetime = doc.date or dt.datetime.now().astimezone()
    basename = doc.basename_without_ext
    slug_source = doc.data.get("slug")
    return {
        "collection": collection.label,
        "path": lambda: cleaned_relative_path(doc.relative_path, doc.extname,
                                              collection.relative_directory),
        "output_ext": doc.output_ext,
        "name": lambda: slugify(basename),
        "title": lambda: slugify(_str(slug_source), mode="pretty", cased=True)
        if slug_source is not None else slugify(basename, mode="pretty", cased=True),
        "slug": lambda: slugify(_str(slug_source)) if slug_source is not None else slugify(basename),
        "categories": lambda: "/".join(dict.fromkeys(_str(c).lower() for c in _list(doc.data.get("categories")))),
        "slugified_categories": lambda: "/".join(
            dict.fromkeys(slugify(_str(c)) or "" for c in _list(doc.data.get("categories")))),
        "year": lambda: f"{date.year:04d}",
        "month": lambda: date.strftime("%m"),
        "day": lambda: date.strftime("%d"),
        "hour": lambda: date.strftime("%H"),
        "minute": lambda: date.strftime("%M"),
        "second": lambda: date.strftime("%S"),
        "i_day": lambda: str(date.day),
        "i_month": lambda: str(date.month),
        "short_month": lambda: date.strftime("%b"),
        "long_month": lambda: date.strftime("%B"),
        "short_year": lambda: date.strftime("%y"),
        "w_year": lambda: str(date.isocalendar()[0]),
        "week": lambda: f"{date.isocalendar()[1]:02d}",
        "w_day": lambda: str(date.isoweekday()),
        "short_day": lambda: date.strftime("%a"),
        "long_day": lambda: date.strftime("%A"),
        "y_day": lambda: date.strftime("%j"),
    }


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
