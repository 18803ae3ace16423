"""Unit tests for converter options and the public interface."""

from __future__ import annotations

import dataclasses

import pytest

from liquidpy_site.markdown import KramdownOptions, MarkdownConverter, markdownify
from liquidpy_site.markdown.options import parse_smart_quotes, parse_toc_levels


def test_defaults_are_jekylls() -> None:
    opts = KramdownOptions.from_mapping(None)
    assert opts.auto_ids is True
    assert opts.entity_output == "as_char"
    assert opts.toc_levels == (1, 2, 3, 4, 5, 6)
    assert opts.smart_quotes == ("lsquo", "rsquo", "ldquo", "rdquo")
    assert opts.input == "GFM"
    assert opts.hard_wrap is False
    assert opts.footnote_nr == 1
    assert opts.syntax_highlighter == "rouge"
    assert opts.guess_lang is True


def test_options_are_frozen() -> None:
    opts = KramdownOptions.from_mapping({"auto_ids": False})
    with pytest.raises(dataclasses.FrozenInstanceError):
        opts.auto_ids = True  # type: ignore[misc]


def test_highlighter_none_disables_rouge() -> None:
    assert KramdownOptions.from_mapping({"highlighter": "none"}).syntax_highlighter is None
    assert KramdownOptions.from_mapping({"highlighter": None}).syntax_highlighter is None
    assert KramdownOptions.from_mapping({"highlighter": "rouge"}).syntax_highlighter == "rouge"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1..3", (1, 2, 3)), ("2,4", (2, 4)), ([1, 2], (1, 2)), (range(2, 4), (2, 3)), (None, (1, 2, 3, 4, 5, 6))],
)
def test_toc_levels_forms(value: object, expected: tuple[int, ...]) -> None:
    assert parse_toc_levels(value) == expected


def test_smart_quotes_forms() -> None:
    assert parse_smart_quotes("apos,apos,quot,quot") == ("apos", "apos", "quot", "quot")
    assert parse_smart_quotes(["a", "b", "c", "d"]) == ("a", "b", "c", "d")
    assert parse_smart_quotes("bad") == ("lsquo", "rsquo", "ldquo", "rdquo")


def test_converter_caches_by_text() -> None:
    conv = MarkdownConverter()
    first = conv.convert("# Title\n")
    assert conv.convert("# Title\n") is first
    assert first == '<h1 id="title">Title</h1>\n'


def test_inline_options_do_not_leak_between_documents() -> None:
    conv = MarkdownConverter()
    assert conv.convert('{::options auto_ids="false" /}\n\n# A\n') == "\n<h1>A</h1>\n"
    assert conv.convert("# A\n") == '<h1 id="a">A</h1>\n'


def test_markdownify_with_options() -> None:
    assert markdownify("# A\n", {"auto_id_prefix": "x-"}) == '<h1 id="x-a">A</h1>\n'
    assert markdownify("a\nb\n", {"hard_wrap": True}) == "<p>a<br />\nb</p>\n"


def test_whole_site_config_is_accepted() -> None:
    opts = KramdownOptions.from_mapping({"highlighter": "none", "kramdown": {"auto_id_prefix": "p-"}})
    assert opts.auto_id_prefix == "p-"
    assert opts.syntax_highlighter is None
