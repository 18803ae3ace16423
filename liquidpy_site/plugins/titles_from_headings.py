"""The ``jekyll-titles-from-headings`` equivalent: a page's title from its first heading.

A Markdown page without a ``title`` (front matter defaults count) whose content
starts with a heading (``#`` to ``###``, or a Setext heading) gets that heading,
converted to plain text, as its title. With ``titles_from_headings:
{collections: true}`` the documents written are handled too; their title from
the file name (or front matter) gives way to the heading.

Options under ``titles_from_headings``: ``enabled: false`` turns the plugin
off; ``strip_title: true`` removes the heading from the content (a page's own
``strip_title`` front matter wins); ``collections: true`` as above.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from liquidpy_site.models import Convertible, Document
from liquidpy_site.plugins._content import (
    docs_to_write,
    excerpt_separator,
    is_markdown,
    plugin_options,
    replace_excerpt,
    sets_key,
)
from liquidpy_site.plugins._support import PRIORITY_LOWEST, call_filter

if TYPE_CHECKING:
    from liquidpy_site.site import Site

TITLE = re.compile(r"\A\s*(?:\#{1,3}\s+(.*)(?:\s+\#{1,3})?|(.*)\r?\n[-=]+\s*)$",
                   re.MULTILINE | re.ASCII)
"""A heading at the very start of the content: ATX (group 1) or Setext (group 2)."""
_FOOTNOTE = re.compile(r"\[\^[^\]]*\]")
_STRIP_CHARS = " \t\n\v\f\r\0"
"""What Ruby's ``strip`` removes."""


def setup(site: Site) -> TitlesFromHeadingsPlugin:
    """The plugin object for ``site``."""
    return TitlesFromHeadingsPlugin()


class TitlesFromHeadingsPlugin:
    """Sets titles from headings while generating."""

    priority = PRIORITY_LOWEST

    def generate(self, site: Site) -> None:
        """Give every untitled Markdown page (and document, when asked) its heading's title."""
        options = plugin_options(site, "titles_from_headings")
        if options.get("enabled") is False:
            return
        items: list[Convertible] = list(site.content.pages)
        if options.get("collections") is True:
            items += docs_to_write(site)
        for item in items:
            if not is_markdown(site, item.extname) or has_title(item):
                continue
            item.data["title"] = title_for(site, item)
            if strips_title(item, options):
                _strip_title(site, item)


def has_title(item: Convertible) -> bool:
    """Whether the item has a title of its own (a document's never counts)."""
    return not isinstance(item, Document) and item.data.get("title") is not None


def title_for(site: Site, item: Convertible) -> Any:
    """The heading's text, or the item's current title when it has no heading."""
    match = TITLE.match(item.content)
    if match is None:
        return item.data.get("title")
    heading = match.group(1) if match.group(1) is not None else match.group(2)
    return plain_text(site, heading)


def plain_text(site: Site, heading: str) -> str:
    """Markdown heading text → plain text (markup, tags and footnote marks removed)."""
    text = heading
    for name in ("markdownify", "strip_html", "normalize_whitespace"):
        text = call_filter(site.liquid, name, text)
    return _FOOTNOTE.sub("", str(text))


def strips_title(item: Convertible, options: dict[str, Any]) -> bool:
    """The item's own ``strip_title``, else the site's option."""
    if sets_key(item, "strip_title"):
        return item.data.get("strip_title") is True
    return options.get("strip_title") is True


def _strip_title(site: Site, item: Convertible) -> None:
    item.content = TITLE.sub("", item.content).strip(_STRIP_CHARS)
    if (isinstance(item, Document) and item.collection == "posts"
            and excerpt_separator(site, item)):
        replace_excerpt(site, item)
