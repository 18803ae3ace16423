"""The ``jekyll-readme-index`` equivalent: a folder's README as its index page.

A README with a Markdown extension (any case) that is a static file (no front
matter) becomes a page served at its folder's URL, unless the folder already
has an index: a page or file at the folder's URL or named ``index.html``,
``index.htm``, ``index.xhtml`` or ``index.xml``. The README is still copied.

Options under ``readme_index``: ``enabled: false`` turns the plugin off;
``remove_originals: true`` stops copying the READMEs made into pages;
``with_frontmatter: true`` also moves READMEs that have front matter.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from liquidpy_site.permalinks import assign_page_url
from liquidpy_site.plugins._content import (
    page_factory,
    page_from_static,
    plugin_options,
)

if TYPE_CHECKING:
    from liquidpy_site.site import Site

PRIORITY_LOW = -10
"""Jekyll's ``:low`` priority: after the normal generators, before the lowest."""
_INDEX = r"(?:$|index\.(html?|xhtml|xml)$)"


def setup(site: Site) -> ReadmeIndexPlugin:
    """The plugin object for ``site``."""
    return ReadmeIndexPlugin()


class ReadmeIndexPlugin:
    """Turns READMEs into index pages while generating."""

    priority = PRIORITY_LOW

    def generate(self, site: Site) -> None:
        """Make each README of a folder without an index that folder's index page."""
        options = plugin_options(site, "readme_index")
        if options.get("enabled") is False:
            return
        pattern = readme_pattern(site)
        factory = page_factory(site)
        readmes = [f for f in site.content.static_files if pattern.search(f.relative_path)]
        for readme in readmes:
            if has_index(site, ruby_dirname(readme.url)):
                continue
            site.content.pages.append(page_from_static(
                site, factory, readme, permalink=ruby_dirname(readme.url) + "/"))
            if options.get("remove_originals") is True and readme.collection is None:
                # A collection's files are written with its documents, removed or not.
                site.content.static_files.remove(readme)
        if options.get("with_frontmatter") is True:
            _move_page_readmes(site, pattern)


def readme_pattern(site: Site) -> re.Pattern[str]:
    """Matches a path ending in ``/readme`` (any case) and a Markdown extension (as listed)."""
    union = "|".join(re.escape(ext) for ext in _markdown_extensions(site))
    return re.compile(rf"/readme(?-i:({union}))$", re.IGNORECASE)


def _markdown_extensions(site: Site) -> list[str]:
    names = str(site.config.get("markdown_ext") or "").split(",")
    return ["." + name.lower() for name in names]


def has_index(site: Site, folder: str) -> bool:
    """Whether a page or static file is the index of ``folder`` (a URL path)."""
    folder = folder if folder.endswith("/") else folder + "/"
    index = re.compile(rf"^{re.escape(folder)}{_INDEX}", re.IGNORECASE | re.MULTILINE)
    items: list[Any] = [*site.content.pages, *site.content.static_files]
    return any(index.search(item.url) for item in items)


def ruby_dirname(path: str) -> str:
    """Ruby's ``File.dirname``: trailing slashes are ignored, ``.`` when there is no folder."""
    trimmed = path.rstrip("/")
    if not trimmed:
        return "/" if path.startswith("/") else "."
    if "/" not in trimmed:
        return "."
    folder = trimmed.rsplit("/", 1)[0].rstrip("/")
    return folder or "/"


def _move_page_readmes(site: Site, pattern: re.Pattern[str]) -> None:
    """READMEs with front matter move to their folder's URL too (``with_frontmatter``)."""
    readmes = [p for p in site.content.pages
               if pattern.search("/" + str(p.data.get("path") or p.relative_path))]
    for page in readmes:
        if has_index(site, ruby_dirname(page.url)):
            continue
        page.data["permalink"] = ruby_dirname(page.url) + "/"
        assign_page_url(page, site)
