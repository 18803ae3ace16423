"""Writing outputs ahead of the write stage, while the render pass runs.

Creating a folder and a file for each of thousands of pages costs the write
stage most of its time, nearly all of it waiting on the file system. So, as
each item finishes rendering, a background thread makes its folders and writes
its output to a temporary file beside the destination (``.index.html.liquidpy-new``).
The write stage then only moves each temporary file into place, for the items
whose output is still the one written ahead; any other item is written as
before. Nothing a reader of the destination would see changes before the
write stage — except in a destination that was empty when the build began,
where an output is written at its place at once — and if the build fails,
what was written ahead and the empty folders made for it are removed.

Writing ahead is best-effort: an item whose way to the destination is unusual
(a link, a file where a folder goes, a path through ``..``) is left to the
write stage, which handles those cases.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import queue
import stat
import threading
from dataclasses import dataclass

from liquidpy_site.writer import holds

__all__ = ["TEMPORARY_SUFFIX", "WriteAhead"]

TEMPORARY_SUFFIX = ".liquidpy-new"
"""Ending of a file written beside its destination before it takes the destination's place."""


@dataclass
class _Written:
    """An output written ahead."""

    output: object
    """The output as the item held it when offered (compared by identity at commit)."""
    temporary: str | None
    """The file written (``None`` when the destination already held these bytes)."""
    folders: list[str]
    """The folders made for it, outermost first."""
    in_place: bool = False
    """Written at the destination itself, which did not exist (see ``in_place``)."""


class WriteAhead:
    """A background thread writing rendered outputs beside their destinations.

    Args:
        destination: The site's destination folder.
        in_place: The destination was missing or empty when the build began, so
            nothing in it is served yet: an output whose destination does not
            exist is written there at once (removed again if the build fails),
            which leaves its folder as the next clean-up's snapshot finds it.
    """

    def __init__(self, destination: str, *, in_place: bool = False) -> None:
        self.destination = destination
        self.in_place = in_place
        self._queue: queue.SimpleQueue[tuple[str, object, object] | None] = queue.SimpleQueue()
        self._written: dict[str, tuple[object, _Written]] = {}
        self._shared: set[str] = set()
        self._ready: set[str] = set()
        self._left_folders: list[str] = []
        """Folders made for outputs dropped since; removed by :meth:`discard` if still empty."""
        self._thread: threading.Thread | None = None

    def offer(self, relative: str, item: object, output: object) -> None:
        """Write ``output`` (``str`` or UTF-8 ``bytes``) of ``item`` ahead to ``relative``.

        The thread starts with the first offer, so that worker processes forked
        before it hold no copy of a running thread's state.
        """
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="liquidpy-write-ahead", daemon=True)
            self._thread.start()
        self._queue.put((relative, item, output))

    def commit(self, relative: str, item: object, output: object) -> bool:
        """Move the output written ahead for ``relative`` into place.

        Returns:
            Whether it was there for this item and this very output; when not,
            the caller writes the file itself.
        """
        self._stop()
        entry = self._written.pop(relative, None)
        if entry is None:
            return False
        offered_by, written = entry
        if offered_by is not item or written.output is not output:
            self._drop(written)
            return False
        if written.temporary is not None and not written.in_place:
            try:
                os.replace(written.temporary, os.path.join(self.destination, relative))
            except OSError:  # a folder came in the way, say: the write stage deals with it
                self._drop(written)
                return False
        return True

    def discard(self) -> None:
        """Remove what was written ahead and not committed, and the folders left empty."""
        self._stop()
        folders, self._left_folders = self._left_folders, []
        for _, written in self._written.values():
            self._remove(written)
            folders += written.folders
        self._written.clear()
        _remove_folders(folders)

    # -- in the thread -------------------------------------------------------------

    def _stop(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def _run(self) -> None:
        while (offered := self._queue.get()) is not None:
            relative, item, output = offered
            if relative in self._shared:
                continue
            if relative in self._written:  # two items, one destination: the write stage decides
                self._shared.add(relative)
                self._drop(self._written.pop(relative)[1])
                continue
            with contextlib.suppress(OSError, UnicodeError):
                written = self._write(relative, output)
                if written is not None:
                    self._written[relative] = (item, written)

    def _write(self, relative: str, output: object) -> _Written | None:
        data = _encoded(output)
        if data is None or _unusual(relative):
            return None
        made: list[str] = []
        if not self._make_folders(posixpath.dirname(relative), made):
            return None
        target = os.path.join(self.destination, relative)
        written = _Written(output, None, made)
        current = None
        if not made:
            with contextlib.suppress(FileNotFoundError):
                current = os.lstat(target)
        if current is not None and stat.S_ISDIR(current.st_mode):
            return None  # a folder in the way: the write stage removes it
        if current is not None and holds(target, data, current):
            return written
        head, name = os.path.split(target)
        written.in_place = self.in_place and current is None
        written.temporary = target if written.in_place else os.path.join(head, f".{name}{TEMPORARY_SUFFIX}")
        try:
            descriptor = os.open(written.temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            try:
                os.write(descriptor, data)
            finally:
                os.close(descriptor)
        except OSError:
            self._remove(written)
            self._unmake(made)
            raise
        return written

    def _make_folders(self, folder: str, made: list[str]) -> bool:
        """Make ``folder`` (destination-relative) and those above it, adding those made to ``made``.

        False where one of them exists and is not a folder (a link or a file).
        """
        missing: list[str] = []
        while folder not in self._ready:
            missing.append(folder)
            if not folder:
                break
            folder = posixpath.dirname(folder)
        for relative in reversed(missing):
            path = os.path.join(self.destination, relative) if relative else self.destination
            mode: int | None = None
            if not made:  # below a folder just made, nothing exists yet
                with contextlib.suppress(FileNotFoundError):
                    mode = os.lstat(path).st_mode
            if mode is None:
                try:
                    os.mkdir(path)
                except OSError:
                    self._unmake(made)
                    raise
                made.append(path)
            elif not stat.S_ISDIR(mode):
                self._unmake(made)
                return False  # a link or a file: the write stage deals with it
            self._ready.add(relative)
        return True

    def _unmake(self, made: list[str]) -> None:
        """Remove folders made for a file that could not be written ahead."""
        _remove_folders(made)
        if made:
            self._ready.clear()  # some of them were taken as ready

    def _drop(self, written: _Written) -> None:
        """Remove a file written ahead that the write stage writes itself; its folders stay for now."""
        self._remove(written)
        self._left_folders += written.folders

    @staticmethod
    def _remove(written: _Written) -> None:
        if written.temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(written.temporary)


def _remove_folders(folders: list[str]) -> None:
    """Remove those of ``folders`` that are empty, inner ones first."""
    for folder in sorted(folders, key=len, reverse=True):
        with contextlib.suppress(OSError):
            os.rmdir(folder)  # only an empty folder goes


def _unusual(relative: str) -> bool:
    """Empty, absolute, or with an empty, ``.`` or ``..`` part."""
    return any(part in ("", ".", "..") for part in relative.split("/"))


def _encoded(output: object) -> bytes | None:
    """The bytes the write stage would write for ``output``; ``None`` where it would not encode."""
    if type(output) is bytes:
        output.decode("utf-8")  # held with surrogates passed through: the write stage reports those
        return output
    if type(output) is str:
        return output.encode("utf-8")
    return b"" if output is None else None
