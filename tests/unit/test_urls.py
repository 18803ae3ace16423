"""URL templates, escaping and destination paths (Jekyll's ``URL`` and permalinks)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import liquidpy_site
from liquidpy_site.config import style_to_permalink
from liquidpy_site.errors import ReadError
from liquidpy_site.permalinks import cleaned_relative_path
from liquidpy_site.urls import (
    add_permalink_suffix,
    destination_path,
    escape_path,
    fill_page_template,
    fill_template,
    page_destination_path,
    sanitize_url,
    unescape_path,
)

# -- escaping (expected values: Jekyll::URL.escape_path) --------------------------------


@pytest.mark.parametrize(
    ("path", "escaped"),
    [
        ("a b?c#d%e ü", "a%20b?c%23d%25e%20%C3%BC"),
        ("a#b#c", "a%23b%23c"),
        ("hello world", "hello%20world"),
        ("/foo bar/baz.html", "/foo%20bar/baz.html"),
        ("100%", "100%25"),
        ("a?b", "a?b"),
        ("[x]", "%5Bx%5D"),
        ("é/ü", "%C3%A9/%C3%BC"),
        ("a:b@c", "a:b@c"),
        ("a*b", "a*b"),
        ("!$&'()+,;=~_", "!$&'()+,;=~_"),
        ("plain/path-1.html", "plain/path-1.html"),
        ("", ""),
    ],
)
def test_escape_path_as_jekyll(path: str, escaped: str) -> None:
    assert escape_path(path) == escaped
    assert unescape_path(escaped) == path


def test_unescape_leaves_text_without_percent_alone() -> None:
    assert unescape_path("a+b c") == "a+b c"
    assert unescape_path("a%2Bb") == "a+b"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="%")))
def test_escape_then_unescape_is_identity(text: str) -> None:
    assert unescape_path(escape_path(text)) == text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_escaped_path_has_no_space_or_hash(text: str) -> None:
    escaped = escape_path(text)
    assert " " not in escaped
    assert "#" not in escaped


# -- sanitize_url (expected values: Jekyll::URL#to_s) ----------------------------------


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("..a/./b//c", "/a/b/c"),
        ("a/../b", "/a/b"),
        ("foo", "/foo"),
        ("/a//b/", "/a/b/"),
        ("./x", "/x"),
        ("", "/"),
        ("a/.../b", "/a/b"),
    ],
)
def test_sanitize_url(url: str, clean: str) -> None:
    assert sanitize_url(url) == clean


# -- document templates -------------------------------------------------------------


def test_fill_template_replaces_and_escapes_placeholders() -> None:
    placeholders = {"collection": "docs", "path": "a b/c#d", "output_ext": ".html",
                    "title": "Hello"}
    assert (fill_template("/:collection/:path:output_ext", placeholders)
            == "/docs/a%20b/c%23d.html")
    assert fill_template("/x/:title/", placeholders) == "/x/Hello/"


def test_fill_template_calls_lazy_values_only_when_used() -> None:
    calls: list[str] = []

    def lazy(name: str) -> object:
        def value() -> str:
            calls.append(name)
            return name.upper()
        return value

    placeholders = {"title": lazy("title"), "year": lazy("year")}
    assert fill_template("/:title/", placeholders) == "/TITLE/"
    assert calls == ["title"]


def test_fill_template_none_is_empty() -> None:
    assert fill_template("/a/:categories/b", {"categories": None}) == "/a//b"


def test_trailing_underscore_falls_back_to_the_name() -> None:
    # Jekyll: ":title_" is the title followed by "_" when there is no "title_" key.
    assert fill_template("/:title_/:name/", {"title": "t", "name": "n"}) == "/t_/n/"
    assert fill_template("/:a_b/", {"a_b": "x", "a": "no"}) == "/x/"


def test_missing_placeholder_raises() -> None:
    with pytest.raises(ReadError, match="doesn't have nope keys. Check your permalink"):
        fill_template("/:nope/", {"title": "t"})
    with pytest.raises(ReadError, match="nope"):
        fill_template("/:nope_/", {"title": "t"})


def test_two_trailing_underscores_are_not_a_fallback() -> None:
    with pytest.raises(ReadError):
        fill_template("/:title__/", {"title": "t"})


def test_placeholders_are_lowercase_names_only() -> None:
    assert fill_template("/:Title/:title", {"title": "t"}) == "/:Title/t"


# -- page templates -------------------------------------------------------------------


def test_fill_page_template_drops_empty_path_segment() -> None:
    placeholders = {"path": None, "basename": "about", "output_ext": ".html"}
    assert fill_page_template("/:path/:basename:output_ext", placeholders) == "/about.html"


def test_fill_page_template_escapes_values() -> None:
    placeholders = {"path": "my docs", "basename": "a#b", "output_ext": ".html"}
    assert (fill_page_template("/:path/:basename:output_ext", placeholders)
            == "/my%20docs/a%23b.html")


# -- permalink styles ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("pretty", "/:basename/"),
        ("date", "/:basename:output_ext"),
        ("ordinal", "/:basename:output_ext"),
        ("none", "/:basename:output_ext"),
        ("weekdate", "/:basename"),
        ("/:title/", "/:basename/"),
        ("/:title:output_ext", "/:basename:output_ext"),
        ("/:title", "/:basename"),
        ("/:year/:title/:output_ext", "/:basename:output_ext"),
    ],
)
def test_add_permalink_suffix(style: str, expected: str) -> None:
    assert add_permalink_suffix("/:basename", style) == expected


def test_style_to_permalink_unknown_style_is_the_template() -> None:
    assert style_to_permalink("/custom/:title.html") == "/custom/:title.html"
    assert style_to_permalink("weekdate") == "/:categories/:year/W:week/:short_day/:title:output_ext"


# -- destinations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "ext", "expected"),
    [
        ("/2020/01/02/post.html", ".html", "2020/01/02/post.html"),
        ("/blog/post/", ".html", "blog/post/index.html"),
        ("/blog/post/", ".xml", "blog/post/index.html"),
        ("/feed", ".xml", "feed.xml"),
        ("/a%20b/c%23d.html", ".html", "a b/c#d.html"),
    ],
)
def test_document_destination(url: str, ext: str, expected: str) -> None:
    assert destination_path(url, ext) == expected


@pytest.mark.parametrize(
    ("url", "ext", "expected"),
    [
        ("/about.html", ".html", "about.html"),
        ("/about/", ".html", "about/index.html"),
        ("/feed/", ".xml", "feed/index.xml"),
        ("/", ".html", "index.html"),
        ("/robots", ".txt", "robots.txt"),
        ("/caf%C3%A9/", ".html", "café/index.html"),
    ],
)
def test_page_destination(url: str, ext: str, expected: str) -> None:
    assert page_destination_path(url, ext) == expected


def test_cleaned_relative_path() -> None:
    assert cleaned_relative_path("_docs/a/b.md", ".md", "_docs") == "/a/b"
    assert cleaned_relative_path("_docs/a/b..md", ".md", "_docs") == "/a/b"
    assert cleaned_relative_path("_docs/README", "", "_docs") == "/README"


# -- URLs of a whole site, per permalink style (expected: Jekyll 4.3's output) ---------------

STYLE_SITE = {
    "_posts/2020-03-04-hello-world.md": "---\ncategories: [A b, c]\n---\nx\n",
    "_docs/sub/my doc.md": "---\n---\nd\n",
    "about.md": "---\n---\na\n",
    "feed.xml": "---\n---\nf\n",
    "blog/index.html": "---\n---\nb\n",
    "index.html": ("---\n---\n{% for p in site.posts %}{{ p.url }} {% endfor %}"
                   "{% for p in site.docs %}{{ p.url }} {% endfor %}"
                   "{% for p in site.pages %}{{ p.url }} {% endfor %}"),
}


@pytest.mark.parametrize(
    ("style", "urls"),
    [
        ("pretty", "/a%20b/c/2020/03/04/hello-world/ /docs/sub/my%20doc/ /about/ /feed.xml /blog/ /"),
        ("date", ("/a%20b/c/2020/03/04/hello-world.html /docs/sub/my%20doc.html /about.html "
                  "/feed.xml /blog/ /")),
        ("none", "/a%20b/c/hello-world.html /docs/sub/my%20doc.html /about.html /feed.xml /blog/ /"),
        ("ordinal", ("/a%20b/c/2020/064/hello-world.html /docs/sub/my%20doc.html "
                     "/about.html /feed.xml /blog/ /")),
        ("weekdate", ("/a%20b/c/2020/W10/Wed/hello-world.html /docs/sub/my%20doc /about "
                      "/feed.xml /blog/ /")),
        ("/:categories/:title/", ("/a%20b/c/hello-world/ /docs/sub/my%20doc/ /about/ "
                                  "/feed.xml /blog/ /")),
    ],
)
def test_site_urls_per_permalink_style(make_site: Any, tmp_path: Path, style: str,
                                       urls: str) -> None:
    config = f'permalink: "{style}"\ncollections:\n  docs:\n    output: true\n'
    source = make_site({"_config.yml": config, **STYLE_SITE})
    liquidpy_site.build(source, tmp_path / "out")
    assert (tmp_path / "out" / "index.html").read_text().strip() == urls


def test_written_files_follow_the_urls(make_site: Any, tmp_path: Path) -> None:
    source = make_site({"_config.yml": "collections:\n  docs:\n    output: true\n",
                        "_docs/a b#c.md": "---\npermalink: /x/:title_/:name/:path/\n---\n"})
    liquidpy_site.build(source, tmp_path / "out")
    assert (tmp_path / "out" / "x" / "a-b-c_" / "a-b-c" / "a b#c" / "index.html").is_file()


def test_posts_collection_permalink_is_not_a_style(make_site: Any, tmp_path: Path) -> None:
    source = make_site({
        "_config.yml": "collections:\n  posts:\n    permalink: pretty\n",
        "_posts/2020-01-02-hello.md": "---\n---\nx\n",
        "index.html": "---\n---\n{% for p in site.posts %}{{ p.url }}{% endfor %}",
    })
    liquidpy_site.build(source, tmp_path / "out")
    assert (tmp_path / "out" / "index.html").read_text() == "/pretty"
