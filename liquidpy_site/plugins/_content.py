"""What the GitHub Pages content plugins share: Markdown checks and site lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from liquidpy_site.models import Convertible, Document, Excerpt, Page, StaticFile
from liquidpy_site.permalinks import assign_page_url
from liquidpy_site.plugins._support import present
from liquidpy_site.reading.defaults import FrontMatterDefaults
from liquidpy_site.reading.documents import DocumentFactory
from liquidpy_site.reading.excerpts import extract_excerpt
from liquidpy_site.reading.front_matter import read_text, split_front_matter
from liquidpy_site.rendering.ruby import to_s

if TYPE_CHECKING:
    from liquidpy_site.site import Site


def is_markdown(site: Site, extname: str) -> bool:
    """Whether ``extname`` (``.md``) is one of the site's Markdown extensions."""
    return site.markdown.matches(extname)


def docs_to_write(site: Site) -> list[Document]:
    """The documents Jekyll writes: those of output collections that are published."""
    return [doc for collection in site.content.collections.values() if collection.output
            for doc in collection.docs if site.publishes(doc)]


def plugin_options(site: Site, key: str) -> dict[str, Any]:
    """The configuration mapping under ``key`` (empty when unset or not a mapping)."""
    options = site.config.get(key)
    return options if isinstance(options, dict) else {}


def page_factory(site: Site) -> DocumentFactory:
    """Reads pages as the site's reader does (front matter defaults, excerpts)."""
    defaults = FrontMatterDefaults(str(site.source), site.config.get("defaults"),
                                   str(site.config.get("collections_dir") or ""))
    return DocumentFactory(site.config, defaults, site.time)


def page_from_static(site: Site, factory: DocumentFactory, file: StaticFile,
                     permalink: str | None = None) -> Page:
    """The page Jekyll reads from a static file's source, with its URL set.

    Args:
        site: The site being built.
        factory: From :func:`page_factory`.
        file: The static file (its source has no front matter).
        permalink: A ``permalink`` to give the page before its URL is computed.
    """
    page = factory.page(file.path, file.relative_path.lstrip("/"))
    if permalink is not None:
        page.data["permalink"] = permalink
    assign_page_url(page, site)
    if site.hooks:
        site.hooks.trigger_item(page, "post_init")
    return page


def refresh_excerpt(site: Site, item: Convertible) -> None:
    """Rebuild an item's excerpt from its current content, if it has one.

    Items with an excerpt (generated, or an ``excerpt`` in front matter) get a
    new one from :func:`replace_excerpt`; others are left alone.
    """
    if getattr(item, "excerpt", None) is not None or present(item.data.get("excerpt")):
        replace_excerpt(site, item)


def excerpt_separator(site: Site, item: Convertible) -> str:
    """The item's ``excerpt_separator``, else the site's (Ruby ``to_s`` of it)."""
    own = item.data.get("excerpt_separator")
    return to_s(own if present(own) else site.config.get("excerpt_separator"))


def replace_excerpt(site: Site, item: Convertible) -> None:
    """Give ``item`` an excerpt taken from its current content (Jekyll's ``Excerpt.new``).

    The generated excerpt takes the place of an ``excerpt`` set in front matter.
    """
    separator = excerpt_separator(site, item)
    content = extract_excerpt(item.content, separator) if separator else ""
    item.data.pop("excerpt", None)
    item.excerpt = Excerpt(doc=item, content=content)  # type: ignore[attr-defined,arg-type]


def sets_key(item: Convertible, key: str) -> bool:
    """Whether the item itself has ``key``: a page's front matter defaults do not count.

    A page looks its defaults up only for keys its front matter lacks; a
    document has its defaults merged in.
    """
    if key not in item.data:
        return False
    if not isinstance(item, Page) or key not in item.defaults or not item.path.is_file():
        return True
    data = split_front_matter(read_text(item.path, item.relative_path), item.relative_path)[0]
    return isinstance(data, dict) and key in data
