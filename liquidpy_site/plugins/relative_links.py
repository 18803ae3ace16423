"""The ``jekyll-relative-links`` equivalent: links to Markdown files become their URLs.

In the Markdown of every page (and, with ``relative_links: {collections: true}``,
of every document written), inline links ``[text](path.md#part "title")`` and
reference definitions ``[text]: path.md`` whose path names a page, static file
or written document by its source path (relative to the linking file, or to the
source with a leading ``/``) are rewritten to that item's ``relative_url``.
Fragment-only links and links with a scheme are left alone.

Options under ``relative_links``: ``enabled: false`` turns the plugin off;
``collections: true`` also rewrites documents; ``exclude`` lists glob patterns
of source paths to leave alone.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

from liquidpy_site.models import Convertible
from liquidpy_site.plugins._content import (
    docs_to_write,
    is_markdown,
    plugin_options,
    refresh_excerpt,
)
from liquidpy_site.plugins._support import PRIORITY_LOWEST
from liquidpy_site.reading.entry_filter import EntryFilter
from liquidpy_site.rendering.filters_url import relative_url_for

if TYPE_CHECKING:
    from liquidpy_site.site import Site

_TEXT = r"(.*?)"
_FRAGMENT = r"(#.+?|)?"
# The second title form opens with a double quote and closes with a single one.
_TITLE = r"""(\s+"(?:\\"|[^"])*(?<!\\)"|\s+"(?:\\'|[^'])*(?<!\\)')?"""
_INLINE = rf"\[{_TEXT}\]\(([^)]+?){_FRAGMENT}{_TITLE}\)"
_REFERENCE = rf"^\s*?\[{_TEXT}\]: (.+?){_FRAGMENT}{_TITLE}\s*?$"
LINK = re.compile(rf"({_INLINE}|{_REFERENCE})", re.MULTILINE | re.ASCII)
"""An inline link (groups 2-5) or a reference definition (groups 6-9)."""

_SCHEME = re.compile(r"\A([^:/?#]+):")
_VALID_SCHEME = re.compile(r"\A[a-z][a-z0-9.+\-]*\Z", re.IGNORECASE)
_ROOT = "/\0root"
"""A stand-in for the source folder while resolving ``..`` in link paths."""


def setup(site: Site) -> RelativeLinksPlugin:
    """The plugin object for ``site``."""
    return RelativeLinksPlugin()


class RelativeLinksPlugin:
    """Rewrites relative Markdown links of pages (and documents) while generating."""

    priority = PRIORITY_LOWEST

    def generate(self, site: Site) -> None:
        """Rewrite the links of every Markdown page (and document, when asked)."""
        options = plugin_options(site, "relative_links")
        if options.get("enabled") is False:
            return
        items: list[Convertible] = list(site.content.pages)
        if options.get("collections") is True:
            items += docs_to_write(site)
        rewriter = LinkRewriter(site)
        excluded = _exclusion(site, options.get("exclude"))
        for item in items:
            if is_markdown(site, item.extname) and not excluded(item):
                rewriter.rewrite(item)


class LinkRewriter:
    """Rewrites the links of one item at a time against the site's items.

    Args:
        site: The site, after reading and the generators that run before.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self._targets: list[tuple[str, str]] | None = None

    def rewrite(self, item: Convertible) -> None:
        """Replace the item's relative Markdown links, then refresh its excerpt."""
        base = posixpath.dirname(item.relative_path) or "."
        item.content = LINK.sub(lambda match: self._replacement(match, base), item.content)
        refresh_excerpt(self.site, item)

    def _replacement(self, match: re.Match[str], base: str) -> str:
        inline = match.group(2) is not None
        first = 2 if inline else 6
        text, path, fragment, title = match.group(first, first + 1, first + 2, first + 3)
        if not replaceable(path):
            return match.group(0)
        url = self.url_for(path_from_root(path, base))
        if url is None:
            return match.group(0)
        target = url + (fragment or "")
        if inline:
            return f"[{text}]({target}{title or ''})"
        return f"\n[{text}]: {target}{title or ''}"

    def url_for(self, path: str | None) -> str | None:
        """The ``relative_url`` of the item whose source path is ``path`` (URL-decoded)."""
        if path is None:
            return None
        wanted = unquote_plus(path, errors="surrogateescape")
        for relative, url in self.targets():
            if relative == wanted:
                return relative_url_for(url, self.site.config)
        return None

    def targets(self) -> list[tuple[str, str]]:
        """Source path → URL of pages, static files and written documents, in that order."""
        if self._targets is None:
            content = self.site.content
            items: list[Any] = [*content.pages, *content.static_files, *docs_to_write(self.site)]
            self._targets = [(str(i.relative_path).removeprefix("/"), i.url) for i in items]
        return self._targets


def replaceable(path: str) -> bool:
    """Whether a link path may name a file: not a fragment, and without a scheme."""
    return not path.startswith("#") and not has_scheme(path)


def has_scheme(path: str) -> bool:
    """Whether ``path`` is an absolute URI (it starts with a valid scheme)."""
    match = _SCHEME.match(path)
    return match is not None and _VALID_SCHEME.match(match.group(1)) is not None


def path_from_root(path: str, base: str) -> str | None:
    """The source-relative path a link names, or None when it leaves the source.

    Args:
        path: The link's path: rooted at the source with a leading ``/``, else
            relative to ``base``.
        base: The folder of the linking file (``.`` at the top).
    """
    absolute = path.startswith("/")
    rest = path[1:] if absolute else path
    if rest.startswith(("/", "~")):
        return None
    joined = posixpath.normpath(posixpath.join(_ROOT, "" if absolute else base, rest))
    return joined[len(_ROOT) + 1:] if joined.startswith(_ROOT + "/") else None


def _exclusion(site: Site, patterns: Any) -> Any:
    """A predicate for items whose source path an ``exclude`` pattern names."""
    if not patterns:
        return lambda item: False
    listed = [patterns] if isinstance(patterns, str) else patterns
    rules = EntryFilter(str(site.source), [], [str(p) for p in listed])

    def excluded(item: Convertible) -> bool:
        return rules.is_excluded(item.relative_path.lstrip("/"))

    return excluded

