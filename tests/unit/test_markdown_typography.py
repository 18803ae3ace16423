"""Unit tests for smart quotes, typographic symbols and entities."""

from __future__ import annotations

import pytest

from liquidpy_site.markdown import markdownify
from liquidpy_site.markdown.entities import entity, entity_to_str


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ('"double"', "“double”"),
        ("'single'", "‘single’"),
        ("it's", "it’s"),
        ("the '90s", "the ’90s"),
        ("a -- b --- c...", "a – b — c…"),
        ("<< x >>", "«\u00a0x\u00a0»"),
        ("AT&T", "AT&amp;T"),
        ("&copy; &lt;", "© &lt;"),
    ],
)
def test_inline_typography(source: str, html: str) -> None:
    assert markdownify(source + "\n") == f"<p>{html}</p>\n"


def test_code_spans_stay_literal() -> None:
    assert markdownify('`"x" -- ...`\n', {"highlighter": "none"}) == '<p><code>"x" -- ...</code></p>\n'


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("as_char", "©"), ("numeric", "&#169;"), ("symbolic", "&copy;"), ("as_input", "&copy;")],
)
def test_entity_output_modes(mode: str, expected: str) -> None:
    copy = entity("copy")
    assert copy is not None
    assert entity_to_str(copy, mode, "&copy;") == expected


def test_special_characters_stay_escaped() -> None:
    amp = entity("amp")
    assert amp is not None
    assert entity_to_str(amp, "as_char", None) == "&amp;"
    assert entity_to_str(amp, "as_char", "&#38;") == "&#38;"


def test_configured_smart_quotes() -> None:
    html = markdownify("\"a\" 'b'\n", {"smart_quotes": "apos,apos,quot,quot"})
    assert html == "<p>\"a\" 'b'</p>\n"
