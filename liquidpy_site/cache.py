"""The persistent build cache (``.liquidpy-cache/`` in the source, like ``.jekyll-cache``).

One SQLite file holds Markdown conversions (keyed by text and options) and the
incremental-build records (what each page used, and its last output). A cache
that cannot be opened or read is ignored: builds never depend on it for
correctness, only for speed.
"""

from __future__ import annotations

import json
import logging
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

try:  # hashlib's own BLAKE2, without hashlib loading OpenSSL (a few ms of every start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the module
    from hashlib import blake2b

log = logging.getLogger("liquidpy_site")

CACHE_DIR = ".liquidpy-cache"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS markdown (key TEXT PRIMARY KEY, html TEXT)",
    "CREATE TABLE IF NOT EXISTS items (path TEXT PRIMARY KEY, record TEXT)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS front_matter (key TEXT PRIMARY KEY, data BLOB)",
    "CREATE TABLE IF NOT EXISTS item_records (path TEXT PRIMARY KEY, meta TEXT, texts TEXT)",
    "CREATE TABLE IF NOT EXISTS documents (path TEXT PRIMARY KEY, signature TEXT, data BLOB)",
)
_BODY_FIELDS = ("content", "output")


def digest(*parts: str | bytes) -> str:
    """A short stable hash of the parts."""
    hasher = blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


class BuildCache:
    """The cache of one site.

    Args:
        folder: The cache folder (created when first written).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._db: sqlite3.Connection | None = None
        self._reader = False
        self._pending_markdown: dict[str, str] = {}
        self._pending_front_matter: dict[str, bytes] = {}
        self._documents: dict[str, tuple[str, bytes]] | None = None
        self._documents_to_query: set[str] = set()
        """Documents whose row is only in the database: handed out, or stored since the load."""
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self._db = self._open()
            except sqlite3.Error as err:
                # A file that is not a database (or a damaged one) is replaced; a locked
                # or unreachable one is left alone for this build.
                damaged = isinstance(err, sqlite3.DatabaseError) \
                    and not isinstance(err, sqlite3.OperationalError)
                if not (damaged and self._start_over(err)):
                    log.warning("Cache disabled: %s", err)
                    self._broken = True
        return self._db

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Builds run one at a time, but not always on the thread that opened it (serve).
        db = sqlite3.connect(self.folder / "build.sqlite", check_same_thread=False)
        try:
            # A cache need not survive the machine crashing: no waiting for the disk
            # at each commit (a damaged file is replaced, see _start_over).
            db.execute("PRAGMA synchronous=OFF")
            if not self._reader:
                # A build stopped while sharing the cache may have left it in WAL mode.
                db.execute("PRAGMA journal_mode=DELETE")
            for statement in _SCHEMA:
                db.execute(statement)
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _start_over(self, err: sqlite3.DatabaseError) -> bool:
        """Replace a damaged cache file with a new one; whether that worked."""
        if self._reader:
            return False  # a forked worker leaves the file to the build that owns it
        log.warning("The build cache was damaged (%s); starting a new one", err)
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                (self.folder / f"build.sqlite{suffix}").unlink(missing_ok=True)
            self._db = self._open()
        except (OSError, sqlite3.Error):
            self._db = None
            return False
        return True

    # -- Markdown ----------------------------------------------------------------

    def markdown(self, key: str) -> str | None:
        """A cached conversion, or ``None``."""
        if key in self._pending_markdown:
            return self._pending_markdown[key]
        db = self._connect()
        if db is None:
            return None
        row = db.execute("SELECT html FROM markdown WHERE key = ?", (key,)).fetchone()
        return _text(row[0]) if row else None

    def has_markdown(self, key: str) -> bool:
        """Whether a conversion is cached (without reading it)."""
        if key in self._pending_markdown:
            return True
        db = self._connect()
        if db is None:
            return False
        return db.execute("SELECT 1 FROM markdown WHERE key = ?", (key,)).fetchone() is not None

    def store_markdown(self, key: str, html: str) -> None:
        """Remember a conversion (committed at :meth:`save`).

        It goes to the database at once rather than waiting in memory: the item
        that was converted holds the text already.
        """
        db = self._connect()
        if db is None:
            self._pending_markdown[key] = html
            return
        try:
            db.execute("INSERT OR REPLACE INTO markdown VALUES (?, ?)", (key, html))
        except sqlite3.Error:
            self._pending_markdown[key] = html

    # -- front matter ------------------------------------------------------------

    def front_matter(self, key: str) -> bytes | None:
        """Cached parsed front matter (pickled), or ``None``."""
        if key in self._pending_front_matter:
            return self._pending_front_matter[key]
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM front_matter WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return bytes(row[0]) if row else None

    def store_front_matter(self, key: str, data: bytes) -> None:
        """Remember parsed front matter (written at :meth:`save`)."""
        self._pending_front_matter[key] = data

    # -- documents as read (see reading/memo.py) ------------------------------------

    def document(self, path: str, signature: str) -> bytes | None:
        """The stored document read from ``path``, if stored with ``signature``.

        A build reads every document: the first call loads them all in one query,
        and each is handed out once from there; only one handed out already, or
        stored since, is asked of the database again.
        """
        db = self._connect()
        if db is None:
            return None
        if self._documents is None:
            self._documents = {row[0]: (row[1], row[2]) for row in
                               db.execute("SELECT path, signature, data FROM documents")}
        row = self._documents.pop(path, None)
        if row is None and path in self._documents_to_query:
            row = db.execute("SELECT signature, data FROM documents WHERE path = ?", (path,)).fetchone()
        self._documents_to_query.add(path)  # handed out: a later call asks the database
        return row[1] if row is not None and row[0] == signature else None

    def store_document(self, path: str, signature: str, data: bytes) -> None:
        """Keep a document as read (committed at :meth:`save`)."""
        db = self._connect()
        if db is not None:
            db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)", (path, signature, data))
            self._documents_to_query.add(path)

    # -- incremental records -----------------------------------------------------

    def items(self) -> Mapping[str, dict[str, Any]]:
        """Every incremental record, by source path.

        Records are read when looked up, and a record's ``content`` and
        ``output`` when first used: an item that renders again never loads them.
        """
        if self._connect() is None:
            return {}
        return _Records(self._connect)

    def replace_items(self, records: Mapping[str, Mapping[str, Any]]) -> None:
        """Replace every incremental record."""
        db = self._connect()
        if db is None:
            return
        for record in records.values():
            record.get("content")  # a record read from the table loads its texts before it is cleared
        rows = (_record_row(path, record) for path, record in records.items())
        db.execute("DELETE FROM item_records")
        db.executemany("INSERT INTO item_records VALUES (?, ?, ?)", rows)

    def update_items(self, fresh: Mapping[str, Mapping[str, Any]], keep: set[str]) -> None:
        """Store the records of freshly rendered items and drop those of vanished items.

        Records of items reused unchanged stay as they are, so a one-post rebuild
        writes one row instead of every row.
        """
        db = self._connect()
        if db is None:
            return
        stored = {row[0] for row in db.execute("SELECT path FROM item_records")}
        gone = [(path,) for path in stored - keep]
        if gone:
            db.executemany("DELETE FROM item_records WHERE path = ?", gone)
        # One row at a time: the texts of every record at once would double the build's memory.
        rows = (_record_row(path, record) for path, record in fresh.items())
        db.executemany("INSERT OR REPLACE INTO item_records VALUES (?, ?, ?)", rows)

    def meta(self, key: str) -> str | None:
        """A stored value (e.g. the configuration's hash)."""
        db = self._connect()
        if db is None:
            return None
        row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a value."""
        db = self._connect()
        if db is not None:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def save(self) -> None:
        """Write what this build added."""
        db = self._connect()
        if db is None:
            return
        try:
            db.executemany("INSERT OR REPLACE INTO markdown VALUES (?, ?)",
                           self._pending_markdown.items())
            db.executemany("INSERT OR REPLACE INTO front_matter VALUES (?, ?)",
                           self._pending_front_matter.items())
            db.commit()
        except sqlite3.Error as err:
            log.warning("Could not save the cache: %s", err)
        self._pending_markdown.clear()
        self._pending_front_matter.clear()

    def share_with_readers(self) -> None:
        """Commit, and let other connections (forked render workers) read while this one writes.

        The database is in WAL mode until :meth:`stop_sharing`; reading a large WAL
        would slow later builds, so it is not left on.
        """
        self._set_journal("WAL")

    def stop_sharing(self) -> None:
        """Commit and leave WAL mode (see :meth:`share_with_readers`)."""
        self._set_journal("DELETE")

    def _set_journal(self, mode: str) -> None:
        if self._db is not None:
            try:
                self._db.commit()
                self._db.execute(f"PRAGMA journal_mode={mode}")
            except sqlite3.Error as err:
                log.warning("Could not save the cache: %s", err)

    def detach(self) -> sqlite3.Connection | None:
        """Forget the open connection without closing it (in a forked process).

        The next use opens another, as a reader that leaves the journal mode alone.
        """
        connection, self._db = self._db, None
        self._reader = True
        return connection

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None


def file_fingerprints(paths: Iterable[str]) -> dict[str, str]:
    """``size:mtime_ns`` of each file (``missing`` when it is gone)."""
    prints = {}
    for path in paths:
        try:
            stat = Path(path).stat()
            prints[path] = f"{stat.st_size}:{stat.st_mtime_ns}"
        except OSError:
            prints[path] = "missing"
    return prints


def _text(value: Any) -> Any:
    """A text as stored (items hold some texts as UTF-8 bytes) as a ``str``."""
    return value.decode("utf-8", "surrogatepass") if isinstance(value, bytes) else value


def _record_row(path: str, record: Mapping[str, Any]) -> tuple[str, str, bytes]:
    """A record as stored: its small fields as JSON, its texts pickled as held.

    Items hold texts that are not plain ASCII as UTF-8 bytes; pickling keeps them
    so, without decoding and escaping megabytes of pages.
    """
    meta = json.dumps({k: v for k, v in record.items() if k not in _BODY_FIELDS})
    texts = pickle.dumps(tuple(record.get(field) for field in _BODY_FIELDS), protocol=5)
    return path, meta, texts


def _stored_texts(value: bytes | str) -> list[Any]:
    """A record's texts from their stored form (JSON in caches written before they were pickled)."""
    return list(pickle.loads(value)) if isinstance(value, bytes) else json.loads(value)


class _Record(dict):  # type: ignore[type-arg]
    """An incremental record whose ``content`` and ``output`` load when first read."""

    def __init__(self, fields: dict[str, Any], load: Callable[[], list[Any]] | None) -> None:
        super().__init__(fields)
        self._load = load

    def __missing__(self, key: str) -> Any:
        if key in _BODY_FIELDS and self._load is not None:
            load, self._load = self._load, None
            self.update(zip(_BODY_FIELDS, load(), strict=True))
            return self[key]
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        """Like ``dict.get``, loading the bodies when asked for one."""
        try:
            return self[key]
        except KeyError:
            return default

    def items(self) -> Any:
        """Every field, the bodies loaded."""
        for key in _BODY_FIELDS:
            self.get(key)
        return super().items()


class _Records(Mapping[str, dict[str, Any]]):
    """The stored incremental records, read one by one."""

    def __init__(self, connect: Callable[[], sqlite3.Connection | None]) -> None:
        # The cache may be closed and opened again while records are still read.
        self._connect = connect
        self._loaded: dict[str, str] | None = None
        self._decoded: dict[str, _Record] = {}

    @property
    def _db(self) -> sqlite3.Connection:
        db = self._connect()
        if db is None:
            raise sqlite3.OperationalError("the build cache is not available")
        return db

    def _metas(self) -> dict[str, str]:
        # Every record is looked at once per build: one query for all of them.
        if self._loaded is None:
            self._loaded = dict(self._db.execute("SELECT path, meta FROM item_records"))
        return self._loaded

    def __getitem__(self, path: str) -> dict[str, Any]:
        record = self._decoded.get(path)
        if record is None:
            meta = self._metas().get(path)
            if meta is None:
                raise KeyError(path)
            record = self._decoded[path] = _Record(json.loads(meta), lambda: self._bodies(path))
        return record

    def _bodies(self, path: str) -> list[Any]:
        row = self._db.execute("SELECT texts FROM item_records WHERE path = ?", (path,)).fetchone()
        return _stored_texts(row[0]) if row else [None] * len(_BODY_FIELDS)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._metas()))

    def __len__(self) -> int:
        return len(self._metas())
