"""The HTTP side of ``liquidpy serve``: static files, pretty URLs, the 404 page, events."""

from __future__ import annotations

import html
import http.server
import logging
import os
import queue
import shutil
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from liquidpy_site.serve import livereload
from liquidpy_site.serve.livereload import Broadcaster
from liquidpy_site.serve.paths import content_type, normalize_baseurl, resolve, split_target

log = logging.getLogger("liquidpy_site")

_NOT_FOUND = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Not found</title></head>"
              "<body><h1>Not found</h1><p>Nothing is built at {path} (yet).</p></body></html>\n")

HEARTBEAT_SECONDS = 15.0
"""How often an idle event stream sends a comment (notices closed pages)."""


@dataclass
class ServeState:
    """What the request handlers read; the build side updates it.

    Attributes:
        root: The destination folder being served.
        baseurl: The normalized base URL (``""`` or ``"/blog"``).
        livereload: Whether HTML pages get the live reload script.
        events: The live reload event hub.
    """

    root: Path
    baseurl: str = ""
    livereload: bool = True
    events: Broadcaster = field(default_factory=Broadcaster)

    def update(self, root: Path, baseurl: object) -> None:
        """Serve another destination or base URL (the configuration changed)."""
        self.root = root
        self.baseurl = normalize_baseurl(baseurl)


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers GET and HEAD from the destination folder."""

    server: SiteHTTPServer
    server_version = "liquidpy"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        state = self.server.state
        path, _ = split_target(self.path)
        if path == livereload.EVENTS_PATH and state.livereload:
            if head:
                self._headers(200, "text/event-stream; charset=utf-8", 0)
            else:
                self._stream_events(state.events)
            return
        found = resolve(state.root, state.baseurl, self.path)
        if found.status == 301 and found.location is not None:
            self._redirect(found.location)
        elif found.status == 200 and found.file is not None:
            self._send_file(200, found.file, head)
        elif found.status == 400:
            self._send_text(400, "Bad request path.\n", head)
        else:
            self._not_found(head)

    def _not_found(self, head: bool) -> None:
        page = self.server.state.root / "404.html"
        if page.is_file():
            self._send_file(404, page, head)
        elif self.server.state.livereload:
            # An HTML page, so that it reloads once a build makes the page (or shows its error).
            path = html.escape(split_target(self.path)[0])
            body = livereload.inject(_NOT_FOUND.format(path=path).encode(), self.server.state.events.token)
            self._headers(404, "text/html; charset=utf-8", len(body))
            if not head:
                self.wfile.write(body)
        else:
            self._send_text(404, f"Not found: {split_target(self.path)[0]}\n", head)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_text(self, status: int, text: str, head: bool) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _send_file(self, status: int, file: Path, head: bool) -> None:
        kind = content_type(file)
        state = self.server.state
        try:
            if kind.startswith("text/html") and state.livereload:
                body = livereload.inject(file.read_bytes(), state.events.token)
                self._headers(status, kind, len(body))
                if not head:
                    self.wfile.write(body)
                return
            with file.open("rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                self._headers(status, kind, size)
                if not head:
                    shutil.copyfileobj(stream, self.wfile)
        except FileNotFoundError:  # removed by a rebuild between lookup and read
            if status != 404:
                self._not_found(head)
            else:
                self._send_text(404, "Not found.\n", head)

    def _headers(self, status: int, kind: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def _stream_events(self, events: Broadcaster) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        self.close_connection = True
        client, hello = events.subscribe()
        try:
            self.wfile.write(b"retry: 1000\n\n" + hello.encode())
            self.wfile.flush()
            while not self.server.stopping.is_set():
                try:
                    event = client.get(timeout=HEARTBEAT_SECONDS)
                except queue.Empty:
                    self.wfile.write(b": ping\n\n")
                else:
                    if event is None:
                        break
                    self.wfile.write(event.encode())
                self.wfile.flush()
        except OSError:
            pass  # the page went away
        finally:
            events.unsubscribe(client)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("%s - %s", self.address_string(), format % args)


class SiteHTTPServer(http.server.ThreadingHTTPServer):
    """A threaded server holding the shared :class:`ServeState`.

    Args:
        address: ``(host, port)``; port 0 picks a free one.
        state: What the handlers serve.
    """

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], state: ServeState) -> None:
        self.state = state
        self.stopping = threading.Event()
        host = address[0]
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)

    @property
    def port(self) -> int:
        """The port actually bound."""
        return int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("Request from %s failed", client_address, exc_info=True)
