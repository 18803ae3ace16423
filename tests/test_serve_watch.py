"""``liquidpy serve``: what the watcher ignores, debouncing, and rebuilds on real edits."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_serve_support import SITE, loader, raw_request, running, write_site
from watchdog.events import (
    DirModifiedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from liquidpy_site.cli import main
from liquidpy_site.config import load_config
from liquidpy_site.serve import ServeOptions, SiteBuilder, serve_site
from liquidpy_site.serve.builder import problem_location
from liquidpy_site.serve.watcher import Debouncer, IgnoreRules, Watcher, is_temporary
from liquidpy_site.site import Site

# -- ignore rules -------------------------------------------------------------------


@pytest.fixture
def rules(tmp_path: Path) -> IgnoreRules:
    source = tmp_path / "site"
    source.mkdir()
    return IgnoreRules(source, source / "_site", ["notes", "*.log", "vendor/bundle/", "draft"],
                       [tmp_path / "outside.yml"])


@pytest.mark.parametrize("relative", [
    "_site/index.html", "_site", ".liquidpy-cache/build.sqlite", ".jekyll-cache/x", ".git/index",
    "docs/.git/HEAD", "notes/todo.md", "notes", "debug.log", "vendor/bundle/gem.rb", "drafts-old.md",
    "_posts/a.md~", "_posts/.#a.md", "_posts/.a.md.swp", "_posts/.a.md.swx", "_posts/4913",
    "_posts/.goutputstream-XYZ12", ".sass-cache/a", "#autosave#",
])
def test_ignored_paths(rules: IgnoreRules, relative: str) -> None:
    assert rules.ignored(f"{rules.source}/{relative}")


@pytest.mark.parametrize("relative", [
    "_posts/2024-01-01-a.md", "_layouts/default.html", "_includes/x.html", "_data/a.yml",
    "_config.yml", "index.md", "assets/main.scss", "_sass/_base.scss", "site.webmanifest", "log.md",
])
def test_watched_paths(rules: IgnoreRules, relative: str) -> None:
    assert not rules.ignored(f"{rules.source}/{relative}")


def test_files_outside_the_source(rules: IgnoreRules, tmp_path: Path) -> None:
    assert rules.ignored(str(tmp_path / "elsewhere.md"))
    assert not rules.ignored(str(tmp_path / "outside.yml"))  # a --config file
    assert is_temporary("4913") and not is_temporary("4914.md")


def test_watcher_keeps_only_changes(rules: IgnoreRules) -> None:
    watcher = Watcher(Path(rules.source), rules, lambda paths: None)
    post = f"{rules.source}/_posts/a.md"
    assert watcher.relevant(FileModifiedEvent(post)) == [post]
    assert watcher.relevant(FileCreatedEvent(post)) == [post]
    assert watcher.relevant(FileOpenedEvent(post)) == []
    assert watcher.relevant(FileClosedNoWriteEvent(post)) == []
    assert watcher.relevant(DirModifiedEvent(f"{rules.source}/_posts")) == []
    assert watcher.relevant(FileModifiedEvent(f"{rules.source}/_site/a.html")) == []
    # An editor's atomic save: a scratch file renamed over the real one.
    saved = FileMovedEvent(f"{rules.source}/_posts/.goutputstream-Q1", post)
    assert watcher.relevant(saved) == [post]


# -- debouncing ---------------------------------------------------------------------


def _recording(delay: float = 0.1, max_delay: float = 2.0) -> tuple[Debouncer, list[set[str]]]:
    batches: list[set[str]] = []
    debouncer = Debouncer(batches.append, delay=delay, max_delay=max_delay)
    debouncer.start()
    return debouncer, batches


def test_a_burst_is_one_rebuild() -> None:
    debouncer, batches = _recording()
    for number in range(50):
        debouncer.add([f"/site/{number % 7}.md"])
    assert debouncer.wait_idle(5)
    time.sleep(0.15)
    assert debouncer.wait_idle(5)
    debouncer.stop()
    assert batches == [{f"/site/{n}.md" for n in range(7)}]


def test_changes_during_a_rebuild_make_the_next_one() -> None:
    release, entered = threading.Event(), threading.Event()
    batches: list[set[str]] = []

    def slow(batch: set[str]) -> None:
        batches.append(batch)
        entered.set()
        release.wait(5)

    debouncer = Debouncer(slow, delay=0.02)
    debouncer.start()
    debouncer.add(["/a"])
    assert entered.wait(5)
    debouncer.add(["/b"])
    debouncer.add(["/c"])
    release.set()
    time.sleep(0.1)
    assert debouncer.wait_idle(5)
    debouncer.stop()
    assert batches == [{"/a"}, {"/b", "/c"}]


def test_steady_changes_still_rebuild_after_max_delay() -> None:
    debouncer, batches = _recording(delay=0.2, max_delay=0.3)
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        debouncer.add(["/busy"])
        time.sleep(0.02)
    assert debouncer.wait_idle(5)
    debouncer.stop()
    assert len(batches) >= 2


def test_rebuild_thread_survives_errors() -> None:
    calls: list[set[str]] = []

    def explode(batch: set[str]) -> None:
        calls.append(batch)
        raise RuntimeError("boom")

    debouncer = Debouncer(explode, delay=0.01)
    debouncer.start()
    debouncer.add(["/a"])
    time.sleep(0.1)
    debouncer.add(["/b"])
    time.sleep(0.1)
    assert debouncer.wait_idle(5)
    debouncer.stop()
    assert calls == [{"/a"}, {"/b"}]


# -- a live server -------------------------------------------------------------------


def _edit(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _page(server: object, target: str) -> tuple[int, str]:
    status, _, body = raw_request(server.port, target)  # type: ignore[attr-defined]
    return status, body.decode()


def _eventually(check: Callable[[], bool], timeout: float = 20.0) -> None:
    """Wait for ``check()`` (one save can reach the watcher as several events, so builds vary)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_rebuilds_on_edit_delete_and_rename(tmp_path: Path) -> None:
    source = write_site(tmp_path / "site")
    with running(source) as server:
        events, _ = server.state.events.subscribe()
        assert _page(server, "/2024/01/01/first.html")[0] == 200
        _edit(source / "_posts/2024-01-01-first.md", "---\nlayout: post\ntitle: First\n---\nFresh words.\n")
        _eventually(lambda: "Fresh words." in _page(server, "/2024/01/01/first.html")[1])

        (source / "_posts/2024-01-02-second.md").unlink()
        _eventually(lambda: _page(server, "/2024/01/02/second.html")[0] == 404)
        assert "Second" not in _page(server, "/")[1]
        assert not (source / "_site/2024/01/02/second.html").exists()

        (source / "_posts/2024-01-01-first.md").rename(source / "_posts/2024-01-01-renamed.md")
        _eventually(lambda: _page(server, "/2024/01/01/first.html")[0] == 404)
        assert "Fresh words." in _page(server, "/2024/01/01/renamed.html")[1]

        _edit(source / "assets/style.css", "body { color: red; }\n")
        names = [events.get(timeout=10).name]
        while names[-1] != "css":
            names.append(events.get(timeout=10).name)
        assert len(names) >= 4 and set(names[:-1]) == {"reload"}
        assert "red" in _page(server, "/assets/style.css")[1]
        assert server.debouncer.wait_idle(10)
        _assert_same_as_full_build(server, source, tmp_path / "full")


def _assert_same_as_full_build(server: object, source: Path, dest: Path) -> None:
    config = load_config(source, None, {"destination": str(dest)})
    config.update({k: v for k, v in server.builder.config.items()  # type: ignore[attr-defined]
                   if k in ("url", "serving", "watch")})
    Site(config).process()
    built = source / "_site"
    ours = {p.relative_to(built).as_posix(): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    full = {p.relative_to(dest).as_posix(): p.read_bytes() for p in dest.rglob("*") if p.is_file()}
    assert ours == full


def test_ignored_changes_do_not_rebuild(tmp_path: Path) -> None:
    source = write_site(tmp_path / "site")
    with running(source) as server:
        _edit(source / "notes/todo.md", "still excluded")
        _edit(source / "_posts/.#2024-01-01-first.md", "lock")
        _edit(source / "_posts/2024-01-01-first.md~", "backup")
        _edit(source / "_posts/4913", "")
        _edit(source / ".git/index", "x")
        time.sleep(0.4)
        assert server.builds == 1


def _next_error(events: Any) -> Any:
    """The next build-error event (skipping reloads of half-written saves)."""
    while True:
        event = events.get(timeout=10)
        if event.name == "build-error":
            return event


def test_broken_edit_keeps_serving_and_reports(tmp_path: Path) -> None:
    source = write_site(tmp_path / "site")
    with running(source) as server:
        events, _ = server.state.events.subscribe()
        good = _page(server, "/about")[1]
        _edit(source / "_layouts/default.html", "<html><body>{% if %}{{ content }}</body></html>\n")
        event = _next_error(events)
        assert event.data["where"].startswith("_layouts/default.html:1")
        assert "Liquid" in event.data["message"]
        assert _page(server, "/about") == (200, good)  # the last good page
        _, hello = server.state.events.subscribe()
        assert hello.data["error"]["where"] == event.data["where"]  # pages opened now see it too

        _edit(source / "_config.yml", "title: [unclosed\n")
        assert _next_error(events).data["where"].startswith("_config.yml:")
        _edit(source / "_config.yml", SITE["_config.yml"].replace("Serve Test", "Renamed Site"))
        _edit(source / "_layouts/default.html", SITE["_layouts/default.html"] + "<!-- {{ site.title }} -->\n")
        _eventually(lambda: "Renamed Site" in _page(server, "/about")[1])
        assert server.debouncer.wait_idle(10)
        assert server.state.events.error is None


def test_first_build_broken_then_fixed(tmp_path: Path) -> None:
    source = write_site(tmp_path / "site", {**SITE, "about.md": "---\ntitle: About\n---\n{% for %}\n"})
    with running(source) as server:
        assert not server.last_outcome.ok
        status, body = _page(server, "/about")
        assert status == 404 and "__liquidpy_livereload" in body
        _edit(source / "about.md", "---\nlayout: default\ntitle: About\n---\nFixed.\n")
        _eventually(lambda: "Fixed." in _page(server, "/about")[1])


def test_busy_port_is_reported(tmp_path: Path) -> None:
    source = write_site(tmp_path / "site")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        options = ServeOptions(port=busy.getsockname()[1], watch=False)
        assert serve_site(loader(source), options) == 1


def test_help_lists_jekyll_flags() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    for flag in ("--host", "--port", "--baseurl", "--open-url", "--livereload", "--no-watch",
                 "--incremental", "--drafts", "--future", "--unpublished", "--config", "-H", "-P",
                 "-b", "-o", "-l", "-I"):
        assert flag in result.output
    assert "on by default" in result.output


def test_config_change_renders_everything_afresh(tmp_path: Path) -> None:
    source = write_site(tmp_path / "site")
    with running(source) as server:
        _edit(source / "_posts/2024-01-01-first.md", "---\nlayout: post\ntitle: First\n---\nNew.\n")
        _eventually(lambda: server.builds >= 2 and "New." in _page(server, "/2024/01/01/first.html")[1])
        assert server.debouncer.wait_idle(10)
        assert server.builder.site is not None and server.builder.site.regenerator.reused > 0
        _edit(source / "_config.yml", SITE["_config.yml"].replace("exclude: [notes]", "exclude: []"))
        _eventually(lambda: server.last_outcome is not None and server.last_outcome.config_changed)
        assert server.builder.site is not None and server.builder.site.regenerator.reused == 0
        _edit(source / "notes/todo.md", "---\ntitle: Notes\n---\nno longer excluded\n")
        _eventually(lambda: "no longer excluded" in _page(server, "/notes/todo.html")[1])


def test_template_saved_during_a_build_forces_a_full_render(tmp_path: Path) -> None:
    source = write_site(tmp_path / "site")
    builder = SiteBuilder(loader(source))
    assert builder.build().ok and builder.last_window is not None
    layout = source / "_layouts/post.html"
    layout.write_text(SITE["_layouts/post.html"].replace("<article>", "<article class=raced>"))
    start, end = builder.last_window
    middle = (start + end) / 2
    os.utime(layout, (middle, middle))  # as if saved while that build ran
    builder.site = None  # no site kept in memory (as after an unexpected failure): a build runs
    outcome = builder.build([str(layout)])
    assert outcome.ok and builder.site is not None and builder.site.regenerator.reused == 0
    assert "raced" in (source / "_site/2024/01/01/first.html").read_text()
    post = source / "_posts/2024-01-01-first.md"
    post.write_text(SITE["_posts/2024-01-01-first.md"] + "more\n")
    assert builder.build([str(post)]).ok and builder.site.regenerator.reused > 0


def test_new_top_level_folder_is_watched(tmp_path: Path) -> None:
    source = write_site(tmp_path / "site")
    with running(source) as server:
        _edit(source / "guides/intro.md", "---\nlayout: default\ntitle: Intro\n---\nFirst guide.\n")
        _eventually(lambda: "First guide." in _page(server, "/guides/intro")[1])
        _edit(source / "guides/intro.md", "---\nlayout: default\ntitle: Intro\n---\nSecond take.\n")
        _eventually(lambda: "Second take." in _page(server, "/guides/intro")[1])


def test_errors_a_build_gets_past_are_shown_too(tmp_path: Path) -> None:
    source = write_site(tmp_path / "site")
    with running(source) as server:
        _edit(source / "about.md", "---\ntitle: [About\nlayout: default\n---\nStill built.\n")
        _eventually(lambda: server.state.events.error is not None)
        problem = server.state.events.error
        assert problem["title"] == "Built with errors" and problem["where"] == "about.md:2:8"
        assert "YAML" in problem["message"]
        _edit(source / "about.md", "---\ntitle: About\nlayout: default\n---\nClean again.\n")
        _eventually(lambda: "Clean again." in _page(server, "/about")[1])
        assert server.debouncer.wait_idle(10)
        assert server.state.events.error is None


def test_problem_location() -> None:
    assert problem_location("Bad\n  in _posts/a.md, line 3, column 2") == "_posts/a.md:3:2"
    assert problem_location("Bad\n  in _data/x.yml") == "_data/x.yml"
    assert problem_location("no location") is None
