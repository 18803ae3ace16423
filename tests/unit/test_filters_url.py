"""URL filters: relative_url, absolute_url, uri_escape, cgi_escape."""

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


def render(source: str, config: dict[str, Any] | None = None, **variables: Any) -> str:
    """Render ``source`` with Jekyll's filters and the given variables."""
    return make_env(config).from_string(source).render(**variables)


CONFIG = {"baseurl": "/blog/", "url": "https://Example.com:443"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{{ "about/" | relative_url }}', "/blog/about/"),
        ('{{ "/a b/ü" | relative_url }}', "/blog/a%20b/%C3%BC"),
        ('{{ "/x/../y" | relative_url }}', "/blog/y"),
        ('{{ "http://Foo.com/A" | relative_url }}', "http://Foo.com/A"),
        ('{{ "" | relative_url }}', "/blog"),
        ("{{ nil | relative_url }}", ""),
        ('{{ "/a" | absolute_url }}', "https://example.com/blog/a"),
        ('{{ "a b&c" | cgi_escape }}', "a+b%26c"),
        ('{{ "a b/[x]?%20" | uri_escape }}', "a%20b/[x]?%20"),
    ],
)
def test_url_filters(source: str, expected: str) -> None:
    assert render(source, CONFIG) == expected


def test_absolute_url_without_site_url_is_relative() -> None:
    assert render('{{ "/a" | absolute_url }}', {"baseurl": "/b"}) == "/b/a"
