"""Rebuilding the site for ``liquidpy serve``: incrementally, never losing the last good build."""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liquidpy_site.config import CONFIG_NAMES
from liquidpy_site.errors import SiteError
from liquidpy_site.refresh import refresh_in_place
from liquidpy_site.site import Site

log = logging.getLogger("liquidpy_site")

STYLESHEET_SUFFIXES = frozenset({".css", ".scss", ".sass"})
"""Sources whose change only restyles pages (no reload needed)."""


@dataclass(frozen=True)
class BuildOutcome:
    """How one build went.

    Attributes:
        ok: The build succeeded and its output is in the destination.
        seconds: Wall time of the build.
        css_only: Only stylesheets changed since the last good build.
        config_changed: The configuration was (re)loaded for this build.
        message: The error message, when the build failed.
        where: ``path:line[:column]`` of the error, when known.
        error: The exception, when the build failed.
    """

    ok: bool
    seconds: float
    css_only: bool = False
    config_changed: bool = False
    message: str = ""
    where: str | None = None
    error: BaseException | None = None
    problems: tuple[str, ...] = ()
    """Errors the build logged but got past (e.g. invalid front matter, as Jekyll does)."""
    refreshed: bool = False
    """The kept site took the change in memory (see :mod:`liquidpy_site.refresh`): no build ran."""

    def describe(self) -> str:
        """The error as the terminal shows it (message and location)."""
        if isinstance(self.error, SiteError):
            return self.error.describe()
        return self.message


def error_location(err: BaseException) -> str | None:
    """``path:line[:column]`` of a build error, when it has a location."""
    location = getattr(err, "location", None)
    if location is None:
        return None
    where = str(location.path)
    if location.line is not None:
        where += f":{location.line}"
        if location.column is not None:
            where += f":{location.column}"
    return where


class SiteBuilder:
    """Builds the site again and again, incrementally, for the server.

    Args:
        load_config: Loads the configuration from the files and command-line flags
            (may raise :class:`SiteError` for a broken file).
        overrides: Options set on every loaded configuration (``incremental`` is
            always on).
        config_files: The configuration files named on the command line, if any
            (otherwise ``_config.yml``/``.yaml``/``.toml`` in the source count).
    """

    def __init__(self, load_config: Callable[[], dict[str, Any]],
                 overrides: Mapping[str, Any] | None = None,
                 config_files: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.load_config = load_config
        self.explicit_config_files = [Path(p).resolve() for p in config_files]
        self.overrides = {**dict(overrides or {}), "incremental": True}
        self.config: dict[str, Any] | None = None
        self.site: Site | None = None
        self._pending: set[str] = set()
        self._config_stale = True
        self.last_window: tuple[float, float] | None = None
        self._problems: list[str] = []
        """Wall-clock start and end of the last build (see :meth:`_raced`)."""

    @property
    def source(self) -> Path:
        """The site's source folder (after :meth:`prepare`)."""
        return Path(self._config()["source"])

    @property
    def destination(self) -> Path:
        """The folder being served (after :meth:`prepare`)."""
        return Path(self._config()["destination"])

    def _config(self) -> dict[str, Any]:
        if self.config is None:
            raise RuntimeError("The configuration is not loaded yet; call prepare() first.")
        return self.config

    def prepare(self) -> dict[str, Any]:
        """Load the configuration (raises :class:`SiteError` when it is broken)."""
        config = self.load_config()
        config.update(self.overrides)
        self.config = config
        self._config_stale = False
        return config

    def config_files(self) -> set[str]:
        """Paths whose change means the configuration must be loaded again."""
        config = self._config()
        files = {os.path.realpath(Path(config["source"]) / name) for name in CONFIG_NAMES}
        files.update(os.path.realpath(p) for p in self.explicit_config_files)
        return files

    def build(self, changed: Iterable[str] = ()) -> BuildOutcome:
        """Rebuild after ``changed`` paths changed (any path; empty for the first build).

        A configuration change loads it again and renders everything afresh; any
        other change re-renders only what it affects. A failed build leaves the
        destination as the last good build left it, and its changes count again
        next time.
        """
        self._pending.update(os.path.realpath(p) for p in changed)
        started = time.perf_counter()
        config_changed = self._config_stale or bool(self._pending & self.config_files())
        window_start = time.time()
        refreshed = False
        try:
            if config_changed:
                self.prepare()
            refreshed = not config_changed and self._refreshed()
            if not refreshed:
                # The first build may reuse what an earlier build or session recorded.
                fresh = (config_changed and self.site is not None) or self._raced(self._pending)
                self.site = self._process(fresh=fresh)
        except Exception as err:  # noqa: BLE001 - a broken edit must never stop the server
            self._config_stale = self._config_stale or config_changed
            return _failure(err, time.perf_counter() - started, config_changed)
        finally:
            self.last_window = (window_start, time.time())
        css_only = bool(self._pending) and not config_changed and all(
            Path(p).suffix.lower() in STYLESHEET_SUFFIXES for p in self._pending)
        self._pending.clear()
        return BuildOutcome(True, time.perf_counter() - started, css_only, config_changed,
                            problems=tuple(self._problems), refreshed=refreshed)

    def _raced(self, paths: Iterable[str]) -> bool:
        """Whether a layout, include or data file was saved while the last build ran.

        The last build may then have recorded the new file's fingerprint next to
        output rendered from the old text; rendering everything again is safe.
        """
        if self.last_window is None:
            return False
        start, end = self.last_window
        config = self._config()
        folders = [os.path.realpath(self.source / str(config.get(key) or default)) + os.sep
                   for key, default in (("layouts_dir", "_layouts"), ("includes_dir", "_includes"),
                                        ("data_dir", "_data"))]
        for path in paths:
            if not path.startswith(tuple(folders)):
                continue
            try:
                modified = os.stat(path).st_mtime
            except OSError:
                continue
            if start - 0.05 <= modified <= end + 0.05:
                log.debug("%s changed during the last build; rendering everything again", path)
                return True
        return False

    def _refreshed(self) -> bool:
        """Whether the kept site could take the pending changes in memory (see :mod:`..refresh`)."""
        site = self.site
        if site is None or not self._pending:
            return False
        with _capturing_problems() as problems:
            self._problems = problems
            try:
                done = refresh_in_place(site, self._pending)
            except SiteError:
                raise  # the site is as it was; the changes count again next time
            except BaseException:
                self.site = None  # the next build starts afresh from the files
                raise
        if done is None:
            return False
        log.debug("Refreshed in memory: %d rendered, %d written", len(done.rendered), len(done.written))
        return True

    def _process(self, fresh: bool) -> Site:
        if self.site is not None and self.site.cache is not None:
            # Let the new build write the cache (the kept site reopens it when it needs to).
            self.site.cache.close()
        # A build may change its configuration's nested values; each starts from the loaded one.
        site = Site(copy.deepcopy(self._config()))
        with _capturing_problems() as problems:
            self._problems = problems
            try:
                if fresh and site.cache is not None:
                    site.cache.set_meta("config", "")  # no output of an older configuration is reused
                site.process()
            except BaseException:
                if site.cache is not None:
                    site.cache.close()
                raise
        return site


def _failure(err: BaseException, seconds: float, config_changed: bool) -> BuildOutcome:
    if isinstance(err, SiteError):
        message = err.message
    else:
        log.debug("Unexpected build error", exc_info=err)
        message = f"{type(err).__name__}: {err}"
    return BuildOutcome(False, seconds, config_changed=config_changed, message=message,
                        where=error_location(err), error=err)


@contextlib.contextmanager
def _capturing_problems() -> Iterator[list[str]]:
    """Collect the errors a build logs but gets past, into the list yielded."""
    capture = _ErrorCapture()
    logger = logging.getLogger("liquidpy_site")
    _forget_reported(logger)
    logger.addHandler(capture)
    try:
        yield capture.messages
    finally:
        logger.removeHandler(capture)


class _ErrorCapture(logging.Handler):
    """Collects the errors a build logs without failing (errors, and warnings about one)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        lowered = message.lower()
        if record.levelno >= logging.ERROR or "error" in lowered or "exception" in lowered:
            self.messages.append(message)


def _forget_reported(logger: logging.Logger) -> None:
    """Let every build report its warnings again (the log shows each once per build)."""
    for handler in logger.handlers:
        for log_filter in handler.filters:
            seen = getattr(log_filter, "seen", None)
            if isinstance(seen, set):
                seen.clear()


_LOCATION = re.compile(r"\n\s*in (?P<path>.+?)(?:, line (?P<line>\d+))?(?:, column (?P<column>\d+))?$")


def problem_location(message: str) -> str | None:
    """``path:line[:column]`` from a logged error's ``in PATH, line N, column M`` tail."""
    found = _LOCATION.search(message)
    if found is None:
        return None
    return ":".join(part for part in found.group("path", "line", "column") if part)
