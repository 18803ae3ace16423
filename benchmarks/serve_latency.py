#!/usr/bin/env python3
"""Edit-to-page latency of ``liquidpy serve`` (optionally side by side with ``jekyll serve``).

Generates a site with ``make_site.py`` (N posts), starts the server on it, appends a
sentence to one post and measures the time until the *served* page (fetched over
HTTP) contains it. Repeats the edit a few times per server and prints the figures::

    python3 benchmarks/serve_latency.py --posts 1000 [--edits 3] [--vs-jekyll]

Stdlib only; every server started here is stopped by its process id.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

MAKE_SITE = "/work/shared/bench/make_site.py"


@dataclass
class Result:
    """One server's figures."""

    name: str
    startup_s: float = 0.0
    edits_s: list[float] = field(default_factory=list)
    builds_s: list[float] = field(default_factory=list)

    def line(self) -> str:
        """A summary line."""
        if not self.edits_s:
            return f"{self.name}: startup {self.startup_s:.2f}s, no edit observed"
        figures = " ".join(f"{value:.3f}" for value in self.edits_s)
        build = (f"; rebuild as the server reports it, median {statistics.median(self.builds_s):.3f}s"
                 if self.builds_s else "")
        return (f"{self.name}: startup {self.startup_s:.2f}s; edit→page median "
                f"{statistics.median(self.edits_s):.3f}s (each: {figures}){build}")


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float = 600.0) -> str | None:
    """The page's text, or ``None`` when the server does not answer 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return reply.read().decode("utf-8", "replace") if reply.status == 200 else None
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError, OSError):
        return None  # not up yet, or the file was being rewritten while served


def pick_post(source: Path) -> Path:
    """A post without Liquid in its body, two thirds into the list."""
    posts = sorted((source / "_posts").glob("*.md"))
    plain = [p for p in posts if "{%" not in p.read_text().split("\n---\n", 1)[-1]
             and "{{" not in p.read_text().split("\n---\n", 1)[-1]] or posts
    return plain[len(plain) * 2 // 3]


def baseurl(source: Path) -> str:
    """The site's ``baseurl`` (read with a regular expression: stdlib only)."""
    found = re.search(r"^baseurl:\s*[\"']?([^\"'\s#]*)", (source / "_config.yml").read_text(), re.M)
    value = (found.group(1) if found else "").strip("/")
    return f"/{value}" if value else ""


def post_url(dest: Path, post: Path) -> str:
    """The post's URL, found in the built destination."""
    slug = post.stem[11:]
    for hit in sorted(dest.rglob(f"{slug}/index.html")):
        return "/" + hit.parent.relative_to(dest).as_posix() + "/"
    for hit in sorted(dest.rglob(f"{slug}.html")):
        return "/" + hit.relative_to(dest).as_posix()
    raise SystemExit(f"no output for {post.name} under {dest}")


def measure(name: str, argv: list[str], source: Path, dest: Path, port: int, edits: int,
            timeout: float, log: Path) -> Result:
    """Start one server, wait for its first page, then time ``edits`` edits."""
    result = Result(name)
    base = f"http://127.0.0.1:{port}{baseurl(source)}"
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        while fetch(base + "/", timeout) is None:
            if process.poll() is not None or time.perf_counter() - started > timeout:
                raise SystemExit(f"{name} did not come up; see {log}")
            time.sleep(0.05)
        result.startup_s = time.perf_counter() - started
        post = pick_post(source)
        url = base + post_url(dest, post)
        time.sleep(1.0)  # let the watcher settle
        for number in range(edits):
            token = f"LATENCY{number}x{int(time.time() * 1000) % 100000}"
            log_size = log.stat().st_size
            edited = time.perf_counter()
            with post.open("a", encoding="utf-8") as stream:
                stream.write(f"\nThis sentence was appended while serving ({token}).\n")
            while token not in (fetch(url, timeout) or ""):
                if time.perf_counter() - edited > timeout or process.poll() is not None:
                    print(f"{name}: edit {number} not observed; see {log}", file=sys.stderr)
                    return result
                time.sleep(0.01)
            result.edits_s.append(time.perf_counter() - edited)
            time.sleep(0.5)
            reported = _reported_build(log, log_size)
            if reported is not None:
                result.builds_s.append(reported)
    finally:
        stop(process)
    return result


def _reported_build(log: Path, offset: int) -> float | None:
    """The last "done in X seconds" the server logged after ``offset``."""
    with log.open("rb") as stream:
        stream.seek(offset)
        found = re.findall(rb"done in ([\d.]+) seconds", stream.read())
    return float(found[-1]) if found else None


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server this script started (its own process group) by its id."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            continue


def fresh_site(pristine: Path, work: Path, name: str) -> tuple[Path, Path]:
    """A private copy of the generated site and an empty destination."""
    source, dest = work / name / "src", work / name / "dest"
    shutil.rmtree(work / name, ignore_errors=True)
    shutil.copytree(pristine, source)
    return source, dest


def main() -> int:
    """Run the benchmark and print one line per server."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3, help="edits timed per server")
    parser.add_argument("--vs-jekyll", action="store_true", help="also time jekyll serve --incremental")
    parser.add_argument("--make-site", default=MAKE_SITE, help="path of make_site.py")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--workdir", default=None, help="keep the sites and logs here")
    args = parser.parse_args()

    work = Path(args.workdir or tempfile.mkdtemp(prefix="serve-latency-"))
    pristine = work / "pristine"
    if not pristine.is_dir():
        subprocess.run([sys.executable, args.make_site, str(pristine), "--posts", str(args.posts)],
                       check=True, stdout=subprocess.DEVNULL)
    runs = [("liquidpy serve", [sys.executable, "-m", "liquidpy_site", "serve"])]
    if args.vs_jekyll:
        runs.append(("jekyll serve --incremental", ["jekyll", "serve", "--incremental"]))
    results = []
    for name, command in runs:
        source, dest = fresh_site(pristine, work, name.split()[0])
        port = free_port()
        argv = [*command, "-s", str(source), "-d", str(dest), "-P", str(port), "-H", "127.0.0.1"]
        results.append(measure(name, argv, source, dest, port, args.edits, args.timeout,
                               work / f"{name.split()[0]}.log"))
    print(f"serve latency, {args.posts} posts (logs in {work}):")
    for result in results:
        print("  " + result.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
