"""The built-in jekyll-mentions: ``@name`` links, and libxml2's HTML round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

import liquidpy_site
from liquidpy_site.errors import SiteError
from liquidpy_site.plugins._libxml_html import parse, serialize, uri_escape
from liquidpy_site.plugins.mentions import link_mentions, mention_base

CONFIG = "plugins: [jekyll-mentions]\n"


def roundtrip(html: str) -> str:
    return serialize(parse(html))


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>a<br />b</p>", "<p>a<br>b</p>"),
    ("<p>one<p>two", "<p>one</p><p>two</p>"),
    ("<input checked='checked' value='a\"b'>", "<input checked value='a\"b'>"),
    ('<a href="  /a b?x=[1]&amp;y">l</a>', '<a href="/a%20b?x=%5B1%5D&amp;y">l</a>'),
    ("<ul><li>a</li><li>b</li></ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    ("<svg viewBox='0 0 1 1'><path d='M0'/></svg>", '<svg viewbox="0 0 1 1"><path d="M0"></path></svg>'),
    ("x &amp y &foo; &apos;", "x &amp;amp y &amp;foo; '"),
    ("<li></li><script>a < b</script>", "<li><script>a < b</script>"),
])
def test_libxml_round_trip(html: str, expected: str) -> None:
    assert roundtrip(html) == expected


def test_uri_escape_keeps_reserved_characters() -> None:
    assert uri_escape("/a é?q=1&amp;r#x") == "/a%20%C3%A9?q=1&amp;r#x"


def test_link_mentions_skips_code_links_and_reserved_names() -> None:
    html = "<p>@a, <code>@b</code> <a href='x'>@c</a> @mention me@d.e @f/g @h.</p>"
    assert link_mentions(html, "https://gh.test") == (
        '<p><a href="https://gh.test/a" class="user-mention">@a</a>, <code>@b</code> '
        '<a href="x">@c</a> @mention me@d.e @f/g '
        '<a href="https://gh.test/h" class="user-mention">@h</a>.</p>')


def test_mention_base_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL", raising=False)
    assert mention_base(None) == "https://github.com"
    assert mention_base("https://x.test") == "https://x.test"
    assert mention_base({"base_url": "https://y.test"}) == "https://y.test"
    assert mention_base({}) == "https://github.com"
    monkeypatch.setenv("SSL", "true")
    monkeypatch.setenv("GITHUB_HOSTNAME", "ghe.test/")
    assert mention_base(None) == "https://ghe.test"
    with pytest.raises(SiteError, match="It's a TrueClass"):
        mention_base(True)


def test_pages_are_linked_in_their_body_only(make_site, tmp_path: Path) -> None:
    dest = tmp_path / "_site"
    liquidpy_site.build(make_site({
        "_config.yml": CONFIG + "jekyll-mentions: {base_url: 'https://b.test'}\n",
        "_layouts/d.html": "<html><head><title>@t</title></head><body>\n{{ content }}</body></html>",
        "a.md": "---\nlayout: d\n---\nHi @you\n",
        "b.md": "---\njekyll-mentions: false\n---\nHi @you\n",
        "c.txt": "---\n---\nHi @you\n"}), dest)
    assert (dest / "a.html").read_text() == (
        '<html><head><title>@t</title></head><body>\n'
        '<p>Hi <a href="https://b.test/you" class="user-mention">@you</a></p>\n</body></html>')
    assert (dest / "b.html").read_text() == "<p>Hi @you</p>\n"
    assert (dest / "c.txt").read_text() == "Hi @you\n"
