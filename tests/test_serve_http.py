"""``liquidpy serve``: the HTTP side, against a real server on 127.0.0.1."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_serve_support import raw_request, running, write_site

from liquidpy_site.serve.livereload import EVENTS_PATH, inject
from liquidpy_site.serve.paths import content_type, normalize_baseurl, resolve
from liquidpy_site.serve.server import ServeState, SiteHTTPServer

SECRET = "TOP-SECRET-OUTSIDE-THE-SITE"


def _tree(root: Path) -> Path:
    files = {
        "index.html": "<html><body><p>home</p></body></html>",
        "about.html": "<html><body>about page</body></html>",
        "docs/index.html": "<html><body>docs index</body></html>",
        "404.html": "<html><body>custom not found</body></html>",
        "feed.xml": "<feed/>", "data.json": "{}", "site.webmanifest": "{}",
        "font.woff2": "x", "logo.svg": "<svg/>", "style.css": "a{}", "app.js": "1",
        "robots.txt": "ok", "blob.bin": "b", "with space.html": "<p>spaced</p>",
    }
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def served(tmp_path: Path) -> Iterator[SiteHTTPServer]:
    root = _tree(tmp_path / "dest")
    (tmp_path / "secret.txt").write_text(SECRET)
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "index.html").write_text(SECRET)
    (root / "link-file.txt").symlink_to(tmp_path / "secret.txt")
    (root / "link-dir").symlink_to(tmp_path / "private")
    httpd = SiteHTTPServer(("127.0.0.1", 0), ServeState(root=root, livereload=False))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.stopping.set()
    httpd.state.events.close()
    httpd.shutdown()
    httpd.server_close()


def _get(httpd: SiteHTTPServer, target: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    return raw_request(httpd.port, target, method)


@pytest.mark.parametrize(("target", "text"), [
    ("/", "home"), ("/index.html", "home"), ("/about", "about page"), ("/about.html", "about page"),
    ("/docs/", "docs index"), ("/with%20space", "spaced"), ("/?x=1", "home"),
])
def test_pretty_urls(served: SiteHTTPServer, target: str, text: str) -> None:
    status, headers, body = _get(served, target)
    assert (status, text) == (200, text) and text in body.decode()
    assert headers["cache-control"] == "no-store"


@pytest.mark.parametrize(("target", "location"), [
    ("/docs", "/docs/"), ("/docs?page=2", "/docs/?page=2"), ("//docs", "/docs/"),
])
def test_folder_without_slash_redirects(served: SiteHTTPServer, target: str, location: str) -> None:
    status, headers, _ = _get(served, target)
    assert (status, headers["location"]) == (301, location)


def test_missing_page_gets_the_sites_404_page(served: SiteHTTPServer) -> None:
    status, headers, body = _get(served, "/no/such/page")
    assert status == 404 and b"custom not found" in body
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"


def test_missing_page_without_404_page(served: SiteHTTPServer) -> None:
    (served.state.root / "404.html").unlink()
    status, _, body = _get(served, "/nothing")
    assert status == 404 and b"Not found" in body


@pytest.mark.parametrize(("name", "kind"), [
    ("index.html", "text/html; charset=utf-8"), ("feed.xml", "application/xml"),
    ("data.json", "application/json; charset=utf-8"),
    ("site.webmanifest", "application/manifest+json; charset=utf-8"),
    ("font.woff2", "font/woff2"), ("logo.svg", "image/svg+xml"),
    ("style.css", "text/css; charset=utf-8"), ("app.js", "application/javascript; charset=utf-8"),
    ("robots.txt", "text/plain; charset=utf-8"), ("blob.bin", "application/octet-stream"),
])
def test_mime_types(served: SiteHTTPServer, name: str, kind: str) -> None:
    status, headers, _ = _get(served, f"/{name}")
    assert (status, headers["content-type"]) == (200, kind)
    assert content_type(name) == kind


def test_head_sends_headers_only(served: SiteHTTPServer) -> None:
    status, headers, body = _get(served, "/about", "HEAD")
    assert status == 200 and body == b""
    assert int(headers["content-length"]) == len((served.state.root / "about.html").read_bytes())


TRAVERSALS = [
    "/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
    "/docs/../../secret.txt", "/docs/%2e%2e/%2e%2e/secret.txt", "/docs/..%2f..%2fsecret.txt",
    "/%2e%2e%2f%2e%2e%2fsecret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "/.%2e/secret.txt",
    "//../secret.txt", "/%2fetc%2fpasswd", "//etc/passwd", "/%252e%252e/secret.txt",
    "http://127.0.0.1/../secret.txt", "secret.txt", "../secret.txt", "/link-file.txt",
    "/link-dir/", "/link-dir/index.html", "/link-dir", "/%00", "/index.html%00.txt", "/%ff%fe",
    "/" + "a" * 5000,
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_requests_never_leave_the_destination(served: SiteHTTPServer, target: str) -> None:
    status, headers, body = _get(served, target)
    assert status in (301, 400, 404), target
    assert SECRET.encode() not in body
    if status == 301:  # only ever to a folder inside the site, never to another host
        assert headers["location"].startswith("/") and not headers["location"].startswith("//")


def test_etc_passwd_by_absolute_path(served: SiteHTTPServer) -> None:
    for target in ("/etc/passwd", "/%2Fetc/passwd", "/../../../../etc/passwd"):
        status, _, body = _get(served, target)
        assert status in (400, 404) and b"root:" not in body


def test_resolve_refuses_escapes_without_touching_the_disk(tmp_path: Path) -> None:
    for target in ("/..", "/a/%2e%2e/%2e%2e/b", "/a%2fb", "/a%5cb", "/a%00"):
        assert resolve(tmp_path, "", target).status == 400


def test_baseurl(tmp_path: Path) -> None:
    root = _tree(tmp_path / "dest")
    httpd = SiteHTTPServer(("127.0.0.1", 0), ServeState(root=root, livereload=False))
    httpd.state.update(root, "blog/")
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    try:
        assert _get(httpd, "/blog/")[0] == 200
        assert b"about page" in _get(httpd, "/blog/about")[2]
        for target, location in (("/", "/blog/"), ("/blog", "/blog/"), ("/blog/docs", "/blog/docs/")):
            status, headers, _ = _get(httpd, target)
            assert (status, headers["location"]) == (301, location)
        status, _, body = _get(httpd, "/about")
        assert status == 404 and b"custom not found" in body
        assert _get(httpd, "/blogabout")[0] == 404
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert normalize_baseurl(None) == "" and normalize_baseurl("/a/b/") == "/a/b"


def test_inject_before_last_body_end() -> None:
    page = b"<html><body>x</body><!-- </BODY > --></html>"
    result = inject(page, "t-1")
    assert result.count(b"<script") == 1
    assert result.index(b"<script") < result.index(b"</BODY >")
    assert inject(b"plain", "t").startswith(b"plain<script")


def _read_event(response: http.client.HTTPResponse) -> tuple[str, dict[str, object]]:
    name, data = "", ""
    while True:
        line = response.fp.readline().decode().rstrip("\n")
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            data = line[6:]
        elif not line and name:
            return name, json.loads(data)


def test_served_site_with_live_reload(tmp_path: Path) -> None:
    source = write_site(tmp_path / "site")
    with running(source, watch=True, baseurl="/blog") as server:
        assert server.url.endswith("/blog/")
        status, headers, body = raw_request(server.port, "/blog/about")
        on_disk = (source / "_site" / "about.html").read_bytes()
        assert status == 200 and b"__liquidpy_livereload" in body
        assert int(headers["content-length"]) == len(body)
        assert b"__liquidpy_livereload" not in on_disk
        assert b"__liquidpy_livereload" not in raw_request(server.port, "/blog/assets/style.css")[2]
        status, _, body = raw_request(server.port, "/blog/nope")
        assert status == 404 and b"custom 404" in body and b"__liquidpy_livereload" in body
        assert b"http://localhost:" not in on_disk or str(server.port).encode() in on_disk

        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", EVENTS_PATH)
        response = conn.getresponse()
        assert response.getheader("Content-Type").startswith("text/event-stream")
        name, hello = _read_event(response)
        assert name == "hello" and hello["error"] is None and hello["token"] == server.state.events.token
        server.state.events.failed("Liquid syntax error", "_layouts/default.html:3")
        assert _read_event(response) == ("build-error", {"message": "Liquid syntax error",
                                                         "where": "_layouts/default.html:3"})
        server.state.events.built(css_only=True)
        assert _read_event(response) == ("css", {"token": server.state.events.token})
        server.state.events.built()
        assert _read_event(response)[0] == "reload"
        conn.close()


def test_no_script_without_live_reload(tmp_path: Path) -> None:
    source = write_site(tmp_path / "site")
    with running(source, watch=False) as server:
        assert b"__liquidpy_livereload" not in raw_request(server.port, "/")[2]
        assert raw_request(server.port, EVENTS_PATH)[0] == 404
