"""What a failed build reports: error class, Jekyll's wording, and ``file, line N``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from liquid import Mode
from liquid.exceptions import LiquidError

import liquidpy_site
from liquidpy_site.errors import (
    ConfigError,
    FrontMatterError,
    LayoutError,
    PluginError,
    ReadError,
    RenderError,
    SiteError,
    SourceLocation,
    WriteError,
)
from liquidpy_site.rendering.liquid_env import JekyllEnvironment
from liquidpy_site.rendering.renderer import liquid_error

# (description, files, error class, substrings of describe()). The Liquid summaries
# are Jekyll 4.3's for the same files ("(line N)" counts from the template's start);
# the "in FILE, line N" location is the line of the file itself.
CASES: list[tuple[str, dict[str, str], type[SiteError], list[str]]] = [
    (
        "invalid front matter with strict_front_matter",
        {"_config.yml": "strict_front_matter: true\n",
         "index.md": "---\ntitle: ok\nbad: [unclosed\nother: 1\n---\nbody\n"},
        FrontMatterError,
        ["YAML Exception reading index.md", "in index.md, line 3, column 6"],
    ),
    (
        "invalid _config.yml",
        {"_config.yml": "title: ok\nfoo: [1, 2\nbar: 3\n", "index.md": "---\n---\nx\n"},
        ConfigError,
        ["Invalid configuration file _config.yml", "in _config.yml, line 2, column 6"],
    ),
    (
        "unclosed if in a page",
        {"index.md": "---\ntitle: x\n---\nline one\n\n{% if true %}\nhello\n"},
        RenderError,
        ["Liquid Exception: Liquid syntax error (line 5): 'if' tag was never closed in index.md",
         "in index.md, line 6"],
    ),
    (
        "unclosed if in a layout",
        {"index.md": "---\nlayout: default\n---\nhi\n",
         "_layouts/default.html": "<html>\n<body>\n{% if page.title %}\n{{ content }}\n</body>\n"},
        RenderError,
        ["Liquid syntax error (line 6): 'if' tag was never closed in _layouts/default.html",
         "in _layouts/default.html, line 3"],
    ),
    (
        "unclosed if in a layout with front matter",
        {"index.md": "---\nlayout: default\n---\nhi\n",
         "_layouts/default.html": "---\nx: 1\n---\n<html>\n{% if page.title %}\n{{ content }}\n"},
        RenderError,
        ["'if' tag was never closed in _layouts/default.html",
         "in _layouts/default.html, line 5"],
    ),
    (
        "unclosed if in an include",
        {"index.md": "---\n---\nfirst\n\n{% include broken.html %}\n",
         "_includes/broken.html": "a\nb\n{% if x %}\nc\n"},
        RenderError,
        ["'if' tag was never closed", "line 5", "_includes/broken.html, line 3"],
    ),
    (
        "unknown filter with liquid.strict_filters",
        {"_config.yml": "liquid:\n  strict_filters: true\n",
         "index.md": "---\n---\nfirst\n\nsecond {{ 'x' | nosuchfilter }}\n"},
        RenderError,
        ["Liquid Exception: Liquid error (line 3):", "nosuchfilter", "in index.md",
         "in index.md, line 5"],
    ),
    (
        "missing include",
        {"index.md": "---\n---\nfirst\n{% include nothere.html %}\n"},
        RenderError,
        ["Could not locate the included file 'nothere.html' in any of", "_includes",
         "in index.md, line 4"],
    ),
    (
        "post file name with an impossible date",
        {"_posts/2020-13-45-bad.md": "---\ntitle: t\n---\nx\n", "index.md": "---\n---\nx\n"},
        ReadError,
        [("Invalid date '2020-13-45': Document '_posts/2020-13-45-bad.md' does not have a "
          "valid date in the filename."), "in _posts/2020-13-45-bad.md"],
    ),
]


@pytest.mark.parametrize(("description", "files", "kind", "expected"), CASES,
                         ids=[case[0] for case in CASES])
def test_error_messages(make_site: Any, tmp_path: Path, description: str,
                        files: dict[str, str], kind: type[SiteError],
                        expected: list[str]) -> None:
    source = make_site(files)
    with pytest.raises(SiteError) as caught:
        liquidpy_site.build(source, tmp_path / "out")
    err = caught.value
    assert isinstance(err, kind), description
    described = err.describe()
    for part in expected:
        assert part in described
    assert str(err) == described
    assert "Traceback" not in described


def test_error_in_an_include_names_the_including_page(make_site: Any, tmp_path: Path) -> None:
    source = make_site({"index.md": "---\n---\nfirst\n\n{% include broken.html %}\n",
                        "_includes/broken.html": "a\nb\n{% if x %}\nc\n"})
    with pytest.raises(RenderError) as caught:
        liquidpy_site.build(source, tmp_path / "out")
    assert "included in index.md" in caught.value.describe()


def test_unknown_filter_wording_is_jekylls(make_site: Any, tmp_path: Path) -> None:
    source = make_site({"_config.yml": "liquid:\n  strict_filters: true\n",
                        "index.md": "---\n---\nfirst\n\nsecond {{ 'x' | nosuchfilter }}\n"})
    with pytest.raises(RenderError) as caught:
        liquidpy_site.build(source, tmp_path / "out")
    assert "Liquid error (line 3): undefined filter nosuchfilter in index.md" in (
        caught.value.describe())


def test_post_date_past_month_end_rolls_over(make_site: Any, tmp_path: Path) -> None:
    source = make_site({"_posts/2020-02-30-roll.md": "---\ntitle: t\n---\nx\n"})
    liquidpy_site.build(source, tmp_path / "out")
    assert (tmp_path / "out" / "2020" / "03" / "01" / "roll.html").is_file()


def test_invalid_front_matter_without_strict_renders_the_body(make_site: Any,
                                                              tmp_path: Path) -> None:
    source = make_site({"index.md": "---\ntitle: ok\nbad: [unclosed\n---\nbody text\n"})
    liquidpy_site.build(source, tmp_path / "out")
    assert (tmp_path / "out" / "index.html").read_text().strip() == "<p>body text</p>"


def test_invalid_front_matter_without_strict_still_builds(make_site: Any,
                                                          tmp_path: Path) -> None:
    source = make_site({"index.md": "---\nbad: [unclosed\n---\nbody text\n",
                        "ok.md": "---\n---\nfine\n"})
    liquidpy_site.build(source, tmp_path / "out")
    assert (tmp_path / "out" / "ok.html").read_text().strip() == "<p>fine</p>"
    assert "body text" in (tmp_path / "out" / "index.html").read_text()


# -- the error classes ----------------------------------------------------------------


def test_hierarchy() -> None:
    for kind in (ConfigError, FrontMatterError, ReadError, RenderError, PluginError, WriteError):
        assert issubclass(kind, SiteError)
    assert issubclass(LayoutError, RenderError)
    assert SiteError.exit_code == 1


@pytest.mark.parametrize(
    ("location", "text"),
    [
        (SourceLocation("a.md"), "a.md"),
        (SourceLocation("a.md", 3), "a.md, line 3"),
        (SourceLocation("a.md", 3, 7), "a.md, line 3, column 7"),
        (SourceLocation("a.md", None, 7), "a.md"),
    ],
)
def test_source_location_text(location: SourceLocation, text: str) -> None:
    assert str(location) == text


def test_describe_with_and_without_location() -> None:
    assert SiteError("boom").describe() == "boom"
    err = RenderError("boom", SourceLocation("x.md", 2, 1))
    assert err.describe() == "boom\n  in x.md, line 2, column 1"
    assert str(err) == err.describe()
    assert err.message == "boom"


def test_render_error_inside_an_include_points_at_the_include(make_site: Any,
                                                              tmp_path: Path) -> None:
    source = make_site({"_config.yml": "liquid:\n  strict_filters: true\n",
                        "index.md": "---\n---\nfirst\n\n{% include f.html %}\n",
                        "_includes/f.html": "a\n{{ 'x' | nope }}\n"})
    with pytest.raises(RenderError) as caught:
        liquidpy_site.build(source, tmp_path / "out")
    location = caught.value.location
    assert location is not None
    assert (location.path, location.line) == ("_includes/f.html", 2)


# -- liquid_error on its own ------------------------------------------------------------


def _liquid_failure(text: str, render: bool = False) -> LiquidError:
    env = JekyllEnvironment(tolerance=Mode.STRICT, strict_filters=True)
    try:
        template = env.from_string(text, name="p.md")
        if render:
            template.render()
    except LiquidError as err:
        return err
    raise AssertionError("no error")


def test_liquid_error_for_a_block_never_closed() -> None:
    text = "a\n{% if x %}\nb\n"
    err = liquid_error(_liquid_failure(text), "p.md", 4, text)
    # Ruby Liquid reports the end of the text; the location is the opening tag's line
    # in the file (the text starts on line 4).
    assert err.message == "Liquid Exception: Liquid syntax error (line 4): 'if' tag was never closed in p.md"
    assert err.location == SourceLocation("p.md", 5, 1)


def test_liquid_error_at_render_time() -> None:
    text = "a\n\n  {{ x | nope }}"
    err = liquid_error(_liquid_failure(text, render=True), "p.md", 4, text)
    assert err.message.startswith("Liquid Exception: Liquid error (line 3): ")
    assert err.message.endswith(" in p.md")
    assert "nope" in err.message
    assert err.location == SourceLocation("p.md", 6, 10)
