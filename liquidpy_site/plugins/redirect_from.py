"""The ``jekyll-redirect-from`` equivalent: redirect pages and ``redirects.json``.

``redirect_from`` (a path or a list) on a page or document adds a redirect page
at each old path; ``redirect_to`` (a path or URL, or a list whose first entry
counts) turns the page itself into a redirect. Redirect pages use the site's
``redirect`` layout, or the built-in one. ``redirects.json`` maps every old
path to its target unless ``redirect_from: {json: false}`` is set.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liquidpy_site.models import Convertible, Layout
from liquidpy_site.plugins._support import (
    PRIORITY_NORMAL,
    call_filter,
    generated_page,
    in_source,
    read_template,
)
from liquidpy_site.rendering.filters_text import to_json
from liquidpy_site.rendering.ruby import to_s

if TYPE_CHECKING:
    from liquidpy_site.site import Site

_HTTP = re.compile(r"^https?://", re.MULTILINE)


def setup(site: Site) -> RedirectFromPlugin:
    """The plugin object for ``site``."""
    return RedirectFromPlugin()


class RedirectFromPlugin:
    """Adds redirect pages and turns ``redirect_to`` pages into redirects."""

    priority = PRIORITY_NORMAL

    def generate(self, site: Site) -> None:
        """Process every written document and every page."""
        if "redirect" not in site.content.layouts:
            site.content.layouts["redirect"] = _default_layout()
        redirects: dict[str, str] = {}
        for item in [*_docs_to_write(site), *site.content.pages]:
            for path in redirect_from(item):
                page = _redirect_page(site, path, item.url)
                site.content.pages.append(page)
                redirects[page.data["redirect"]["from"]] = page.data["redirect"]["to"]
            target = redirect_to(item)
            if target is not None:
                data = _redirect_data(site, item.url, target)
                item.data.update(data)
                item.content = ""
                redirects[data["redirect"]["from"]] = data["redirect"]["to"]
        if _wants_json(site) and not in_source(site, "redirects.json"):
            site.content.pages.append(generated_page(site, "redirects.json", to_json(redirects),
                                                     {"layout": None}))


def redirect_from(item: Convertible) -> list[Any]:
    """The paths ``item`` is redirected from (``redirect_from``)."""
    value = item.data.get("redirect_from")
    values = value if isinstance(value, list) else [value]
    return [v for v in values if v is not None]


def redirect_to(item: Convertible) -> Any:
    """Where ``item`` redirects to (``redirect_to``), or None."""
    value = item.data.get("redirect_to")
    if isinstance(value, list):
        return next((v for v in value if v is not None), None)
    return value


def _docs_to_write(site: Site) -> list[Convertible]:
    return [doc for collection in site.content.collections.values() if collection.output
            for doc in collection.docs if site.publishes(doc)]


def _redirect_data(site: Site, source: Any, target: Any) -> dict[str, Any]:
    """Front matter of a redirect from ``source`` (a path) to ``target``."""
    origin = to_s(source)
    origin = origin if origin.startswith("/") else "/" + origin
    target_text = to_s(target)
    if not _HTTP.search(target_text):
        target_text = to_s(call_filter(site.liquid, "absolute_url", target))
    return {"sitemap": False, "layout": "redirect", "permalink": origin,
            "redirect": {"from": origin, "to": target_text}}


def _redirect_page(site: Site, source: Any, target: str) -> Any:
    return generated_page(site, "redirect.html", "", _redirect_data(site, source, target))


def _wants_json(site: Site) -> bool:
    options = site.config.get("redirect_from")
    return not (isinstance(options, dict) and options.get("json") is False)


def _default_layout() -> Layout:
    path = Path(str(resources.files("liquidpy_site.plugins").joinpath("templates",
                                                                       "redirect.html")))
    return Layout(name="redirect", path=path, relative_path="_layouts/redirect.html",
                  data={}, content=read_template("redirect.html"))
