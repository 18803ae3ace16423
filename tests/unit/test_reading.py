"""Reading the source: entry filter, front matter defaults, excerpts, data files."""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liquidpy_site.errors import FrontMatterError
from liquidpy_site.reading.data import read_data_dir, read_data_file, sanitize_key
from liquidpy_site.reading.defaults import FrontMatterDefaults
from liquidpy_site.reading.entry_filter import EntryFilter
from liquidpy_site.reading.excerpts import extract_excerpt


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x", encoding="utf-8")


# -- entry filter -----------------------------------------------------------------------


def test_special_and_backup_entries_are_skipped(tmp_path: Path) -> None:
    names = ["index.md", ".hidden.html", "_under.html", "#hash.html", "~tilde.html",
             "backup.html~", "dot.", "ok.txt"]
    touch(tmp_path, *names)
    entry_filter = EntryFilter(str(tmp_path), include=[], exclude=[])
    assert entry_filter.filter(names) == ["index.md", "ok.txt"]


def test_include_overrides_special_rules(tmp_path: Path) -> None:
    names = [".htaccess", ".well-known", "_keep.html", "#hash.html", "_other.html"]
    touch(tmp_path, ".htaccess", ".well-known/", "_keep.html", "#hash.html", "_other.html")
    entry_filter = EntryFilter(str(tmp_path), include=[".htaccess", ".well-known", "_keep.html",
                                                        "#hash.html"], exclude=[])
    assert entry_filter.filter(names) == [".htaccess", ".well-known", "_keep.html", "#hash.html"]


def test_include_wins_over_exclude(tmp_path: Path) -> None:
    touch(tmp_path, "keep.md", "drop.md")
    entry_filter = EntryFilter(str(tmp_path), include=["keep.md"], exclude=["keep.md", "drop.md"])
    assert entry_filter.filter(["keep.md", "drop.md"]) == ["keep.md"]


def test_exclude_matches_a_prefix_as_jekyll_does(tmp_path: Path) -> None:
    # Jekyll 4.3 with ``exclude: [foo]`` skips foo.md, foobar.md and food/, not afoo.md.
    touch(tmp_path, "foo.md", "foobar.md", "food/x.md", "afoo.md", "bar.md")
    entry_filter = EntryFilter(str(tmp_path), include=[], exclude=["foo"])
    assert entry_filter.filter(["foo.md", "foobar.md", "food", "afoo.md", "bar.md"]) == [
        "afoo.md", "bar.md"]


def test_exclude_globs_and_nested_paths(tmp_path: Path) -> None:
    touch(tmp_path, "notes.txt", "docs/a.md", "docs/ab.md", "docs/notes.txt")
    entry_filter = EntryFilter(str(tmp_path), include=[], exclude=["*.txt", "docs/a.md"])
    assert entry_filter.filter(["notes.txt", "docs"]) == ["docs"]
    in_docs = EntryFilter(str(tmp_path), include=[], exclude=["*.txt", "docs/a.md"], base="docs")
    # Entries inside a folder are matched by their path from the source.
    assert in_docs.filter(["a.md", "ab.md", "notes.txt"]) == ["ab.md"]


def test_exclude_with_trailing_slash_names_a_folder(tmp_path: Path) -> None:
    touch(tmp_path, "vendor/bundle/", "vendor/other/")
    entry_filter = EntryFilter(str(tmp_path), include=[], exclude=["vendor/bundle/"],
                               base="vendor")
    assert entry_filter.filter(["bundle", "other"]) == ["other"]


_NAMES = st.sampled_from(["a", "ab", "b.md", "c", "vendor", "node_modules", "x.log", "_site"])
_PATTERNS = st.sampled_from(["a", "b*", "*.md", "vendor/", "*/x.log", "c/", "?b", "[ab]", "node_modules",
                             "a/b.md"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PATTERNS, max_size=4), st.lists(_NAMES, min_size=1, max_size=3))
def test_exclude_patterns_match_as_one_by_one(patterns: list[str], parts: list[str]) -> None:
    """The compiled pattern set agrees with matching each pattern on its own."""
    source = "/site"
    entry = "/".join(parts)
    full_entry = f"{source}/{entry}"
    is_dir = entry in ("c", "vendor")  # the folders of this imaginary tree

    def one_by_one() -> bool:
        for pattern in patterns:
            full = f"{source}/{pattern}"
            if fnmatch.fnmatchcase(full_entry, full) or full_entry.startswith(full):
                return True
            if is_dir and full == full_entry + "/":
                return True
        return False

    with mock.patch("os.path.isdir", lambda path: path in ("/site/c", "/site/vendor")):
        found = EntryFilter(source, [], patterns).is_excluded(entry)
    assert found == one_by_one()


def test_is_special() -> None:
    assert EntryFilter.is_special("_posts")
    assert EntryFilter.is_special("a/.git")
    assert not EntryFilter.is_special("a_b.md")


# -- front matter defaults ------------------------------------------------------------

DEFAULTS = [
    {"scope": {"path": ""}, "values": {"v": "root", "w": "root"}},
    {"scope": {"path": "blog", "type": "pages"}, "values": {"v": "blog-pages"}},
    {"scope": {"path": "blog"}, "values": {"v": "blog-any", "w": "blog-any"}},
    {"scope": {"path": "blog/deep"}, "values": {"v": "deep"}},
    {"scope": {"path": "blog/*/g*.md"}, "values": {"g": "glob"}},
    {"scope": {"type": "posts"}, "values": {"v": "posts-type", "layout": "none"}},
]


@pytest.fixture
def defaults(tmp_path: Path) -> FrontMatterDefaults:
    touch(tmp_path, "index.html", "blog/index.md", "blog/deep/x.md", "blog/deep/gx.md",
          "blog/other/gy.md", "blog/_posts/2020-01-01-p.md")
    return FrontMatterDefaults(str(tmp_path), DEFAULTS)


# Expected values are what Jekyll 4.3 gives the same files with the same defaults.
@pytest.mark.parametrize(
    ("path", "kind", "expected"),
    [
        ("index.html", "pages", {"v": "root", "w": "root"}),
        # Same path length: the scope with a type wins, and the untyped one cannot
        # even add "w" over the root's value.
        ("blog/index.md", "pages", {"v": "blog-pages", "w": "root"}),
        ("blog/deep/x.md", "pages", {"v": "deep", "w": "root"}),
        ("blog/deep/gx.md", "pages", {"v": "deep", "w": "root", "g": "glob"}),
        ("blog/other/gy.md", "pages", {"v": "blog-pages", "w": "root", "g": "glob"}),
        ("blog/_posts/2020-01-01-p.md", "posts",
         {"v": "blog-any", "w": "blog-any", "layout": "none"}),
    ],
)
def test_defaults_precedence(defaults: FrontMatterDefaults, path: str, kind: str,
                             expected: dict[str, str]) -> None:
    assert defaults.all(path, kind) == expected


def test_longer_path_wins_regardless_of_order(tmp_path: Path) -> None:
    sets = [
        {"scope": {"path": "a/b"}, "values": {"k": "long"}},
        {"scope": {"path": "a"}, "values": {"k": "short", "only": "short"}},
    ]
    found = FrontMatterDefaults(str(tmp_path), sets).all("a/b/c.md", "pages")
    assert found == {"k": "long", "only": "short"}


def test_scope_path_is_a_plain_prefix(tmp_path: Path) -> None:
    # As in Jekyll 4.3, scope "blog" also covers "blog2/x.md".
    sets = [{"scope": {"path": "blog"}, "values": {"v": "B"}}]
    found = FrontMatterDefaults(str(tmp_path), sets)
    assert found.all("blog2/x.md", "pages") == {"v": "B"}
    assert found.all("other/blog/x.md", "pages") == {}


def test_scope_path_with_leading_slash_matches_nothing(tmp_path: Path) -> None:
    sets = [{"scope": {"path": "/docs/"}, "values": {"d": "D"}}]
    assert FrontMatterDefaults(str(tmp_path), sets).all("docs/y.md", "pages") == {}


def test_later_set_with_same_scope_wins(tmp_path: Path) -> None:
    sets = [
        {"scope": {"path": ""}, "values": {"k": 1}},
        {"scope": {"path": ""}, "values": {"k": 2}},
    ]
    assert FrontMatterDefaults(str(tmp_path), sets).all("x.md", "pages") == {"k": 2}


def test_type_scopes(tmp_path: Path) -> None:
    sets = [
        {"scope": {"type": "posts"}, "values": {"layout": "post"}},
        {"scope": {"type": "recipes"}, "values": {"layout": "recipe"}},
    ]
    found = FrontMatterDefaults(str(tmp_path), sets)
    assert found.all("_posts/2020-01-01-a.md", "posts") == {"layout": "post"}
    # Drafts take the posts defaults.
    assert found.all("_drafts/a.md", "drafts") == {"layout": "post"}
    assert found.all("_recipes/a.md", "recipes") == {"layout": "recipe"}
    assert found.all("a.md", "pages") == {}


def test_values_merge_deeply(tmp_path: Path) -> None:
    sets = [
        {"scope": {"path": ""}, "values": {"author": {"name": "A", "url": "u"}}},
        {"scope": {"path": "team"}, "values": {"author": {"name": "B"}}},
    ]
    found = FrontMatterDefaults(str(tmp_path), sets).all("team/x.md", "pages")
    assert found == {"author": {"name": "B", "url": "u"}}


def test_glob_scope_matches_existing_files_only(tmp_path: Path) -> None:
    touch(tmp_path, "docs/one/guide.md", "docs/two/notes.md")
    sets = [{"scope": {"path": "docs/*/guide.md"}, "values": {"g": True}}]
    found = FrontMatterDefaults(str(tmp_path), sets)
    assert found.all("docs/one/guide.md", "pages") == {"g": True}
    assert found.all("docs/two/notes.md", "pages") == {}
    assert found.all("docs/three/guide.md", "pages") == {}


def test_collections_dir_is_ignored_in_scopes(tmp_path: Path) -> None:
    sets = [{"scope": {"path": "_recipes"}, "values": {"r": 1}}]
    found = FrontMatterDefaults(str(tmp_path), sets, collections_dir="my_collections")
    assert found.all("my_collections/_recipes/soup.md", "recipes") == {"r": 1}
    assert found.all("_recipes/soup.md", "recipes") == {"r": 1}


def test_sets_without_values_are_ignored(tmp_path: Path) -> None:
    sets: list[Any] = [{"scope": {"path": ""}}, "junk", {"scope": {"path": ""}, "values": {"k": 1}}]
    assert FrontMatterDefaults(str(tmp_path), sets).all("a.md", "pages") == {"k": 1}


# -- excerpts (expected values: Jekyll::Excerpt#extract_excerpt) -------------------------


@pytest.mark.parametrize(
    ("content", "excerpt"),
    [
        ("First para\n\nSecond", "First para"),
        ("no separator here", "no separator here"),
        ("{% if a %}\nstart\n\nrest {% endif %}", "{% if a %}\nstart\n{% endif %}"),
        ("{% for x in y %}{% if x %}\n\n{% endif %}{% endfor %}",
         "{% for x in y %}{% if x %}\n{% endif %}\n{% endfor %}"),
        ("{% raw %}x\n\ny{% endraw %}", "{% raw %}x\n{% endraw %}"),
        ("{% capture c %}x\n\n{% endcapture %}", "{% capture c %}x\n{% endcapture %}"),
        ("{% assign a = 1 %}{% include x.html %}\n\nmore",
         "{% assign a = 1 %}{% include x.html %}"),
        ("{%- if a -%}x\n\ny{%- endif -%}", "{%- if a -%}x\n{% endif %}"),
        ("{% highlight ruby %}\nx\n\ny\n{% endhighlight %}",
         "{% highlight ruby %}\nx\n{% endhighlight %}"),
    ],
)
def test_excerpt_and_unclosed_blocks(content: str, excerpt: str) -> None:
    assert extract_excerpt(content, "\n\n") == excerpt


def test_excerpt_link_reference_definitions_are_appended() -> None:
    content = ("See [the docs][d] and [x].\n\nBody\n\n[d]: https://example.com\n"
               "   [x]: /x \"t\"\n[unused]: /u\n    [indented]: /no")
    assert extract_excerpt(content, "\n\n") == (
        "See [the docs][d] and [x].\n\n[d]: https://example.com\n[x]: /x \"t\"")


def test_custom_separator() -> None:
    assert extract_excerpt("a<!--more-->b\n\n[a]: /x", "<!--more-->") == "a"
    assert extract_excerpt("a<!--more-->b", "\n\n") == "a<!--more-->b"
    assert extract_excerpt("[a] x<!--more-->b\n[a]: /x", "<!--more-->") == "[a] x\n\n[a]: /x"


# -- data files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("my file!", "my_file"),
        ("a.b", "ab"),
        ("hello-world", "hello-world"),
        (" lead", "lead"),
        ("trail ", "trail_"),
        ("x  y", "x_y"),
        ("a&b c", "ab_c"),
        ("a - b", "a_-_b"),
        ("  two  spaces  ", "two_spaces_"),
    ],
)
def test_sanitize_key(name: str, key: str) -> None:
    assert sanitize_key(name) == key


def test_sanitize_key_drops_non_ascii_letters_as_jekyll() -> None:
    assert sanitize_key("über data") == "ber_data"
    assert sanitize_key("ünï cödé") == "n_cd"


def test_csv_rows_are_mappings_by_header(tmp_path: Path) -> None:
    path = tmp_path / "_data" / "people.csv"
    path.parent.mkdir()
    path.write_text('name,age,name,city\nAnn,30,Dup,\nBob,,X,Paris,extra\n"Quoted, name",5\n',
                    encoding="utf-8")
    # Jekyll: the first of two equal headers wins, empty fields are nil, an extra
    # field has an empty header, a missing one is nil.
    assert read_data_file(path, tmp_path) == [
        {"name": "Ann", "age": "30", "city": None},
        {"name": "Bob", "age": None, "city": "Paris", "": "extra"},
        {"name": "Quoted, name", "age": "5", "city": None},
    ]


def test_tsv_rows(tmp_path: Path) -> None:
    path = tmp_path / "tab.tsv"
    path.write_text('a\tb\n1\t2\n"x"\t\n', encoding="utf-8")
    assert read_data_file(path, tmp_path) == [{"a": "1", "b": "2"}, {"a": "x", "b": None}]


def test_empty_csv_is_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("", encoding="utf-8")
    assert read_data_file(path, tmp_path) == []


def test_data_dir_keys_and_order(tmp_path: Path) -> None:
    data = tmp_path / "_data"
    touch(tmp_path, "_data/sub/inner.yml", "_data/.hidden.yml", "_data/notes.txt")
    files = {
        "dup.yml": "from: yml\n", "dup.json": '{"from": "json"}', "dup.yaml": "from: yaml\n",
        "zeta.yml": "1", "alpha.json": "2", "my file!.yml": "v: 1\n", "beta.csv": "h\nv\n",
        "sub/inner.yml": "x: 1\n",
    }
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    result = read_data_dir(data, tmp_path)
    # Jekyll 4.3 gives the same keys in the same order: files by extension
    # (yaml, yml, json, csv, tsv), sorted within each, then folders.
    assert list(result) == ["dup", "my_file", "zeta", "alpha", "beta", "sub"]
    assert result["dup"] == {"from": "json"}
    assert result["beta"] == [{"h": "v"}]
    assert result["sub"] == {"inner": {"x": 1}}
    assert result["my_file"] == {"v": 1}


def test_missing_data_dir_is_empty(tmp_path: Path) -> None:
    assert read_data_dir(tmp_path / "_data", tmp_path) == {}


def test_invalid_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "_data" / "bad.json"
    path.parent.mkdir()
    path.write_text('{\n  "a": 1,\n  "b": \n}\n', encoding="utf-8")
    with pytest.raises(FrontMatterError) as caught:
        read_data_file(path, tmp_path)
    location = caught.value.location
    assert location is not None
    assert (location.path, location.line) == ("_data/bad.json", 4)
    assert "Invalid JSON in _data/bad.json" in caught.value.message


def test_invalid_yaml_data_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "_data" / "bad.yml"
    path.parent.mkdir()
    path.write_text("a: 1\nb: [x\n", encoding="utf-8")
    with pytest.raises(FrontMatterError) as caught:
        read_data_file(path, tmp_path)
    assert caught.value.location is not None
    assert (caught.value.location.path, caught.value.location.line) == ("_data/bad.yml", 2)
