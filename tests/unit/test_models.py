"""Models: texts held compactly read back exactly as they were set."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from liquidpy_site.cache import BuildCache
from liquidpy_site.models import Document, Page, compact_text, stored_text

TEXTS = st.text(alphabet=st.characters(blacklist_categories=()), max_size=200)


def _page(content: str) -> Page:
    return Page(path=Path("/site/a.md"), relative_path="a.md", data={}, content=content,
                raw_content=content)


@given(TEXTS, TEXTS)
def test_texts_read_back_as_set(content: str, output: str) -> None:
    page = _page(content)
    page.output = output
    assert page.content == content and page.raw_content == content and page.output == output
    assert type(page.content) is str and type(page.output) is str


def test_non_ascii_text_is_held_as_utf8_and_ascii_as_is() -> None:
    page = _page("plain")
    page.output = "“quoted” — text"
    assert stored_text(page, "content") == "plain"
    assert stored_text(page, "output") == "“quoted” — text".encode()
    assert stored_text(page, "content") is page.content  # ASCII keeps its identity


def test_a_text_held_once_is_shared_by_two_attributes() -> None:
    body = compact_text("“quoted” body")
    page = _page("")
    page.content = page.raw_content = body
    assert stored_text(page, "content") is stored_text(page, "raw_content")
    assert page.content == page.raw_content == "“quoted” body"
    assert compact_text("plain") == "plain" and compact_text(None) is None


def test_a_read_body_is_held_once_for_content_and_raw_content(tmp_path: Path) -> None:
    from liquidpy_site import Site, load_config

    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2020-01-01-a.md").write_text("---\n---\n“quoted” post\n", encoding="utf-8")
    (tmp_path / "about.md").write_text("---\n---\n“quoted” page\n", encoding="utf-8")
    site = Site(load_config(tmp_path, overrides={"disable_disk_cache": True}))
    site.reset()
    site.read()
    read = [*site.content.pages, *site.content.collections["posts"].docs]
    assert [item.raw_content for item in read] == ["“quoted” page\n", "“quoted” post\n"]
    assert all(stored_text(item, "content") is stored_text(item, "raw_content") for item in read)


def test_lone_surrogates_survive() -> None:
    page = _page("a\ud800b")
    assert page.content == "a\ud800b"


def test_defaults_and_none() -> None:
    doc = Document(path=Path("/site/_posts/x.md"), relative_path="_posts/x.md", data={})
    assert doc.content == "" and doc.raw_content == "" and doc.output is None
    doc.output = "é"
    doc.output = None
    assert doc.output is None


def test_records_store_compact_texts(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    page = _page("“body”")
    page.output = "<p>“body”</p>"
    record = {"content": stored_text(page, "content"), "output": stored_text(page, "output"),
              "files": []}
    cache.replace_items({"Page:a.md": record})
    cache.store_markdown("k", "“html”")
    cache.save()
    loaded = cache.items()["Page:a.md"]
    assert loaded["content"] == "“body”".encode() and loaded["output"] == "<p>“body”</p>".encode()
    assert cache.markdown("k") == "“html”"


def test_records_stored_as_json_by_an_older_cache_still_load(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    cache.replace_items({"Page:a.md": {"files": []}})
    cache.save()
    db = cache._connect()
    assert db is not None
    db.execute("UPDATE item_records SET texts = ?", ('["“body”", "<p>x</p>"]',))
    db.commit()
    loaded = BuildCache(tmp_path / "cache").items()["Page:a.md"]
    assert (loaded["content"], loaded["output"], loaded["files"]) == ("“body”", "<p>x</p>", [])
