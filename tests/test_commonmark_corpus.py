"""``markdown: CommonMark`` must render exactly like Jekyll with jekyll-commonmark.

Goldens in ``tests/commonmark/expected`` and ``tests/commonmark/expected_site``
come from real Jekyll builds (``scripts/regen_commonmark_goldens.py``) and are
never edited by hand. Known remaining differences are listed in ``XFAIL``.
"""

from __future__ import annotations

import filecmp
import logging
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from liquidpy_site.errors import ConfigError
from liquidpy_site.markdown_commonmark import (
    CommonMarkConverter,
    InvalidMarkdownConverter,
    commonmark_settings,
    convert_commonmark,
    markdown_converter,
)
from liquidpy_site.markdown_commonmark._render import escape_href
from liquidpy_site.rendering.converters import MarkdownConverter

HERE = Path(__file__).parent / "commonmark"
SNIPPETS = sorted((HERE / "snippets").glob("*.md"))

#: Snippet name -> why it still differs from Jekyll.
XFAIL: dict[str, str] = {
    "fenced_guess_explicit": (
        "shared highlighter: Rouge's Ruby lexer classes a #! line as a plain comment "
        "(c1); the Pygments-based lexer gives it the hashbang class (ch)"
    ),
    "gfm_gfm_code_langs": (
        "shared highlighter: an unlabelled block starting 'package main' is guessed as "
        "Mosel (as Rouge does), but there is no Mosel lexer to tokenise the name"
    ),
    "fenced_java": (
        "shared highlighter: Rouge's Java lexer classes a declared class name as nc, "
        "the Pygments-based lexer as no"
    ),
    "fenced_guess_hack": (
        "shared highlighter: code with 'async function x' is guessed as Hack (as Rouge "
        "does), but the Hack lexer here starts in HTML mode where Rouge starts in code"
    ),
}


def _config(snippet: Path) -> dict[str, Any]:
    sidecar = snippet.with_suffix(".options.yml")
    config: dict[str, Any] = {"markdown": "CommonMark"}
    if sidecar.exists():
        config.update(YAML(typ="safe").load(sidecar.read_text(encoding="utf-8")) or {})
    return config


def _cases() -> list[Any]:
    cases = []
    for path in SNIPPETS:
        marks = [pytest.mark.xfail(reason=XFAIL[path.stem], strict=True)] if path.stem in XFAIL else []
        cases.append(pytest.param(path, id=path.stem, marks=marks))
    return cases


def test_corpus_is_large_enough() -> None:
    assert len(SNIPPETS) >= 100


@pytest.mark.parametrize("snippet", _cases())
def test_snippet_matches_jekyll(snippet: Path) -> None:
    expected = (HERE / "expected" / (snippet.stem + ".html")).read_bytes().decode("utf-8")
    text = snippet.read_bytes().decode("utf-8")
    assert convert_commonmark(text, _config(snippet)) == expected


# -- choosing the converter ----------------------------------------------------------


@pytest.mark.parametrize("name", [None, "kramdown", "Kramdown", "KRAMDOWN"])
def test_kramdown_names_pick_kramdown(name: str | None) -> None:
    converter = markdown_converter({"markdown": name, "markdown_ext": "md"})
    assert type(converter) is MarkdownConverter


def test_commonmark_picks_commonmark() -> None:
    converter = markdown_converter({"markdown": "CommonMark", "markdown_ext": "md,markdown"})
    assert isinstance(converter, CommonMarkConverter)
    assert converter.matches(".MD") and converter.matches(".markdown")
    assert converter.output_ext(".md") == ".html"
    assert converter.convert("*a*") == "<p><em>a</em></p>\n"


@pytest.mark.parametrize("name", ["commonmark", "COMMONMARK", "GFM", "gfm", "redcarpet", "Nope!"])
def test_other_names_fail_on_first_conversion(name: str) -> None:
    converter = markdown_converter({"markdown": name, "markdown_ext": "md"})
    assert isinstance(converter, InvalidMarkdownConverter)
    assert converter.matches(".md")
    with pytest.raises(ConfigError, match=f"Invalid Markdown processor given: {name}"):
        converter.convert("text")


def test_converter_ignores_worker_pool() -> None:
    converter = markdown_converter({"markdown": "CommonMark", "markdown_ext": "md"})
    converter.pool = object()  # type: ignore[assignment]
    assert converter.pool is None
    assert getattr(converter, "parallel", True) is False


# -- settings ------------------------------------------------------------------------


def test_default_settings_are_empty() -> None:
    assert commonmark_settings({}) == (0, 0, [])
    assert commonmark_settings({"commonmark": None}) == (0, 0, [])


def test_invalid_names_warn_and_drop(caplog: pytest.LogCaptureFixture) -> None:
    config = {"commonmark": {"options": ["smart", "bogus"], "extensions": ["tables", "table"]}}
    with caplog.at_level(logging.WARNING, logger="liquidpy_site"):
        parse_bits, render_bits, extensions = commonmark_settings(config)
    assert parse_bits == render_bits == 1 << 10
    assert extensions == ["table"]
    assert "BOGUS is not a valid option" in caplog.text
    assert "tables is not a valid extension" in caplog.text


def test_non_string_entries_drop_the_list() -> None:
    config = {"commonmark": {"options": ["SMART", 3], "extensions": ["table", None]}}
    assert commonmark_settings(config) == (0, 0, [])


def test_render_only_options_do_not_reach_the_parser() -> None:
    parse_bits, render_bits, _ = commonmark_settings({"commonmark": {"options": ["HARDBREAKS"]}})
    assert parse_bits == 0 and render_bits == 1 << 2


# -- details checked against the C library -------------------------------------------


def test_href_escaping_matches_cmark() -> None:
    import cmarkgfm

    chars = "".join(chr(c) for c in range(33, 127) if chr(c) not in "<>()\\") + "é"
    html = cmarkgfm.markdown_to_html(f"[x](<{chars}>)")
    href = html.split('href="', 1)[1].split('"', 1)[0]
    assert escape_href(chars) == href


def test_bundled_cmark_is_the_one_jekyll_uses() -> None:
    from cmarkgfm import _cmark

    version = _cmark.ffi.string(_cmark.lib.cmark_version_string()).decode()
    assert version == "0.29.0.gfm.6"


# -- a whole site --------------------------------------------------------------------


def test_site_matches_jekyll(tmp_path: Path) -> None:
    from liquidpy_site.api import build

    dest = tmp_path / "out"
    build(HERE / "site", dest)
    assert _compare_trees(HERE / "expected_site", dest) == []


def _compare_trees(expected: Path, actual: Path) -> list[str]:
    problems = []
    expected_files = {p.relative_to(expected) for p in expected.rglob("*") if p.is_file()}
    actual_files = {p.relative_to(actual) for p in actual.rglob("*") if p.is_file()}
    problems += [f"missing {p}" for p in sorted(expected_files - actual_files)]
    problems += [f"extra {p}" for p in sorted(actual_files - expected_files)]
    for rel in sorted(expected_files & actual_files):
        if not filecmp.cmp(expected / rel, actual / rel, shallow=False):
            problems.append(f"differs {rel}")
    return problems


def test_deeply_nested_documents_convert() -> None:
    html = convert_commonmark(">" * 600 + " x\n")
    assert html.count("<blockquote>") == 600


def test_many_pages_skip_the_kramdown_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import liquidpy_site.site as site_module
    from liquidpy_site.api import build

    def no_pool(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a kramdown worker pool was started")

    monkeypatch.setattr(site_module, "ConversionPool", no_pool, raising=False)

    source = tmp_path / "src"
    source.mkdir()
    (source / "_config.yml").write_text("markdown: CommonMark\njobs: 2\n", encoding="utf-8")
    for number in range(20):
        (source / f"p{number}.md").write_text(f"---\n---\n<b>{number}</b>\n", encoding="utf-8")
    build(source, tmp_path / "out")
    page = (tmp_path / "out" / "p7.html").read_text(encoding="utf-8")
    assert page == "<p><!-- raw HTML omitted -->7<!-- raw HTML omitted --></p>\n"


def test_plugin_entry_point_exists() -> None:
    from liquidpy_site import markdown_commonmark

    assert markdown_commonmark.setup(None) is not None
