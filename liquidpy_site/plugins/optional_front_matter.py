"""The ``jekyll-optional-front-matter`` equivalent: Markdown files need no front matter.

Every static file with a Markdown extension becomes a page as well (front
matter defaults apply, the whole file is its content), except files named
README, LICENSE, LICENCE, COPYING, CODE_OF_CONDUCT, CONTRIBUTING,
ISSUE_TEMPLATE or PULL_REQUEST_TEMPLATE (any case, any Markdown extension)
unless the ``include`` option names them. The original file is still copied.

Options under ``optional_front_matter``: ``enabled: false`` turns the plugin
off; ``remove_originals: true`` stops copying the Markdown files made into pages.
``require_front_matter: true`` at the top level does both.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from liquidpy_site.models import StaticFile
from liquidpy_site.plugins._content import (
    is_markdown,
    page_factory,
    page_from_static,
    plugin_options,
)
from liquidpy_site.plugins._support import PRIORITY_NORMAL, present
from liquidpy_site.reading.entry_filter import EntryFilter

if TYPE_CHECKING:
    from liquidpy_site.site import Site

FILENAME_BLACKLIST = frozenset({
    "README", "LICENSE", "LICENCE", "COPYING", "CODE_OF_CONDUCT", "CONTRIBUTING",
    "ISSUE_TEMPLATE", "PULL_REQUEST_TEMPLATE",
})
"""Base names (upper-cased) of Markdown files that are not made into pages."""


def setup(site: Site) -> OptionalFrontMatterPlugin:
    """The plugin object for ``site``."""
    return OptionalFrontMatterPlugin()


class OptionalFrontMatterPlugin:
    """Turns Markdown static files into pages while generating."""

    priority = PRIORITY_NORMAL

    def generate(self, site: Site) -> None:
        """Add a page for every Markdown static file that is not blacklisted."""
        options = plugin_options(site, "optional_front_matter")
        if options.get("enabled") is False or present(site.config.get("require_front_matter")):
            return
        files = [f for f in site.content.static_files
                 if is_markdown(site, f.extname) and not blacklisted(site, f)]
        factory = page_factory(site)
        for file in files:
            site.content.pages.append(page_from_static(site, factory, file))
        if options.get("remove_originals") is True:
            # A collection's files are written with its documents, removed or not.
            chosen = {id(f) for f in files if f.collection is None}
            site.content.static_files = [f for f in site.content.static_files
                                         if id(f) not in chosen]


def blacklisted(site: Site, file: StaticFile) -> bool:
    """Whether the file keeps being static: a README, LICENSE… the ``include`` option skips."""
    if isinstance(site.config.get("include"), list) and _included(site, file):
        return False
    return page_basename(file.name).upper() in FILENAME_BLACKLIST


def page_basename(name: str) -> str:
    """A page's base name: the file name without its extension and trailing dots."""
    dot = name.rfind(".")
    stem = name[:dot] if dot > 0 else name
    return re.sub(r"\.*\Z", "", stem)


def _included(site: Site, file: StaticFile) -> bool:
    rules = EntryFilter(str(site.source), site.config.get("include") or [], [])
    return rules.is_included(file.relative_path.lstrip("/"))

