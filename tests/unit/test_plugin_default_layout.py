"""The built-in jekyll-default-layout: layouts for Markdown pages and posts without one."""

from __future__ import annotations

from pathlib import Path

import liquidpy_site

CONFIG = "plugins: [jekyll-default-layout]\n"


def build(make_site, tmp_path: Path, files: dict[str, str]) -> Path:
    dest = tmp_path / "_site"
    liquidpy_site.build(make_site(files), dest)
    return dest


def layouts(*names: str) -> dict[str, str]:
    return {f"_layouts/{name}.html": f"{name.upper()} {{{{ content }}}}" for name in names}


def test_home_page_post_and_default(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG, **layouts("home", "page", "post", "default"),
        "index.md": "---\n---\nhome\n", "about.md": "---\n---\nabout\n",
        "_posts/2024-01-01-p.md": "---\n---\npost\n"})
    assert (dest / "index.html").read_text() == "HOME <p>home</p>\n"
    assert (dest / "about.html").read_text() == "PAGE <p>about</p>\n"
    assert (dest / "2024/01/01/p.html").read_text() == "POST <p>post</p>\n"


def test_default_only_and_specified_layouts(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG, **layouts("default", "other"),
        "index.md": "---\n---\nhome\n", "mine.md": "---\nlayout: other\n---\nmine\n",
        "none.md": "---\nlayout: null\n---\nnone\n", "page.html": "---\n---\nhtml\n"})
    assert (dest / "index.html").read_text() == "DEFAULT <p>home</p>\n"
    assert (dest / "mine.html").read_text() == "OTHER <p>mine</p>\n"
    assert (dest / "none.html").read_text() == "<p>none</p>\n"
    assert (dest / "page.html").read_text() == "html\n"


def test_no_layouts_at_all(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG, "a.md": "---\n---\na\n"})
    assert (dest / "a.html").read_text() == "<p>a</p>\n"
