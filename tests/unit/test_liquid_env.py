"""The Jekyll Liquid environment: its template lexer and name lookups."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from liquidpy_site.rendering.liquid_env import JekyllEnvironment


def test_the_template_lexer_is_made_once_per_set_of_delimiters() -> None:
    env = JekyllEnvironment()
    assert env.tokenizer() is env.tokenizer() is JekyllEnvironment().tokenizer()
    other = JekyllEnvironment(tag_start_string="[%", tag_end_string="%]")
    assert other.tokenizer() is not env.tokenizer()
    assert other.from_string("[% if true %]yes[% endif %]").render() == "yes"


_NAMES = st.sampled_from(["a", "b", "page", "site", "x"])


@given(st.dictionaries(_NAMES, st.integers()), st.dictionaries(_NAMES, st.integers()), _NAMES)
def test_a_name_is_found_in_the_first_namespace_that_has_it(assigned: dict[str, int],
                                                            globals_: dict[str, Any],
                                                            name: str) -> None:
    env = JekyllEnvironment()
    assigns = "".join(f"{{% assign {key} = {value} %}}" for key, value in assigned.items())
    loop = f"{{% for {name} in (7..7) %}}{{{{ {name} }}}}{{% endfor %}}"
    expected = str(assigned.get(name, globals_.get(name, "")))
    assert env.from_string(assigns + f"{{{{ {name} }}}}").render(**globals_) == expected
    assert env.from_string(assigns + loop).render(**globals_) == "7"  # the loop's own comes first


def test_paths_with_names_indexes_and_nested_paths() -> None:
    env = JekyllEnvironment()
    data = {"a": {"x": {"y": 3, "list": [4, 5]}, "q": [5, 6]}, "b": "q", "k": "y", "i": 1,
            "c": [1, 2], "keys": {"inner": "x"}}
    template = ("{{ a[b][0] }} {{ a.x[k] }} {{ a.x.size }} {{ c[1] }} {{ c[-1] }} {{ a.q[i] }} "
                "{{ a[keys.inner].list[i] }} {{ a[keys[missing]] }}|{{ nothing.here }}|{{ c.first }}")
    assert env.from_string(template).render(**data) == "5 3 2 2 2 6 5 ||1"  # as Jekyll renders it
