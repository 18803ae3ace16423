"""Unit tests for header id generation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from liquidpy_site.markdown import markdownify
from liquidpy_site.markdown.ids import GfmIdGenerator, KramdownIdGenerator, basic_id, kept_id_chars


def test_gfm_ids_keep_unicode_letters_and_drop_punctuation() -> None:
    gen = GfmIdGenerator()
    assert gen.generate("Ünïcödé Überschrift — ça va") == "ünïcödé-überschrift--ça-va"
    assert gen.generate("C++ & C# / .NET") == "c--c--net"


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_gfm_ids_of_ascii_text_keep_what_the_unicode_rule_keeps(text: str) -> None:
    expected = kept_id_chars(text.lower()).replace(" ", "-").replace("\t", "-")
    assert GfmIdGenerator().generate(text) == expected


def test_gfm_ids_number_duplicates() -> None:
    gen = GfmIdGenerator("p-")
    assert [gen.generate("Dup") for _ in range(3)] == ["p-dup", "p-dup-1", "p-dup-2"]


def test_kramdown_basic_ids() -> None:
    assert basic_id("123 Hello, World!") == "hello-world"
    gen = KramdownIdGenerator()
    assert gen.generate("!!!") == "section"
    assert gen.generate("???") == "section-1"


def test_heading_ids_use_rendered_text() -> None:
    html = markdownify("## It's [a link](http://x.com) `code`\n")
    assert html == (
        '<h2 id="its-a-link-code">It’s <a href="http://x.com">a link</a> '
        '<code class="language-plaintext highlighter-rouge">code</code></h2>\n'
    )


def test_explicit_id_wins() -> None:
    assert markdownify("## Title {#mine}\n") == '<h2 id="mine">Title</h2>\n'
