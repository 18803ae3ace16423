"""The quick front matter reader agrees with the full YAML parser wherever it answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liquidpy_site.simple_yaml import NOT_SIMPLE, parse_simple
from liquidpy_site.yaml_loader import load_yaml, load_yaml_in_full


def typed(value: Any) -> Any:
    """A value with its types spelled out (``True == 1`` and a date equals no text)."""
    if isinstance(value, dict):
        return {typed(key): typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    if isinstance(value, dt.datetime):
        return ("datetime", value.isoformat(), value.utcoffset())
    return (type(value).__name__, value)


_GOOD_KEYS = st.sampled_from(["title", "date", "tags", "layout", "a-b", "_private", "x1"])
_ODD_KEYS = st.sampled_from(["on", "y", "Yes", "n", "9lives", "key with space", "k:", "-k"])
# Mostly keys of the simple shape, so that most documents reach the comparison.
_KEYS = st.one_of(_GOOD_KEYS, _GOOD_KEYS, _GOOD_KEYS, _GOOD_KEYS, _ODD_KEYS)
_SCALARS = st.sampled_from([
    "post", "Hello world", "yes", "Yes", "YES", "yEs", "no", "off", "On", "true", "False",
    "y", "n", "N", "null", "Null", "~", "NULL", "nil", "0", "7", "42", "012", "0x1F", "-3",
    "1_000", "1:30", "1.5", ".inf", "1e3", "2020-01-02", "2020-1-2", "2020-02-30",
    "2020-01-02 10:11:12", "2020-01-02 10:11:12 +0100", "2020-01-02 10:11:12 -0830",
    "2020-01-02T10:11:12Z", "2020-01-02T10:11:12.5+01:00", "2020-01-02 10:11:12Z",
    "2020-01-02T10:11:12 -08:00", "2020-01-02T10:11:12", "2020-13-45T10:11:12Z", "/assets/a.png", "https://example.com/x?y=1", "a: b", "a:",
    "a #b", "a#b", "it's", "x, y", "(x)", "a ~ b", "&anchor", "*alias", "!tag x", "|", ">",
    "%x", "@x", "`x`", "naïve", "a  b", "[a, b]", "[]", "[ a ,b ]", "[yes, no]", "[a, 1]",
    "[a, [b]]", "[a,]", "[a: b]", "{a: b}", '"quoted"', '"with \\" escape"',
    '"back\\\\slash"', '"new\\nline"', '"a" "b"', '"tab\there"', "'single'", "'it''s'",
    "'a' 'b'", '""', "''", '"naïve ünïcode"', '"\u00a0"', "'x",
])
_LINES = st.one_of(
    st.tuples(_KEYS, _SCALARS).map(lambda pair: f"{pair[0]}: {pair[1]}"),
    st.sampled_from(["", "# comment", "  indented: 1", "- item", "---", "k:", "k:  spaced",
                     "k: trailing  "]),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=5))
def test_quick_reader_agrees_with_the_full_parser(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    quick = parse_simple(text)
    if quick is NOT_SIMPLE:
        return
    assert typed(quick) == typed(load_yaml_in_full(text, "t.yml"))


@settings(max_examples=600, deadline=None)
@given(_GOOD_KEYS, _SCALARS)
def test_each_value_is_typed_as_the_full_parser_types_it(key: str, scalar: str) -> None:
    text = f"{key}: {scalar}\n"
    quick = parse_simple(text)
    if quick is not NOT_SIMPLE:
        assert typed(quick) == typed(load_yaml_in_full(text, "t.yml"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('title: "\\"Quoted\\" title"\n', {"title": '"Quoted" title'}),
        ("tags: [ops, static-sites]\n", {"tags": ["ops", "static-sites"]}),
        ("featured: false\nreading_time: 5\n", {"featured": False, "reading_time": 5}),
        ("date: 2005-01-01 21:09:00 +0000\n",
         {"date": dt.datetime(2005, 1, 1, 21, 9, tzinfo=dt.UTC)}),
        ("image: /assets/images/cover-1.png\n", {"image": "/assets/images/cover-1.png"}),
        ("quote: 'it''s'\n", {"quote": "it's"}),
    ],
)
def test_typical_front_matter_is_read_quickly(text: str, expected: dict[str, Any]) -> None:
    assert typed(parse_simple(text)) == typed(expected)


@pytest.mark.parametrize("text", [
    "a:\n  b: 1\n", "a: 1 # note\n", "a: &x 1\n", "a: |\n  text\n", "a: 1.5\n",
    "yes: 1\n", "a: 1\na: 2\n", "a: [b, [c]]\n", "a: \"x\\ty\"\n", "", "text\n",
])
def test_other_shapes_go_to_the_full_parser(text: str) -> None:
    assert parse_simple(text) is NOT_SIMPLE


def test_load_yaml_gives_the_same_for_either_reader() -> None:
    text = "---\ntitle: Post\ndate: 2020-01-02\ntags: [a, b]\n"
    assert typed(load_yaml(text, "t.yml")) == typed(load_yaml_in_full(text, "t.yml"))
