"""Loading the built-in plugins: names, theme dependencies and generator order."""

from __future__ import annotations

from pathlib import Path

import liquidpy_site
from liquidpy_site.config import load_config
from liquidpy_site.site import Site


def _site(make_site, files: dict[str, str]) -> Site:
    return Site(load_config(make_site(files)))


def test_generators_run_by_priority(make_site) -> None:
    site = _site(make_site, {"_config.yml": "plugins: [jekyll-paginate, jekyll-feed, "
                                            "jekyll-redirect-from, jekyll-sitemap, "
                                            "jekyll-seo-tag]\n"})
    names = [type(p).__module__.rsplit(".", 1)[-1] for p in site.plugins]
    # redirect-from has Jekyll's normal priority; the others the lowest, in listed order.
    assert names == ["redirect_from", "seo_tag", "paginate", "feed", "sitemap"]


def test_unknown_plugins_are_skipped(make_site, tmp_path: Path) -> None:
    source = make_site({"_config.yml": "plugins: [jekyll-unknown-thing]\n",
                        "index.html": "---\n---\nok"})
    liquidpy_site.build(source, tmp_path / "_site")
    assert (tmp_path / "_site" / "index.html").read_text() == "ok"


def test_redirect_pages_are_left_out_of_the_sitemap(make_site, tmp_path: Path) -> None:
    source = make_site({
        "_config.yml": "plugins: [jekyll-sitemap, jekyll-redirect-from, jekyll-feed]\n"
                       "timezone: UTC\ntime: 2024-01-01 00:00:00 +0000\n",
        "a.md": "---\nredirect_from: /old/\n---\nx\n",
        "b.md": "---\nredirect_to: /a.html\n---\nx\n"})
    liquidpy_site.build(source, tmp_path / "_site")
    text = (tmp_path / "_site" / "sitemap.xml").read_text()
    assert "<loc>/a.html</loc>" in text
    assert "/old/" not in text
    assert "/b.html" not in text
    assert "feed.xml" not in text
