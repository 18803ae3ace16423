"""Math filters use Ruby's Integer/BigDecimal rules."""

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


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 0.1 | plus: 0.2 }}", "0.3"),
        ('{{ "4" | plus: "2" }}', "6"),
        ('{{ "abc" | plus: 1 }}', "1"),
        ("{{ 7 | divided_by: 2 }}", "3"),
        ("{{ -7 | divided_by: 2 }}", "-4"),
        ("{{ 7.5 | modulo: -2 }}", "-0.5"),
        ("{{ 2.5 | round }}", "3"),
        ("{{ -2.5 | round }}", "-3"),
        ("{{ 3.14159 | round: 2 }}", "3.14"),
        ("{{ 1234.5678 | round: -2 }}", "1200"),
        ("{{ nil | plus: 1 }}", "1"),
        ("{{ 1.1 | times: 3 }}", "3.3"),
        ("{{ 4 | at_least: 5 }}", "5"),
        ('{{ "-3.5" | abs }}', "3.5"),
    ],
)
def test_math(source: str, expected: str) -> None:
    assert render(source) == expected


def test_divided_by_zero_raises() -> None:
    with pytest.raises(Exception, match="divided by 0"):
        render("{{ 1 | divided_by: 0 }}")
