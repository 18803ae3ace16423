"""The built-in jekyll-titles-from-headings: titles from a page's first heading."""

from __future__ import annotations

from pathlib import Path

import liquidpy_site
from liquidpy_site.plugins.titles_from_headings import TITLE

CONFIG = "plugins: [jekyll-titles-from-headings]\n"
LAYOUT = {"_layouts/t.html": "[{{ page.title }}]{{ content }}"}


def build(make_site, tmp_path: Path, files: dict[str, str], name: str = "_site") -> Path:
    dest = tmp_path / name
    liquidpy_site.build(make_site(files), dest)
    return dest


def heading(text: str) -> str | None:
    match = TITLE.match(text)
    if match is None:
        return None
    return match.group(1) if match.group(1) is not None else match.group(2)


def test_heading_pattern() -> None:
    assert heading("# One\n") == "One"
    assert heading("\n\n### Three ###\nx") == "Three ###"
    assert heading("Setext\n---\n") == "Setext"
    assert heading("#### Four\n") is None
    assert heading("text\n\n# Later\n") is None
    assert heading("#tight\n") is None


def test_title_from_the_first_heading(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG, **LAYOUT,
        "a.md": "---\nlayout: t\n---\n# A *bold* [link](x.md)[^n]\n\nBody\n\n[^n]: note\n",
        "b.md": "---\nlayout: t\ntitle: Mine\n---\n# Heading\n",
        "c.html": "---\nlayout: t\n---\n# Not Markdown\n"})
    assert (dest / "a.html").read_text().startswith("[A bold link]<h1 ")
    assert (dest / "b.html").read_text().startswith("[Mine]")
    assert (dest / "c.html").read_text() == "[]# Not Markdown\n"


def test_strip_title_option_and_front_matter(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "titles_from_headings: {strip_title: true}\n", **LAYOUT,
        "a.md": "---\nlayout: t\n---\n# Gone\n\nBody\n",
        "b.md": "---\nlayout: t\nstrip_title: false\n---\n# Kept\n"})
    assert (dest / "a.html").read_text() == "[Gone]<p>Body</p>\n"
    assert (dest / "b.html").read_text() == '[Kept]<h1 id="kept">Kept</h1>\n'


def test_documents_with_the_collections_option(make_site, tmp_path: Path) -> None:
    files = {**LAYOUT, "_posts/2024-01-01-slug-title.md": "---\nlayout: t\n---\n# From heading\n"}
    plain = build(make_site, tmp_path, {"_config.yml": CONFIG, **files})
    assert (plain / "2024/01/01/slug-title.html").read_text().startswith("[Slug Title]")
    both = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "titles_from_headings: {collections: true}\n", **files}, "_b")
    assert (both / "2024/01/01/slug-title.html").read_text().startswith("[From heading]")


def test_disabled(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "titles_from_headings: {enabled: false}\n", **LAYOUT,
        "a.md": "---\nlayout: t\n---\n# Heading\n"})
    assert (dest / "a.html").read_text().startswith("[]")
