"""The built-in jekyll-github-metadata, offline: ``site.github`` from the repository name."""

from __future__ import annotations

from pathlib import Path

import pytest

import liquidpy_site
from liquidpy_site.errors import SiteError
from liquidpy_site.plugins._github_repo import Pages, Repository, build_revision
from liquidpy_site.plugins.github_metadata import edit_url

CONFIG = "plugins: [jekyll-github-metadata]\n"
_ENV = ("PAGES_ENV", "JEKYLL_ENV", "PAGES_REPO_NWO", "PAGES_GITHUB_HOSTNAME", "GITHUB_HOSTNAME",
        "PAGES_PAGES_HOSTNAME", "PAGES_HOSTNAME", "PAGE_BUILD_ID", "SSL")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


def test_pages_defaults_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Pages.env() == "development"
    assert Pages.pages_hostname() == "localhost:4000"
    monkeypatch.setenv("PAGES_ENV", "dotcom")
    assert Pages.pages_hostname() == "github.io"
    monkeypatch.setenv("PAGES_GITHUB_HOSTNAME", "ghe.test/")
    assert Pages.github_hostname() == "ghe.test"
    assert Pages.github_url() == "https://github.com"


def test_repository_urls_on_github_dot_com(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGES_ENV", "dotcom")
    user = Repository("octocat/octocat.github.io")
    assert user.user_page() and user.html_url() == "http://octocat.github.io"
    assert user.source() == {"branch": "master", "path": "/"}
    project = Repository("octocat/hello")
    assert project.html_url() == "http://octocat.github.io/hello"
    assert project.baseurl() == "/hello"
    assert Repository("octocat/hello").repository_url() == "https://github.com/octocat/hello"


def test_site_github_and_title(make_site, tmp_path: Path) -> None:
    dest = tmp_path / "_site"
    liquidpy_site.build(make_site({
        "_config.yml": CONFIG + "repository: me/proj\n",
        "index.html": "---\n---\n{{ site.title }}|{{ site.github.repository_url }}|"
                      "{{ site.github.is_project_page }}|{{ site.github.contributors }}"}), dest)
    assert (dest / "index.html").read_text() == "proj|https://github.com/me/proj|true|false"


def test_production_sets_url_and_baseurl(make_site, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JEKYLL_ENV", "production")
    monkeypatch.setenv("PAGES_REPO_NWO", "me/proj")
    dest = tmp_path / "_site"
    liquidpy_site.build(make_site({
        "_config.yml": CONFIG + "title: T\n",
        "index.html": "---\n---\n{{ site.url }}{{ site.baseurl }} {{ site.title }}"}), dest)
    assert (dest / "index.html").read_text() == "https://github.com/pages/me/proj T"


def test_a_github_mapping_cannot_be_merged_offline(make_site, tmp_path: Path) -> None:
    with pytest.raises(SiteError, match="owner_public_repositories"):
        liquidpy_site.build(make_site({
            "_config.yml": CONFIG + "repository: me/proj\ngithub: {x: 1}\n",
            "index.html": "---\n---\nx"}), tmp_path / "_site")


def test_edit_url_and_build_revision(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    github = {"repository_url": "https://github.com/me/proj",
              "source": {"branch": "main", "path": "/docs"}}
    assert edit_url({"github": github}, {"path": "a b.md"}) == (
        "https://github.com/me/proj/edit/main/docs/a%20b.md")
    assert edit_url({}, {"path": "a.md"}) == ""
    monkeypatch.setenv("JEKYLL_BUILD_REVISION", "abc123")
    assert build_revision(tmp_path) == "abc123"
