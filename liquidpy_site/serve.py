"""``liquidpy serve``: serve the destination and rebuild when the source changes."""

from __future__ import annotations

import functools
import http.server
import logging
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from liquidpy_site.errors import SiteError
from liquidpy_site.log import topic_line

log = logging.getLogger("liquidpy_site")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves files under the baseurl, with pretty URLs and the site's 404 page."""

    baseurl = ""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if self.baseurl and path.startswith(self.baseurl):
            path = path[len(self.baseurl):] or "/"
        translated = super().translate_path(path)
        candidate = Path(translated)
        if not candidate.exists() and candidate.with_suffix(".html").is_file():
            return str(candidate.with_suffix(".html"))
        return translated

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug(format, *args)


def serve_site(site: Any, *, host: str, port: int, watch: bool, open_url: bool,
               rebuild: Callable[[], Any]) -> None:
    """Serve ``site.destination`` until interrupted, rebuilding on changes."""
    baseurl = str(site.config.get("baseurl") or "").rstrip("/")
    handler = functools.partial(type("Handler", (_Handler,), {"baseurl": baseurl}),
                                directory=str(site.destination))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    address = f"http://{host}:{port}{baseurl}/"
    observer = _watch(site, rebuild) if watch else None
    log.info(topic_line("Auto-regeneration:", "enabled" if watch else "disabled"))
    log.info(topic_line("Server address:", address))
    log.info(topic_line("Server running...", "press ctrl-c to stop."))
    if open_url:
        webbrowser.open(address)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if observer is not None:
            observer.stop()


def _watch(site: Any, rebuild: Callable[[], Any]) -> Any:
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    destination = str(site.destination)
    wanted = threading.Event()

    class Changes(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            path = str(event.src_path)
            if path.startswith(destination) or "/.jekyll-cache" in path or "/.git/" in path:
                return
            if path.endswith(("~", ".swp", ".swx")) or "/.#" in path:
                return
            wanted.set()

    def loop() -> None:
        while True:
            wanted.wait()
            threading.Event().wait(0.1)
            wanted.clear()
            try:
                rebuild()
            except SiteError as err:
                log.error(err.describe())

    observer = Observer()
    observer.schedule(Changes(), str(site.source), recursive=True)
    observer.start()
    threading.Thread(target=loop, daemon=True).start()
    return observer
