"""The built-in jekyll-avatar: ``{% avatar %}`` image tags."""

from __future__ import annotations

from pathlib import Path

import pytest

import liquidpy_site
from liquidpy_site.plugins.avatar import avatar_img, avatar_url, username_from

CONFIG = "plugins: [jekyll-avatar]\n"


def test_username_from_the_text() -> None:
    assert username_from("hubot") == "hubot"
    assert username_from("@hubot size=20") == "hubot"
    assert username_from("a\tb") == "a\tb"


def test_urls_use_four_hosts_or_a_custom_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGES_AVATARS_URL", raising=False)
    assert avatar_url("hubot", "40") == "https://avatars3.githubusercontent.com/hubot?v=3&s=40"
    assert avatar_url("hubot", "40", 2) == "https://avatars3.githubusercontent.com/hubot?v=3&s=80"
    monkeypatch.setenv("PAGES_AVATARS_URL", "https://avatars.ghe.test/base")
    assert avatar_url("hubot", "40") == "https://avatars.ghe.test/base/hubot?v=3&s=40"


def test_small_and_lazy_images(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGES_AVATARS_URL", raising=False)
    small = avatar_img("x", "20", lazy=False)
    assert small.startswith('<img class="avatar avatar-small" alt="x" width="20" height="20" '
                            'data-proofer-ignore="true" src="https://avatars')
    lazy = avatar_img("x", "48", lazy=True)
    assert lazy.startswith('<img class="avatar" alt="x" width="48" height="48" '
                           'data-proofer-ignore="true" src="" data-src="https://')
    assert lazy.endswith(' 4x" />')


def test_the_tag_in_a_page(make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGES_AVATARS_URL", raising=False)
    dest = tmp_path / "_site"
    liquidpy_site.build(make_site({
        "_config.yml": CONFIG + "who: octocat\n",
        "index.html": "---\n---\n{% avatar user=site.who size=50 %}|{% avatar user=nobody %}"}),
        dest)
    first, second = (dest / "index.html").read_text().split("|")
    assert first == avatar_img("octocat", "50", lazy=False)
    assert second == avatar_img("nobody", "40", lazy=False)
