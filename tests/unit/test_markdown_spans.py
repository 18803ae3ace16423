"""Unit tests for kramdown span-level parsing."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liquidpy_site.markdown import inline, markdownify
from liquidpy_site.markdown.converter import convert_document
from liquidpy_site.markdown.options import KramdownOptions

NO_HL = {"highlighter": "none"}


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("*em* **strong** ***both***", "<em>em</em> <strong>strong</strong> <strong><em>both</em></strong>"),
        ("intra*word*stars and snake_case_name", "intra<em>word</em>stars and snake_case_name"),
        ("~~gone~~", "<del>gone</del>"),
        ("`a` ``b ` c``", "<code>a</code> <code>b ` c</code>"),
        ("[t](/u \"T\")", '<a href="/u" title="T">t</a>'),
        ("<http://x.org> <me@x.org>", '<a href="http://x.org">http://x.org</a> <a href="mailto:me@x.org">me@x.org</a>'),
        ("![alt](/i.png)", '<img src="/i.png" alt="alt" />'),
        ("\\*not\\* 1\\. \\~", "*not* 1. ~"),
        ("a  \nb", "a<br />\nb"),
        ("x\\\\\ny", "x<br />\ny"),
    ],
)
def test_spans(source: str, html: str) -> None:
    assert markdownify(source + "\n", NO_HL) == f"<p>{html}</p>\n"


def test_reference_links_are_case_insensitive() -> None:
    html = markdownify("[Text][REF]\n\n[ref]: /r \"T\"\n")
    assert html == '<p><a href="/r" title="T">Text</a></p>\n\n'


def test_undefined_reference_stays_text() -> None:
    assert markdownify("[text][nope]\n") == "<p>[text][nope]</p>\n"


def test_span_ial_applies_to_previous_element() -> None:
    assert markdownify("*x*{: .hl}\n") == '<p><em class="hl">x</em></p>\n'


def test_unknown_span_tag_keeps_its_content_raw() -> None:
    html = markdownify("Array<Item> of `x`\n")
    assert html == "<p>Array<Item> of `x`</Item></p>\n"


def test_abbreviations() -> None:
    html = markdownify("HTML rocks.\n\n*[HTML]: Hyper Text\n")
    assert html == '<p><abbr title="Hyper Text">HTML</abbr> rocks.</p>\n\n'


def test_task_list_items() -> None:
    html = markdownify("- [ ] a\n- [x] b\n")
    assert html.startswith('<ul class="task-list">\n  <li class="task-list-item"><input type="checkbox"')


_SPAN_PIECES = ["a", " ", "  ", "\n", "  \n", "\\\\\n", "'", '"', "n't", "\\'", " <<", "\\<<", ">>",
                "--", "...", "*", "**", "_", "__", "`", "``", "[", "]", "![", "(/u)", "[^1]", "<b>",
                "</b>", "<http://x.org>", "&amp;", "&#39;", "$$x$$", "{:.c}", "~~", "\\", "\\*", "é"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SPAN_PIECES), max_size=24), st.sampled_from(["GFM", "kramdown"]))
def test_the_fast_span_finder_finds_what_the_exact_union_finds(
        pieces: list[str], flavour: str) -> None:
    text = "".join(pieces) + "\n\n[^1]: note\n"
    options = KramdownOptions.from_mapping({"input": flavour})
    inline._PATTERNS.clear()
    fast = convert_document(text, options)
    inline._PATTERNS.clear()
    with patch.object(inline, "_finder", lambda names, stop: (inline._finder_exact(names, stop),) * 2):
        exact = convert_document(text, options)
    inline._PATTERNS.clear()
    assert fast == exact
