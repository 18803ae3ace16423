"""The built-in jekyll-sitemap: ``sitemap.xml``, ``robots.txt`` and what they list."""

from __future__ import annotations

import re
from pathlib import Path

import liquidpy_site

CONFIG = "plugins: [jekyll-sitemap]\ntimezone: UTC\ntime: 2024-01-01 00:00:00 +0000\n"


def build(make_site, tmp_path: Path, files: dict[str, str]) -> Path:
    dest = tmp_path / "_site"
    liquidpy_site.build(make_site(files), dest)
    return dest


def locs(dest: Path) -> list[str]:
    return re.findall(r"<loc>([^<]*)</loc>", (dest / "sitemap.xml").read_text())


def test_robots_txt_points_at_the_sitemap(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "url: https://m.test\nbaseurl: /b\n",
        "index.html": "---\n---\nhome\n"})
    assert (dest / "robots.txt").read_text() == "Sitemap: https://m.test/b/sitemap.xml\n"
    assert locs(dest) == ["https://m.test/b/"]


def test_site_pages_at_the_same_urls_win(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG,
        "sitemap.xml": "---\n---\n<mine>{{ site.pages | size }}</mine>\n",
        "r.md": "---\npermalink: /robots.txt\n---\nmine\n"})
    assert (dest / "sitemap.xml").read_text() == "<mine>2</mine>\n"
    assert (dest / "robots.txt").read_text() == "<p>mine</p>\n"


def test_what_is_listed(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "collections: {docs: {output: true}, notes: {output: false}}\n",
        "index.html": "---\n---\nhome\n",
        "hidden.md": "---\nsitemap: false\n---\nx\n",
        "404.md": "---\npermalink: /404.html\n---\nx\n",
        "feed.xml": "---\n---\n<x/>\n",
        "sub/index.md": "---\nlast_modified_at: 2023-05-06 07:08:09 +0000\n---\nx\n",
        "_docs/a.md": "---\ndate: 2022-02-02\n---\nx\n",
        "_docs/b.md": "---\nsitemap: false\n---\nx\n",
        "_notes/n.md": "---\n---\nx\n",
        "files/a.pdf": "%PDF",
        "files/b.png": "PNG",
        "files/404.html": "<p>static 404</p>\n",
        "index2.htm": "<p>static</p>\n",
    })
    assert locs(dest) == ["/docs/a.html", "/", "/sub/", "/files/a.pdf", "/index2.htm"]
    text = (dest / "sitemap.xml").read_text()
    assert "<loc>/sub/</loc>\n<lastmod>2023-05-06T07:08:09+00:00</lastmod>" in text
    assert "<loc>/docs/a.html</loc>\n<lastmod>2022-02-02T00:00:00+00:00</lastmod>" in text


def test_a_static_index_file_is_listed_as_its_folder(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG + "baseurl: /b\n",
                                       "index.html": "<p>static index</p>\n"})
    assert locs(dest) == ["/b/"]


def test_sitemap_is_minified(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG, "index.html": "---\n---\nx\n"})
    assert (dest / "sitemap.xml").read_text() == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 '
        'http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "<url>\n<loc>/</loc>\n</url>\n</urlset>\n")
