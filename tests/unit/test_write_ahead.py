"""Outputs written ahead of the write stage (``liquidpy_site.write_ahead``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import liquidpy_site
from liquidpy_site.write_ahead import TEMPORARY_SUFFIX, WriteAhead


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry below ``folder``: a file's bytes, ``None`` for a folder."""
    return {path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
            for path in sorted(folder.rglob("*"))}


class Item:
    """Stands for a page or document (only its identity matters)."""


def test_a_committed_output_takes_its_place_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    ahead, item, output = WriteAhead(str(tmp_path)), Item(), "<p>“hi”</p>"
    ahead.offer("2020/01/02/post/index.html", item, output)
    assert ahead.commit("2020/01/02/post/index.html", item, output)
    ahead.discard()
    assert tree(tmp_path) == {"2020": None, "2020/01": None, "2020/01/02": None,
                              "2020/01/02/post": None,
                              "2020/01/02/post/index.html": output.encode("utf-8")}


def test_compact_outputs_are_written_as_they_are_held(tmp_path: Path) -> None:
    ahead, item, output = WriteAhead(str(tmp_path)), Item(), "é".encode()
    ahead.offer("a.html", item, output)
    assert ahead.commit("a.html", item, output)
    assert (tmp_path / "a.html").read_bytes() == output


def test_an_output_changed_since_it_was_offered_is_left_to_the_write_stage(tmp_path: Path) -> None:
    ahead, item = WriteAhead(str(tmp_path)), Item()
    ahead.offer("a/index.html", item, "first")
    assert not ahead.commit("a/index.html", item, "second")
    assert not ahead.commit("a/index.html", Item(), "first")
    assert not (tmp_path / "a" / f".index.html{TEMPORARY_SUFFIX}").exists()


def test_another_item_or_one_never_offered_is_not_committed(tmp_path: Path) -> None:
    ahead, item, output = WriteAhead(str(tmp_path)), Item(), "x"
    ahead.offer("a.html", item, output)
    assert not ahead.commit("a.html", Item(), output)
    assert not ahead.commit("b.html", item, output)
    assert tree(tmp_path) == {}


def test_an_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("same")
    os.utime(tmp_path / "a.html", ns=(1_000_000_000, 1_000_000_000))
    ahead, item, output = WriteAhead(str(tmp_path)), Item(), "same"
    ahead.offer("a.html", item, output)
    assert ahead.commit("a.html", item, output)
    assert (tmp_path / "a.html").stat().st_mtime_ns == 1_000_000_000


def test_two_items_for_one_destination_are_left_to_the_write_stage(tmp_path: Path) -> None:
    ahead, first, second = WriteAhead(str(tmp_path)), Item(), Item()
    ahead.offer("a.html", first, "one")
    ahead.offer("a.html", second, "two")
    ahead.offer("a.html", first, "three")
    assert not ahead.commit("a.html", first, "one")
    assert not ahead.commit("a.html", second, "two")
    ahead.discard()
    assert tree(tmp_path) == {}


@pytest.mark.parametrize("relative", ["../out.html", "/abs.html", "a/../b.html", "a//b.html", ""])
def test_unusual_paths_are_left_to_the_write_stage(tmp_path: Path, relative: str) -> None:
    destination = tmp_path / "site"
    ahead, item = WriteAhead(str(destination)), Item()
    ahead.offer(relative, item, "x")
    assert not ahead.commit(relative, item, "x")
    assert not destination.exists() and tree(tmp_path) == {}


def test_what_is_in_the_way_is_left_to_the_write_stage(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file where a folder goes")
    (tmp_path / "folder.html").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    before = tree(tmp_path)
    ahead, item = WriteAhead(str(tmp_path)), Item()
    for relative in ("file/index.html", "folder.html", "link/index.html"):
        ahead.offer(relative, item, "x")
    for relative in ("file/index.html", "folder.html", "link/index.html"):
        assert not ahead.commit(relative, item, "x")
    ahead.discard()
    assert tree(tmp_path) == before


_names = st.sampled_from(["a", "b", "index.html", "c.html"])
_paths = st.lists(_names, min_size=1, max_size=4).map("/".join)


@settings(max_examples=60, deadline=None)
@given(existing=st.lists(_paths, max_size=6), offered=st.lists(_paths, max_size=8),
       committed=st.sets(st.integers(0, 7)))
def test_discard_leaves_what_was_there_and_what_was_committed(
        tmp_path_factory: Any, existing: list[str], offered: list[str], committed: set[int]) -> None:
    destination = tmp_path_factory.mktemp("dest")
    for relative in existing:  # a path that runs into an earlier file stays out
        target = destination / relative
        if not any(parent.is_file() for parent in target.parents) and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"old {relative}")
    expected = tree(destination)
    ahead = WriteAhead(str(destination))
    items = [(relative, Item(), f"new {index}") for index, relative in enumerate(offered)]
    for relative, item, output in items:
        ahead.offer(relative, item, output)
    for index, (relative, item, output) in enumerate(items):
        if index in committed and ahead.commit(relative, item, output):
            # Committed: the file is there; the folders made for it are new entries.
            parts = relative.split("/")
            for depth in range(1, len(parts)):
                expected.setdefault("/".join(parts[:depth]), None)
            expected[relative] = output.encode()
    ahead.discard()
    assert tree(destination) == expected


def test_a_build_failing_at_render_leaves_no_trace_of_what_was_written_ahead(
        make_site: Any, tmp_path: Path) -> None:
    posts = {f"_posts/2020-01-{day:02d}-p.md": f"---\n---\npost {day}\n" for day in range(1, 25)}
    source = make_site({**posts, "index.md": "---\n---\nhome\n"})
    destination = tmp_path / "out"
    liquidpy_site.build(source, destination)
    (destination / "index.html").write_text("edited by hand")
    before = tree(destination)
    for day in range(1, 25):  # every post changes and moves to a folder of its own
        (source / f"_posts/2020-01-{day:02d}-p.md").write_text(
            f"---\npermalink: /moved/{day}/\n---\nchanged {day}\n")
    (source / "zz.md").write_text("---\n---\n{% include missing.html %}\n")
    with pytest.raises(liquidpy_site.SiteError):
        liquidpy_site.build(source, destination)
    assert tree(destination) == before


def test_a_fresh_destination_is_built_as_an_existing_one(make_site: Any, tmp_path: Path) -> None:
    posts = {f"_posts/2020-01-{day:02d}-p.md": f"---\n---\npost {day}\n" for day in range(1, 25)}
    source = make_site({**posts, "index.md": "---\n---\nhome\n", "assets/a.css": "a{}\n"})
    liquidpy_site.build(source, tmp_path / "fresh")
    (tmp_path / "existing").mkdir()
    (tmp_path / "existing" / "stale.html").write_text("old")
    liquidpy_site.build(source, tmp_path / "existing")
    assert tree(tmp_path / "fresh") == tree(tmp_path / "existing")


def test_in_a_fresh_destination_outputs_are_written_in_place(tmp_path: Path) -> None:
    destination = tmp_path / "site"
    ahead, item, other = WriteAhead(str(destination), in_place=True), Item(), Item()
    ahead.offer("a/index.html", item, "a")
    ahead.offer("b/index.html", other, "b")
    ahead.offer("c/index.html", Item(), "c")
    assert ahead.commit("a/index.html", item, "a")
    assert not ahead.commit("b/index.html", other, "changed since")  # the write stage writes it
    assert not (destination / "b" / "index.html").exists()
    ahead.discard()  # c was never committed: the build failed, say
    assert tree(destination) == {"a": None, "a/index.html": b"a"}
    assert not any(name.endswith(TEMPORARY_SUFFIX) for name in tree(destination))


def test_a_build_failing_into_a_new_destination_leaves_none(make_site: Any, tmp_path: Path) -> None:
    posts = {f"_posts/2020-01-{day:02d}-p.md": f"---\n---\npost {day}\n" for day in range(1, 25)}
    source = make_site({**posts, "zz.md": "---\n---\n{% include missing.html %}\n"})
    with pytest.raises(liquidpy_site.SiteError):
        liquidpy_site.build(source, tmp_path / "new")
    assert not (tmp_path / "new").exists()
