"""Clean-up: remove from the destination what the build did not produce.

As in Jekyll, every file and folder in the destination that this build did not
write is removed, except those under ``keep_files`` (matched as plain prefixes of
the destination-relative path) and links to folders.

Listing every folder of a large destination is a good part of a small rebuild,
so a :class:`Snapshot` of the last clean-up is kept in the build cache: each
folder's modification time and the files that build produced. Adding, removing
or renaming an entry changes its folder's time, so a folder whose time is the
one recorded holds the same names as then: only files the last build produced
and this one does not can be stale there, and it is not listed again. A folder
changed less than :data:`SETTLING_NS` before the snapshot was taken is listed
next time anyway, since a file system may record times coarsely (a tenth of a
second, :data:`FINE_SETTLING_NS`, for a folder whose time has a fraction of a
second: that file system's clock moves in milliseconds).
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

SETTLING_NS = 2_000_000_000
"""How long a folder's time must have been still before it is trusted."""

FINE_SETTLING_NS = 100_000_000
"""The same, for a folder whose time has a fraction of a second (a file system with
fine timestamps, whose clock moves in milliseconds)."""


@dataclass
class Snapshot:
    """The destination as the last clean-up left it."""

    destination: str
    keep_prefixes: list[str]
    taken_ns: int = 0
    folders: dict[str, int] = field(default_factory=dict)
    """Destination-relative folder (``""``: the destination) → modification time (ns)."""
    files: list[str] = field(default_factory=list)
    """The destination-relative files that build produced."""

    def to_json(self) -> str:
        """The snapshot as stored in the build cache."""
        return json.dumps([self.destination, self.keep_prefixes, self.taken_ns, self.folders,
                           self.files], separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | None) -> Snapshot | None:
        """A stored snapshot, or ``None`` when there is none or it cannot be read."""
        try:
            destination, keep, taken, folders, files = json.loads(text or "")
        except ValueError:
            return None
        if not (isinstance(destination, str) and isinstance(keep, list) and isinstance(taken, int)
                and isinstance(folders, dict) and isinstance(files, list)
                and all(isinstance(path, str) for path in files)):
            return None
        return cls(destination, keep, taken, folders, files)


class Cleaner:
    """Removes what a build did not produce from one destination.

    Args:
        destination: The destination folder.
        keep_prefixes: ``keep_files``, without leading or trailing slashes (empty ones
            keep nothing).
        previous: The snapshot the last clean-up of this destination left, if any.
        fresh: The destination was missing or empty when the build began, so it
            holds only what the build wrote: nothing is listed or removed.
    """

    def __init__(self, destination: str, keep_prefixes: list[str],
                 previous: Snapshot | None = None, *, fresh: bool = False) -> None:
        self.destination = destination
        self.fresh = fresh
        self.keep_prefixes = [prefix for prefix in keep_prefixes if prefix]
        usable = previous is not None and previous.destination == destination \
            and previous.keep_prefixes == self.keep_prefixes
        self._previous = previous if usable else None
        self._wanted: set[str] = set()
        self._wanted_folders: set[str] = set()
        self._stale_in: dict[str, list[str]] = {}
        self._known_children: dict[str, list[str]] = {}
        self._folders_now: dict[str, int] = {}

    def clean(self, wanted: set[str]) -> Snapshot:
        """Remove everything but ``wanted`` (destination-relative files) and what is kept.

        Returns:
            The snapshot to give the next clean-up of this destination.
        """
        self._wanted = wanted
        self._wanted_folders = _with_ancestors(os.path.dirname(path) for path in wanted)
        self._plan_from_previous()
        if self.fresh:
            self._note_fresh_folders()
        elif os.path.isdir(self.destination):
            self._clean_folder("", self.destination)
        return Snapshot(self.destination, list(self.keep_prefixes), time.time_ns(),
                        self._folders_now, sorted(wanted))

    def _note_fresh_folders(self) -> None:
        """The times of a fresh destination's folders, which hold just what the build wrote."""
        for folder in ("", *self._wanted_folders):
            try:
                full = f"{self.destination}/{folder}" if folder else self.destination
                self._folders_now[folder] = os.stat(full).st_mtime_ns
            except OSError:
                continue

    def _plan_from_previous(self) -> None:
        previous = self._previous
        if previous is None:
            return
        for path in previous.files:
            if path not in self._wanted:
                folder, _, name = path.rpartition("/")
                self._stale_in.setdefault(folder, []).append(name)
        for folder in previous.folders:
            if folder:
                parent, _, name = folder.rpartition("/")
                self._known_children.setdefault(parent, []).append(name)

    def _trusted(self, folder: str, mtime_ns: int) -> bool:
        """Whether ``folder`` holds the names it held at the last clean-up."""
        previous = self._previous
        settling = SETTLING_NS if mtime_ns % 1_000_000_000 == 0 else FINE_SETTLING_NS
        return previous is not None and previous.folders.get(folder) == mtime_ns \
            and mtime_ns < previous.taken_ns - settling

    def _clean_folder(self, folder: str, full: str) -> bool:
        """Clean one folder (which exists and is not a link), then each folder below it.

        Returns:
            Whether it and everything below it could be read. A folder that cannot
            be read is left as it is; it and the folders above it stay out of the
            snapshot, so that the next clean-up lists them again.
        """
        try:
            mtime_ns = os.stat(full).st_mtime_ns
            trusted = self._trusted(folder, mtime_ns)
            if trusted:
                files, subfolders = self._stale_in.get(folder, []), self._known_children.get(folder, [])
            else:
                files, subfolders = _list_folder(full)
        except OSError:
            return False
        changed = self._remove_files(folder, full, files) if files else False
        read_all = True
        for name in subfolders:
            removed, read = self._clean_subfolder(f"{folder}/{name}" if folder else name,
                                                  f"{full}/{name}", known_folder=trusted)
            changed |= removed
            read_all &= read
        if read_all:
            self._folders_now[folder] = os.stat(full).st_mtime_ns if changed else mtime_ns
        return read_all

    def _remove_files(self, folder: str, full: str, names: Iterable[str]) -> bool:
        removed = False
        for name in names:
            relative = _join(folder, name)
            if relative in self._wanted or self._kept(relative):
                continue
            try:
                os.remove(os.path.join(full, name))
                removed = True
            except FileNotFoundError:
                pass
        return removed

    def _clean_subfolder(self, folder: str, full: str, *, known_folder: bool) -> tuple[bool, bool]:
        """Clean a folder below another; remove it when it is empty and unwanted.

        ``known_folder``: it was a folder (not a link) at the last clean-up, and its
        parent has not changed since, so it still is.

        Returns:
            Whether it was removed, and whether everything below it could be read.
        """
        if not known_folder:
            try:
                mode = os.lstat(full).st_mode
            except FileNotFoundError:
                return False, True
            if not stat.S_ISDIR(mode):  # a link to a folder is left alone
                return False, True
        if self._kept(folder):
            return False, True  # everything below it is kept too
        if not self._clean_folder(folder, full):
            return False, False
        if folder in self._wanted_folders or os.listdir(full):
            return False, True
        os.rmdir(full)
        del self._folders_now[folder]
        return True, True

    def _kept(self, relative: str) -> bool:
        return bool(self.keep_prefixes) and relative.startswith(tuple(self.keep_prefixes))


def _list_folder(full: str) -> tuple[list[str], list[str]]:
    """A folder's file names and folder names (links to folders count as folders)."""
    files, folders = [], []
    with os.scandir(full) as entries:
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            (folders if is_folder else files).append(entry.name)
    return files, folders


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _with_ancestors(folders: Iterable[str]) -> set[str]:
    """The folders and every folder above them (``a/b/c`` gives ``a``, ``a/b``, ``a/b/c``)."""
    tree: set[str] = set()
    for folder in folders:
        while folder and folder not in tree:
            tree.add(folder)
            folder = folder.rpartition("/")[0]
    return tree
