"""Finding themes: folders, Python entry points and Ruby gem folders."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

from liquidpy_site.errors import PluginError
from liquidpy_site.themes import (
    Theme,
    ThemeError,
    gem_search_dirs,
    resolve_theme,
    theme_asset_files,
    theme_from_config,
)


def _theme_tree(root: Path, *folders: str) -> Path:
    for folder in folders:
        (root / folder).mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    path = tmp_path / "site"
    path.mkdir()
    return path


def test_folder_theme_relative_and_absolute(site: Path, tmp_path: Path) -> None:
    _theme_tree(site / "themes" / "plain", "_layouts", "_includes", "assets")
    theme = resolve_theme("themes/plain", site, gem_dirs=[])
    assert theme == Theme("themes/plain", (site / "themes/plain").resolve())
    assert theme.layouts_dir == theme.root / "_layouts"
    assert theme.includes_dir == theme.root / "_includes"
    assert theme.assets_dir == theme.root / "assets"
    assert (theme.sass_dir, theme.data_dir, theme.config_file) == (None, None, None)
    outside = _theme_tree(tmp_path / "elsewhere", "_sass", "_data")
    (outside / "_config.yml").write_text("x: 1\n")
    theme = resolve_theme(f"  {outside}  ", site, gem_dirs=[])
    assert theme is not None
    assert (theme.sass_dir, theme.data_dir) == (outside / "_sass", outside / "_data")
    assert theme.config_file == outside / "_config.yml"


def test_theme_folders_may_not_link_outside_the_theme(site: Path, tmp_path: Path) -> None:
    root = _theme_tree(site / "t", "_layouts", "real_sass")
    (root / "_sass").symlink_to(root / "real_sass")
    _theme_tree(tmp_path / "secret", "x")
    (root / "_includes").symlink_to(tmp_path / "secret")
    (root / "_config.yml").symlink_to(tmp_path / "secret" / "x")
    theme = resolve_theme("t", site, gem_dirs=[])
    assert theme is not None
    assert theme.sass_dir == root.resolve() / "real_sass"
    assert theme.includes_dir is None
    assert theme.config_file is None


def test_no_theme(site: Path) -> None:
    assert resolve_theme(None, site) is None
    assert resolve_theme("  ", site) is None
    assert theme_from_config({"theme": ["not", "a", "name"]}, site) is None
    assert theme_from_config({}, site) is None


def test_missing_theme_uses_jekylls_wording(site: Path) -> None:
    with pytest.raises(ThemeError) as caught:
        resolve_theme("No-Such-Theme-xyz", site, gem_dirs=[])
    err = caught.value
    assert isinstance(err, PluginError)
    assert err.message == "The no-such-theme-xyz theme could not be found."
    assert err.hint is not None and "liquidpy_site.themes" in err.hint
    assert str(err).startswith("The no-such-theme-xyz theme could not be found.\n  ")


def _fake_distribution(root: Path, dist: str, entry_points: str) -> None:
    info = root / f"{dist}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[liquidpy_site.themes]\n{entry_points}\n")


@pytest.fixture()
def dist_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "dists"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()
    return root


def test_entry_point_naming_a_module(site: Path, dist_root: Path) -> None:
    package = _theme_tree(dist_root / "lqp_fake_theme", "_layouts", "_sass")
    (package / "__init__.py").write_text("")
    _fake_distribution(dist_root, "lqp_fake_theme_dist", "Fake-Pkg-Theme = lqp_fake_theme")
    theme = resolve_theme("fake-pkg-theme", site, gem_dirs=[])
    assert theme == Theme("fake-pkg-theme", package.resolve())
    assert theme.sass_dir == package.resolve() / "_sass"
    assert "lqp_fake_theme" not in sys.modules  # found without importing it


def test_entry_point_naming_a_path(site: Path, dist_root: Path) -> None:
    folder = _theme_tree(dist_root / "share" / "path-theme", "_includes")
    _fake_distribution(dist_root, "lqp_path_theme_dist", "path-theme = share/path-theme")
    theme = resolve_theme("path-theme", site, gem_dirs=[])
    assert theme is not None and theme.root == folder.resolve()


def _fake_gem(gem_home: Path, folder: str, *theme_folders: str) -> Path:
    root = _theme_tree(gem_home / "gems" / folder, *theme_folders)
    spec_dir = gem_home / "specifications"
    spec_dir.mkdir(parents=True, exist_ok=True)
    (spec_dir / f"{folder}.gemspec").write_text("# stub\n")
    return root


def test_gem_folder_highest_release_wins(site: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    gem_home = tmp_path / "gemhome"
    _fake_gem(gem_home, "lqp-gem-theme-1.9.0", "_layouts")
    best = _fake_gem(gem_home, "lqp-gem-theme-1.10.0", "_layouts", "assets")
    _fake_gem(gem_home, "lqp-gem-theme-2.0.0.pre", "_layouts")
    _fake_gem(gem_home, "lqp-gem-theme-extras-9.0.0", "_layouts")
    monkeypatch.setenv("GEM_HOME", str(gem_home))
    assert gem_home in gem_search_dirs()
    theme = resolve_theme("LQP-Gem-Theme", site)
    assert theme == Theme("lqp-gem-theme", best.resolve())


def test_gem_prerelease_used_when_no_release(site: Path, tmp_path: Path) -> None:
    gem_path = tmp_path / "gempath"
    pre = _fake_gem(gem_path, "lqp-pre-theme-1.0.0.beta2", "_sass")
    _fake_gem(gem_path, "lqp-pre-theme-1.0.0.beta1", "_sass")
    theme = resolve_theme("lqp-pre-theme", site, gem_dirs=[gem_path])
    assert theme is not None and theme.root == pre.resolve()


def test_gem_search_dirs_reads_gem_path_and_home(tmp_path: Path) -> None:
    first = _theme_tree(tmp_path / "a", "gems")
    second = _theme_tree(tmp_path / "b", "gems")
    user = _theme_tree(tmp_path / "home" / ".gem" / "ruby" / "3.1.0", "gems")
    dirs = gem_search_dirs({"GEM_PATH": f"{first}{os.pathsep}{second}"}, home=tmp_path / "home")
    assert dirs[:3] == [first, second, user]


def test_folder_beats_entry_point_and_gem(site: Path, tmp_path: Path) -> None:
    local = _theme_tree(site / "lqp-gem-theme", "_layouts")
    gem_home = tmp_path / "gems2"
    _fake_gem(gem_home, "lqp-gem-theme-1.0.0", "_layouts")
    theme = resolve_theme("lqp-gem-theme", site, gem_dirs=[gem_home])
    assert theme is not None and theme.root == local.resolve()


def test_remote_theme_needs_vendoring(site: Path) -> None:
    config = {"remote_theme": "owner/fancy", "plugins": ["jekyll-remote-theme"]}
    with pytest.raises(ThemeError) as caught:
        theme_from_config(config, site)
    assert "owner/fancy" in caught.value.message
    assert "Vendor the theme" in str(caught.value) and "Python package" in str(caught.value)
    # Without the plugin Jekyll ignores remote_theme.
    assert theme_from_config({"remote_theme": "owner/fancy"}, site) is None


def test_theme_asset_files_in_jekyll_order(site: Path, tmp_path: Path) -> None:
    root = _theme_tree(site / "t", "assets/css", "assets/img/icons", "assets/linked")
    for relative in ("assets/main.scss", "assets/css/a.css", "assets/img/icons/x.svg",
                     "assets/img/b.png", "assets/z.txt", "outside.txt"):
        (root / relative).write_text("x")
    (root / "assets" / "link.txt").symlink_to(root / "outside.txt")
    theme = resolve_theme("t", site, gem_dirs=[])
    assert theme is not None
    files = [p.relative_to(theme.root).as_posix() for p in theme_asset_files(theme)]
    assert files == ["assets/css/a.css", "assets/img/b.png", "assets/img/icons/x.svg",
                     "assets/main.scss", "assets/z.txt"]
    assert theme_asset_files(Theme("bare", tmp_path)) == []


def test_installed_minima_gem(site: Path) -> None:
    try:
        theme = resolve_theme("minima", site)
    except ThemeError:
        pytest.skip("the minima gem is not installed on this machine")
    assert theme is not None and theme.name == "minima"
    assert theme.dependencies == ("jekyll-feed", "jekyll-seo-tag")
    assert theme.layouts_dir is not None and (theme.layouts_dir / "default.html").is_file()
    assert theme.sass_dir is not None and (theme.sass_dir / "minima.scss").is_file()
    names = [p.name for p in theme_asset_files(theme)]
    assert "main.scss" in names


def test_gem_runtime_dependencies_are_read_from_its_specification(site: Path,
                                                                   tmp_path: Path) -> None:
    gem_home = tmp_path / "gemdeps"
    _fake_gem(gem_home, "lqp-deps-theme-0.1.0", "_layouts")
    (gem_home / "specifications" / "lqp-deps-theme-0.1.0.gemspec").write_text(
        'Gem::Specification.new do |s|\n'
        '  if s.respond_to? :add_runtime_dependency then\n'
        '    s.add_runtime_dependency(%q<jekyll>.freeze, [">= 3.5", "< 5.0"])\n'
        '    s.add_runtime_dependency(%q<jekyll-feed>.freeze, ["~> 0.9"])\n'
        '    s.add_development_dependency(%q<bundler>.freeze, [">= 1.15"])\n'
        '  else\n'
        '    s.add_dependency(%q<jekyll-feed>.freeze, ["~> 0.9"])\n'
        '    s.add_dependency(%q<bundler>.freeze, [">= 1.15"])\n'
        '  end\n'
        'end\n')
    theme = resolve_theme("lqp-deps-theme", site, gem_dirs=[gem_home])
    assert theme is not None and theme.dependencies == ("jekyll-feed",)


def test_a_folder_without_theme_parts_is_not_a_theme(site: Path, tmp_path: Path) -> None:
    (site / "lqp-plain-theme" / "posts").mkdir(parents=True)
    gem_home = tmp_path / "gems3"
    gem = _fake_gem(gem_home, "lqp-plain-theme-1.0.0", "_layouts")
    theme = resolve_theme("lqp-plain-theme", site, gem_dirs=[gem_home])
    assert theme is not None and theme.root == gem.resolve()
