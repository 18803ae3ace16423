"""The ``jekyll-paginate`` equivalent: ``paginator`` and the ``page2/`` pages.

With ``paginate: N`` the posts (newest first, ``hidden`` ones left out) are cut
into pages of N. The first is the template page itself: the ``index.html`` in
the folder of ``paginate_path`` (or the nearest one above it). The others are
copies of it at ``paginate_path`` with ``:num`` replaced. Each page's
``paginator`` holds its posts and the numbers and paths of its neighbours.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
from typing import TYPE_CHECKING, Any

from liquidpy_site.models import Page
from liquidpy_site.permalinks import assign_page_url
from liquidpy_site.plugins._support import PRIORITY_LOWEST
from liquidpy_site.rendering.ruby import to_i, truthy

if TYPE_CHECKING:
    from liquidpy_site.site import Site

log = logging.getLogger("liquidpy_site")


def setup(site: Site) -> PaginatePlugin:
    """The plugin object for ``site``."""
    return PaginatePlugin()


class PaginatePlugin:
    """Sets ``paginator`` on the template page and adds the later pages."""

    priority = PRIORITY_LOWEST

    def generate(self, site: Site) -> None:
        """Paginate the posts when ``paginate`` is set."""
        if site.config.get("paginate") is None or not site.content.pages:
            return
        template = template_page(site)
        if template is None:
            log.warning("Pagination: Pagination is enabled, but I couldn't find an index.html "
                        "page to use as the pagination template. Skipping pagination.")
            return
        paginate(site, template)


def template_page(site: Site) -> Page | None:
    """The page that is paginated: the deepest ``index.html`` on ``paginate_path``'s way."""
    candidates = [p for p in site.content.pages if _is_candidate(site, p)]
    if not candidates:
        return None
    return max(candidates, key=lambda page: len(page.relative_path))


def _is_candidate(site: Site, page: Page) -> bool:
    if page.name != "index.html":
        return False
    source = os.path.abspath(site.source)
    page_dir = os.path.dirname(os.path.abspath(os.path.join(source, page.relative_path)))
    paginate_path = str(site.config.get("paginate_path") or "").lstrip("/")
    folder = os.path.dirname(os.path.abspath(os.path.join(source, paginate_path)))
    while folder != os.path.dirname(folder):
        if folder == page_dir:
            return True
        folder = os.path.dirname(folder)
    return False


def paginate(site: Site, template: Page) -> None:
    """Give ``template`` the first paginator and add a page for each later one."""
    per_page = to_i(site.config.get("paginate"))
    if per_page <= 0:
        return
    posts = [p for p in reversed(site.content.collections["posts"].docs)
             if not truthy(p.data.get("hidden"))]
    total = math.ceil(len(posts) / per_page)
    first_url = template.url
    for number in range(1, total + 1):
        pager = _pager(site, number, per_page, posts, total, first_url)
        if number == 1:
            template.paginator = pager  # type: ignore[attr-defined]
            continue
        page = dataclasses.replace(template, data=dict(template.data),
                                   dir=paginate_path(site, number, first_url) or "",
                                   is_generated=True, output=None)
        assign_page_url(page, site)
        page.paginator = pager  # type: ignore[attr-defined]
        site.content.pages.append(page)


def paginate_path(site: Site, number: int | None, first_url: str) -> str | None:
    """The URL path of page ``number`` (the template's URL for the first)."""
    if number is None:
        return None
    if number <= 1:
        return first_url
    path = str(site.config.get("paginate_path")).replace(":num", str(number), 1)
    return path if path.startswith("/") else "/" + path


def _pager(site: Site, number: int, per_page: int, posts: list[Any], total: int,
           first_url: str) -> dict[str, Any]:
    start = (number - 1) * per_page
    previous_page = number - 1 if number != 1 else None
    next_page = number + 1 if number != total else None
    return {
        "page": number,
        "per_page": per_page,
        "posts": site.drops.many(posts[start:start + per_page]),
        "total_posts": len(posts),
        "total_pages": total,
        "previous_page": previous_page,
        "previous_page_path": paginate_path(site, previous_page, first_url),
        "next_page": next_page,
        "next_page_path": paginate_path(site, next_page, first_url),
    }
