"""Live reload: a Server-Sent Events channel and the script served pages load.

Served HTML pages get a small inline script (added while serving, never written to
the destination). It listens on :data:`EVENTS_PATH` for:

``hello``
    Sent on connecting: the current build ``token`` and the current build error,
    if any (or the errors a successful build got past, such as invalid front
    matter). A page older than the current build reloads; an error shows the
    overlay.
``reload``
    A build succeeded: the page reloads.
``css``
    A build that changed only stylesheets succeeded: ``<link rel=stylesheet>`` URLs
    get a fresh query so the browser fetches them again, without a reload.
``build-error``
    A build failed: a fixed overlay names the file and line and shows the message.
"""

from __future__ import annotations

import json
import queue
import re
import threading
import uuid
from dataclasses import dataclass
from typing import Any

EVENTS_PATH = "/__liquidpy/events"
"""Where pages connect for build events (at the server's root, whatever the baseurl)."""

_SCRIPT = """<script id="__liquidpy_livereload">(function () {
  if (!window.EventSource || window.__liquidpyLive) return;
  window.__liquidpyLive = true;
  var token = %(token)s;
  var overlayId = "__liquidpy_error";
  function clearOverlay() {
    var old = document.getElementById(overlayId);
    if (old) old.parentNode.removeChild(old);
  }
  function el(tag, style, text) {
    var node = document.createElement(tag);
    node.setAttribute("style", style);
    if (text) node.textContent = text;
    return node;
  }
  function showOverlay(error) {
    clearOverlay();
    var box = el("div", "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(24,24,24,.97);color:#f5f5f5;padding:32px;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    var close = el("button", "float:right;font:inherit;padding:2px 10px;cursor:pointer", "Close");
    close.onclick = clearOverlay;
    box.appendChild(close);
    box.appendChild(el("div", "color:#ff6b6b;font-size:18px;font-weight:bold;margin-bottom:8px",
      error.title || "Build failed"));
    if (error.where) box.appendChild(el("div", "color:#ffd166;margin-bottom:12px", error.where));
    box.appendChild(el("pre", "white-space:pre-wrap;margin:0;color:#f5f5f5", error.message));
    box.appendChild(el("div", "margin-top:16px;color:#aaa", error.title ?
      "This page reloads when the site builds again." :
      "The last good build is still served; this page reloads when the site builds again."));
    (document.body || document.documentElement).appendChild(box);
  }
  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("livereload", Date.now());
      links[i].href = url.href;
    }
  }
  var source = new EventSource(%(events)s);
  source.addEventListener("hello", function (event) {
    var state = JSON.parse(event.data);
    window.__liquidpyConnected = true;
    if (state.error) showOverlay(state.error);
    else if (state.token !== token) location.reload();
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function (event) {
    token = JSON.parse(event.data).token;
    clearOverlay();
    swapStylesheets();
  });
  source.addEventListener("build-error", function (event) {
    showOverlay(JSON.parse(event.data));
  });
})();</script>"""

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def script(token: str) -> str:
    """The live reload script for a page served during build ``token``."""
    return _SCRIPT % {"token": json.dumps(token), "events": json.dumps(EVENTS_PATH)}


def inject(html: bytes, token: str) -> bytes:
    """Add the live reload script before the last ``</body>`` (or at the end)."""
    tag = script(token).encode("utf-8")
    matches = list(_BODY_END.finditer(html))
    if not matches:
        return html + tag
    at = matches[-1].start()
    return html[:at] + tag + html[at:]


@dataclass(frozen=True)
class Event:
    """One Server-Sent Event."""

    name: str
    data: dict[str, Any]

    def encode(self) -> bytes:
        """The event on the wire."""
        return f"event: {self.name}\ndata: {json.dumps(self.data)}\n\n".encode()


class Broadcaster:
    """Tracks the build state and fans events out to every connected page."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: set[queue.SimpleQueue[Event | None]] = set()
        self._instance = uuid.uuid4().hex[:8]
        self._generation = 0
        self._error: dict[str, Any] | None = None

    @property
    def token(self) -> str:
        """Names the last good build (changes with every successful build)."""
        return f"{self._instance}-{self._generation}"

    @property
    def error(self) -> dict[str, Any] | None:
        """The current build error (``message``, ``where``), or ``None``."""
        return self._error

    @property
    def client_count(self) -> int:
        """How many pages are connected."""
        with self._lock:
            return len(self._clients)

    def subscribe(self) -> tuple[queue.SimpleQueue[Event | None], Event]:
        """Register a page; returns its queue and the ``hello`` event to send first."""
        client: queue.SimpleQueue[Event | None] = queue.SimpleQueue()
        with self._lock:
            self._clients.add(client)
            hello = Event("hello", {"token": self.token, "error": self._error})
        return client, hello

    def unsubscribe(self, client: queue.SimpleQueue[Event | None]) -> None:
        """Forget a page that went away."""
        with self._lock:
            self._clients.discard(client)

    def built(self, css_only: bool = False, problem: dict[str, Any] | None = None) -> None:
        """A build succeeded: pages reload (or only restyle).

        Args:
            css_only: Only stylesheets changed: pages restyle without reloading.
            problem: Errors the build got past (``message``, ``where``, ``title``);
                reloaded pages show them as they show a failed build's error.
        """
        with self._lock:
            self._generation += 1
            self._error = problem
            name = "css" if css_only and problem is None else "reload"
            event = Event(name, {"token": self.token})
        self._send(event)

    def failed(self, message: str, where: str | None) -> None:
        """A build failed: pages show the error."""
        with self._lock:
            self._error = {"message": message, "where": where}
            event = Event("build-error", dict(self._error))
        self._send(event)

    def close(self) -> None:
        """Disconnect every page (the server is stopping)."""
        with self._lock:
            clients, self._clients = list(self._clients), set()
        for client in clients:
            client.put(None)

    def _send(self, event: Event) -> None:
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            client.put(event)
