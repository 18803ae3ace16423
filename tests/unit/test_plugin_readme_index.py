"""The built-in jekyll-readme-index: a folder's README as its index."""

from __future__ import annotations

from pathlib import Path

import liquidpy_site
from liquidpy_site.plugins.readme_index import ruby_dirname

CONFIG = "plugins: [jekyll-readme-index]\n"


def build(make_site, tmp_path: Path, files: dict[str, str], name: str = "_site") -> Path:
    dest = tmp_path / name
    liquidpy_site.build(make_site(files), dest)
    return dest


def test_ruby_dirname() -> None:
    assert ruby_dirname("/README.md") == "/"
    assert ruby_dirname("/docs/README.md") == "/docs"
    assert ruby_dirname("/docs/") == "/"
    assert ruby_dirname("README.md") == "."
    assert ruby_dirname("/") == "/"


def test_readme_becomes_the_index_and_stays_a_file(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "baseurl: /b\n",
        "README.md": "# Hi {{ page.url }}\n",
        "docs/readme.markdown": "docs\n"})
    assert (dest / "index.html").read_text() == '<h1 id="hi-">Hi /</h1>\n'
    assert (dest / "docs" / "index.html").read_text() == "<p>docs</p>\n"
    assert (dest / "README.md").exists()


def test_an_existing_index_wins(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG, "README.md": "readme\n", "index.HTML": "static index\n",
        "a/README.md": "a readme\n", "a/index.md": "---\n---\na index\n"})
    assert not (dest / "index.html").exists()
    assert (dest / "index.HTML").read_text() == "static index\n"
    assert (dest / "a" / "index.html").read_text() == "<p>a index</p>\n"


def test_extension_case_counts_and_options(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "readme_index: {remove_originals: true}\n",
        "README.md": "r\n", "x/README.MD": "upper\n"})
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()) == [
        "index.html", "x/README.MD"]
    off = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "readme_index: {enabled: false}\n", "README.md": "r\n"}, "_off")
    assert [p.name for p in off.iterdir()] == ["README.md"]
