"""The built-in jekyll-relative-links: links to Markdown sources become URLs."""

from __future__ import annotations

from pathlib import Path

import liquidpy_site
from liquidpy_site.plugins.relative_links import (
    LINK,
    has_scheme,
    path_from_root,
    replaceable,
)

CONFIG = "plugins: [jekyll-relative-links]\n"


def build(make_site, tmp_path: Path, files: dict[str, str]) -> Path:
    dest = tmp_path / "_site"
    liquidpy_site.build(make_site(files), dest)
    return dest


def test_path_from_root_resolves_dots_and_leading_slashes() -> None:
    assert path_from_root("a.md", ".") == "a.md"
    assert path_from_root("../a.md", "docs/deep") == "docs/a.md"
    assert path_from_root("/docs/./a.md", "ignored") == "docs/a.md"
    assert path_from_root("../a.md", ".") is None
    assert path_from_root("//host/a.md", ".") is None


def test_schemes_and_fragments_are_not_replaceable() -> None:
    assert has_scheme("https://x.test/a.md")
    assert has_scheme("mailto:me@x.test")
    assert not has_scheme("1bad:a.md")
    assert not has_scheme("a.md")
    assert not replaceable("#top")
    assert replaceable("docs/a.md")


def test_link_pattern_groups() -> None:
    inline = LINK.search('see [t](a.md#x "T") now')
    assert inline is not None
    assert inline.group(2, 3, 4, 5) == ("t", "a.md", "#x", ' "T"')
    reference = LINK.search("\n[r]: b.md\n")
    assert reference is not None
    assert reference.group(6, 7) == ("r", "b.md")


def test_pages_links_are_rewritten_with_the_baseurl(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "baseurl: /b\n",
        "index.md": "---\n---\n[a](docs/a.md#part) [x](missing.md)\n",
        "docs/a.md": "---\n---\n[home](../index.md)\n"})
    assert (dest / "index.html").read_text() == (
        '<p><a href="/b/docs/a.html#part">a</a> <a href="missing.md">x</a></p>\n')
    assert (dest / "docs" / "a.html").read_text() == '<p><a href="/b/">home</a></p>\n'


def test_documents_only_with_the_collections_option(make_site, tmp_path: Path) -> None:
    files = {"index.md": "---\n---\nhome\n",
             "_posts/2024-01-02-p.md": "---\n---\n[home](../index.md)\n"}
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG, **files})
    assert '<a href="../index.md">' in (dest / "2024/01/02/p.html").read_text()
    other = tmp_path / "other"
    liquidpy_site.build(make_site({"_config.yml": CONFIG + "relative_links: {collections: true}\n",
                                   **files}), other)
    assert '<a href="/">' in (other / "2024/01/02/p.html").read_text()


def test_disabled_and_excluded(make_site, tmp_path: Path) -> None:
    files = {"a.md": "---\n---\n[b](b.md)\n", "b.md": "---\n---\n[a](a.md)\n"}
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "relative_links: {exclude: [a.md]}\n", **files})
    assert '<a href="b.md">' in (dest / "a.html").read_text()
    assert '<a href="/a.html">' in (dest / "b.html").read_text()
    off = tmp_path / "off"
    liquidpy_site.build(make_site({"_config.yml": CONFIG + "relative_links: {enabled: false}\n",
                                   **files}), off)
    assert '<a href="a.md">' in (off / "b.html").read_text()
