"""Markdown converted ahead in worker processes gives the same site as one process."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from liquidpy_site import api
from liquidpy_site.rendering.parallel import ConversionPool, convert_chunk

_LAYOUT = """<html><body>{{ content }}
<ul>{% for post in site.posts limit: 3 %}<li>{{ post.title }}: {{ post.content | size }}
{{ post.excerpt | strip_html | truncate: 40 }}</li>{% endfor %}</ul></body></html>
"""

_BODIES = [
    "Plain *emphasis* and a [link](https://example.com).\n\n## Heading {#h}\n\n"
    "```ruby\nputs 1\n```\n",
    "Image: ![alt]({{ '/assets/a.png' | relative_url }})\n\n* one\n* two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "Title is *{{ page.title }}* in {{ site.title }}.\n\nFootnote[^1].\n\n[^1]: Note.\n",
    "Previous post: {{ page.previous.title }}; reads its body: {{ page.previous.content | size }}\n",
    "{% for post in site.posts limit: 2 %}{{ post.excerpt }}{% endfor %}\n\nAfter.\n",
    "Raw {% raw %}{{ not liquid }}{% endraw %} and `code` and <span>html</span>\n",
]


def _make_site(root: Path, posts: int = 40) -> Path:
    src = root / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_layouts").mkdir()
    (src / "_config.yml").write_text("title: Parallel\ntime: 2024-01-01 10:00:00 +0000\n")
    (src / "_layouts" / "default.html").write_text(_LAYOUT)
    for index in range(posts):
        body = _BODIES[index % len(_BODIES)] + f"\nPost number {index}, " + "words " * (index * 7)
        date = f"2020-01-{index % 28 + 1:02d} 10:{index % 60:02d}:00 +0000"
        (src / "_posts" / f"2020-01-{index % 28 + 1:02d}-post-{index}.md").write_text(
            f"---\nlayout: default\ntitle: Post {index}\ndate: {date}\n---\n{body}")
    (src / "index.md").write_text("---\nlayout: default\n---\n# Home\n\nWelcome *home*.\n")
    return src


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def site_source(tmp_path: Path) -> Path:
    return _make_site(tmp_path)


def _build(src: Path, dest: Path, **options: object) -> dict[str, bytes]:
    api.build(src, dest, disable_disk_cache=True, **options)
    return _tree(dest)


@pytest.fixture()
def taken(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each conversion the render pass asks of the pool, whether the pool had it."""
    answers: list[bool] = []
    original = ConversionPool.take

    def take(self: ConversionPool, text: str, key: str) -> str | None:
        html = original(self, text, key)
        answers.append(html is not None)
        return html

    monkeypatch.setattr(ConversionPool, "take", take)
    return answers


def test_jobs_one_and_many_give_the_same_site(site_source: Path, tmp_path: Path, taken: list[bool],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from liquidpy_site import site as site_module

    one = _build(site_source, tmp_path / "one", jobs=1)
    # 41 items: too few to fork render workers; the own process pool converts ahead, however little.
    monkeypatch.setattr(site_module, "_MIN_POOL_CHARS", 0)
    many = _build(site_source, tmp_path / "many", jobs=2)
    assert one.keys() == many.keys()
    assert one == many
    assert any(taken)


def test_an_executor_passed_in_is_used(site_source: Path, tmp_path: Path) -> None:
    one = _build(site_source, tmp_path / "one", jobs=1)
    with ProcessPoolExecutor(max_workers=2) as executor:
        processes = _build(site_source, tmp_path / "processes", executor=executor)
    with ThreadPoolExecutor(max_workers=2) as executor:
        threads = _build(site_source, tmp_path / "threads", executor=executor)
    assert processes == one
    assert threads == one


def test_the_persistent_cache_gives_the_same_site(site_source: Path, tmp_path: Path) -> None:
    one = _build(site_source, tmp_path / "one", jobs=1)
    api.build(site_source, tmp_path / "cold", jobs=2)
    api.build(site_source, tmp_path / "warm", jobs=2)
    assert _tree(tmp_path / "cold") == one
    assert _tree(tmp_path / "warm") == one


def test_a_failing_conversion_is_left_to_the_render_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from liquidpy_site.markdown import MarkdownConverter

    original = MarkdownConverter.convert

    def convert(self: MarkdownConverter, text: str) -> str:
        if text == "boom":
            raise RuntimeError("boom")
        return original(self, text)

    monkeypatch.setattr(MarkdownConverter, "convert", convert)
    assert convert_chunk({}, ["*a*", "boom"]) == ["<p><em>a</em></p>\n", None]


def test_bodies_are_converted_ahead(site_source: Path, tmp_path: Path, taken: list[bool]) -> None:
    with ThreadPoolExecutor(max_workers=2) as executor:
        _build(site_source, tmp_path / "threads", executor=executor)
    # Every body, Liquid or not, except the 14 posts whose Liquid reads other posts' bodies.
    assert sum(taken) >= 40 + 1 - 14


def test_results_apply_only_to_the_options_they_were_made_with() -> None:
    with ThreadPoolExecutor(max_workers=1) as executor:
        pool = ConversionPool(executor, {})
        assert pool.submit(["*a*", "*a*", "b"]) == 2
        assert pool.take("*a*", "other options") is None
        assert pool.take("b", pool.key) == "<p>b</p>\n"
        assert pool.take("b", pool.key) is None
        pool.close()


def test_too_little_text_is_not_sent_to_the_workers() -> None:
    with ThreadPoolExecutor(max_workers=1) as executor:
        pool = ConversionPool(executor, {})
        assert pool.submit(["*a*", "b"], at_least=5) == 0
        assert pool.take("b", pool.key) is None
        assert pool.submit(["*a*", "b", "*a*", "cc"], at_least=5) == 3
        assert pool.take("cc", pool.key) == "<p>cc</p>\n"
        assert pool.take("*a*", pool.key) == "<p><em>a</em></p>\n"
        pool.close()


def test_texts_past_the_threshold_are_sent_as_they_come(monkeypatch: pytest.MonkeyPatch) -> None:
    from liquidpy_site.rendering import parallel

    monkeypatch.setattr(parallel, "_CHUNK_TEXTS", 2)
    seen: list[str] = []

    def texts() -> Iterator[str]:
        for text in ("a", "b", "c", "d", "e"):
            seen.append(text)
            yield text

    with ThreadPoolExecutor(max_workers=1) as executor:
        pool = ConversionPool(executor, {})
        submitted: list[tuple[list[str], int]] = []
        monkeypatch.setattr(pool, "_submit_chunk", lambda chunk: submitted.append((list(chunk), len(seen))))
        assert pool.submit(texts(), at_least=3) == 5
    # Held until the third text reaches the threshold, then each chunk as soon as it is full.
    assert submitted == [(["a", "b"], 3), (["c", "d"], 4), (["e"], 5)]


_POST_LAYOUT = """<html><head><title>{{ page.title }}</title>
<meta name="description" content="{{ page.excerpt | strip_html | strip | truncate: 60 }}"></head>
<body>{{ content }}<nav>{{ page.previous.title }} | {{ page.next.url }}</nav>
<p>{{ site.posts | size }} posts; {{ site.data.links.home }}; {{ site.time | date: "%Y" }}</p>
{% include note.html text=page.title %}</body></html>
"""


def _make_forkable_site(root: Path, posts: int = 60) -> Path:
    """Posts whose layout reads only their own page, lists and data; pages that read bodies."""
    src = _make_site(root, posts)
    (src / "_layouts" / "post.html").write_text(_POST_LAYOUT)
    (src / "_includes").mkdir()
    (src / "_includes" / "note.html").write_text("<aside>{{ include.text | upcase }}</aside>\n")
    (src / "_data").mkdir()
    (src / "_data" / "links.yml").write_text("home: /index.html\n")
    for path in (src / "_posts").iterdir():
        text = path.read_text().replace("layout: default", "layout: post", 1)
        path.write_text(text)
    # The first post reads site.kramdown before any conversion has completed it.
    first = src / "_posts" / "2020-01-01-post-0.md"
    first.write_text(first.read_text() + "\nInput: {{ site.kramdown.input }}, "
                     "{{ site.kramdown.smart_quotes }}.\n")
    # The first post a worker converts reads it completed, as after the first conversion.
    later = src / "_posts" / "2020-01-01-post-56.md"
    later.write_text(later.read_text() + "\nHighlighter: {{ site.kramdown.syntax_highlighter }} "
                     "{{ site.kramdown.syntax_highlighter_opts.default_lang }}.\n")
    (src / "feed.xml").write_text("---\n---\n{% for post in site.posts %}<entry>{{ post.content }}"
                                  "</entry>{% endfor %}\n")
    return src


def test_items_rendered_in_forked_workers_give_the_same_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import liquidpy_site.site as site_module

    src = _make_forkable_site(tmp_path)
    one = _build(src, tmp_path / "one", jobs=1)
    taken: list[str] = []
    original = site_module.take_rendered

    def counting(site: object, item: object, rendered: object) -> object:
        taken.append(str(getattr(item, "relative_path", "")))
        return original(site, item, rendered)  # type: ignore[arg-type]

    monkeypatch.setattr(site_module, "take_rendered", counting)
    many = _build(src, tmp_path / "many", jobs=2)
    assert one == many
    # Most posts come from the workers; the posts reading another body and the feed do not.
    assert len(taken) >= 30
    assert "feed.xml" not in taken
    assert "_posts/2020-01-01-post-56.md" in taken
    # With a persistent cache, cold and then warm, the site is the same again.
    api.build(src, tmp_path / "cached", jobs=2)
    (src / "_layouts" / "post.html").write_text(_POST_LAYOUT + "<!-- edited -->\n")
    api.build(src, tmp_path / "cached", jobs=2)
    edited = _build(src, tmp_path / "edited", jobs=1)
    assert _tree(tmp_path / "cached") == edited


@pytest.mark.optional
def test_a_dask_cluster_converts_for_the_build(site_source: Path, tmp_path: Path) -> None:
    """Any ``concurrent.futures`` executor works: here a local Dask cluster's (optional)."""
    distributed = pytest.importorskip("distributed")
    one = _build(site_source, tmp_path / "one", jobs=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        with distributed.get_task_stream(client) as tasks:
            assert _build(site_source, tmp_path / "dask", executor=client.get_executor()) == one
        assert any("convert_chunk" in str(task.get("key")) for task in tasks.data)  # the cluster converted
