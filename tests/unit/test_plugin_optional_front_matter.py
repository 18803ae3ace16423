"""The built-in jekyll-optional-front-matter: Markdown files without front matter as pages."""

from __future__ import annotations

from pathlib import Path

import liquidpy_site
from liquidpy_site.plugins.optional_front_matter import page_basename

CONFIG = "plugins: [jekyll-optional-front-matter]\n"


def build(make_site, tmp_path: Path, files: dict[str, str], name: str = "_site") -> Path:
    dest = tmp_path / name
    liquidpy_site.build(make_site(files), dest)
    return dest


def test_page_basename_drops_the_extension_and_trailing_dots() -> None:
    assert page_basename("README.md") == "README"
    assert page_basename("notes..md") == "notes"
    assert page_basename("README.en.md") == "README.en"
    assert page_basename("LICENSE") == "LICENSE"


def test_markdown_without_front_matter_is_a_page_and_stays_a_file(make_site,
                                                                  tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "defaults: [{scope: {path: ''}, values: {layout: x}}]\n",
        "_layouts/x.html": "X {{ content }}",
        "about.md": "Hello *there* {{ 1 | plus: 1 }}\n"})
    assert (dest / "about.html").read_text() == "X <p>Hello <em>there</em> 2</p>\n"
    assert (dest / "about.md").read_text() == "Hello *there* {{ 1 | plus: 1 }}\n"


def test_blacklisted_names_unless_included(make_site, tmp_path: Path) -> None:
    files = {"README.md": "readme\n", "license.markdown": "license\n",
             "CONTRIBUTING.md": "contributing\n"}
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG, **files})
    assert not (dest / "README.html").exists()
    assert not (dest / "license.html").exists()
    assert (dest / "README.md").exists()
    included = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "include: [README.md]\n", **files}, "_inc")
    assert (included / "README.html").read_text() == "<p>readme</p>\n"
    assert not (included / "CONTRIBUTING.html").exists()


def test_remove_originals_and_disabled(make_site, tmp_path: Path) -> None:
    files = {"a.md": "a\n", "README.md": "r\n"}
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "optional_front_matter: {remove_originals: true}\n", **files})
    assert sorted(p.name for p in dest.iterdir()) == ["README.md", "a.html"]
    off = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "optional_front_matter: {enabled: false}\n", **files}, "_off")
    assert sorted(p.name for p in off.iterdir()) == ["README.md", "a.md"]
    strict = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "require_front_matter: true\n", **files}, "_strict")
    assert sorted(p.name for p in strict.iterdir()) == ["README.md", "a.md"]
