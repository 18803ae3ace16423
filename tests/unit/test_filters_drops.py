"""Drops (non-dict mappings) behave like Jekyll's drops; dicts like hashes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from liquidpy_site.rendering.filters import register_filters
from liquidpy_site.rendering.filters_text import to_json
from liquidpy_site.rendering.liquid_config import environment_options
from liquidpy_site.rendering.liquid_env import JekyllEnvironment
from liquidpy_site.rendering.ruby import to_s
from liquidpy_site.rendering.tags import register_tags


def make_env(config: dict[str, Any] | None = None, index: Any = None) -> JekyllEnvironment:
    """Return a JekyllEnvironment with Jekyll's filters and tags."""
    config = config or {}
    options = environment_options(config.get("liquid"))
    env = JekyllEnvironment(site_config=config, site_index=index, **options)
    register_filters(env)
    register_tags(env)
    return env


def render(source: str, config: dict[str, Any] | None = None, **variables: Any) -> str:
    """Render ``source`` with Jekyll's filters and the given variables."""
    return make_env(config).from_string(source).render(**variables)


class Doc(Mapping[str, Any]):
    """A document drop: prints its output."""

    def __init__(self, **data: Any) -> None:
        self.data = data

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __str__(self) -> str:
        return self.data["output"]


class PageHash(Doc):
    """A page: Jekyll hands pages to templates as hashes."""

    liquid_hash = True


def _posts() -> tuple[Doc, Doc]:
    day = dt.date(2021, 1, 2)
    a = Doc(title="A", output="<p>A</p>", path="a", date=day, next=None, previous=None)
    b = Doc(title="B", output="<p>B</p>", path="b", date=day, next=None, previous=a)
    a.data["next"] = b
    return a, b


def test_drop_output_size_and_sort() -> None:
    a, b = _posts()
    assert render("{{ p }}|{{ p | size }}", p=a) == "<p>A</p>|0"
    assert render('{{ ps | sort | map: "title" | join }}', ps=[b, a]) == "A B"
    assert render("{{ p | size }}", p=PageHash(title="x", output="")) == "2"


def test_jsonify_collapses_neighbours_when_nested_twice() -> None:
    a, _ = _posts()
    text = to_json(a)
    assert '"next":{"title":"B","path":"b","date":"2021-01-02"},"previous":null}}' in text
    assert text.startswith('{"title":"A","output":"<p>A</p>","path":"a"')


def test_to_s_of_hash_and_drop() -> None:
    assert to_s({"a": [1, None]}) == '{"a"=>[1, nil]}'
    assert to_s(PageHash(output="x")) == "x"


def test_a_page_drop_keeps_its_merged_front_matter_only_while_it_can_hold(make_site: Any) -> None:
    from liquidpy_site.config import load_config
    from liquidpy_site.site import Site

    source = make_site({
        "_config.yml": "defaults:\n  - scope: {path: ''}\n    values: {nav: true, title: Default}\n",
        "about.md": "---\ntitle: About\n---\nx\n",
    })
    site = Site(load_config(source))
    site.reset()
    site.read()
    page = next(p for p in site.content.pages if p.name == "about.md")
    drop = site.drops(page)
    assert (drop["title"], drop["nav"]) == ("About", True)
    page.data = {"title": "Replaced"}  # another mapping: merged again
    assert (drop["title"], drop["nav"]) == ("Replaced", True)
    page.data["title"] = "Changed in place"  # as a generator does, before the pass renders
    assert drop["title"] == "Replaced"
    site.site_drop.invalidate()
    assert drop["title"] == "Changed in place"
    site.hooks.register("pages", "pre_render", lambda page, payload: None)
    site.reset()  # with Python hooks about, nothing is kept
    site.read()
    page = next(p for p in site.content.pages if p.name == "about.md")
    drop = site.drops(page)
    assert drop["title"] == "About"
    page.data["title"] = "Hooked"
    assert drop["title"] == "Hooked"
