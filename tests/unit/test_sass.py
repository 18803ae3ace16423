"""Compiling real SCSS and Sass with the site's options, as Jekyll does."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
import sass as libsass

from liquidpy_site.errors import PluginError
from liquidpy_site.sass import (
    SassError,
    SassOptions,
    compile_sass,
    sassify,
    scssify,
    source_map_name,
)


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    _write(root, {
        "_sass/_vars.scss": "$brand: #c0ffee;\n$gap: 4px;\n",
        "_sass/_base.scss": '@import "base/reset";\nbody { color: $brand; }\n',
        "_sass/base/_reset.scss": "* { margin: 0; }\n",
        "_sass/_broken.scss": '.x { y: z; }\n\n@import "missing";\n',
        "vendor/one/_grid.scss": ".grid { gap: $gap; }\n",
        "vendor/two/_cards.scss": ".card { padding: $gap * 2; }\n",
    })
    monkeypatch.chdir(root)  # Jekyll runs from the site source
    return root


def _options(site: Path, sass: dict | None = None, **config: object) -> SassOptions:
    return SassOptions.from_config({"sass": sass or {}, **config}, site, environment="development")


MAIN = '@import "vars", "base";\n.a { b: c; .d { e: $gap; } }\n'


def test_compiles_partials_with_jekyll_defaults(site: Path) -> None:
    result = compile_sass(MAIN, syntax="scss", filename="assets/css/main.scss",
                          options=_options(site))
    assert result.css == (
        "* { margin: 0; }\n\nbody { color: #c0ffee; }\n\n.a { b: c; }\n\n"
        ".a .d { e: 4px; }\n\n/*# sourceMappingURL=main.css.map */"
    )
    data = json.loads(result.source_map or "")
    assert data["file"] == "main.css"
    assert data["sources"] == ["main.scss", "_sass/_vars.scss", "_sass/_base.scss",
                               "_sass/base/_reset.scss"]
    assert data["sourcesContent"][0] == MAIN
    assert result.source_map.startswith('{\n\t"version": 3,\n\t"file": "main.css",')


def test_load_paths_are_globbed_in_order_before_sass_dir(site: Path) -> None:
    options = _options(site, {"load_paths": ["vendor/*", "nowhere"]})
    assert options.load_paths == (site / "vendor/one", site / "vendor/two", site / "_sass")
    css = compile_sass('@import "vars", "grid", "cards";', syntax="scss",
                       filename="s.scss", options=options).css
    assert ".grid { gap: 4px; }" in css and ".card { padding: 8px; }" in css


def test_theme_sass_dir_comes_last(site: Path, tmp_path: Path) -> None:
    theme_sass = tmp_path / "theme" / "_sass"
    _write(theme_sass, {"_vars.scss": "$brand: red;\n", "_theme.scss": ".t { c: $brand; }\n"})
    options = SassOptions.from_config({}, site, theme_sass)
    assert options.load_paths[-1] == theme_sass
    css = compile_sass('@import "vars", "theme";', syntax="scss", filename="m.scss",
                       options=options).css
    assert ".t { c: #c0ffee; }" in css  # the site's partial wins over the theme's


def test_compressed_style_and_style_names(site: Path) -> None:
    assert _options(site, {"style": ":compressed"}).style == "compressed"
    assert _options(site, {"style": "fancy"}).style == "compact"
    assert _options(site).style == "compact"
    css = compile_sass(MAIN, syntax="scss", filename="m.scss",
                       options=_options(site, {"style": "compressed"})).css
    assert css == ("*{margin:0}body{color:#c0ffee}.a{b:c}.a .d{e:4px}\n\n"
                   "/*# sourceMappingURL=m.css.map */")


def test_byte_order_mark_is_dropped_or_replaced(site: Path) -> None:
    text = '.a { content: "é"; }'
    plain = compile_sass(text, syntax="scss", filename="m.scss",
                         options=_options(site, {"style": "compressed"})).css
    assert plain.startswith('.a{content:"é"}')
    charset = compile_sass(text, syntax="scss", filename="m.scss",
                           options=_options(site, {"style": "compressed", "add_charset": True})).css
    assert charset.startswith('@charset "UTF-8";.a{')


def test_indented_syntax(site: Path) -> None:
    result = compile_sass('@import "vars"\n.i\n  color: $brand\n', syntax="sass",
                          filename="assets/i.sass", options=_options(site))
    assert result.css == ".i { color: #c0ffee; }\n\n/*# sourceMappingURL=i.css.map */"
    data = json.loads(result.source_map or "")
    assert data["sources"] == ["i.sass", "_sass/_vars.scss"]
    assert data["sourcesContent"][0] == '@import "vars";\n.i {\n  color: $brand; }\n'


@pytest.mark.parametrize("sourcemap, env, made", [
    ("always", "production", True), ("never", "development", False),
    ("development", "development", True), ("development", "production", False),
])
def test_sourcemap_option(site: Path, sourcemap: str, env: str, made: bool) -> None:
    options = SassOptions.from_config({"sass": {"sourcemap": sourcemap}}, site, environment=env)
    result = compile_sass(".a { b: c; }", syntax="scss", filename="m.scss", options=options)
    assert (result.source_map is not None) is made
    assert result.css.endswith("/*# sourceMappingURL=m.css.map */" if made else "}\n")


def test_empty_body_gives_empty_css_and_no_map(site: Path) -> None:
    assert compile_sass("", syntax="scss", filename="m.scss", options=_options(site)).css == ""


def test_line_comments_and_map_match_libsass_compiling_the_page_in_place(site: Path) -> None:
    options = _options(site, {"line_comments": True})
    result = compile_sass(MAIN, syntax="scss", filename="css/main.scss", options=options)
    assert "/* line 2, main.scss */ .a { b: c; }" in result.css
    assert "/* line 2, _sass/_base.scss */" in result.css
    (site / "main.scss").write_text(MAIN, encoding="utf-8")
    css, source_map = libsass.compile(
        filename="main.scss", source_comments=True, output_style="compact", precision=10,
        include_paths=[str(site / "_sass")], source_map_filename=str(site / "main.css.map"),
        output_filename_hint=str(site / "main.css"), source_map_contents=True)
    assert (result.css, result.source_map) == (css, source_map)


def test_embedded_map_names_the_page(site: Path) -> None:
    result = compile_sass(MAIN, syntax="scss", filename="m.scss",
                          options=_options(site, {"source_map_embed": True}))
    found = re.search(r"base64,([A-Za-z0-9+/=]+) \*/", result.css)
    assert found is not None
    assert base64.b64decode(found.group(1)).decode("utf-8") == result.source_map


def test_safe_mode_ignores_passthrough_options(site: Path) -> None:
    options = _options(site, {"line_comments": True, "precision": 3, "style": "expanded"},
                       safe=True)
    assert (options.line_comments, options.precision, options.style) == (False, None, "expanded")
    assert _options(site, {"precision": 3}).precision == 3


def test_sass_dir_is_kept_inside_the_source(site: Path) -> None:
    _write(site, {"styles/_s.scss": ".s { t: u; }\n"})
    assert _options(site, {"sass_dir": "styles"}).load_paths == (site / "styles",)
    assert _options(site, {"sass_dir": "../styles"}).load_paths == (site / "styles",)


def test_missing_import_error_names_file_line_and_column(site: Path) -> None:
    with pytest.raises(SassError) as caught:
        compile_sass('@import "broken";', syntax="scss", filename="assets/main.scss",
                     options=_options(site))
    err = caught.value
    assert isinstance(err, PluginError)
    assert (err.file, err.line, err.column) == ("_sass/_broken.scss", 3, 1)
    assert err.message == (
        "Error: File to import not found or unreadable: missing.\n"
        "        on line 3:1 of _sass/_broken.scss\n"
        "        from line 1:1 of main.scss\n"
        '>> @import "missing";\n\n   ^\n'
    )
    assert str(err) == err.message


def test_syntax_error_in_the_page(site: Path) -> None:
    with pytest.raises(SassError) as caught:
        compile_sass(".a {\n  b: c\n  d: e;\n}\n", syntax="scss", filename="x/a.scss",
                     options=_options(site))
    assert (caught.value.file, caught.value.line, caught.value.column) == ("a.scss", 3, 3)
    assert caught.value.message.startswith('Error: Invalid CSS after "  d": expected "}"')


def test_error_paths_are_relative_to_the_working_directory(site: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site.parent)
    with pytest.raises(SassError) as caught:
        compile_sass('@import "broken";', syntax="scss", filename="main.scss",
                     options=_options(site))
    assert caught.value.file == "site/_sass/_broken.scss"
    assert "from line 1:1 of site/main.scss" in caught.value.message


def test_page_imports_resolve_against_the_site_source(site: Path) -> None:
    _write(site, {"_root.scss": ".root { r: 1; }\n"})
    css = compile_sass('@import "root";', syntax="scss", filename="deep/er/p.scss",
                       options=_options(site)).css
    assert css.startswith(".root { r: 1; }")


def test_filters_compile_with_site_options(site: Path) -> None:
    options = _options(site, {"style": "compressed"})
    css = scssify('@import "vars"; .q { r: $gap; .t { u: v; } }', options)
    assert css == ".q{r:4px}.q .t{u:v}\n"
    assert sassify(".q\n  r: s", _options(site)) == ".q { r: s; }\n"
    assert scssify("", options) == ""
    with pytest.raises(SassError) as caught:
        scssify(".a { b: $nope; }", options)
    assert (caught.value.file, caught.value.line) == ("stdin", 1)


def test_source_map_name_and_bad_syntax(site: Path) -> None:
    assert source_map_name("assets/css/main.scss") == "main.css.map"
    assert source_map_name("a.min.sass") == "a.min.css.map"
    with pytest.raises(ValueError):
        compile_sass("", syntax="less", filename="a.less", options=_options(site))


def test_only_the_page_sees_the_site_source(site: Path) -> None:
    _write(site, {
        "_zz.scss": ".from-root { a: b; }\n",
        "vendor/one/_zz.scss": ".from-vendor { a: b; }\n",
        "_sass/sub/_nested.scss": '@import "zz";\n',
        "foo.css": ".foo { a: b; }\n",
    })
    options = _options(site, {"load_paths": ["vendor/one"]})
    text = '@import "sub/nested";\n@import "zz";\n@import "foo.css";\n@import "zz" screen;\n'
    css = compile_sass(text, syntax="scss", filename="m.scss", options=options).css
    assert css.startswith('@import url(foo.css);\n@import "zz" screen;\n'
                          ".from-vendor { a: b; }\n\n.from-root { a: b; }\n")


def test_ambiguous_import_names_candidates_like_jekyll(site: Path) -> None:
    _write(site, {"_amb.scss": ".a { b: c; }\n", "amb.scss": ".a { b: c; }\n"})
    with pytest.raises(SassError) as caught:
        compile_sass('@import "amb";', syntax="scss", filename="m.scss", options=_options(site))
    assert caught.value.message.startswith(
        "Error: It's not clear which file to import for '@import \"amb\"'.\n"
        "       Candidates:\n         _amb.scss\n         amb.scss\n")
