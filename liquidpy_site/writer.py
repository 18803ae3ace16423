"""Writing: outputs and static files to the destination, then clean-up.

Nothing is written outside the destination, and files that a build no longer
produces are removed, except those under ``keep_files``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import posixpath
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from liquidpy_site.cleaner import Cleaner, Snapshot
from liquidpy_site.errors import WriteError
from liquidpy_site.models import Convertible, Document, Page, StaticFile, stored_text
from liquidpy_site.urls import destination_path, page_destination_path, unescape_path

if TYPE_CHECKING:
    from liquidpy_site.site import Site
    from liquidpy_site.write_ahead import WriteAhead

log = logging.getLogger("liquidpy_site")


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


class Writer:
    """Writes one build's files.

    Args:
        site: The rendered site.
    """

    def __init__(self, site: Site, written_ahead: WriteAhead | None = None) -> None:
        self.site = site
        self.destination = site.destination
        self.written_ahead = written_ahead
        """Outputs the render pass wrote beside their destinations, moved into place here."""
        self.files: dict[str, Page | Document | StaticFile] = {}
        """After :meth:`write`: every destination-relative path written, with its source."""

    def planned(self) -> dict[str, Page | Document | StaticFile]:
        """Every destination-relative path the build produces, with its source.

        Jekyll writes pages, then static files, then documents; where two share a
        destination the last one written wins, after a "Conflict" warning.
        """
        files: dict[str, Page | Document | StaticFile] = {}
        sources: dict[str, list[str]] = {}
        for relative, item in self._outputs():
            files[relative] = item
            sources.setdefault(relative, []).append(item.relative_path.lstrip("/"))
        for relative, names in sources.items():
            if len(names) > 1:
                log.warning("%s The following destination is shared by multiple files.\n"
                            "%s The written file may end up with unexpected contents.\n%s %s\n%s",
                            "Conflict:".rjust(19), " " * 19, " " * 19, self.destination / relative,
                            "\n".join(f"{' ' * 19}  - {name}" for name in names))
        return files

    def _outputs(self) -> list[tuple[str, Page | Document | StaticFile]]:
        content = self.site.content
        outputs: list[tuple[str, Page | Document | StaticFile]] = [
            (page_destination_path(page.url, page.output_ext), page) for page in content.pages]
        outputs += [(unescape_path(file.url).lstrip("/"), file)
                    for file in content.static_files if self._writes_static(file)]
        for collection in content.collections.values():
            outputs += [(relative, doc) for doc in collection.docs
                        if (relative := output_path(self.site, doc)) is not None]
        return outputs

    def _writes_static(self, file: StaticFile) -> bool:
        if file.data.get("published", True) is False:
            return False
        if file.collection is None:
            return True
        return self.site.content.collections[file.collection].output

    def write(self) -> list[str]:
        """Write every file; return their destination-relative paths.

        Raises:
            WriteError: Two outputs clash, or a file cannot be written. Clashes are
                found before anything is written.
        """
        files = self.files = self.planned()
        _check_clashes(files)
        try:
            self.destination.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise WriteError(f"Could not create the destination {self.destination}: {err.strerror}") from err
        prepared: set[Path] = set()
        top = str(self.destination)
        for relative, item in files.items():
            if _leaves(relative):
                raise WriteError(f"Refusing to write outside the destination: {relative}")
            if isinstance(item, StaticFile):
                target = self.destination / relative
                self._prepare(target, relative, prepared)
                _copy_if_changed(item.path, target)
                continue
            if not self._holds_reused_output(item, os.path.join(top, relative)) \
                    and not self._commit_written_ahead(relative, item):
                target = self.destination / relative
                self._prepare(target, relative, prepared)
                _write_if_changed(target, (item.output or "").encode("utf-8"))
            self.site.hooks.trigger_item(item, "post_write")
        if self.written_ahead is not None:
            self.written_ahead.discard()
        self.clean(set(files))
        return sorted(files)

    def _commit_written_ahead(self, relative: str, item: Convertible) -> bool:
        """Move the item's output written ahead into place; false when it is to be written here."""
        return self.written_ahead is not None \
            and self.written_ahead.commit(relative, item, stored_text(item, "output"))

    def _prepare(self, target: Path, relative: str, prepared: set[Path]) -> None:
        """Make room for a file about to be written (checked to stay in the destination).

        Folders this build created are inside the destination by construction; only a
        path through ``..`` or an existing link needs resolving.
        """
        folder = target.parent
        if folder not in prepared and (".." in Path(relative).parts or _meets_link(
                folder, self.destination, prepared)) and not _is_within(folder, self.destination):
            raise WriteError(f"Refusing to write outside the destination: {relative}")
        _make_room(target, self.destination, prepared)

    def _holds_reused_output(self, item: Convertible, target: str) -> bool:
        """Whether ``target`` already holds a reused output (the text the last build wrote there).

        A file of its size does; the size is in the item's record, so the text itself
        need not be loaded.
        """
        regenerator = self.site.regenerator
        if not regenerator.is_reused(item):
            return False
        size = regenerator.reused_size(item)
        if size is None:
            size = len((item.output or "").encode("utf-8"))
        return _is_file_of_size(target, size)

    def rewrite(self, items: Iterable[Convertible | StaticFile]) -> list[str]:
        """Write again the outputs of items rendered, and copy static files changed, since :meth:`write`.

        Destinations are those the last write gave them (their URLs have not
        changed); an item that lost a shared destination stays unwritten.
        """
        wanted = {id(item) for item in items}
        written = []
        for relative, item in self.site.outputs.items():
            if id(item) not in wanted:
                continue
            target = self.destination / relative
            _make_room(target, self.destination)
            if isinstance(item, StaticFile):
                _copy_if_changed(item.path, target)
            else:
                _write_if_changed(target, (item.output or "").encode("utf-8"))
            written.append(relative)
        return written

    def clean(self, keep: set[str]) -> None:
        """Remove files and empty folders the build did not produce (not ``keep_files``).

        With a build cache, what the last clean-up saw is kept there, so that
        folders unchanged since need not be listed (see :mod:`liquidpy_site.cleaner`).
        """
        keep_prefixes = [str(k).strip("/") for k in self.site.config.get("keep_files") or []]
        cache = self.site.cache
        previous = Snapshot.from_json(cache.meta(_SNAPSHOT_KEY)) if cache is not None else None
        try:
            # A destination empty when the build began (written in place) holds nothing stale.
            fresh = self.written_ahead is not None and self.written_ahead.in_place
            snapshot = Cleaner(str(self.destination), keep_prefixes, previous, fresh=fresh).clean(keep)
        except OSError as err:
            raise WriteError(f"Could not clean {err.filename or self.destination}: {err.strerror}") from err
        if cache is not None:
            cache.set_meta(_SNAPSHOT_KEY, snapshot.to_json())


_SNAPSHOT_KEY = "destination_snapshot"


def output_path(site: Site, item: Convertible) -> str | None:
    """The destination-relative path of a page's or document's output; ``None`` when it has none."""
    if isinstance(item, Page):
        return page_destination_path(item.url, item.output_ext)
    if isinstance(item, Document):
        collection = site.content.collections.get(item.collection)
        if collection is not None and collection.output and site.publishes(item):
            return destination_path(item.url, item.output_ext)
    return None


def _source_name(item: Page | Document | StaticFile) -> str:
    return item.relative_path.lstrip("/")


def _check_clashes(files: dict[str, Page | Document | StaticFile]) -> None:
    """Refuse outputs where one file would have to be the folder of another."""
    for relative in files:
        parts = relative.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder in files:
                raise WriteError(
                    f"{_source_name(files[folder])} is written to {folder}, but "
                    f"{_source_name(files[relative])} needs {folder}/ to be a folder "
                    f"(for {relative}). Change one of their permalinks.")


def _make_room(target: Path, root: Path, prepared: set[Path] | None = None) -> None:
    """Remove stale destination entries in the way of ``target`` (a file where a folder goes).

    Folders in ``prepared`` are known to be ready; the target's folder is added to it.
    """
    try:
        if prepared is None or target.parent not in prepared:
            _make_folder(target.parent, root, prepared if prepared is not None else set())
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
    except OSError as err:
        raise WriteError(f"Could not prepare {target}: {err.strerror}") from err


def _missing_chain(folder: Path, root: Path, prepared: set[Path]) -> list[Path]:
    """``folder`` and its parents below ``root`` not yet prepared, outermost first."""
    chain: list[Path] = []
    while folder not in prepared and folder != root and folder != folder.parent:
        chain.append(folder)
        folder = folder.parent
    return chain[::-1]


def _meets_link(folder: Path, root: Path, prepared: set[Path]) -> bool:
    """Whether a folder on the way to ``folder`` exists as a symbolic link."""
    for path in _missing_chain(folder, root, prepared):
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return True
        except FileNotFoundError:
            return False  # below a missing folder, nothing exists yet
    return False


def _make_folder(folder: Path, root: Path, prepared: set[Path]) -> None:
    """Create ``folder`` below ``root``, replacing files in the way; mark each as prepared."""
    if root not in prepared:
        root.mkdir(parents=True, exist_ok=True)
        prepared.add(root)
    for path in _missing_chain(folder, root, prepared):
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISDIR(mode):
            path.unlink()  # a file (or a link to one) where a folder goes
            mode = None
        if mode is None:
            path.mkdir(exist_ok=True)
        prepared.add(path)


def _leaves(relative: str) -> bool:
    """Whether a destination-relative path points outside the destination."""
    normal = posixpath.normpath(relative)
    return normal.startswith(("/", "../")) or normal in ("..", ".")


def is_missing_or_empty(folder: Path) -> bool:
    """Whether ``folder`` does not exist or holds nothing (``False`` when it cannot be read)."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _is_file_of_size(target: Path | str, size: int) -> bool:
    try:
        current = os.lstat(target)
    except OSError:
        return False
    return stat.S_ISREG(current.st_mode) and current.st_size == size


def holds(target: Path | str, data: bytes, status: os.stat_result | None = None) -> bool:
    """Whether ``target`` is a file holding ``data`` (``status``: its ``lstat``, if taken)."""
    try:
        current = os.lstat(target) if status is None else status
        if not stat.S_ISREG(current.st_mode) or current.st_size != len(data):
            return False
        with open(target, "rb") as file:
            return file.read() == data
    except OSError:
        return False


def _write_if_changed(target: Path, data: bytes) -> None:
    """Write ``data`` unless the file already holds it."""
    if holds(target, data):
        return
    # A new file takes the old one's place at once: a server never sends half a page.
    temporary = target.with_name(f".{target.name}.liquidpy-new")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise WriteError(f"Could not write {target}: {err.strerror}") from err


def _copy_if_changed(source: Path, target: Path) -> None:
    try:
        source_stat = source.stat()
        if target.is_file():
            current = target.stat()
            # copy2 keeps the modification time to the nanosecond: equal means copied already.
            if current.st_size == source_stat.st_size \
                    and current.st_mtime_ns == source_stat.st_mtime_ns:
                return
        shutil.copy2(source, target)
    except OSError as err:
        raise WriteError(f"Could not copy {source} to {target}: {err.strerror}") from err
