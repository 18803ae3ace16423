"""Helpers shared by the ``liquidpy serve`` tests (a small site, a running server, raw HTTP)."""

from __future__ import annotations

import http.client
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from liquidpy_site.config import load_config
from liquidpy_site.serve import LiveServer, ServeOptions

SITE: dict[str, str] = {
    "_config.yml": "title: Serve Test\ntime: 2024-05-01 12:00:00 +0000\nexclude: [notes]\n",
    "_layouts/default.html": (
        "<!DOCTYPE html>\n<html><head><title>{{ page.title }}</title>"
        '<link rel="stylesheet" href="{{ "/assets/style.css" | relative_url }}"></head>\n'
        "<body><h1>{{ page.title }}</h1>\n{{ content }}\n{% include footer.html %}</body></html>\n"),
    "_layouts/post.html": "---\nlayout: default\n---\n<article>{{ content }}</article>\n",
    "_includes/footer.html": "<footer>{{ site.data.info.owner }}</footer>\n",
    "_data/info.yml": "owner: Ada\n",
    "index.html": ("---\nlayout: default\ntitle: Home\n---\n<ul>{% for post in site.posts %}"
                   '<li><a href="{{ post.url }}">{{ post.title }}</a></li>{% endfor %}</ul>\n'),
    "about.md": "---\nlayout: default\ntitle: About\n---\nAbout *us*.\n",
    "docs/index.md": "---\nlayout: default\ntitle: Docs\n---\nThe docs.\n",
    "404.html": "---\nlayout: default\ntitle: Lost\n---\n<p>Nothing here (custom 404).</p>\n",
    "assets/style.css": "body { color: black; }\n",
    "_posts/2024-01-01-first.md": "---\nlayout: post\ntitle: First\n---\nFirst body.\n",
    "_posts/2024-01-02-second.md": "---\nlayout: post\ntitle: Second\n---\nSecond body.\n",
    "notes/todo.md": "excluded notes\n",
}
"""A small site using layouts, an include, data, a post list and a stylesheet."""


def write_site(root: Path, files: Mapping[str, str] = SITE) -> Path:
    """Write ``files`` under ``root`` and return it."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def loader(source: Path, **overrides: Any) -> Any:
    """A configuration loader for ``source`` writing to ``source/_site``."""
    def load() -> dict[str, Any]:
        return load_config(source, None, {"destination": str(source / "_site"), **overrides})
    return load


@contextmanager
def running(source: Path, *, watch: bool = True, livereload: bool = True,
            **overrides: Any) -> Iterator[LiveServer]:
    """A started :class:`LiveServer` on 127.0.0.1 and a free port, stopped afterwards."""
    options = ServeOptions(host="127.0.0.1", port=0, watch=watch, livereload=livereload,
                           debounce=0.05)
    server = LiveServer(loader(source, **overrides), options)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def raw_request(port: int, target: str, method: str = "GET",
                headers: Mapping[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Send ``target`` exactly as given (no normalizing) and return status, headers, body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()
