"""The example plugin works from ``_plugins/`` and as an installed package."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import liquidpy_site

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "plugin-reading-time"


def _copy_site(tmp_path: Path, with_local_plugin: bool) -> Path:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE / "site", site)
    if not with_local_plugin:
        shutil.rmtree(site / "_plugins")
    return site


def _meta_lines(dest: Path) -> list[str]:
    pages = ("long-read/index.html", "short-note/index.html")
    return [line for page in pages for line in (dest / page).read_text().splitlines()
            if 'class="meta"' in line]


def test_plugin_from_the_plugins_folder(tmp_path: Path) -> None:
    site = _copy_site(tmp_path, with_local_plugin=True)
    liquidpy_site.build(site, tmp_path / "out")
    assert _meta_lines(tmp_path / "out") == [
        '<p class="meta">3 min read (3 minutes)</p>',
        '<p class="meta">1 min read (1 minutes)</p>',
    ]


def test_safe_mode_turns_the_plugin_off(tmp_path: Path) -> None:
    site = _copy_site(tmp_path, with_local_plugin=True)
    liquidpy_site.build(site, tmp_path / "out", safe=True)
    page = (tmp_path / "out" / "long-read" / "index.html").read_text()
    # Without the plugin the filter is unknown (its input passes through) and
    # page.minutes is unset.
    assert "min read" not in page
    assert " ( minutes)</p>" in page


@pytest.fixture
def installed_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example package on sys.path with its entry point, as pip would install it."""
    root = tmp_path / "site-packages"
    shutil.copytree(EXAMPLE / "package" / "src" / "liquidpy_reading_time",
                    root / "liquidpy_reading_time")
    info = root / "liquidpy_reading_time-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: liquidpy-reading-time\n"
                                   "Version: 0.1.0\n")
    (info / "entry_points.txt").write_text(
        "[liquidpy_site.plugins]\nliquidpy-reading-time = liquidpy_reading_time\n")
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.delitem(sys.modules, "liquidpy_reading_time", raising=False)


def test_plugin_as_an_installed_package(tmp_path: Path, installed_package: None) -> None:
    site = _copy_site(tmp_path, with_local_plugin=False)
    (site / "_config.yml").write_text(
        (site / "_config.yml").read_text() + "plugins:\n  - liquidpy-reading-time\n")
    liquidpy_site.build(site, tmp_path / "out")
    assert _meta_lines(tmp_path / "out")[0] == '<p class="meta">3 min read (3 minutes)</p>'
