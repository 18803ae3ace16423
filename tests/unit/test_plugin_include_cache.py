"""The built-in jekyll-include-cache: ``{% include_cached %}``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import liquidpy_site
from liquidpy_site.errors import SiteError
from liquidpy_site.plugins.include_cache import value_key

CONFIG = "plugins: [jekyll-include-cache]\n"


def build(make_site, tmp_path: Path, files: dict[str, str]) -> Path:
    dest = tmp_path / "_site"
    liquidpy_site.build(make_site(files), dest)
    return dest


def test_value_keys_follow_ruby_equality() -> None:
    assert value_key(1) != value_key(1.0)
    assert value_key(True) != value_key(1)
    assert value_key("a") == value_key("a")
    assert value_key({"a": [1, 2]}) == value_key({"a": [1, 2]})
    assert value_key(dt.date(2024, 1, 1)) == value_key(dt.date(2024, 1, 1))


def test_the_first_output_is_reused(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG,
        "_includes/i.html": "{{ page.title }}:{{ include.x }}",
        "a.html": "---\ntitle: A\n---\n{% include_cached i.html x=1 %}|{% include_cached i.html y=1 %}",
        "b.html": "---\ntitle: B\n---\n{% include_cached i.html x=1 %}|{% include_cached i.html x=2 %}"})
    assert (dest / "a.html").read_text() == "A:1|A:1"
    assert (dest / "b.html").read_text() == "A:1|B:2"


def test_each_build_starts_with_an_empty_cache(make_site, tmp_path: Path) -> None:
    source = make_site({"_config.yml": CONFIG, "_includes/i.html": "{{ page.n }}",
                        "a.html": "---\nn: 1\n---\n{% include_cached i.html %}"})
    liquidpy_site.build(source, tmp_path / "one")
    (source / "a.html").write_text("---\nn: 2\n---\n{% include_cached i.html %}")
    liquidpy_site.build(source, tmp_path / "two")
    assert (tmp_path / "two" / "a.html").read_text() == "2"


def test_a_missing_include_is_an_error(make_site, tmp_path: Path) -> None:
    with pytest.raises(SiteError, match="Could not locate the included file 'nope.html'"):
        build(make_site, tmp_path, {"_config.yml": CONFIG,
                                    "a.html": "---\n---\n{% include_cached nope.html %}"})
