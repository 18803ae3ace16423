"""The built-in jekyll-redirect-from: redirect pages, ``redirect_to`` and ``redirects.json``."""

from __future__ import annotations

import json
from pathlib import Path

import liquidpy_site
from liquidpy_site.models import Page
from liquidpy_site.plugins.redirect_from import redirect_from, redirect_to

CONFIG = "plugins: [jekyll-redirect-from]\n"


def build(make_site, tmp_path: Path, files: dict[str, str]) -> Path:
    dest = tmp_path / "_site"
    liquidpy_site.build(make_site(files), dest)
    return dest


def redirect_html(target: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-US">\n  <meta charset="utf-8">\n'
        "  <title>Redirecting&hellip;</title>\n"
        f'  <link rel="canonical" href="{target}">\n'
        f'  <script>location="{target}"</script>\n'
        f'  <meta http-equiv="refresh" content="0; url={target}">\n'
        '  <meta name="robots" content="noindex">\n'
        "  <h1>Redirecting&hellip;</h1>\n"
        f'  <a href="{target}">Click here if you are not redirected.</a>\n'
        "</html>\n")


def test_redirect_from_without_a_site_url(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "baseurl: /b\n",
        "target.md": "---\nredirect_from: old/\n---\nx\n"})
    assert (dest / "old" / "index.html").read_text() == redirect_html("/b/target.html")
    assert json.loads((dest / "redirects.json").read_text()) == {"/old/": "/b/target.html"}


def test_redirect_to_replaces_the_output(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "url: https://r.test\ncollections: {docs: {output: true}}\n",
        "_layouts/default.html": "LAYOUT {{ content }}",
        "away.md": "---\nlayout: default\nredirect_to: [null, /there/, /not-this/]\n---\nx\n",
        "_docs/gone.md": "---\nredirect_to: https://elsewhere.test/?a=1&b=2\n---\nx\n"})
    assert (dest / "away.html").read_text() == redirect_html("https://r.test/there/")
    assert (dest / "docs" / "gone.html").read_text() == redirect_html(
        "https://elsewhere.test/?a=1&b=2")
    assert (dest / "redirects.json").read_text() == (
        '{"/docs/gone.html":"https://elsewhere.test/?a=1&b=2",'
        '"/away.html":"https://r.test/there/"}')


def test_the_sites_redirect_layout_and_no_json(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "redirect_from: {json: false}\n",
        "_layouts/redirect.html": "{{ page.redirect.from }} -> {{ page.redirect.to }}",
        "t.md": "---\nredirect_from: [/a.html, /b/]\n---\nx\n"})
    assert (dest / "a.html").read_text() == "/a.html -> /t.html"
    assert (dest / "b" / "index.html").read_text() == "/b/ -> /t.html"
    assert not (dest / "redirects.json").exists()


def test_a_redirects_json_in_the_source_is_kept(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG, "redirects.json": "{}\n",
                                       "t.md": "---\nredirect_from: /a/\n---\nx\n"})
    assert (dest / "redirects.json").read_text() == "{}\n"


def _page(data: dict[str, object]) -> Page:
    return Page(path=Path("/x/p.md"), relative_path="p.md", data=data, content="")


def test_reading_the_front_matter() -> None:
    assert redirect_from(_page({"redirect_from": "/a/"})) == ["/a/"]
    assert redirect_from(_page({"redirect_from": ["/a/", None, "/b/"]})) == ["/a/", "/b/"]
    assert redirect_from(_page({})) == []
    assert redirect_to(_page({"redirect_to": [None, "/x/", "/y/"]})) == "/x/"
    assert redirect_to(_page({"redirect_to": "/z/"})) == "/z/"
    assert redirect_to(_page({})) is None
