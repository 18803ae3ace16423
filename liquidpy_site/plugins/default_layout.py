"""The ``jekyll-default-layout`` equivalent: layouts for Markdown pages and posts that name none.

A Markdown page or post whose front matter (defaults included) has no
``layout`` key gets the first of these layouts the site (or its theme) has:
``home`` for the page at ``/``, ``page`` for pages, ``post`` for posts, then
``default``. When none exists, ``layout`` is set to nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liquidpy_site.models import Convertible, Document, Page
from liquidpy_site.plugins._content import is_markdown
from liquidpy_site.plugins._support import PRIORITY_LOWEST

if TYPE_CHECKING:
    from liquidpy_site.site import Site


def setup(site: Site) -> DefaultLayoutPlugin:
    """The plugin object for ``site``."""
    return DefaultLayoutPlugin()


class DefaultLayoutPlugin:
    """Chooses layouts for Markdown pages and posts while generating."""

    priority = PRIORITY_LOWEST

    def generate(self, site: Site) -> None:
        """Set ``layout`` on every Markdown page and post without one."""
        posts = site.content.collections["posts"].docs
        for item in [*site.content.pages, *posts]:
            if is_markdown(site, item.extname) and "layout" not in item.data:
                item.data["layout"] = layout_for(site, item)


def layout_for(site: Site, item: Convertible) -> str | None:
    """The layout the item gets: ``home``, ``page``, ``post`` or ``default``, if it exists."""
    layouts = site.content.layouts
    if item.url == "/" and "home" in layouts:
        return "home"
    if isinstance(item, Page) and "page" in layouts:
        return "page"
    if isinstance(item, Document) and item.collection == "posts" and "post" in layouts:
        return "post"
    return "default" if "default" in layouts else None
