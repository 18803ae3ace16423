"""Loading a site's configuration: defaults, files, merge order, normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest

from liquidpy_site.config import (
    DEFAULT_EXCLUDES,
    DEFAULTS,
    deep_merge,
    load_config,
    normalize,
    read_config_file,
    style_to_permalink,
)
from liquidpy_site.errors import ConfigError


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# -- defaults ------------------------------------------------------------------


def test_jekyll_defaults_present_without_a_config_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config["markdown"] == "kramdown"
    assert config["highlighter"] == "rouge"
    assert config["permalink"] == "date"
    assert config["excerpt_separator"] == "\n\n"
    assert config["layouts_dir"] == "_layouts"
    assert config["includes_dir"] == "_includes"
    assert config["data_dir"] == "_data"
    assert config["markdown_ext"] == "markdown,mkdown,mkdn,mkd,md"
    assert config["keep_files"] == [".git", ".svn"]
    assert config["include"] == [".htaccess"]
    assert config["liquid"] == {"error_mode": "warn", "strict_filters": False,
                                "strict_variables": False}
    assert config["kramdown"]["input"] == "GFM"
    assert config["kramdown"]["smart_quotes"] == "lsquo,rsquo,ldquo,rdquo"


def test_source_and_destination_are_absolute(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config["source"] == str(tmp_path.resolve())
    assert config["destination"] == str((tmp_path / "_site").resolve())


def test_destination_override_is_resolved(tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "out"
    config = load_config(tmp_path, overrides={"destination": str(out)})
    assert config["destination"] == str(out.resolve())


def test_destination_from_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"_config.yml": "destination: public\n"})
    assert load_config(tmp_path)["destination"] == str((tmp_path / "public").resolve())


def test_loading_does_not_mutate_the_defaults(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "kramdown:\n  input: kramdown\nexclude: [a]\n"})
    load_config(tmp_path)
    assert DEFAULTS["kramdown"]["input"] == "GFM"
    assert DEFAULTS["exclude"] == []


def test_nested_options_merge_key_by_key(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "kramdown:\n  auto_ids: false\n"})
    kramdown = load_config(tmp_path)["kramdown"]
    assert kramdown["auto_ids"] is False
    assert kramdown["input"] == "GFM"


# -- excludes ------------------------------------------------------------------


def test_default_excludes_are_appended(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "exclude: [README.md, node_modules]\n"})
    exclude = load_config(tmp_path)["exclude"]
    # Jekyll's ``concat(...).uniq!``: the first occurrence keeps its place.
    assert exclude == ["README.md", "node_modules",
                       *(e for e in DEFAULT_EXCLUDES if e != "node_modules")]


def test_default_excludes_without_a_config_file(tmp_path: Path) -> None:
    assert load_config(tmp_path)["exclude"] == DEFAULT_EXCLUDES
    assert DEFAULT_EXCLUDES == [
        ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock",
        "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/",
    ]


def test_null_exclude_stays_null() -> None:
    # Jekyll adds its excludes only when the option is a list.
    assert normalize({"exclude": None})["exclude"] is None


def test_comma_separated_lists_are_split() -> None:
    config = normalize({"include": "a, b ,c", "keep_files": None})
    assert config["include"] == ["a", "b", "c"]
    assert config["keep_files"] == []


# -- which files -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        (("_config.yml", "_config.yaml", "_config.toml"), "yml"),
        (("_config.yaml", "_config.toml"), "yaml"),
        (("_config.toml",), "toml"),
    ],
)
def test_first_default_config_file_wins(tmp_path: Path, present: tuple[str, ...],
                                        expected: str) -> None:
    texts = {"_config.yml": "title: yml\n", "_config.yaml": "title: yaml\n",
             "_config.toml": 'title = "toml"\n'}
    write(tmp_path, {name: texts[name] for name in present})
    assert load_config(tmp_path)["title"] == expected


def test_toml_tables_are_read(tmp_path: Path) -> None:
    write(tmp_path, {"_config.toml": 'title = "t"\n[kramdown]\nauto_ids = false\n'})
    config = load_config(tmp_path)
    assert config["kramdown"]["auto_ids"] is False
    assert config["kramdown"]["input"] == "GFM"


def test_config_files_merge_in_order(tmp_path: Path) -> None:
    # As ``jekyll build --config _config.yml,c.yml,e.yml``.
    write(tmp_path, {
        "_config.yml": "title: yml\na: yml\nnested: {x: 1, y: 1}\n",
        "c.yml": "a: c\nnested: {y: 2}\n",
        "e.yml": "",
    })
    files = [tmp_path / "_config.yml", tmp_path / "c.yml", tmp_path / "e.yml"]
    config = load_config(tmp_path, files)
    assert (config["title"], config["a"], config["nested"]) == ("yml", "c", {"x": 1, "y": 2})


def test_explicit_config_files_replace_the_default_one(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "title: default\nonly_default: 1\n", "other.yml": "title: other\n"})
    config = load_config(tmp_path, [tmp_path / "other.yml"])
    assert config["title"] == "other"
    assert "only_default" not in config


def test_overrides_win_over_every_file(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "baseurl: /from-file\nfuture: false\n"})
    config = load_config(tmp_path, overrides={"baseurl": "/flag", "future": True})
    assert config["baseurl"] == "/flag"
    assert config["future"] is True


def test_missing_explicit_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="could not be found"):
        load_config(tmp_path, [tmp_path / "nope.yml"])


def test_empty_config_file_is_no_options(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "# only a comment\n"})
    assert read_config_file(tmp_path / "_config.yml") == {}
    assert load_config(tmp_path)["permalink"] == "date"


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_bytes("\ufefftitle: bom\n".encode())
    assert load_config(tmp_path)["title"] == "bom"


# -- collections -------------------------------------------------------------------


def test_posts_collection_always_exists(tmp_path: Path) -> None:
    collections = load_config(tmp_path)["collections"]
    assert list(collections) == ["posts"]
    assert collections["posts"] == {
        "output": True, "permalink": "/:categories/:year/:month/:day/:title:output_ext"}


def test_collections_list_form(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "collections: [recipes, authors]\n"})
    collections = load_config(tmp_path)["collections"]
    assert list(collections) == ["posts", "recipes", "authors"]
    assert collections["recipes"] == {}
    assert collections["posts"]["output"] is True


def test_collections_map_form_keeps_options(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": (
        "collections:\n  recipes:\n    output: true\n    permalink: /r/:name/\n"
        "  notes:\n  posts:\n    output: false\n    sort_by: title\n")})
    collections = load_config(tmp_path)["collections"]
    assert list(collections) == ["posts", "recipes", "notes"]
    assert collections["recipes"] == {"output": True, "permalink": "/r/:name/"}
    assert collections["notes"] == {}
    # Posts are always written, whatever the option says.
    assert collections["posts"]["output"] is True
    assert collections["posts"]["sort_by"] == "title"


@pytest.mark.parametrize(
    ("style", "template"),
    [
        ("date", "/:categories/:year/:month/:day/:title:output_ext"),
        ("pretty", "/:categories/:year/:month/:day/:title/"),
        ("none", "/:categories/:title:output_ext"),
        ("ordinal", "/:categories/:year/:y_day/:title:output_ext"),
        ("weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext"),
        ("/blog/:title/", "/blog/:title/"),
    ],
)
def test_permalink_style_becomes_the_posts_permalink(tmp_path: Path, style: str,
                                                    template: str) -> None:
    write(tmp_path, {"_config.yml": f"permalink: {style}\n"})
    assert load_config(tmp_path)["collections"]["posts"]["permalink"] == template
    assert style_to_permalink(style) == template


def test_posts_permalink_in_collections_wins_over_style(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "permalink: pretty\ncollections:\n  posts:\n    permalink: /p/:title\n"})
    assert load_config(tmp_path)["collections"]["posts"]["permalink"] == "/p/:title"


def test_null_collections_stay_null() -> None:
    assert normalize({"collections": None})["collections"] is None


# -- invalid files -------------------------------------------------------------------


def test_invalid_yaml_names_line_and_column(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "title: ok\nfoo: [1, 2\nbar: 3\n"})
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    err = caught.value
    # Psych reports "at line 2 column 6": where the unclosed "[" is.
    assert err.location is not None
    assert (err.location.path, err.location.line, err.location.column) == ("_config.yml", 2, 6)
    assert "Invalid configuration file _config.yml" in err.message
    assert "_config.yml, line 2, column 6" in err.describe()


def test_invalid_toml(tmp_path: Path) -> None:
    write(tmp_path, {"_config.toml": "title = \n"})
    with pytest.raises(ConfigError, match="Invalid TOML in _config.toml"):
        load_config(tmp_path)


def test_non_mapping_config_file_is_rejected_by_the_reader(tmp_path: Path) -> None:
    write(tmp_path, {"list.yml": "- a\n- b\n"})
    with pytest.raises(ConfigError, match=r"\(INVALID\) list.yml"):
        read_config_file(tmp_path / "list.yml", "list.yml")


def test_non_mapping_config_file_is_a_warning_as_in_jekyll(tmp_path: Path) -> None:
    write(tmp_path, {"c.yml": "a: c\n", "b.yml": "- x\n", "d.yml": "title: d\n"})
    config = load_config(tmp_path, [tmp_path / "c.yml", tmp_path / "b.yml", tmp_path / "d.yml"])
    assert config["a"] == "c"
    assert "title" not in config


def test_deep_merge_copies_and_replaces_non_mappings() -> None:
    base = {"a": {"x": 1, "y": [1]}, "b": 1}
    merged = deep_merge(base, {"a": {"y": [2]}, "b": {"n": 1}})
    assert merged == {"a": {"x": 1, "y": [2]}, "b": {"n": 1}}
    assert base == {"a": {"x": 1, "y": [1]}, "b": 1}


_NESTED = 'title: "Nested ’n quoted"\ndefaults:\n  - scope: {path: ""}\n    values: {layout: post}\n'


def test_a_nested_configuration_is_parsed_once_and_kept_in_the_build_cache(
        tmp_path: Path, full_yaml_parses: list[str]) -> None:
    from liquidpy_site.cache import CACHE_DIR

    (tmp_path / "_config.yml").write_text(_NESTED, encoding="utf-8")
    parsed = full_yaml_parses
    first = load_config(tmp_path)
    assert not (tmp_path / CACHE_DIR).exists()  # no cache is made for it
    (tmp_path / CACHE_DIR).mkdir()
    (tmp_path / CACHE_DIR / "build.sqlite").touch()
    assert load_config(tmp_path) == first and len(parsed) == 2  # parsed, and kept this time
    assert load_config(tmp_path) == first and len(parsed) == 2  # taken from the cache
    assert first["title"] == "Nested ’n quoted" and first["defaults"][0]["values"] == {"layout": "post"}
    (tmp_path / "_config.yml").write_text(_NESTED.replace("post", "page"), encoding="utf-8")
    assert load_config(tmp_path)["defaults"][0]["values"] == {"layout": "page"} and len(parsed) == 3


@pytest.mark.parametrize("where", ["file", "override"])
def test_a_configuration_that_turns_the_cache_off_is_not_kept(
        tmp_path: Path, full_yaml_parses: list[str], where: str) -> None:
    from liquidpy_site.cache import CACHE_DIR

    text = _NESTED + ("disable_disk_cache: true\n" if where == "file" else "")
    (tmp_path / "_config.yml").write_text(text, encoding="utf-8")
    (tmp_path / CACHE_DIR).mkdir()
    (tmp_path / CACHE_DIR / "build.sqlite").touch()
    overrides = {"disable_disk_cache": True} if where == "override" else None
    load_config(tmp_path, overrides=overrides)
    load_config(tmp_path, overrides=overrides)
    assert len(full_yaml_parses) == 2
