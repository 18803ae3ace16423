"""Parsed front matter kept in the persistent cache, and parsed ahead in workers."""

from __future__ import annotations

import datetime as dt
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from liquidpy_site.cache import BuildCache
from liquidpy_site.reading.ahead import parse_front_matter_ahead, parse_headers
from liquidpy_site.reading.front_matter import (
    FrontMatterStore,
    dump_front_matter,
    front_matter_store,
    load_front_matter,
    split_front_matter,
)
from liquidpy_site.text import UTC_MODE

_TEXT = ("---\ntitle: Hello\ndate: 2020-01-02 03:04:05\nzulu: 2020-01-02 03:04:05Z\n"
         "day: 2020-01-02\nflags: [yes, off]\nmore: &a {x: 1}\nsame: *a\n---\nBody\n")


def test_pickled_front_matter_keeps_ruby_utc_and_shared_values() -> None:
    data, *_ = split_front_matter(_TEXT, "a.md")
    copy = load_front_matter(dump_front_matter(data))
    assert copy == data
    assert copy["zulu"].tzinfo is UTC_MODE
    assert copy["more"] is copy["same"]


def test_a_source_path_is_left_out_of_the_pickle_and_given_back() -> None:
    source = Path("/site/_posts/2020-01-02-a.md")
    blob = dump_front_matter({"path": source, "other": Path("/elsewhere")}, source_path=source)
    assert b"_posts" not in blob and b"elsewhere" in blob
    here = Path("/moved/_posts/2020-01-02-a.md")
    copy = load_front_matter(blob, source_path=here)
    assert copy["path"] is here
    assert copy["other"] == Path("/elsewhere")
    with pytest.raises(Exception, match="persistent"):
        load_front_matter(blob)


def test_the_cache_gives_what_parsing_gives(tmp_path: Path) -> None:
    expected = split_front_matter(_TEXT, "a.md")
    cache = BuildCache(tmp_path / "cache")
    with front_matter_store(FrontMatterStore(cache)):
        assert split_front_matter(_TEXT, "a.md") == expected
    cache.save()
    reopened = BuildCache(tmp_path / "cache")
    store = FrontMatterStore(reopened)
    header = _TEXT[: _TEXT.index("---\nBody")]
    assert store.is_known(header)
    with front_matter_store(store):
        again = split_front_matter(_TEXT, "a.md")
    assert again == expected
    assert again[0] is not expected[0]


def test_data_files_are_parsed_once_then_kept(tmp_path: Path, full_yaml_parses: list[str]) -> None:
    from liquidpy_site.errors import FrontMatterError
    from liquidpy_site.reading.data import read_data_file

    data_file = tmp_path / "people.yml"
    data_file.write_text("- name: Ann\n  roles: [a, b]\n  since: 2020-01-02\n- &b {name: Bo}\n- *b\n")
    expected = read_data_file(data_file, tmp_path)
    cache = BuildCache(tmp_path / "cache")
    with front_matter_store(FrontMatterStore(cache)):
        assert read_data_file(data_file, tmp_path) == expected
    cache.save()
    parsed_before = len(full_yaml_parses)
    with front_matter_store(FrontMatterStore(BuildCache(tmp_path / "cache"))):
        kept = read_data_file(data_file, tmp_path)
        assert kept == expected and kept is not expected
        assert kept[1] is kept[2]  # shared values stay shared
        assert full_yaml_parses[parsed_before:] == []
        data_file.write_text("- name: [unclosed\n")
        with pytest.raises(FrontMatterError) as raised:
            read_data_file(data_file, tmp_path)
    assert full_yaml_parses[parsed_before:] == ["people.yml"]
    assert raised.value.location is not None and raised.value.location.path == "people.yml"


def test_stored_documents_load_in_one_query_and_stay_current(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    cache.store_document("_posts/a.md", "sig-a", b"A")
    cache.store_document("_posts/b.md", "sig-b", b"B")
    cache.save()
    reopened = BuildCache(tmp_path / "cache")
    assert reopened.document("_posts/a.md", "sig-a") == b"A"
    assert reopened.document("_posts/b.md", "other signature") is None
    assert reopened.document("_posts/new.md", "sig") is None
    assert reopened.document("_posts/a.md", "sig-a") == b"A"  # asked again: from the database
    reopened.store_document("_posts/b.md", "sig-b2", b"B2")
    reopened.store_document("_posts/new.md", "sig", b"N")
    assert reopened.document("_posts/b.md", "sig-b2") == b"B2"
    assert reopened.document("_posts/new.md", "sig") == b"N"


def test_the_key_depends_on_the_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    store = FrontMatterStore(None)
    before = store.key("date: 2020-01-02 03:04:05\n")
    monkeypatch.setenv("TZ", "Asia/Tokyo" if os.environ.get("TZ") != "Asia/Tokyo" else "UTC")
    time.tzset()
    try:
        assert FrontMatterStore(None).key("date: 2020-01-02 03:04:05\n") != before
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_worker_in_another_zone_leaves_parsing_to_the_reader() -> None:
    assert parse_headers("not this zone", ["---\na: 1\n"]) == [None]


def test_headers_are_parsed_ahead(tmp_path: Path) -> None:
    for index in range(40):
        (tmp_path / f"p{index}.md").write_text(f"---\ntitle: Post {index}\nn: {index}\n---\nBody\n")
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n")
    store = FrontMatterStore(None)
    with ThreadPoolExecutor(max_workers=2) as executor:
        assert parse_front_matter_ahead(store, executor, tmp_path, []) == 41
    assert len(store.prepared) == 40
    with front_matter_store(store):
        data, body, line, error = split_front_matter((tmp_path / "p3.md").read_text(), "p3.md")
        assert (data, body, line, error) == ({"title": "Post 3", "n": 3}, "Body\n", 5, None)
        assert split_front_matter("---\ntitle: [unclosed\n---\nBody\n", "broken.md")[3] is not None


def test_zoneless_timestamps_stay_local() -> None:
    data, *_ = split_front_matter(_TEXT, "a.md")
    assert isinstance(data["date"], dt.datetime) and data["date"].tzinfo is not None


def test_documents_kept_from_the_last_build_keep_their_urls_until_the_configuration_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import liquidpy_site
    from liquidpy_site import permalinks

    source = tmp_path / "site"
    (source / "_posts").mkdir(parents=True)
    (source / "_config.yml").write_text("permalink: /:year/:title/\n")
    for day in (1, 2):
        (source / "_posts" / f"2020-01-0{day}-post.md").write_text(f"---\ntitle: P{day}\n---\nx\n")
    (source / "_posts" / "2020-01-02-post.md").write_text("---\npermalink: /own/\n---\ny\n")
    assigned: list[str] = []
    real = permalinks.assign_document_url

    def counting(doc: object, collection: object, site: object) -> None:
        assigned.append(str(getattr(doc, "relative_path", "")))
        real(doc, collection, site)  # type: ignore[arg-type]

    monkeypatch.setattr(permalinks, "assign_document_url", counting)

    def build() -> list[str]:
        liquidpy_site.build(source, tmp_path / "out")
        return sorted(p.relative_to(tmp_path / "out").as_posix()
                      for p in (tmp_path / "out").rglob("*.html"))

    assert build() == ["2020/post/index.html", "own/index.html"] and len(assigned) == 2
    assigned.clear()
    assert build() == ["2020/post/index.html", "own/index.html"] and assigned == []
    (source / "_config.yml").write_text("permalink: /blog/:title/\n")
    assert build() == ["blog/post/index.html", "own/index.html"] and len(assigned) == 2


def test_a_body_fingerprint_is_kept_with_its_body_and_taken_again_for_another() -> None:
    from liquidpy_site.cache import digest
    from liquidpy_site.incremental import body_fingerprint
    from liquidpy_site.models import Document, stored_text

    doc = Document(path=Path("/src/_posts/a.md"), relative_path="_posts/a.md", data={},
                   content="", collection="posts", raw_content="“body”")
    first = body_fingerprint(doc)
    assert first == digest("“body”".encode())
    copy = load_front_matter(dump_front_matter(doc, source_path=doc.path), source_path=doc.path)
    kept_body, kept_print = copy.__dict__["_body_fingerprint"]
    assert kept_print == first and kept_body is stored_text(copy, "raw_content")  # no hashing again
    assert body_fingerprint(copy) == first
    copy.raw_content = "changed"  # a generator giving the document another body
    assert body_fingerprint(copy) == digest("changed") != first
