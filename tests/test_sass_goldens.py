"""Stylesheets compiled by :mod:`liquidpy_site.sass` against Jekyll's own output.

Each case under ``tests/sass/`` holds a site and the stylesheets that Jekyll
4.3.1 wrote for it (``scripts/regen_sass_goldens.py``).  The stylesheet pages
have Liquid-free bodies, so each body is compiled as it is and the CSS and the
source map must equal Jekyll's byte for byte.  Source paths into an installed
theme depend on where the theme and the site live, so they are compared after
masking the ``../`` prefix, and checked to point at the theme's files.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from liquidpy_site.sass import SassOptions, compile_sass
from liquidpy_site.themes import Theme, ThemeError, theme_from_config

CASES = Path(__file__).parent / "sass"
_FRONT_MATTER = re.compile(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.M | re.S)
_THEME_SOURCE = re.compile(r'"((?:\.\./)+[^"]*?)/_sass/')


def _expected_stylesheets() -> list[Path]:
    return sorted(CASES.glob("*/expected/**/*.css"))


def _case_id(path: Path) -> str:
    case, _expected, *rest = path.relative_to(CASES).parts
    return f"{case}:{'/'.join(rest)}"


def _config(site: Path) -> dict:
    file = site / "_config.yml"
    data = YAML(typ="safe").load(file.read_text(encoding="utf-8")) if file.exists() else None
    return data if isinstance(data, dict) else {}


def _theme(config: dict, site: Path) -> Theme | None:
    try:
        return theme_from_config(config, site)
    except ThemeError as err:
        pytest.skip(f"theme not installed here: {err.message}")


def _source_page(expected_css: Path, case: Path, theme: Theme | None) -> tuple[Path, str, str]:
    """Return (file, syntax, path relative to its root) of the page that made the CSS."""
    relative = expected_css.relative_to(case / "expected")
    stem = relative.with_suffix("")
    roots = [case / "site"] + ([theme.root] if theme is not None else [])
    for root in roots:
        for syntax in ("scss", "sass"):
            candidate = root / stem.with_suffix(f".{syntax}")
            if candidate.is_file():
                return candidate, syntax, candidate.relative_to(root).as_posix()
    raise AssertionError(f"no stylesheet page for {relative}")


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    assert match is not None, f"{path} has no front matter"
    return text[match.end():]


def _mask_theme(source_map: str) -> str:
    return _THEME_SOURCE.sub('"<theme>/_sass/', source_map)


@pytest.mark.parametrize("expected_css", _expected_stylesheets(), ids=_case_id)
def test_stylesheet_matches_jekyll(expected_css: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = next(p for p in expected_css.parents if p.parent == CASES)
    site = case / "site"
    config = _config(site)
    theme = _theme(config, site)
    page, syntax, relative = _source_page(expected_css, case, theme)
    options = SassOptions.from_config(config, site, theme.sass_dir if theme else None,
                                      environment="development")
    monkeypatch.chdir(site)  # Jekyll was run from the site source
    result = compile_sass(_body(page), syntax=syntax, filename=relative, options=options)

    assert result.css == expected_css.read_text(encoding="utf-8")
    expected_map = expected_css.with_name(expected_css.name + ".map")
    if not expected_map.exists():
        assert result.source_map is None
        return
    assert result.source_map is not None
    assert _mask_theme(result.source_map) == _mask_theme(expected_map.read_text(encoding="utf-8"))
    # The first source is the page, named by its base name at the site source.
    sources = json.loads(result.source_map)["sources"]
    assert sources[0] == page.name
    for source in sources[1:]:
        assert os.path.isfile(os.path.normpath(site / source)), source


def test_goldens_exist() -> None:
    assert len(_expected_stylesheets()) >= 6
