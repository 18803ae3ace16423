"""``liquidpy serve``: build, serve the destination, rebuild on changes, reload pages."""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import os
import signal
import sys
import threading
import webbrowser
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liquidpy_site.log import topic_line
from liquidpy_site.serve.builder import BuildOutcome, SiteBuilder, problem_location
from liquidpy_site.serve.server import ServeState, SiteHTTPServer
from liquidpy_site.serve.watcher import Debouncer, IgnoreRules, Watcher

log = logging.getLogger("liquidpy_site")


@dataclass
class ServeOptions:
    """How to serve (Jekyll's ``serve`` flags).

    Attributes:
        host: Address to bind (loopback by default).
        port: Port to listen on; 0 picks a free one.
        watch: Rebuild when the source changes.
        livereload: Reload open pages after each rebuild (needs ``watch``).
        open_url: Open the site in a browser once it is served.
        debounce: Seconds of quiet that end a burst of changes.
    """

    host: str = "127.0.0.1"
    port: int = 4000
    watch: bool = True
    livereload: bool = True
    open_url: bool = False
    debounce: float = 0.02


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server private to this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class LiveServer:
    """One serving session: the HTTP server, the watcher and the rebuild loop.

    Binding happens at construction, so a busy port fails before any build.

    Args:
        load_config: Loads the site's configuration (called again when it changes).
        options: Serving options.
        config_files: Configuration files named on the command line, if any.
    """

    def __init__(self, load_config: Callable[[], dict[str, Any]], options: ServeOptions,
                 config_files: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.options = options
        self.state = ServeState(root=Path.cwd(), livereload=options.livereload and options.watch)
        self.httpd = SiteHTTPServer((options.host, options.port), self.state)
        self.builder = SiteBuilder(load_config, self._overrides(), config_files)
        self.debouncer = Debouncer(self._rebuild, delay=options.debounce)
        self.watcher: Watcher | None = None
        self.builds = 0
        self.last_outcome: BuildOutcome | None = None
        self._built = threading.Condition()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port being served."""
        return self.httpd.port

    @property
    def url(self) -> str:
        """The site's address (with the baseurl)."""
        host = self.options.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}{self.state.baseurl}/"

    def _overrides(self) -> dict[str, Any]:
        overrides: dict[str, Any] = {"serving": True, "watch": self.options.watch}
        if (os.environ.get("JEKYLL_ENV") or "development") == "development":
            # Jekyll's serve points absolute URLs at the local server while developing.
            host = "localhost" if self.options.host == "127.0.0.1" else self.options.host
            overrides["url"] = f"http://{host}:{self.port}"
        return overrides

    # -- life cycle ----------------------------------------------------------------

    def start(self) -> BuildOutcome:
        """Load the configuration, build, then serve in a background thread.

        Raises:
            SiteError: The configuration cannot be loaded at all.
        """
        self.builder.prepare()
        log.info(topic_line("Source:", str(self.builder.source)))
        log.info(topic_line("Destination:", str(self.builder.destination)))
        log.info(topic_line("Incremental build:", "enabled"))
        log.info(topic_line("Generating...", ""))
        self.state.update(self.builder.destination, (self.builder.config or {}).get("baseurl"))
        if self.options.watch:
            self.watcher = Watcher(self.builder.source, self._rules(), self.debouncer.add)
            self.watcher.start()
        outcome = self._build_now(())
        self.state.root.mkdir(parents=True, exist_ok=True)
        if self.options.watch:
            self.debouncer.start()
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                        name="liquidpy-http", daemon=True)
        self._thread.start()
        return outcome

    def stop(self) -> None:
        """Stop serving and watching; open pages are disconnected."""
        self.httpd.stopping.set()
        self.state.events.close()
        if self.watcher is not None:
            self.watcher.stop()
        self.debouncer.stop()
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(5)
        self.httpd.server_close()

    def wait_for_build(self, count: int, timeout: float = 30.0) -> bool:
        """Wait until at least ``count`` builds (the first one included) have finished."""
        with self._built:
            return self._built.wait_for(lambda: self.builds >= count, timeout)

    # -- building ------------------------------------------------------------------

    def _rules(self) -> IgnoreRules:
        config = self.builder.config or {}
        return IgnoreRules(self.builder.source, self.builder.destination,
                           config.get("exclude") or [], self.builder.config_files())

    def _rebuild(self, changed: set[str]) -> None:
        names = sorted(_display(p, self.builder.source) for p in changed)
        when = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        log.info(topic_line("Regenerating:", f"{len(names)} file(s) changed at {when}"))
        for name in names[:5]:
            log.info(topic_line("", name))
        if len(names) > 5:
            log.info(topic_line("", f"...and {len(names) - 5} more"))
        self._build_now(changed)

    def _build_now(self, changed: Iterable[str]) -> BuildOutcome:
        outcome = self.builder.build(changed)
        if outcome.ok:
            self.state.update(self.builder.destination, (self.builder.config or {}).get("baseurl"))
            if outcome.config_changed and self.watcher is not None:
                self.watcher.rules = self._rules()
                self.watcher.refresh()
            problem = None
            if outcome.problems:
                message = "\n\n".join(outcome.problems)
                problem = {"message": message, "where": problem_location(outcome.problems[0]),
                           "title": "Built with errors"}
            self.state.events.built(css_only=outcome.css_only, problem=problem)
            log.info(topic_line("", f"...done in {outcome.seconds:.3f} seconds."))
        else:
            self.state.events.failed(outcome.message, outcome.where)
            report_error(outcome, watching=self.options.watch)
        with self._built:
            self.builds += 1
            self.last_outcome = outcome
            self._built.notify_all()
        return outcome


def report_error(outcome: BuildOutcome, watching: bool = True) -> None:
    """Print a failed build's error to the terminal (always, even when quiet)."""
    when = dt.datetime.now().strftime("%H:%M:%S")
    lines = [topic_line("Error:", f"the site could not be built ({when})")]
    lines += [topic_line("", line) for line in outcome.describe().splitlines()]
    hint = ("Still serving the last good build; fix the file and save." if watching
            else "The destination was left as it was.")
    lines.append(topic_line("", hint))
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def _stop_on_sigterm() -> None:
    """Let ``kill PID`` stop the server as cleanly as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _display(path: str, source: Path) -> str:
    try:
        return Path(path).relative_to(source.resolve()).as_posix()
    except ValueError:
        return path


def serve_site(load_config: Callable[[], dict[str, Any]], options: ServeOptions,
               config_files: Iterable[str | os.PathLike[str]] = ()) -> int:
    """Serve a site until interrupted (the ``liquidpy serve`` command).

    Returns:
        The exit status: 0 after Ctrl-C, 1 when the site cannot be served.
    """
    try:
        server = LiveServer(load_config, options, config_files)
    except OSError as err:
        log.error(topic_line("Error:", f"cannot listen on {options.host}:{options.port}: "
                                       f"{err.strerror or err}. Choose another --port."))
        return 1
    if not is_loopback(options.host):
        log.warning(topic_line("Warning:", f"serving on {options.host}: other machines on "
                                           "the network can read the site."))
    return _run(server, options)


def _run(server: LiveServer, options: ServeOptions) -> int:
    from liquidpy_site.errors import SiteError

    try:
        outcome = server.start()
    except SiteError as err:
        sys.stderr.write(err.describe() + "\n")
        server.stop()
        return 1
    if not outcome.ok and not options.watch:
        server.stop()
        return 1
    watching = "enabled" if options.watch else "disabled"
    log.info(topic_line("Auto-regeneration:", f"{watching} for '{server.builder.source}'"))
    if server.state.livereload:
        log.info(topic_line("LiveReload:", "enabled (pages reload after each rebuild)"))
    log.info(topic_line("Server address:", server.url))
    log.info(topic_line("Server running...", "press ctrl-c to stop."))
    if options.open_url:
        threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
    _stop_on_sigterm()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
