"""The package's public names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import liquidpy_site
from liquidpy_site import errors
from liquidpy_site.api import build, markdownify, render
from liquidpy_site.config import load_config
from liquidpy_site.site import Site

EXPECTED_ALL = [
    "ConfigError",
    "FrontMatterError",
    "LayoutError",
    "PluginError",
    "ReadError",
    "RenderError",
    "Site",
    "SiteError",
    "SourceLocation",
    "WriteError",
    "__version__",
    "build",
    "load_config",
    "markdownify",
    "render",
]


def test_all_is_pinned() -> None:
    assert liquidpy_site.__all__ == EXPECTED_ALL


def test_every_public_name_exists() -> None:
    for name in liquidpy_site.__all__:
        assert hasattr(liquidpy_site, name), name


def test_public_names_are_the_implementations() -> None:
    assert liquidpy_site.build is build
    assert liquidpy_site.render is render
    assert liquidpy_site.markdownify is markdownify
    assert liquidpy_site.load_config is load_config
    assert liquidpy_site.Site is Site
    for name in ("ConfigError", "FrontMatterError", "LayoutError", "PluginError", "ReadError",
                 "RenderError", "SiteError", "SourceLocation", "WriteError"):
        assert getattr(liquidpy_site, name) is getattr(errors, name)


def test_version() -> None:
    assert liquidpy_site.__version__ == "0.1.0"


def test_render_and_markdownify_work() -> None:
    assert liquidpy_site.render("{{ 'a b' | slugify }}") == "a-b"
    assert liquidpy_site.markdownify("*x*") == "<p><em>x</em></p>\n"


def test_build_returns_the_site(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("---\n---\nhi\n")
    site = liquidpy_site.build(tmp_path, drafts=True)
    assert isinstance(site, liquidpy_site.Site)
    assert site.config["show_drafts"] is True
    assert (tmp_path / "_site" / "index.html").read_text() == "<p>hi</p>\n"


def _observed_while_rendering(tmp_path: Path, observe: Callable[[], Any]) -> tuple[Site, list[Any]]:
    """A one-page site whose render pass records ``observe()`` each time it starts."""
    (tmp_path / "index.md").write_text("---\n---\nhi\n")
    seen: list[Any] = []
    site = Site(load_config(tmp_path))
    original_render = site.render

    def render() -> None:
        seen.append(observe())
        original_render()

    site.render = render  # type: ignore[method-assign]
    return site, seen


def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    site, frozen_during = _observed_while_rendering(tmp_path, gc.get_freeze_count)
    site.process()
    assert frozen_during and frozen_during[0] > 0  # the models read are kept aside while rendering
    assert gc.get_freeze_count() == 0


def test_a_build_collects_the_youngest_generation_less_often_and_restores_it(tmp_path: Path) -> None:
    import gc

    before = gc.get_threshold()
    site, during = _observed_while_rendering(tmp_path, gc.get_threshold)
    try:
        gc.set_threshold(700, 10, 10)
        site.process()
        assert during[-1][0] > 700 and during[-1][1:] == (10, 10)
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(50_000, 5, 5)  # a host's own, higher threshold is left as it is
        during.clear()
        site.process()
        assert during == [(50_000, 5, 5)] and gc.get_threshold() == (50_000, 5, 5)
    finally:
        gc.set_threshold(*before)


def test_a_host_that_froze_objects_keeps_them_frozen(tmp_path: Path) -> None:
    import gc

    (tmp_path / "index.md").write_text("---\n---\nhi\n")
    held = ["kept by the host"]
    gc.freeze()
    try:
        assert not any(obj is held for obj in gc.get_objects())  # frozen objects are not tracked
        liquidpy_site.build(tmp_path)
        assert not any(obj is held for obj in gc.get_objects())
    finally:
        gc.unfreeze()
    assert any(obj is held for obj in gc.get_objects())
