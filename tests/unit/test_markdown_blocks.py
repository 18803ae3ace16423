"""Unit tests for kramdown block shapes."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from liquidpy_site.markdown import blocks, converter, markdownify, postprocess
from liquidpy_site.markdown.converter import convert_document
from liquidpy_site.markdown.options import KramdownOptions


def test_tight_and_loose_list_items() -> None:
    assert markdownify("* a\n* b\n") == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n"
    assert markdownify("* a\n\n* b\n") == (
        "<ul>\n  <li>\n    <p>a</p>\n  </li>\n  <li>\n    <p>b</p>\n  </li>\n</ul>\n"
    )


def test_nested_list_indentation() -> None:
    assert markdownify("* a\n  * b\n") == (
        "<ul>\n  <li>a\n    <ul>\n      <li>b</li>\n    </ul>\n  </li>\n</ul>\n"
    )


def test_paragraph_ends_before_list_in_gfm() -> None:
    assert markdownify("text\n* item\n") == "<p>text</p>\n<ul>\n  <li>item</li>\n</ul>\n"


def test_blank_lines_become_newlines() -> None:
    assert markdownify("a\n\nb\n") == "<p>a</p>\n\n<p>b</p>\n"


def test_raw_html_block_is_not_parsed() -> None:
    assert markdownify("<div>\n*x*\n</div>\n") == "<div>\n*x*\n</div>\n"


def test_markdown_attribute_enables_parsing() -> None:
    assert markdownify('<div markdown="1">\n*x*\n</div>\n') == "<div>\n  <p><em>x</em></p>\n</div>\n"


def test_span_html_keeps_nested_tags() -> None:
    html = markdownify("by <u><b>date</b></u>.\n")
    assert html == "<p>by <u><b>date</b></u>.</p>\n"


def test_ial_on_paragraph() -> None:
    assert markdownify("Para.\n{: .lead #intro}\n") == '<p class="lead" id="intro">Para.</p>\n'


def test_table_alignment() -> None:
    html = markdownify("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    assert '<th style="text-align: left">a</th>' in html
    assert '<td style="text-align: right">2</td>' in html


def test_footnote_block() -> None:
    html = markdownify("x[^1]\n\n[^1]: note\n")
    assert '<sup id="fnref:1" role="doc-noteref">' in html
    assert html.endswith(
        '<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n'
        '      <p>note&nbsp;<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n'
        "    </li>\n  </ol>\n</div>\n".replace("&nbsp;", "\u00a0")
    )


def test_math_uses_mathjax_delimiters() -> None:
    assert markdownify("$$\nx < y\n$$\n") == "\\[x &lt; y\\]\n"
    assert markdownify("a $$x$$ b\n") == "<p>a \\(x\\) b</p>\n"


def test_code_block_without_highlighter() -> None:
    assert markdownify("```ruby\nx\n```\n", {"highlighter": "none"}) == (
        '<pre><code class="language-ruby">x\n</code></pre>\n'
    )


def test_very_deep_nesting_converts() -> None:
    html = markdownify("> " * 300 + "deep\n")
    assert html.count("<blockquote>") == 300
    assert "<p>deep</p>" in html


def test_definition_list_and_toc() -> None:
    assert markdownify("Term\n: Def\n") == "<dl>\n  <dt>Term</dt>\n  <dd>Def</dd>\n</dl>\n"
    toc = markdownify("* x\n{:toc}\n\n# A\n")
    assert toc.startswith('<ul id="markdown-toc">\n  <li><a href="#a" id="markdown-toc-a">A</a></li>\n</ul>\n')


_BLOCK_PIECES = ["", " ", "  ", "   ", "    ", "\t"]
_BLOCK_STARTS = ["", "# h", "> q", "* a", "- b", "+ c", "1. d", "٣. e", ": dd", "<div>", "</div>",
                 "$$x$$", "\\$$y$$", "[^1]: n", "[r]: /u", "*[A]: b", "{: .c}", "^", "~~~", "```",
                 "---", "***", "___", "===", "| t | u |", "a | b", "a \\| b", "|-|-|", "-=", "text",
                 "*em*", "{::comment}", "~~~ruby"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_BLOCK_PIECES), st.sampled_from(_BLOCK_STARTS)),
                max_size=12),
       st.sampled_from(["GFM", "kramdown"]))
def test_rules_tried_by_lead_character_parse_as_all_rules_would(
        lines: list[tuple[str, str]], flavour: str) -> None:
    text = "".join(f"{indent}{start}\n" for indent, start in lines)
    options = KramdownOptions.from_mapping({"input": flavour})
    filtered = convert_document(text, options)
    with patch.object(blocks, "_rules_for_lead", lambda rules, lead: rules), \
            patch.object(blocks, "_LINE_CHECKS", {}):
        assert convert_document(text, options) == filtered


_GFM_PIECES = ["# Title", "## Sub *em* `code`", "text **strong** [a](/b)", "> ## Über café",
               "* item\n  ### Ünï 1.2", "| a | b |\n|---|---|\n| c | d |", "<div>\n# no\n</div>",
               "Term\n: ## def", "a\\\\", "line  ", "[^1]\n\n[^1]: # note", "`x\\`", "\\# not"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_GFM_PIECES), max_size=8))
def test_the_gfm_pass_skips_what_cannot_hold_a_header_only_where_no_break_can_be(
        pieces: list[str]) -> None:
    text = "\n\n".join(pieces) + "\n"
    options = KramdownOptions.from_mapping({"input": "GFM"})
    quick = convert_document(text, options)
    full = postprocess.update_gfm

    def every_element(*args: Any, **kwargs: Any) -> None:
        full(*args, **{**kwargs, "breaks": True})

    with patch.object(converter, "update_gfm", every_element):
        assert convert_document(text, options) == quick
