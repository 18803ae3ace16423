"""The built-in jekyll-seo-tag: the ``{% seo %}`` tag and the values behind it."""

from __future__ import annotations

from pathlib import Path

import liquidpy_site
from liquidpy_site.plugins.seo_drops import SeoDrop
from liquidpy_site.plugins.seo_parts import AuthorDrop, is_absolute_url
from liquidpy_site.rendering.filters import register_filters
from liquidpy_site.rendering.liquid_env import JekyllEnvironment

SITE = {
    "_config.yml": "title: Site\nplugins: [jekyll-seo-tag]\nauthor: robot\n",
    "_data/authors.yml": 'robot:\n  name: R2\n  type: Droid\n  twitter: "@r2"\n',
    "p.html": "---\ntitle: P\n---\n{% seo %}",
    "q.html": "---\ntitle: Q\nauthor: Plain Name\nimage: {twitter: /t.png}\n---\n"
              "{% seo title=false %}",
    "index.html": "---\n---\n{% seo %}",
}


def build(make_site, tmp_path: Path, files: dict[str, str]) -> Path:
    dest = tmp_path / "_site"
    liquidpy_site.build(make_site(files), dest)
    return dest


def test_without_url_or_description(make_site, tmp_path: Path) -> None:
    text = (build(make_site, tmp_path, SITE) / "p.html").read_text()
    assert text == (
        "<!-- Begin Jekyll SEO tag v2.8.0 -->\n"
        "<title>P | Site</title>\n"
        '<meta name="generator" content="Jekyll v4.3.1" />\n'
        '<meta property="og:title" content="P" />\n'
        '<meta name="author" content="R2" />\n'
        '<meta property="og:locale" content="en_US" />\n'
        '<meta property="og:site_name" content="Site" />\n'
        '<meta property="og:type" content="website" />\n'
        '<meta name="twitter:card" content="summary" />\n'
        '<meta property="twitter:title" content="P" />\n'
        '<script type="application/ld+json">\n'
        '{"@context":"https://schema.org","@type":"WebPage","headline":"P","url":"/p.html"}'
        "</script>\n"
        "<!-- End Jekyll SEO tag -->\n")


def test_title_false_and_an_image_without_path(make_site, tmp_path: Path) -> None:
    text = (build(make_site, tmp_path, SITE) / "q.html").read_text()
    assert "<title>" not in text
    assert '<meta property="og:image" content="/t.png" />' in text
    assert '<meta name="twitter:card" content="summary_large_image" />' in text
    assert ('"author":{"@type":"Person","name":"Plain Name"},"headline":"Q",'
            '"image":{"twitter":"/t.png","url":"/t.png","@type":"imageObject"}') in text


def test_home_page_is_a_website_named_after_the_site(make_site, tmp_path: Path) -> None:
    text = (build(make_site, tmp_path, SITE) / "index.html").read_text()
    assert "<title>Site</title>" in text
    assert ('{"@context":"https://schema.org","@type":"WebSite","headline":"Site",'
            '"name":"Site","url":"/"}') in text


def test_paginated_title_and_links(make_site, tmp_path: Path) -> None:
    posts = {f"_posts/2020-01-0{i}-p{i}.md": f"---\ntitle: Post {i}\n---\nx\n" for i in (1, 2, 3)}
    dest = build(make_site, tmp_path, {
        "_config.yml": "title: Site\nurl: https://s.test\npaginate: 1\n"
                       "plugins: [jekyll-seo-tag, jekyll-paginate]\n",
        "index.html": "---\ntitle: Home\n---\n{% seo %}", **posts})
    page2 = (dest / "page2" / "index.html").read_text()
    assert "<title>Page 2 of 3 for Home | Site</title>" in page2
    assert '<link rel="prev" href="https://s.test/" />' in page2
    # The default paginate_path, /page:num, has no trailing slash.
    assert '<link rel="next" href="https://s.test/page3" />' in page2
    assert "<title>Home | Site</title>" in (dest / "index.html").read_text()


def _drop(page: dict[str, object], site: dict[str, object], markup: str = "") -> SeoDrop:
    env = JekyllEnvironment(site_config=site)
    register_filters(env)
    return SeoDrop(markup, env, page, site, None)


def test_drop_formats_titles_and_descriptions() -> None:
    drop = _drop({"title": "A <b>b</b> & c", "url": "/about/", "excerpt": "<p>Some\n text</p>"},
                 {"title": "S", "tagline": "T", "description": "D"})
    assert drop.page_title == "A b &amp; c"
    assert drop.title == "A b &amp; c | S"
    assert drop.description == "Some text"
    assert drop.type == "WebSite"
    assert drop.name == "S"
    assert drop["title?"] is True
    assert _drop({"url": "/x.html"}, {"title": "S", "tagline": "T", "description": "D"}
                 ).title == "S | T"


def test_drop_title_flag_and_locale() -> None:
    drop = _drop({"title": "A", "url": "/", "lang": "fr-CA"}, {}, markup=" Title=False ")
    assert drop["title?"] is False
    assert drop.page_locale == "fr_CA"
    assert drop.canonical_url == "/"


def test_author_drop_resolution() -> None:
    site = {"author": "x", "data": {"authors": {"jo": {"twitter": "@jot", "url": "u"}}}}
    author = AuthorDrop({"authors": ["jo", "other"]}, site)
    assert author.name == "jo"
    assert author.twitter == "jot"
    assert dict(author) == {"name": "jo", "twitter": "jot", "url": "u"}
    assert AuthorDrop({"author": ""}, {"author": {"name": "N"}}).name == "N"
    assert AuthorDrop({}, {}).name is None


def test_is_absolute_url() -> None:
    assert is_absolute_url("https://x.test/a") is True
    assert is_absolute_url("/a/b.png") is False
    assert is_absolute_url(3) is None
