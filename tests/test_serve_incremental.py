"""Incremental rebuilds (what ``liquidpy serve`` runs after each edit) equal full builds.

A property test: random sequences of edits — a post's body or title, a layout, an
include, ``_data``, adding or deleting a post — each followed by an incremental
rebuild, must leave exactly the output a fresh full build gives.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liquidpy_site.config import load_config
from liquidpy_site.serve import SiteBuilder
from liquidpy_site.site import Site

WORDS = st.sampled_from(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"])
TEXT = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)

BASE = {
    "_config.yml": "title: Prop\ntime: 2024-05-01 12:00:00 +0000\n",
    "_layouts/default.html": ("<html><body>{{ content }}{% include foot.html %}"
                              "<nav>{% for p in site.posts limit: 3 %}{{ p.title }};{% endfor %}</nav>"
                              "</body></html>\n"),
    "_layouts/post.html": ("---\nlayout: default\n---\n<h1>{{ page.title }}</h1>{{ content }}"
                           "{% if page.previous %}<a>{{ page.previous.title }}</a>{% endif %}\n"),
    "_includes/foot.html": "<footer>{{ site.data.meta.owner }}</footer>\n",
    "_data/meta.yml": "owner: Ada\n",
    "index.html": ("---\nlayout: default\n---\n{% for post in site.posts %}"
                   "<p>{{ post.title }}: {{ post.excerpt | strip_html }}</p>{% endfor %}\n"),
    "about.md": "---\nlayout: default\ntitle: About\n---\nAbout {{ site.data.meta.owner }}.\n",
}

EDITS = st.one_of(
    st.tuples(st.just("body"), st.integers(0, 9), TEXT),
    st.tuples(st.just("title"), st.integers(0, 9), TEXT),
    st.tuples(st.just("layout"), st.integers(0, 2), TEXT),
    st.tuples(st.just("include"), st.integers(0, 2), TEXT),
    st.tuples(st.just("data"), st.integers(0, 0), TEXT),
    st.tuples(st.just("add"), st.integers(1, 28), TEXT),
    st.tuples(st.just("delete"), st.integers(0, 9), TEXT),
)


def _post(title: str, body: str) -> str:
    return f"---\nlayout: post\ntitle: {title}\n---\n{body}\n\nMore {body}.\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _posts(source: Path) -> list[Path]:
    return sorted((source / "_posts").glob("*.md"))


def _make_site(source: Path, files: dict[str, str] = BASE, posts: int = 3) -> None:
    """Write ``files`` and ``posts`` posts (one a day from 2024-01-01) under ``source``."""
    for relative, text in files.items():
        _write(source / relative, text)
    for day in range(1, posts + 1):
        _write(source / f"_posts/2024-01-{day:02d}-post{day}.md", _post(f"Post {day}", f"Body {day}"))


def _apply(source: Path, edit: tuple[str, int, str]) -> None:
    kind, number, text = edit
    posts = _posts(source)
    if kind in ("body", "title", "delete") and posts:
        post = posts[number % len(posts)]
        if kind == "delete":
            post.unlink()
            return
        front, body = post.read_text().split("---\n", 2)[1:]
        title = front.split("title: ", 1)[1].splitlines()[0]
        if kind == "title":
            title = text
        else:
            body = text
        _write(post, _post(title, body.strip().split("\n")[0]))
    elif kind == "layout":
        _write(source / "_layouts/post.html",
               f"---\nlayout: default\n---\n<h{number + 1}>{{{{ page.title }}}}</h{number + 1}>"
               f"<i>{text}</i>{{{{ content }}}}\n")
    elif kind == "include":
        _write(source / "_includes/foot.html",
               f"<footer v{number}>{text} {{{{ site.data.meta.owner }}}}</footer>\n")
    elif kind == "data":
        _write(source / "_data/meta.yml", f"owner: {text}\n")
    elif kind == "add":
        _write(source / f"_posts/2024-02-{number:02d}-{text.split()[0]}.md", _post(text, text))


def _build(source: Path, dest: Path, incremental: bool) -> Site:
    overrides = {"destination": str(dest), "incremental": incremental,
                 "disable_disk_cache": not incremental}
    site = Site(load_config(source, None, overrides))
    site.process()
    return site


def _assert_as_full_build(source: Path, built: Path, full: Path, why: object) -> None:
    """``built`` holds exactly what a clean full build of ``source`` (into ``full``) writes."""
    _build(source, full, incremental=False)
    assert _tree(built) == _tree(full), why


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@settings(max_examples=15, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EDITS, min_size=1, max_size=4))
def test_incremental_rebuilds_match_full_builds(edits: list[tuple[str, int, str]]) -> None:
    work = Path(tempfile.mkdtemp(prefix="liquidpy-prop-"))
    try:
        source = work / "site"
        _make_site(source)
        _build(source, work / "incremental", incremental=True)
        for step, edit in enumerate(edits):
            _apply(source, edit)
            _build(source, work / "incremental", incremental=True)
            _assert_as_full_build(source, work / "incremental", work / f"full{step}", (step, edit))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_output_is_deterministic_with_fixed_time(tmp_path: Path) -> None:
    source = tmp_path / "site"
    for relative, text in BASE.items():
        _write(source / relative, text)
    _write(source / "_posts/2024-01-01-one.md", _post("One", "Body"))
    _build(source, tmp_path / "a", incremental=False)
    os.utime(source / "_config.yml")
    _build(source, tmp_path / "b", incremental=False)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_incremental_rebuild_reuses_unaffected_pages(tmp_path: Path) -> None:
    source = tmp_path / "site"
    _make_site(source)
    _build(source, tmp_path / "out", incremental=True)
    _apply(source, ("body", 0, "changed words"))
    site = _build(source, tmp_path / "out", incremental=True)
    assert site.regenerator.reused >= 2 and site.regenerator.rendered < 6
    assert "changed words" in (tmp_path / "out/2024/01/01/post1.html").read_text()


# -- the serve loop: the site kept in memory, refreshed after each edit -------------

LIVE_EXTRA = {
    "_includes/card.html": "<b>{{ include.post.title }}</b>",
    "search.json": ("---\nlayout: null\n---\n[{% for post in site.posts %}"
                    "{{ post.content | strip_html | strip_newlines | jsonify }},{% endfor %}]\n"),
    "cards.html": ("---\nlayout: default\n---\n{% for post in site.posts %}"
                   "{% include card.html post=post %}{% endfor %}\n"),
    "notes/side.md": "side notes\n",
    "docs.md": "---\nlayout: default\n---\n{% include_relative notes/side.md %} docs\n",
    "assets/site.css": "body { color: black }\n",
}

BROKEN = "{% if %}\n"
"""A Liquid syntax error appended to a post (then taken out again)."""

LIVE_EDITS = st.one_of(
    EDITS,
    st.tuples(st.just("page"), st.integers(0, 0), TEXT),
    st.tuples(st.just("card"), st.integers(0, 0), TEXT),
    st.tuples(st.just("relative"), st.integers(0, 0), TEXT),
    st.tuples(st.just("css"), st.integers(0, 0), TEXT),
    st.tuples(st.just("broken"), st.integers(0, 9), TEXT),
)


SINGLE_FILE_EDITS = {
    "page": ("about.md", "---\nlayout: default\ntitle: About\n---\n{} {{{{ site.data.meta.owner }}}}.\n"),
    "card": ("_includes/card.html", "<b>{{{{ include.post.title }}}} {}</b>"),
    "relative": ("notes/side.md", "{}\n"),
    "css": ("assets/site.css", "body {{ content: '{}' }}\n"),
}
"""Edits that rewrite one file with the text: the file and its template."""


def _apply_live(source: Path, edit: tuple[str, int, str]) -> list[Path]:
    """Make one edit; return the paths it touched (as the watcher would report them)."""
    kind, number, text = edit
    if kind in SINGLE_FILE_EDITS:
        relative, template = SINGLE_FILE_EDITS[kind]
        path = source / relative
        _write(path, template.format(text))
    elif kind == "broken":
        posts = _posts(source)
        if not posts:
            return []
        path = posts[number % len(posts)]
        _write(path, path.read_text() + BROKEN)
    else:
        before_posts = set(_posts(source))
        _apply(source, edit)
        touched = set(_posts(source)) ^ before_posts
        paths = {"layout": [source / "_layouts/post.html"], "include": [source / "_includes/foot.html"],
                 "data": [source / "_data/meta.yml"]}.get(kind)
        if paths is None and kind in ("body", "title"):
            posts = _posts(source)
            paths = [posts[number % len(posts)]] if posts else []
        return [*(paths or []), *touched]
    return [path]


IN_MEMORY = {"body", "layout", "include", "page", "card", "relative", "css"}
"""Edits the kept site takes without a build."""


def _live_build(builder: SiteBuilder, touched: list[Path], kind: str) -> None:
    """Rebuild as serve does; a broken edit must fail, naming the file, then be fixed."""
    broken = [p for p in touched if p.is_file() and BROKEN in p.read_text()]
    if not broken:
        outcome = builder.build([str(p) for p in touched])
        assert outcome.ok
        assert outcome.refreshed or kind not in IN_MEMORY
        return
    post = broken[0]
    outcome = builder.build([str(post)])
    assert not outcome.ok and outcome.where is not None and post.name in outcome.where
    post.write_text(post.read_text().replace(BROKEN, ""))
    assert builder.build([str(post)]).ok


@settings(max_examples=20, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LIVE_EDITS, min_size=1, max_size=6))
def test_serve_refreshes_match_full_builds(edits: list[tuple[str, int, str]]) -> None:
    work = Path(tempfile.mkdtemp(prefix="liquidpy-live-"))
    try:
        source = work / "site"
        _make_site(source, {**BASE, **LIVE_EXTRA})
        # A build before serving leaves records: serve's first build reuses them, so the
        # kept site starts with texts still in the cache (models.DeferredText).
        _build(source, work / "live", incremental=True)
        builder = SiteBuilder(lambda: load_config(source, None, {"destination": str(work / "live")}))
        assert builder.build().ok
        assert builder.site is not None and builder.site.regenerator.reused > 0
        for step, edit in enumerate(edits):
            _live_build(builder, _apply_live(source, edit), edit[0])
            _assert_as_full_build(source, work / "live", work / f"full{step}", (step, edit))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_serve_refresh_renders_only_what_an_edit_affects(tmp_path: Path) -> None:
    source = tmp_path / "site"
    _make_site(source, {**BASE, **LIVE_EXTRA}, posts=9)
    builder = SiteBuilder(lambda: load_config(source, None, {"destination": str(tmp_path / "out")}))
    assert builder.build().ok
    site = builder.site
    post = source / "_posts/2024-01-05-post5.md"
    _write(post, _post("Post 5", "Edited words"))
    assert builder.build([str(post)]).refreshed
    assert builder.site is site  # refreshed in memory, not read again
    rendered = {item.relative_path for item in site.regenerator.rendered_items}
    # The post, its two neighbours (they show its title), and the pages reading bodies.
    assert rendered == {"_posts/2024-01-05-post5.md", "_posts/2024-01-04-post4.md",
                        "_posts/2024-01-06-post6.md", "index.html", "search.json"}
    assert "Edited words" in (tmp_path / "out/2024/01/05/post5.html").read_text()
    assert "Edited" in (tmp_path / "out/search.json").read_text()
    # A front matter edit changes lists: a build runs.
    _write(post, _post("Post Five", "Edited words"))
    assert builder.build([str(post)]).ok and builder.site is not site
    assert "Post Five" in (tmp_path / "out/index.html").read_text()


def test_reused_texts_read_back_from_the_cache(tmp_path: Path) -> None:
    source = tmp_path / "site"
    for relative, text in BASE.items():
        _write(source / relative, text)
    _write(source / "_posts/2024-01-01-one.md", _post("One", "Body with “quotes”"))
    def plain_build() -> Site:  # no --incremental, the disk cache on
        site = Site(load_config(source, None, {"destination": str(tmp_path / "out")}))
        site.process()
        return site

    plain_build()
    site = plain_build()
    post = site.content.collections["posts"].docs[0]
    assert site.regenerator.is_reused(post)
    assert post.output == (tmp_path / "out/2024/01/01/one.html").read_text(encoding="utf-8")
    assert "<p>Body with “quotes”</p>" in post.content


def test_a_cached_build_renders_again_when_the_environment_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "site"
    _write(source / "index.html", "---\n---\n{{ jekyll.environment }}\n")
    _write(source / "_plugins/shout.py", "def register(api):\n    api.add_filter('shout', str.upper)\n")
    _write(source / "about.html", "---\n---\n{{ 'hi' | shout }}\n")

    def plain_build() -> Site:
        site = Site(load_config(source, None, {"destination": str(tmp_path / "out")}))
        site.process()
        return site

    plain_build()
    assert plain_build().regenerator.reused == 2  # nothing changed: both reused
    monkeypatch.setenv("JEKYLL_ENV", "production")
    plain_build()
    assert (tmp_path / "out/index.html").read_text() == "production\n"
    _write(source / "_plugins/shout.py", "def register(api):\n    api.add_filter('shout', str.title)\n")
    os.utime(source / "_plugins/shout.py", ns=(1, 1))  # a new fingerprint, whatever the clock
    plain_build()
    assert (tmp_path / "out/about.html").read_text() == "Hi\n"
