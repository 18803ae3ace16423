"""The ``include`` and ``include_relative`` tags (Jekyll 4.3's syntax and scoping)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from liquid import Mode, RenderContext
from liquid.exceptions import LiquidError, LiquidSyntaxError

import liquidpy_site
from liquidpy_site.errors import RenderError
from liquidpy_site.rendering.liquid_env import JekyllEnvironment
from liquidpy_site.rendering.tags.include import (
    REGISTERS,
    IncludeError,
    register_include_tags,
)

INCLUDES = {
    "p.html": "[{{ include.a }}|{{ include.b }}|{{ include.c }}]",
    "setter.html": "{% assign leaked = 'from-include' %}{% capture cap %}captured{% endcapture %}",
    "nested.html": "<{{ include.x }}{% include p.html a='inner' %}{{ include.x }}>",
    "bare.html": "({{ include.a }})",
    "dyn-one.html": "DYN1",
    "sub/deep.html": "DEEP",
    "types.html": "{{ include.v | size }}",
    "wrap.html": "{% include bare.html %}",
    "who.html": "{{ who }}",
}


class Page:
    """Just enough of a page for the tags: where its file is."""

    def __init__(self, root: Path, relative: str = "index.html") -> None:
        self.path = root / relative


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def render(tmp_path: Path) -> Any:
    """Render a template with the include tags, as the renderer sets them up."""
    write_tree(tmp_path / "_includes", INCLUDES)
    env = JekyllEnvironment(tolerance=Mode.STRICT)
    register_include_tags(env)

    def run(source: str, page_relative: str = "index.html", **variables: Any) -> str:
        template = env.from_string(source)
        context = RenderContext(template, globals=variables)
        context.tag_namespace[REGISTERS] = {
            "source": str(tmp_path),
            "page_path": str(tmp_path / page_relative),
            "include_dirs": [tmp_path / "_includes"],
        }
        buffer = StringIO()
        template.render_with_context(context, buffer)
        return buffer.getvalue()

    return run


# -- parameters -----------------------------------------------------------------------


def test_quoted_and_variable_parameters(render: Any) -> None:
    out = render("""{% include p.html a="dq" b='sq' c=page.val %}""", page={"val": "PV"})
    assert out == "[dq|sq|PV]"


def test_escaped_quotes_in_parameters(render: Any) -> None:
    assert render(r"""{% include p.html a="with \"esc\"" b='it\'s' %}""") == (
        """[with "esc"|it's|]""")


def test_spaces_around_equals_and_last_duplicate_wins(render: Any) -> None:
    assert render("""{% include p.html a = "x"   b="1" b="2" %}""") == "[x|2|]"


def test_variable_parameter_keeps_its_type(render: Any) -> None:
    assert render("{% include types.html v=items %}", items=[1, 2, 3]) == "3"


def test_missing_variable_is_empty(render: Any) -> None:
    assert render("{% include p.html a=page.nope %}", page={}) == "[||]"


def test_unquoted_literals_are_liquid_expressions(render: Any) -> None:
    # Jekyll evaluates an unquoted value as a Liquid expression: literals are values.
    assert render("{% include p.html a=true b=1.5 c=-2 %}") == "[true|1.5|-2]"
    assert render("{% include p.html a=nil b=5 c=false %}") == "[|5|false]"


# -- file names ------------------------------------------------------------------------


def test_file_name_from_a_variable(render: Any) -> None:
    assert render("{% include {{ page.inc }}.html %}", page={"inc": "dyn-one"}) == "DYN1"
    assert render("{% assign f = 'dyn-one.html' %}{% include {{ f }} %}") == "DYN1"


def test_file_name_from_a_variable_with_parameters(render: Any) -> None:
    assert render("{% include {{ name }} a='x' %}", name="p.html") == "[x||]"


def test_include_from_a_subfolder(render: Any) -> None:
    assert render("{% include sub/deep.html %}") == "DEEP"


@pytest.mark.parametrize("name", ["../secret.html", "a..b.html", "sub//deep.html", "a b$.html"])
def test_invalid_file_names_raise(render: Any, name: str) -> None:
    with pytest.raises(IncludeError, match="File contains invalid characters or sequences"):
        render("{% include {{ name }} %}", name=name)


def test_liquid_in_parameters_makes_everything_the_file_name(render: Any) -> None:
    # Jekyll 4.3 reads the whole markup as a variable file name here, and fails the same way.
    with pytest.raises(IncludeError, match='sequences: p.html a=page.missing b="t"'):
        render('{% include p.html a=page.missing b="t{{x}}" %}')


@pytest.mark.parametrize(
    "markup",
    ["p.html a='it''s'", "p.html a=page.val | upcase", "p.html a", "p.html =x"],
)
def test_invalid_parameter_syntax_raises_when_parsed(render: Any, markup: str) -> None:
    with pytest.raises(LiquidSyntaxError, match="Invalid syntax for include tag"):
        render("{% include " + markup + " %}")


def test_missing_file_name_is_a_syntax_error(render: Any) -> None:
    with pytest.raises(LiquidSyntaxError, match="include"):
        render("{% include %}")


def test_missing_include_names_the_file_and_the_folders(render: Any, tmp_path: Path) -> None:
    with pytest.raises(IncludeError) as caught:
        render("{% include nothere.html %}")
    message = str(caught.value)
    assert "Could not locate the included file 'nothere.html' in any of" in message
    assert f'["{tmp_path / "_includes"}"]' in message


# -- scoping -----------------------------------------------------------------------------


def test_include_variables_are_scoped_to_the_include(render: Any) -> None:
    assert render('{% include nested.html x="outer" %}|{{ include.x }}') == "<outer[inner||]outer>|"


def test_include_without_parameters_keeps_the_outer_include(render: Any) -> None:
    # Jekyll sets ``include`` only when the tag has parameters.
    assert render("{% include wrap.html a='w' %}|{% include bare.html %}") == "(w)|()"


def test_assigns_in_an_include_leak_out(render: Any) -> None:
    assert render("{% include setter.html %}{{ leaked }} {{ cap }}") == "from-include captured"


def test_include_sees_the_callers_variables(render: Any) -> None:
    assert render("{% assign who = 'caller' %}{% include who.html %}") == "caller"
    assert render("{% assign a = 'x' %}{% include p.html b=a %}") == "[|x|]"


# -- include_relative ----------------------------------------------------------------------


def test_include_relative_looks_next_to_the_page(render: Any, tmp_path: Path) -> None:
    write_tree(tmp_path, {"sub/other.txt": "OTHER {{ v }}", "top.txt": "TOP"})
    assert render("{% include_relative other.txt %}", "sub/page.html", v=1) == "OTHER 1"
    assert render("{% include_relative top.txt %}") == "TOP"


def test_include_relative_refuses_parent_folders(render: Any, tmp_path: Path) -> None:
    write_tree(tmp_path, {"rel.txt": "R"})
    with pytest.raises(LiquidError, match="invalid characters or sequences: ../rel.txt"):
        render("{% include_relative ../rel.txt %}", "sub/page.html")


def test_include_relative_missing_file_names_the_page_folder(render: Any,
                                                             tmp_path: Path) -> None:
    with pytest.raises(IncludeError, match=f'any of \\["{tmp_path / "sub"}"\\]'):
        render("{% include_relative missing.txt %}", "sub/page.html")


# -- through a site build --------------------------------------------------------------


def test_includes_in_a_built_site(make_site: Any, tmp_path: Path) -> None:
    source = make_site({
        "_includes/p.html": INCLUDES["p.html"],
        "_includes/setter.html": INCLUDES["setter.html"],
        "index.html": ("---\nval: PV\n---\n{% include p.html a='x' c=page.val %}"
                       "{% include setter.html %}{{ leaked }}"),
        "sub/page.html": "---\n---\n{% include_relative near.txt %}",
        "sub/near.txt": "NEAR {{ page.url }}",
    })
    liquidpy_site.build(source, tmp_path / "out")
    assert (tmp_path / "out" / "index.html").read_text() == "[x||PV]from-include"
    assert (tmp_path / "out" / "sub" / "page.html").read_text() == "NEAR /sub/page.html"


def test_missing_include_in_a_built_site(make_site: Any, tmp_path: Path) -> None:
    source = make_site({"index.md": "---\n---\nfirst\n{% include nothere.html %}\n"})
    with pytest.raises(RenderError) as caught:
        liquidpy_site.build(source, tmp_path / "out")
    described = caught.value.describe()
    assert "Could not locate the included file 'nothere.html'" in described
    assert str(source.resolve() / "_includes") in described
    assert "in index.md" in described
    assert "index.md, line 4" in described


def test_include_relative_in_a_layout_is_relative_to_the_page(make_site: Any,
                                                              tmp_path: Path) -> None:
    source = make_site({
        "sub/page.md": "---\nlayout: l\n---\nbody\n",
        "sub/near.txt": "NEAR-PAGE",
        "_layouts/l.html": "{% include_relative near.txt %}|{{ content }}",
        "_layouts/near.txt": "NEAR-LAYOUT",
    })
    liquidpy_site.build(source, tmp_path / "out")
    assert (tmp_path / "out" / "sub" / "page.html").read_text() == "NEAR-PAGE|<p>body</p>\n"


def test_include_relative_inside_an_include_is_relative_to_the_page(make_site: Any,
                                                                    tmp_path: Path) -> None:
    source = make_site({
        "sub/page.md": "---\n---\n{% include wrap.html %}\n",
        "sub/near.txt": "NEAR-PAGE",
        "_includes/wrap.html": "[{% include_relative near.txt %}]",
    })
    liquidpy_site.build(source, tmp_path / "out")
    assert (tmp_path / "out" / "sub" / "page.html").read_text() == "<p>[NEAR-PAGE]</p>\n"
