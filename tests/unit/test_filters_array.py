"""Array filters: Liquid's and Jekyll's (where, find, group_by, sort, ...)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from liquidpy_site.rendering.filters import register_filters
from liquidpy_site.rendering.liquid_config import environment_options
from liquidpy_site.rendering.liquid_env import JekyllEnvironment
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


PEOPLE = [
    {"name": "Ada", "age": 36, "tags": ["a"], "team": {"name": "Core"}},
    {"name": "Linus"},
    {"name": "Alan", "age": "41", "team": {"name": "Core"}},
]


class Drop(Mapping[str, Any]):
    """A read-only mapping standing in for a document drop."""

    def __init__(self, **data: Any) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{{ p | where: "age", 41 | map: "name" | join }}', "Alan"),
        ('{{ p | where: "age", nil | map: "name" | join }}', "Linus"),
        ('{{ p | where: "tags", "a" | map: "name" | join }}', "Ada"),
        ('{{ p | where: "team.name", "Core" | size }}', "2"),
        ('{{ p | find: "name", "Linus" | map: "name" | join }}', "Linus"),
        ('{{ p | where_exp: "x", "x.age" | size }}', "2"),
        ('{{ p | find_exp: "x", "x.name == \'Alan\'" | map: "age" | join }}', "41"),
        ('{{ p | sort: "age" | map: "name" | join: "," }}', "Linus,Ada,Alan"),
        ('{{ p | sort: "age", "last" | map: "name" | join: "," }}', "Ada,Alan,Linus"),
        ('{% assign g = p | group_by: "team.name" %}{{ g | map: "name" | join }}', "Core false"),
        (
            '{% assign g = p | group_by_exp: "x", "x.name | size" %}{{ g | map: "name" | join }}',
            "3 5 4",
        ),
        ('{{ n | push: 4 | join: "," }}', "3,1,2,4"),
        ('{{ n | pop: 2 | join: "," }}', "3"),
        ('{{ n | shift | join: "," }}', "1,2"),
        ('{{ n | unshift: 0 | join: "," }}', "0,3,1,2"),
        ('{{ n | sort | join: "," }}', "1,2,3"),
        ("{{ n | sample: 5 | size }}", "3"),
        ('{{ "abc" | first }}|{{ n | last }}', "|2"),
        ("{{ n | size }}|{{ nil | size }}", "3|0"),
        ('{{ nil | default: "x" }}|{{ false | default: "x", allow_false: true }}', "x|false"),
    ],
)
def test_array_filters(source: str, expected: str) -> None:
    assert render(source, p=PEOPLE, n=[3, 1, 2]) == expected


def test_drops_are_hashes() -> None:
    drops = [Drop(title="b", n=2), Drop(title="a", n=1)]
    assert render('{{ d | sort: "title" | map: "n" | join }}', d=drops) == "1 2"
    assert render('{{ d | where: "n", "2" | map: "title" | join }}', d=drops) == "b"
    assert render("{{ d | jsonify }}", d=drops[:1]) == '[{"title":"b","n":2}]'


def test_sort_nil_raises() -> None:
    with pytest.raises(Exception, match="Cannot sort a null object"):
        render("{{ nil | sort }}")
