"""The liquid: configuration maps to environment options with Jekyll's failures."""

from __future__ import annotations

from typing import Any

import pytest
from liquid import Mode
from liquid.undefined import StrictUndefined, Undefined

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


def test_defaults() -> None:
    options = environment_options(None)
    assert options == {"tolerance": Mode.STRICT, "strict_filters": False, "undefined": Undefined}


def test_strict_options() -> None:
    options = environment_options({"strict_filters": True, "strict_variables": True})
    assert options["strict_filters"] is True
    assert options["undefined"] is StrictUndefined


def test_strict_filters_fail_on_unknown_filter() -> None:
    with pytest.raises(Exception, match="no_such"):
        render("{{ 1 | no_such }}", {"liquid": {"strict_filters": True}})


def test_strict_variables_fail_on_undefined() -> None:
    with pytest.raises(Exception, match="undefined"):
        render("{{ missing }}", {"liquid": {"strict_variables": True}})


def test_unclosed_tag_fails_in_default_mode() -> None:
    with pytest.raises(Exception, match="if"):
        render("{% if true %}x")
