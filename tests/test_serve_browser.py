"""``liquidpy serve`` in a real browser: live reload, the error overlay, stylesheet swaps.

Drives headless Chromium through its DevTools protocol with a minimal WebSocket
client (standard library only). Skipped when no Chromium binary is installed.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_serve_support import running, write_site

CHROMIUM = next((path for path in (shutil.which("chromium"), shutil.which("chromium-browser"),
                                   "/usr/bin/chromium") if path and os.path.exists(path)), None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--no-proxy-server", "--remote-debugging-port=0"]


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol (text frames, client side)."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        rest = url.split("://", 1)[1]
        hostport, _, path = rest.partition("/")
        host, _, port = hostport.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(head.decode(errors="replace"))

    def send(self, text: str) -> None:
        payload = text.encode()
        mask = os.urandom(4)
        size = len(payload)
        if size < 126:
            header = struct.pack("!BB", 0x81, 0x80 | size)
        elif size < 65536:
            header = struct.pack("!BBH", 0x81, 0x80 | 126, size)
        else:
            header = struct.pack("!BBQ", 0x81, 0x80 | 127, size)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def _exact(self, count: int) -> bytes:
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise ConnectionError("browser closed the connection")
            data += chunk
        return data

    def receive(self) -> str:
        message = b""
        while True:
            first, second = self._exact(2)
            size = second & 0x7F
            if size == 126:
                size = struct.unpack("!H", self._exact(2))[0]
            elif size == 127:
                size = struct.unpack("!Q", self._exact(8))[0]
            payload = self._exact(size)
            opcode = first & 0x0F
            if opcode == 0x8:
                raise ConnectionError("browser closed the connection")
            if opcode in (0x9, 0xA):
                continue  # pings are not expected from Chromium; ignore them
            message += payload
            if first & 0x80:
                return message.decode()

    def close(self) -> None:
        self.sock.close()


class Page:
    """One browser tab, driven over the DevTools protocol."""

    def __init__(self, ws: WebSocket) -> None:
        self.ws = ws
        self.next_id = 0

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.receive())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return dict(reply.get("result") or {})

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_until(self, expression: str, check: Callable[[Any], bool], timeout: float = 20.0) -> Any:
        deadline = time.monotonic() + timeout
        value = None
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(expression)
            except RuntimeError:
                value = None  # the page is between documents
            if check(value):
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting on {expression!r}; last value {value!r}")


@pytest.fixture
def page() -> Iterator[Page]:
    profile = tempfile.mkdtemp(prefix="liquidpy-chromium-")
    process = subprocess.Popen([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port = _devtools_port(Path(profile), process)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as reply:
            targets = json.load(reply)
        target = next(t for t in targets if t.get("type") == "page")
        ws = WebSocket(target["webSocketDebuggerUrl"])
        tab = Page(ws)
        tab.call("Page.enable")
        yield tab
        ws.close()
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)


def _devtools_port(profile: Path, process: subprocess.Popen[bytes]) -> int:
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if marker.is_file():
            lines = marker.read_text().split()
            if lines:
                return int(lines[0])
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with status {process.returncode}")
        time.sleep(0.05)
    raise RuntimeError("chromium did not open its DevTools port")


def save(path: Path, text: str) -> None:
    """Save as many editors do: write a scratch file, then rename it over the file."""
    scratch = path.with_name(f".goutputstream-{os.getpid()}")
    scratch.write_text(text, encoding="utf-8")
    os.replace(scratch, path)


BODY = "document.body ? document.body.innerText : ''"
OVERLAY = "(function(){var e=document.getElementById('__liquidpy_error');return e?e.innerText:null})()"


def test_live_reload_overlay_and_css(tmp_path: Path, page: Page) -> None:
    source = write_site(tmp_path / "site")
    about = source / "about.md"
    with running(source) as server:
        page.call("Page.navigate", url=f"http://127.0.0.1:{server.port}/about")
        page.wait_until(BODY, lambda text: bool(text) and "About us." in text)
        page.wait_until("window.__liquidpyLive === true", bool)

        save(about, "---\nlayout: default\ntitle: About\n---\nAbout the new team.\n")
        page.wait_until(BODY, lambda text: bool(text) and "About the new team." in text)

        save(about, "---\nlayout: default\ntitle: About\n---\nBroken {% if %} page.\n")
        overlay = page.wait_until(OVERLAY, lambda text: bool(text) and "about.md:" in text)
        assert "Build failed" in overlay and "Liquid" in overlay
        assert "About the new team." in page.evaluate(BODY)  # the last good page stays

        save(about, "---\nlayout: default\ntitle: About\n---\nAbout, fixed.\n")
        page.wait_until(BODY, lambda text: bool(text) and "About, fixed." in text)
        assert page.evaluate(OVERLAY) is None

        page.wait_until("window.__liquidpyConnected === true", bool)
        page.evaluate("window.__noReload = 42")
        save(source / "assets/style.css", "body { color: rgb(255, 0, 0); }\n")
        page.wait_until("getComputedStyle(document.body).color", lambda c: c == "rgb(255, 0, 0)")
        assert page.evaluate("window.__noReload") == 42  # restyled without a reload
