"""String filters: Liquid's standard ones and Jekyll's text filters."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
        ('{{ "  a b  " | strip }}', "a b"),
        ('{{ "\u3000a" | strip }}', "\u3000a"),
        ('{{ "abcdef" | truncate: 5 }}', "ab..."),
        ('{{ "one two three" | truncatewords: 2 }}', "one two..."),
        ('{{ "a,b,," | split: "," | size }}', "2"),
        ('{{ "abc" | slice: -2, 5 }}', "bc"),
        ('{{ "abc" | slice: 5 }}', ""),
        ("{{ nil | escape }}", ""),
        ('{{ "a b" | url_encode }}', "a+b"),
        ('{{ "Hello, World!" | slugify }}', "hello-world"),
        ('{{ "The _config.yml" | slugify: "pretty" }}', "the-_config.yml"),
        ('{{ "Åland straße" | slugify: "latin" }}', "aland-strasse"),
        ('{{ "A B" | slugify: "none" }}', "a b"),
        ('{{ "日本語 text" | number_of_words: "cjk" }}', "4"),
        ('{{ "a  b\n c" | normalize_whitespace }}', "a b c"),
        ("{{ 3.9 | to_integer }}", "3"),
        ("{{ true | to_integer }}", "1"),
        ('{{ "it\'s -- ok..." | smartify }}', "it\u2019s \u2013 ok\u2026"),
    ],
)
def test_text_filters(source: str, expected: str) -> None:
    assert render(source) == expected


def test_jsonify_and_inspect() -> None:
    value = {"a": [1, 2.0, None], "b": "x\ny"}
    assert render("{{ v | jsonify }}", v=value) == '{"a":[1,2.0,null],"b":"x\\ny"}'
    assert render("{{ v | inspect }}", v=value) == (
        "{&quot;a&quot;=&gt;[1, 2.0, nil], &quot;b&quot;=&gt;&quot;x\\ny&quot;}"
    )


def test_xml_escape_quotes() -> None:
    assert render("{{ v | xml_escape }}", v="a\"b'c<&>") == "a&quot;b&apos;c&lt;&amp;&gt;"


@given(st.text(alphabet="ab&<>\"' é\n", max_size=40))
def test_xml_escape_replaces_each_special_character_once(text: str) -> None:
    names = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}
    escaped = render("{{ v | xml_escape }}", v=text)
    assert escaped == "".join(names.get(char, char) for char in text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feed & Friends <test>", "Feed &amp; Friends <test>\n</test>"),
        ("x <br> <img src='a'> \"q\"", 'x <br /> <img src="a" /> \u201cq\u201d'),
        ('<div>raw "q"</div> after "x"', '<div>raw "q"</div>\n after \u201cx\u201d'),
        ('a <code>"k" & m</code>', 'a <code>"k" &amp; m</code>'),
        ("&copy; &amp; &bogus;", "\u00a9 &amp; &amp;bogus;"),
        ("<< a >> the '90s", "\u00ab\u00a0a\u00a0\u00bb the \u201990s"),
    ],
)
def test_smartify_html(text: str, expected: str) -> None:
    assert render("{{ t | smartify }}", t=text) == expected


def test_array_to_sentence_string() -> None:
    assert render("{{ v | array_to_sentence_string }}", v=["a", "b", "c"]) == "a, b, and c"
    assert render("{{ v | array_to_sentence_string: 'or' }}", v=["a", "b"]) == "a or b"


def test_markdownify_uses_environment_converter() -> None:
    env = make_env()
    env.markdownify = lambda text: f"<p>{text}</p>\n"
    assert env.from_string("{{ '*x*' | markdownify }}").render() == "<p>*x*</p>\n"
