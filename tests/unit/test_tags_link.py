"""The link and post_url tags."""

from __future__ import annotations

from typing import Any

import pytest

from liquidpy_site.rendering.filters import register_filters
from liquidpy_site.rendering.liquid_config import environment_options
from liquidpy_site.rendering.liquid_env import JekyllEnvironment
from liquidpy_site.rendering.tags import register_tags


def make_env(config: dict[str, Any] | None = None, index: Any = None) -> JekyllEnvironment:
    """Return a JekyllEnvironment with Jekyll's filters and tags."""
    config = config or {}
    options = environment_options(config.get("liquid"))
    env = JekyllEnvironment(site_config=config, site_index=index, **options)
    register_filters(env)
    register_tags(env)
    return env


class Index:
    """A site with one page, one static file and two posts."""

    def url_for_path(self, relative_path: str) -> str | None:
        return {"about.md": "/about/", "assets/a b.css": "/assets/a b.css"}.get(relative_path)

    def post_url(self, name: str) -> str | None:
        posts = {"2020-01-02-hello": "/2020/01/02/hello.html", "old/2019-05-06-x": "/x/"}
        return posts.get(name)


def render(source: str, baseurl: str = "/sub", **variables: object) -> str:
    env = make_env({"baseurl": baseurl}, Index())
    return env.from_string(source).render(site={"baseurl": baseurl}, **variables)


def test_link_includes_baseurl_like_jekyll_4() -> None:
    assert render("{% link about.md %}") == "/sub/about/"
    assert render("{% link assets/a b.css %}", baseurl="") == "/assets/a%20b.css"
    assert render("{{ site.baseurl }}{% link about.md %}") == "/sub/sub/about/"


def test_link_path_may_use_liquid() -> None:
    assert render("{% link {{ p }} %} after", p="about.md") == "/sub/about/ after"


def test_link_missing_raises_naming_path() -> None:
    with pytest.raises(Exception, match="Could not find document 'nope.md' in tag 'link'"):
        render("{% link nope.md %}")


def test_post_url() -> None:
    assert render("{% post_url 2020-01-02-hello %}") == "/sub/2020/01/02/hello.html"
    assert render("{% post_url /2020-01-02-hello %}") == "/sub/2020/01/02/hello.html"
    assert render("{% post_url old/2019-05-06-x %}|") == "/sub/x/|"


def test_post_url_errors() -> None:
    with pytest.raises(Exception, match='Could not find post "2020-01-03-nope"'):
        render("{% post_url 2020-01-03-nope %}")
    with pytest.raises(Exception, match='Could not parse name of post "nodate"'):
        render("{% post_url nodate %}")
