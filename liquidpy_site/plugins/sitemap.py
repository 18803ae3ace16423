"""The ``jekyll-sitemap`` equivalent: ``sitemap.xml`` and ``robots.txt``.

The sitemap lists the documents of output collections (with ``lastmod`` from
``last_modified_at`` or the date), the HTML pages and the static HTML and PDF
files, leaving out anything with ``sitemap: false`` and the 404 page. Either
file is left alone when the site already has a page or file at its URL.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from liquidpy_site.plugins._support import (
    PRIORITY_LOWEST,
    generated_page,
    in_source,
    minified,
    read_template,
)

if TYPE_CHECKING:
    from liquidpy_site.site import Site

_MINIFY = r"(?:(?<=>\n)|(?<=}))\s+"
INCLUDED_EXTENSIONS = (".htm", ".html", ".xhtml", ".pdf")
"""Static files with these extensions are listed."""


def setup(site: Site) -> SitemapPlugin:
    """The plugin object for ``site``."""
    return SitemapPlugin()


class SitemapPlugin:
    """Adds the sitemap and robots.txt pages while generating."""

    priority = PRIORITY_LOWEST

    def generate(self, site: Site) -> None:
        """Add ``sitemap.xml`` and ``robots.txt`` unless the site has them."""
        urls = {page.url for page in site.content.pages}
        urls |= {file.url for file in site.content.static_files}
        if "/sitemap.xml" not in urls:
            site.content.pages.append(_sitemap_page(site))
        if "/robots.txt" not in urls:
            site.content.pages.append(generated_page(
                site, "robots.txt", read_template("robots.txt"), {"layout": None}))


def _sitemap_page(site: Site) -> Any:
    files = [f for f in site.content.static_files if f.extname in INCLUDED_EXTENSIONS]
    data = {"layout": None, "static_files": [_StaticFileEntry(site, f) for f in files],
            "xsl": in_source(site, "sitemap.xsl")}
    return generated_page(site, "sitemap.xml", minified("sitemap.xml", _MINIFY), data)


class _StaticFileEntry(Mapping[str, Any]):
    """A static file as the sitemap sees it: its drop, with a rooted ``path``."""

    def __init__(self, site: Site, file: Any) -> None:
        self._drop = site.drops(file)
        self._path = "/" + str(file.relative_path).lstrip("/")

    def __getitem__(self, key: str) -> Any:
        return self._path if key == "path" else self._drop[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._drop)

    def __len__(self) -> int:
        return len(self._drop)
