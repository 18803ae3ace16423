"""Date filters: Ruby strftime, Time.parse and Jekyll's date_to_* filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from liquidpy_site.rendering.filters import register_filters
from liquidpy_site.rendering.filters_time import strftime
from liquidpy_site.rendering.liquid_config import environment_options
from liquidpy_site.rendering.liquid_env import JekyllEnvironment
from liquidpy_site.rendering.ruby import to_s_empty
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


T = dt.datetime(2021, 1, 2, 3, 4, 5, 123456, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("%-d %e %^b %B", "2  2 JAN January"),
        ("%j %-j %U %W %V", "002 2 00 00 53"),
        ("%z %:z %::z", "+0530 +05:30 +05:30:00"),
        ("%L %N %3N", "123 123456000 123"),
        ("%s", "1609536845"),
        ("%I %l %p %P", "03  3 AM am"),
        ("%F %T", "2021-01-02 03:04:05"),
        ("%10A|%-10d|%_5m", "  Saturday|2|    1"),
        ("%Q %%", "%Q %"),
    ],
)
def test_strftime(fmt: str, expected: str) -> None:
    assert strftime(T, fmt) == expected


def test_date_filter_parses_strings() -> None:
    assert render('{{ "2021-01-02T03:04:05Z" | date: "%F %T %Z" }}') == "2021-01-02 03:04:05 UTC"
    assert render('{{ "01/02/2021" | date: "%F" }}') == "2021-02-01"
    assert render('{{ "not a date" | date: "%F" }}') == "not a date"
    assert render('{{ 0 | date: "%F %z" }}', {"timezone": "UTC"}) == "1970-01-01 +0000"
    assert render('{{ nil | date: "%F" }}') == ""


def test_date_to_filters_use_site_timezone() -> None:
    config = {"timezone": "America/New_York"}
    source = '{{ "2021-01-02T03:04:05Z" | date_to_xmlschema }}'
    assert render(source, config) == "2021-01-01T22:04:05-05:00"
    assert render("{{ d | date_to_rfc822 }}", config, d=dt.date(2021, 1, 2)) == (
        "Sat, 02 Jan 2021 00:00:00 -0500"
    )
    day = dt.date(2021, 3, 22)
    assert render('{{ d | date_to_string: "ordinal", "US" }}', d=day) == "Mar 22nd, 2021"
    assert render('{{ d | date_to_long_string: "ordinal" }}', d=day) == "22nd March 2021"
    assert render("{{ d | date_to_string }}", d=day) == "22 Mar 2021"


def test_invalid_date_raises() -> None:
    with pytest.raises(Exception, match="Invalid Date"):
        render('{{ "nope" | date_to_xmlschema }}')


def test_to_s_empty_is_rubys_to_s_empty_without_formatting_times() -> None:
    assert [to_s_empty(v) for v in (None, "", [], "x", 0, dt.date(2020, 1, 2),
                                     dt.datetime(2020, 1, 2, tzinfo=dt.UTC))] == \
        [True, True, False, False, False, False, False]  # [].to_s is "[]"
