"""The built-in jekyll-paginate: which page is paginated and what ``paginator`` holds."""

from __future__ import annotations

from pathlib import Path

import liquidpy_site

CONFIG = "plugins: [jekyll-paginate]\n"
SHOW = "[{{ paginator.page }}|{{ paginator.next_page_path }}|{{ paginator.previous_page_path }}]"


def build(make_site, tmp_path: Path, files: dict[str, str]) -> Path:
    dest = tmp_path / "_site"
    liquidpy_site.build(make_site(files), dest)
    return dest


def posts(count: int, hidden: tuple[int, ...] = ()) -> dict[str, str]:
    return {f"_posts/2020-01-{d:02d}-p{d}.md":
            f"---\ntitle: P{d}\n{'hidden: true' if d in hidden else ''}\n---\nx\n"
            for d in range(1, count + 1)}


def test_default_paginate_path(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG + "paginate: 1\n",
                                       "index.html": f"---\n---\n{SHOW}", **posts(3)})
    assert (dest / "index.html").read_text() == "[1|/page2|]"
    assert (dest / "page2" / "index.html").read_text() == "[2|/page3|/]"
    assert (dest / "page3" / "index.html").read_text() == "[3||/page2]"


def test_an_index_md_is_not_a_template(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG + "paginate: 1\n",
                                       "index.md": "---\n---\npage=({{ paginator.page }})",
                                       **posts(2)})
    assert (dest / "index.html").read_text() == "<p>page=()</p>\n"
    assert not (dest / "page2").exists()


def test_the_root_index_serves_a_nested_paginate_path(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "paginate: 1\npaginate_path: /blog/page:num/\n",
        "index.html": f"---\n---\n{SHOW}", **posts(2)})
    assert (dest / "index.html").read_text() == "[1|/blog/page2/|]"
    assert (dest / "blog" / "page2" / "index.html").read_text() == "[2||/]"


def test_the_deepest_candidate_wins(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {
        "_config.yml": CONFIG + "paginate: 1\npaginate_path: /blog/page:num/\n",
        "index.html": f"---\n---\nroot {SHOW}",
        "blog/index.html": f"---\n---\nblog {SHOW}", **posts(2)})
    assert (dest / "index.html").read_text() == "root [||]"
    assert (dest / "blog" / "index.html").read_text() == "blog [1|/blog/page2/|]"
    assert (dest / "blog" / "page2" / "index.html").read_text() == "blog [2||/blog/]"


def test_hidden_posts_and_page_contents(make_site, tmp_path: Path) -> None:
    template = ("---\n---\n{{ paginator.total_posts }} {{ paginator.total_pages }} "
                "{{ paginator.per_page }}:{% for p in paginator.posts %} {{ p.title }}{% endfor %}")
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG + "paginate: 2\n",
                                       "index.html": template, **posts(5, hidden=(4,))})
    assert (dest / "index.html").read_text() == "4 2 2: P5 P3"
    assert (dest / "page2" / "index.html").read_text() == "4 2 2: P2 P1"


def test_no_posts_means_no_paginator(make_site, tmp_path: Path) -> None:
    dest = build(make_site, tmp_path, {"_config.yml": CONFIG + "paginate: 2\n",
                                       "index.html": f"---\n---\n{SHOW}"})
    assert (dest / "index.html").read_text() == "[||]"
