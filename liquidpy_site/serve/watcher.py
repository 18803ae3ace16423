"""Watching the source: which changes matter, and coalescing bursts into one rebuild."""

from __future__ import annotations

import fnmatch
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("liquidpy_site")

IGNORED_FOLDERS = frozenset({".git", ".hg", ".svn", ".liquidpy-cache", ".jekyll-cache",
                             ".sass-cache", "__pycache__"})
"""Folders whose changes never trigger a rebuild, wherever they are."""

IGNORED_FILES = frozenset({"4913", ".DS_Store", ".jekyll-metadata"})
"""File names that never trigger a rebuild (``4913`` is vim's write test)."""

_TEMP_PREFIXES = (".#", ".goutputstream-")
_TEMP_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp")
_WATCHED_EVENTS = frozenset({"created", "modified", "deleted", "moved", "closed", "attrib"})


def is_temporary(name: str) -> bool:
    """Editor scratch files: ``*~``, ``.#*``, ``*.swp``, ``*.swx``, ``4913``, ``.goutputstream-*``."""
    return (name in IGNORED_FILES or name.startswith(_TEMP_PREFIXES)
            or name.endswith(_TEMP_SUFFIXES) or (name.startswith("#") and name.endswith("#")))


class IgnoreRules:
    """Decides which changed paths are worth a rebuild.

    Args:
        source: The site's source folder.
        destination: The output folder (ignored when inside the source).
        exclude: The site's ``exclude`` patterns (relative to the source).
        extra_files: Files outside the source that also count (configuration files).
    """

    def __init__(self, source: Path, destination: Path, exclude: Sequence[str] = (),
                 extra_files: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.source = os.path.realpath(source)
        self.destination = os.path.realpath(destination)
        self.exclude = [str(p).strip("/") for p in exclude if str(p).strip("/")]
        self.extra_files = {os.path.realpath(p) for p in extra_files}

    def ignored(self, path: str) -> bool:
        """Whether a change at ``path`` (absolute) should not trigger a rebuild."""
        real = os.path.realpath(path)
        if real in self.extra_files:
            return False
        if _within(real, self.destination) or not _within(real, self.source):
            return True
        relative = os.path.relpath(real, self.source).replace(os.sep, "/")
        parts = relative.split("/")
        if any(part in IGNORED_FOLDERS for part in parts) or is_temporary(parts[-1]):
            return True
        return self._excluded(relative)

    def _excluded(self, relative: str) -> bool:
        for pattern in self.exclude:
            # Like Jekyll: a pattern is a path prefix (what it names and all under it) or a glob.
            if relative.startswith(pattern) or fnmatch.fnmatchcase(relative, pattern):
                return True
        return False


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class Debouncer:
    """Coalesces bursts of changes into one call, on one rebuild thread.

    Changes wait until none has arrived for ``delay`` seconds (or ``max_delay``
    seconds after the first of the burst), then ``callback`` gets them all at once.
    Changes arriving while the callback runs make up the next batch.

    Args:
        callback: Called with the set of changed paths; its errors are logged.
        delay: Quiet time that ends a burst.
        max_delay: The longest a change waits while changes keep coming.
    """

    def __init__(self, callback: Callable[[set[str]], None], delay: float = 0.1,
                 max_delay: float = 1.0) -> None:
        self.callback = callback
        self.delay = delay
        self.max_delay = max_delay
        self._cond = threading.Condition()
        self._pending: set[str] = set()
        self._first = 0.0
        self._last = 0.0
        self._stopped = False
        self._running = False
        self._thread = threading.Thread(target=self._run, name="liquidpy-rebuild", daemon=True)

    def start(self) -> None:
        """Start the rebuild thread."""
        self._thread.start()

    def add(self, paths: Iterable[str]) -> None:
        """Note changed paths."""
        with self._cond:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending.update(paths)
            self._last = now
            self._cond.notify_all()

    def stop(self, timeout: float | None = 5.0) -> None:
        """Stop after the current call (pending changes are dropped)."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until nothing is pending or running; ``False`` on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending or self._running:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
        return True

    def _next_batch(self) -> set[str] | None:
        with self._cond:
            self._running = False
            self._cond.notify_all()
            while not self._stopped:
                if not self._pending:
                    self._cond.wait()
                    continue
                now = time.monotonic()
                due = min(self._last + self.delay, self._first + self.max_delay)
                if now >= due:
                    batch, self._pending = self._pending, set()
                    self._running = True
                    return batch
                self._cond.wait(due - now)
            return None

    def _run(self) -> None:
        while (batch := self._next_batch()) is not None:
            try:
                self.callback(batch)
            except Exception:  # noqa: BLE001 - the rebuild thread must survive anything
                log.exception("Rebuild failed unexpectedly")


class Watcher:
    """Feeds relevant file-system changes under the source to a :class:`Debouncer`.

    Args:
        source: The folder to watch, recursively.
        rules: What to ignore (replace ``watcher.rules`` when the configuration changes).
        on_change: Called with the relevant paths of each file-system event.
    """

    def __init__(self, source: Path, rules: IgnoreRules,
                 on_change: Callable[[list[str]], None]) -> None:
        self.source = source
        self.rules = rules
        self.on_change = on_change
        self._observer: Any = None
        self._folders: dict[str, Any] = {}

    def relevant(self, event: Any) -> list[str]:
        """The paths of a watchdog event that should trigger a rebuild."""
        if event.event_type not in _WATCHED_EVENTS:
            return []
        if event.is_directory and event.event_type in ("modified", "closed", "attrib"):
            return []
        paths = [os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")]
        return [p for p in paths if p and not self.rules.ignored(p)]

    def start(self) -> None:
        """Start watching (watchdog's native observer).

        The source's top folder is watched on its own and each of its subfolders
        recursively, except ignored ones (the destination, caches, ``.git``), so the
        output a build writes costs no watches and no events.
        """
        from watchdog.observers import Observer

        self._observer = Observer()
        self._observer.schedule(self._handler(top=True), str(self.source), recursive=False)
        folders = {os.path.dirname(f) for f in self.rules.extra_files}
        for folder in sorted(folders):
            if not _within(folder, self.rules.source) and os.path.isdir(folder):
                self._observer.schedule(self._handler(), folder, recursive=False)
        self.refresh()
        self._observer.start()

    def refresh(self) -> None:
        """Watch top-level folders that are not watched yet and are not ignored."""
        if self._observer is None:
            return
        with os.scandir(self.source) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    self._watch_folder(entry.path)

    def _watch_folder(self, path: str) -> None:
        if self.rules.ignored(path) or self._observer is None:
            return
        old = self._folders.pop(path, None)
        if old is not None:
            try:
                self._observer.unschedule(old)
            except (KeyError, OSError):
                pass
        try:
            self._folders[path] = self._observer.schedule(self._handler(), path, recursive=True)
        except OSError as err:  # it vanished again, or too many watches
            log.debug("Cannot watch %s: %s", path, err)

    def _handler(self, top: bool = False) -> Any:
        from watchdog.events import FileSystemEventHandler

        watcher = self

        class Forward(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                if top and event.is_directory and event.event_type in ("created", "moved"):
                    target = getattr(event, "dest_path", "") or event.src_path
                    watcher._watch_folder(os.fsdecode(target))
                paths = watcher.relevant(event)
                if paths:
                    watcher.on_change(paths)

        return Forward()

    def stop(self) -> None:
        """Stop watching."""
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(5)
            self._observer = None
