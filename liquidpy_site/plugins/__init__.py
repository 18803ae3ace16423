"""Plugins: the names a site lists under ``plugins:`` and the built-in equivalents.

A plugin is any object with some of these methods (all optional):

``register_liquid(env)``
    Add filters and tags to the site's Liquid environment.
``generate(site)``
    Runs after reading, before rendering: add or change pages and documents
    (use :func:`make_page` for new pages).
``post_render(site)``
    Runs after every page and document is rendered, before writing.

A built-in plugin is a module in this package with ``setup(site) -> plugin``,
named in :data:`BUILTIN_PLUGINS` under the gem name Jekyll sites use.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liquidpy_site.models import Page

if TYPE_CHECKING:
    from liquidpy_site.site import Site

log = logging.getLogger("liquidpy_site")

BUILTIN_PLUGINS: dict[str, str] = {
    "jekyll-feed": "liquidpy_site.plugins.feed",
    "jekyll-seo-tag": "liquidpy_site.plugins.seo_tag",
    "jekyll-sitemap": "liquidpy_site.plugins.sitemap",
    "jekyll-redirect-from": "liquidpy_site.plugins.redirect_from",
    "jekyll-paginate": "liquidpy_site.plugins.paginate",
    "jekyll-relative-links": "liquidpy_site.plugins.relative_links",
    "jekyll-optional-front-matter": "liquidpy_site.plugins.optional_front_matter",
    "jekyll-titles-from-headings": "liquidpy_site.plugins.titles_from_headings",
    "jekyll-default-layout": "liquidpy_site.plugins.default_layout",
    "jekyll-readme-index": "liquidpy_site.plugins.readme_index",
    "jekyll-include-cache": "liquidpy_site.plugins.include_cache",
    "jekyll-mentions": "liquidpy_site.plugins.mentions",
    "jekyll-github-metadata": "liquidpy_site.plugins.github_metadata",
    "jekyll-avatar": "liquidpy_site.plugins.avatar",
}
"""Plugin names (as Jekyll sites list them) → module providing the equivalent."""


def plugin_names(site: Site) -> list[str]:
    """The plugins a site asks for: ``plugins:`` (or ``gems:``) and its theme's."""
    names = [str(n) for n in site.config.get("plugins") or []]
    if site.theme is not None:
        # A gem theme's runtime dependencies are loaded as plugins, as Jekyll does.
        names += [n for n in site.theme.dependencies if n not in names and n != "jekyll"]
    return names


def load_plugins(site: Site) -> list[Any]:
    """Load the plugins the site asks for; warn once for each name we do not have."""
    from liquidpy_site.plugin_api import entry_point_names, load_python_plugins

    loaded: list[Any] = []
    names = plugin_names(site)
    installed = entry_point_names()
    for name in names:
        module_name = BUILTIN_PLUGINS.get(name)
        if module_name is None and name in installed:
            continue  # an installed Python plugin of that name; loaded below
        if module_name is None:
            log.warning("Plugin '%s' is not available and is skipped "
                        "(the build goes on as in Jekyll's safe mode).", name)
            continue
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            log.warning("Plugin '%s' is not available yet and is skipped.", name)
            continue
        loaded.append(module.setup(site))
    # Generators run by priority, highest first (Jekyll's order); ties keep the list's order.
    loaded.sort(key=lambda plugin: -getattr(plugin, "priority", 0))
    python_plugins = load_python_plugins(site, names)
    if python_plugins is not None:
        loaded.append(python_plugins)
    return loaded


def make_page(site: Site, relative_path: str, content: str,
              data: dict[str, Any] | None = None, *, source: Path | None = None) -> Page:
    """A page that no file holds (a feed, a sitemap, a redirect), with its URL set.

    Args:
        site: The site the page belongs to.
        relative_path: Where the page would be in the source (``feed.xml``); its URL
            follows from it unless ``data`` has a ``permalink``.
        content: The page's template text (Liquid is rendered unless
            ``render_with_liquid: false`` is in ``data``).
        data: Front matter.
        source: The file the template came from, for error messages.
    """
    from liquidpy_site.permalinks import assign_page_url

    folder = relative_path.rsplit("/", 1)[0] if "/" in relative_path else ""
    page = Page(path=source or site.source / relative_path, relative_path=relative_path,
                data=dict(data or {}), content=content, raw_content=content, dir=folder,
                is_generated=True)
    assign_page_url(page, site)
    return page
