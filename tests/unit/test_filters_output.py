"""Output statements print values as Ruby Liquid does."""

from __future__ import annotations

import datetime as dt
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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.0, "1.0"),
        (0.1, "0.1"),
        (1e16, "1.0e+16"),
        (1e15, "1.0e+15"),
        (1e-05, "1.0e-05"),
        (None, ""),
        (True, "true"),
        ([1, [2, None], "a"], "12a"),
        ({"a": 1, "b": None}, '{"a"=>1, "b"=>nil}'),
        (dt.date(2021, 1, 2), "2021-01-02"),
        (dt.datetime(2021, 1, 2, tzinfo=dt.timezone.utc), "2021-01-02 00:00:00 +0000"),
    ],
)
def test_output_matches_ruby(value: object, expected: str) -> None:
    assert render("{{ v }}", v=value) == expected
    assert render("{% echo v %}", v=value) == expected


def test_unknown_filter_passes_value_through() -> None:
    assert render("{{ 'a' | no_such_filter }}") == "a"
    assert render("{{ 'a' | squish }}") == "a"
