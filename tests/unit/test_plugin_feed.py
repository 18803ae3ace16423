"""The built-in jekyll-feed: feed pages, their options and ``{% feed_meta %}``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import liquidpy_site
from liquidpy_site.plugins import feed

CONFIG = "plugins: [jekyll-feed]\ntimezone: UTC\ntime: 2024-01-01 00:00:00 +0000\n"


def build(make_site, tmp_path: Path, files: dict[str, str]) -> Path:
    source = make_site(files)
    dest = tmp_path / "_site"
    liquidpy_site.build(source, dest)
    return dest


def posts(count: int) -> dict[str, str]:
    return {f"_posts/2020-01-{day:02d}-post-{day}.md": f"---\ntitle: Post {day}\n---\nBody {day}.\n"
            for day in range(1, count + 1)}


def test_feed_meta_escapes_the_title_like_an_xml_attribute(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "title: \"A & B <c> 'd' \\\"e\\\"\"\nurl: https://x.test\n",
        "index.html": "---\n---\n{% feed_meta %}|",
    })
    assert (dest / "index.html").read_text() == (
        '<link type="application/atom+xml" rel="alternate" href="https://x.test/feed.xml" '
        'title="A &amp; B &lt;c&gt; &apos;d&apos; &quot;e&quot;" />|')


def test_feed_meta_uses_name_and_the_configured_path(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "name: Named\nbaseurl: /b\nfeed:\n  path: atom.xml\n",
        "index.html": "---\n---\n{% feed_meta %}",
    })
    assert (dest / "index.html").read_text() == (
        '<link type="application/atom+xml" rel="alternate" href="/b/atom.xml" title="Named" />')
    assert (dest / "atom.xml").is_file()
    assert not (dest / "feed.xml").exists()


def test_feed_meta_without_a_title_has_no_title_attribute(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG,
                                       "index.html": "---\n---\n{% feed_meta %}"})
    assert (dest / "index.html").read_text() == (
        '<link type="application/atom+xml" rel="alternate" href="/feed.xml" />')


def test_posts_limit_and_newest_first(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "feed:\n  posts_limit: 2\n", **posts(4)})
    titles = re.findall(r'<entry><title type="html">([^<]*)</title>', (dest / "feed.xml").read_text())
    assert titles == ["Post 4", "Post 3"]


def test_the_feed_is_minified_and_has_no_layout(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "defaults:\n  - scope: {path: ''}\n    values: {layout: x}\n",
        "_layouts/x.html": "LAYOUT {{ content }}", **posts(1)})
    text = (dest / "feed.xml").read_text()
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?><feed xmlns=')
    assert "<updated>2024-01-01T00:00:00+00:00</updated>" in text
    assert "LAYOUT" not in text
    assert "\n" not in text


def test_a_feed_file_in_the_source_is_kept(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG, "feed.xml": "<mine/>\n", **posts(1)})
    assert (dest / "feed.xml").read_text() == "<mine/>\n"


def test_disabled_in_development(make_site, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"_config.yml": CONFIG + "feed:\n  disable_in_development: true\n", **posts(1)}
    monkeypatch.delenv("JEKYLL_ENV", raising=False)
    assert not (build(make_site, tmp_path, files) / "feed.xml").exists()
    monkeypatch.setenv("JEKYLL_ENV", "production")
    assert (build(make_site, tmp_path, files) / "feed.xml").is_file()


def test_category_collection_and_tag_feeds(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + (
            "collections: {notes: {output: true}}\n"
            "feed:\n  categories: [news]\n  collections: {notes: {categories: [tips]}}\n"
            "  tags: {except: [skip], path: /tags/}\n"),
        "_posts/2020-01-01-a.md": "---\ntitle: A\ncategories: [news]\n"
                                  "tags: [keep, skip, two words, c-d]\n---\nA.\n",
        "_posts/2020-01-02-b.md": "---\ntitle: B\n---\nB.\n",
        "_notes/n.md": "---\ntitle: N\ncategories: [tips]\n---\nN.\n",
    })
    news = (dest / "feed" / "news.xml").read_text()
    assert re.findall(r"<entry><title type=\"html\">(\w)", news) == ["A"]
    # Without a site title the suffixes stand alone, as in Jekyll.
    assert '<title type="html"> | News</title>' in news
    notes = (dest / "feed" / "notes" / "tips.xml").read_text()
    assert '<title type="html"> | Notes | Tips</title>' in notes
    assert (dest / "feed" / "notes.xml").is_file()
    assert sorted(p.name for p in (dest / "tags").iterdir()) == ["keep.xml"]


def test_collections_normalises_the_posts_entry() -> None:
    config = {"path": "/atom.xml", "categories": ["a", "a", "b"], "collections": ["docs"]}
    collections = feed._collections(config)
    assert collections == {"docs": {"categories": []},
                           "posts": {"path": "/atom.xml", "categories": ["a", "b"]}}
    assert feed._feed_path(config, "posts", None) == "/atom.xml"
    assert feed._feed_path(config, "posts", "a") == "/feed/a.xml"
    assert feed._feed_path(config, "docs", None) == "/feed/docs.xml"
    assert feed._feed_path(config, "docs", "x") == "/feed/docs/x.xml"


def test_feed_pages_are_named_by_their_path(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "feed:\n  categories: [news]\n",
        "list.html": "---\n---\n{% for p in site.pages %}{{ p.name }}|{{ p.path }}|{{ p.url }};"
                     "{% endfor %}",
        "_posts/2020-01-01-a.md": "---\ncategories: [news]\n---\nx\n"})
    assert (dest / "list.html").read_text() == (
        "list.html|list.html|/list.html;/feed/news.xml|feed/news.xml|/feed/news.xml;"
        "/feed.xml|feed.xml|/feed.xml;")


def test_front_matter_defaults_apply_to_feed_pages(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "defaults:\n  - scope: {path: feed.xml}\n"
                                "    values: {permalink: /atom/, layout: ignored}\n",
        **posts(1)})
    assert not (dest / "feed.xml").exists()
    assert (dest / "atom" / "index.xml").read_text().startswith("<?xml")
