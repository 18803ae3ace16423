"""The persistent build cache: a damaged file is replaced, commits do not wait for the disk."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

import liquidpy_site
from liquidpy_site.cache import BuildCache


def test_commits_do_not_wait_for_the_disk(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / ".liquidpy-cache")
    cache.store_markdown("key", "<p>html</p>\n")
    cache.save()
    assert cache._connect().execute("PRAGMA synchronous").fetchone() == (0,)  # OFF
    assert BuildCache(tmp_path / ".liquidpy-cache").markdown("key") == "<p>html</p>\n"


def test_a_damaged_cache_file_is_replaced_and_used_again(tmp_path: Path,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "index.md").write_text("---\n---\nhi *there*\n")
    folder = tmp_path / ".liquidpy-cache"
    folder.mkdir()
    (folder / "build.sqlite").write_bytes(b"not a database at all" * 500)
    with caplog.at_level(logging.WARNING, logger="liquidpy_site"):
        liquidpy_site.build(tmp_path)
    assert (tmp_path / "_site" / "index.html").read_text() == "<p>hi <em>there</em></p>\n"
    assert "The build cache was damaged" in caplog.text and "Cache disabled" not in caplog.text
    with sqlite3.connect(folder / "build.sqlite") as db:  # a working cache again, filled by the build
        assert db.execute("SELECT COUNT(*) FROM item_records").fetchone()[0] == 1


def test_a_locked_cache_is_left_alone(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / ".liquidpy-cache"
    folder.mkdir()
    (folder / "build.sqlite").write_bytes(b"")
    cache = BuildCache(folder)

    def locked() -> sqlite3.Connection:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(cache, "_open", locked)
    with caplog.at_level(logging.WARNING, logger="liquidpy_site"):
        assert cache.markdown("key") is None
    assert "Cache disabled: database is locked" in caplog.text
    assert (folder / "build.sqlite").exists()


def test_digests_are_blake2b_of_the_parts_with_separators() -> None:
    import hashlib

    from liquidpy_site.cache import digest

    expected = hashlib.blake2b(b"a\0\xc3\xa9\0b\0", digest_size=16).hexdigest()
    assert digest("a", "é", b"b") == expected
