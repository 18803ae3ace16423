"""The destination clean-up, with and without a snapshot of the last one."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liquidpy_site import cleaner
from liquidpy_site.cleaner import Cleaner, Snapshot

HOUR_NS = 3600 * 10**9


def _make(root: Path, files: list[str]) -> None:
    for relative in files:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(relative)


def _tree(root: Path) -> set[str]:
    found = set()
    for folder, dirs, files in os.walk(root):
        below = Path(folder).relative_to(root).as_posix()
        for name in dirs + files:
            found.add(name if below == "." else f"{below}/{name}")
    return found


def _age_folders(root: Path) -> None:
    """Set every folder's time an hour back, as if the tree had been still since."""
    old = time.time_ns() - HOUR_NS
    for folder, _dirs, _files in os.walk(root):
        os.utime(folder, ns=(old, old))


def _settled_snapshot(root: Path, wanted: set[str], keep: list[str] | None = None) -> Snapshot:
    """The snapshot a clean-up of a tree still for an hour leaves."""
    _age_folders(root)
    return Cleaner(str(root), keep or []).clean(wanted)


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders the cleaner lists."""
    seen: list[str] = []
    real = cleaner._list_folder

    def counting(full: str) -> tuple[list[str], list[str]]:
        seen.append(full)
        return real(full)

    monkeypatch.setattr(cleaner, "_list_folder", counting)
    return seen


def test_removes_what_was_not_produced(tmp_path: Path) -> None:
    _make(tmp_path, ["index.html", "old.html", "a/b/post.html", "gone/deep/x.html", "a/stale.css"])
    Cleaner(str(tmp_path), []).clean({"index.html", "a/b/post.html"})
    assert _tree(tmp_path) == {"index.html", "a", "a/b", "a/b/post.html"}


def test_keep_files_are_prefixes_and_links_to_folders_stay(tmp_path: Path) -> None:
    _make(tmp_path, ["index.html", ".git/HEAD", "keeper.txt", "other.txt"])
    (tmp_path / "elsewhere").mkdir()
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (tmp_path / "linked").symlink_to(outside, target_is_directory=True)
    Cleaner(str(tmp_path), [".git", "keep", ""]).clean({"index.html"})
    assert _tree(tmp_path) == {"index.html", ".git", ".git/HEAD", "keeper.txt", "linked"}


def test_unchanged_folders_are_not_listed_again(tmp_path: Path, listed: list[str]) -> None:
    files = [f"{year}/{month}/post.html" for year in range(2000, 2010) for month in range(1, 4)]
    _make(tmp_path, files)
    snapshot = _settled_snapshot(tmp_path, set(files))
    listed.clear()
    Cleaner(str(tmp_path), [], snapshot).clean(set(files))
    assert listed == []
    assert _tree(tmp_path) >= set(files)


def test_a_file_no_longer_produced_goes_from_an_unchanged_folder(tmp_path: Path, listed: list[str]) -> None:
    files = ["2001/a.html", "2001/b.html", "2002/c.html", "index.html"]
    _make(tmp_path, files)
    snapshot = _settled_snapshot(tmp_path, set(files))
    listed.clear()
    Cleaner(str(tmp_path), [], snapshot).clean({"2001/a.html", "index.html"})
    assert _tree(tmp_path) == {"2001", "2001/a.html", "index.html"}
    assert listed == []


def test_a_fresh_destination_is_not_listed_and_its_snapshot_serves_the_next_clean_up(
        tmp_path: Path, listed: list[str]) -> None:
    files = ["2001/a.html", "index.html"]
    _make(tmp_path, files)
    _age_folders(tmp_path)
    snapshot = Cleaner(str(tmp_path), [], fresh=True).clean(set(files))
    assert listed == [] and sorted(snapshot.folders) == ["", "2001"]
    assert snapshot.files == sorted(files)
    Cleaner(str(tmp_path), [], snapshot).clean(set(files))
    assert listed == []  # unchanged since: trusted
    _make(tmp_path, ["2001/stray.html"])
    Cleaner(str(tmp_path), [], snapshot).clean({"index.html"})
    assert _tree(tmp_path) == {"index.html"}


def test_folder_times_in_whole_seconds_settle_for_longer(tmp_path: Path, listed: list[str]) -> None:
    files = ["fine/a.html", "coarse/b.html"]
    _make(tmp_path, files)
    now = time.time_ns()
    fine = now - 500_000_000 + 1  # half a second ago, with a fraction of a second
    coarse = (now // 10**9 - 1) * 10**9  # a second or two ago, in whole seconds
    os.utime(tmp_path / "fine", ns=(fine, fine))
    os.utime(tmp_path / "coarse", ns=(coarse, coarse))
    old = now - HOUR_NS + 1
    os.utime(tmp_path, ns=(old, old))
    snapshot = Cleaner(str(tmp_path), []).clean(set(files))
    listed.clear()
    Cleaner(str(tmp_path), [], snapshot).clean(set(files))
    assert sorted(listed) == [str(tmp_path / "coarse")]


def test_a_file_added_since_is_found_and_removed(tmp_path: Path) -> None:
    files = ["2001/a.html", "index.html"]
    _make(tmp_path, files)
    snapshot = _settled_snapshot(tmp_path, set(files))
    _make(tmp_path, ["2001/stray.html", "new/folder/stray.html"])
    Cleaner(str(tmp_path), [], snapshot).clean(set(files))
    assert _tree(tmp_path) == {"2001", "2001/a.html", "index.html"}


def test_a_folder_changed_just_before_the_snapshot_is_listed(tmp_path: Path, listed: list[str]) -> None:
    files = ["2001/a.html"]
    _make(tmp_path, files)
    snapshot = Cleaner(str(tmp_path), []).clean(set(files))  # folders changed a moment ago
    listed.clear()
    Cleaner(str(tmp_path), [], snapshot).clean(set(files))
    assert sorted(listed) == [str(tmp_path), str(tmp_path / "2001")]


@pytest.mark.parametrize("change", ["destination", "keep"])
def test_a_snapshot_of_other_settings_is_not_used(tmp_path: Path, listed: list[str], change: str) -> None:
    _make(tmp_path, ["a/x.html"])
    snapshot = _settled_snapshot(tmp_path, {"a/x.html"})
    if change == "destination":
        snapshot.destination += "-elsewhere"
    else:
        snapshot.keep_prefixes = ["keep"]
    listed.clear()
    Cleaner(str(tmp_path), [], snapshot).clean({"a/x.html"})
    assert len(listed) == 2


def test_snapshots_round_trip_and_garbage_reads_as_none(tmp_path: Path) -> None:
    snapshot = Snapshot("/d", ["k"], 5, {"": 1, "a": 2}, ["a/x.html"])
    assert Snapshot.from_json(snapshot.to_json()) == snapshot
    assert Snapshot.from_json(None) is None
    assert Snapshot.from_json("{not json") is None
    assert Snapshot.from_json('[1, 2, 3, "x", []]') is None
    assert Snapshot.from_json('["/d", [], 5, {}, ["a", 7]]') is None


_NAMES = st.sampled_from(["a", "b", "a-b", "c.html", "index.html"])
_PATHS = st.lists(_NAMES, min_size=1, max_size=3).map("/".join)


@settings(max_examples=60, deadline=None)
@given(before=st.sets(_PATHS, max_size=8), produced=st.sets(_PATHS, max_size=8),
       stray=st.sets(_PATHS, max_size=3), now_wanted=st.sets(_PATHS, max_size=8))
def test_with_a_snapshot_the_result_is_the_same_as_without(
        before: set[str], produced: set[str], stray: set[str], now_wanted: set[str]) -> None:
    """Build, settle, change the tree, clean again: the snapshot never changes the result."""
    with tempfile.TemporaryDirectory() as with_snapshot, tempfile.TemporaryDirectory() as without:
        results = []
        for root, use_snapshot in ((Path(with_snapshot), True), (Path(without), False)):
            wanted = _fit(before)
            _make_fitting(root, wanted)
            snapshot = _settled_snapshot(root, wanted)
            _make_fitting(root, _fit(produced | stray) - _folders_of(root))
            wanted_now = _fit(now_wanted) & _files_of(root)
            Cleaner(str(root), [], snapshot if use_snapshot else None).clean(wanted_now)
            results.append(_tree(root))
        assert results[0] == results[1]


def _fit(paths: set[str]) -> set[str]:
    """Drop paths that would need another path of the set to be a folder."""
    return {path for path in paths if not any(other.startswith(path + "/") for other in paths)}


def _make_fitting(root: Path, paths: set[str]) -> None:
    for relative in sorted(paths):
        target = root / relative
        if any((root / "/".join(relative.split("/")[:depth])).is_file()
               for depth in range(1, relative.count("/") + 1)) or target.is_dir():
            continue
        _make(root, [relative])


def _files_of(root: Path) -> set[str]:
    return {path for path in _tree(root) if (root / path).is_file()}


def _folders_of(root: Path) -> set[str]:
    return {path for path in _tree(root) if (root / path).is_dir()}


def test_a_site_rebuilt_from_its_snapshot_loses_deleted_posts_and_strays(tmp_path: Path) -> None:
    import liquidpy_site

    posts = tmp_path / "_posts"
    posts.mkdir()
    for day in range(1, 6):
        (posts / f"2020-01-0{day}-post.md").write_text(f"---\ntitle: Day {day}\n---\nText {day}.\n")
    (tmp_path / "index.html").write_text("---\n---\n{{ site.posts | size }}")
    destination = tmp_path / "_site"
    liquidpy_site.build(tmp_path)
    _age_folders(destination)
    liquidpy_site.build(tmp_path)  # records the settled folders
    (posts / "2020-01-03-post.md").unlink()
    (destination / "2020" / "01" / "01" / "stray.html").write_text("not produced")
    liquidpy_site.build(tmp_path)
    assert not (destination / "2020" / "01" / "03").exists()
    assert not (destination / "2020" / "01" / "01" / "stray.html").exists()
    assert (destination / "2020" / "01" / "05" / "post.html").is_file()
    assert (destination / "index.html").read_text() == "4"


def test_a_folder_that_cannot_be_read_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _make(tmp_path, ["index.html", "locked/old.html", "other/old.html"])
    real = cleaner._list_folder

    def refusing(full: str) -> tuple[list[str], list[str]]:
        if full.endswith("locked"):
            raise PermissionError(13, "Permission denied", full)
        return real(full)

    monkeypatch.setattr(cleaner, "_list_folder", refusing)
    _make(tmp_path, ["a/b/locked/old.html"])
    snapshot = _settled_snapshot(tmp_path, {"index.html"})
    assert _tree(tmp_path) == {"index.html", "locked", "locked/old.html",
                               "a", "a/b", "a/b/locked", "a/b/locked/old.html"}
    # It and the folders above it are listed again next time, when it may be readable.
    assert {"", "a", "a/b", "a/b/locked", "locked"}.isdisjoint(snapshot.folders)
    monkeypatch.setattr(cleaner, "_list_folder", real)
    Cleaner(str(tmp_path), [], snapshot).clean({"index.html"})
    assert _tree(tmp_path) == {"index.html"}
