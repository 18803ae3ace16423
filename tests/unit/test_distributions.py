"""Unit tests for installed distributions and the build fingerprint's library versions."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from liquidpy_site import distributions, fingerprint


def test_library_versions_are_those_installed() -> None:
    expected = []
    for name in fingerprint._LIBRARIES:
        try:
            expected.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            expected.append(f"{name}=-")
    assert fingerprint._library_versions.__wrapped__() == tuple(expected)


def test_the_first_distribution_folder_on_the_path_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    (first / "Python_Liquid-9.1.dist-info").mkdir(parents=True)
    (second / "python_liquid-1.0.dist-info").mkdir(parents=True)
    (second / "mistune-3.0.dist-info").mkdir()
    (second / "notes.txt").write_text("")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing"), str(first), str(second)])
    assert distributions.folder_versions() == {"python_liquid": "9.1", "mistune": "3.0"}


@pytest.mark.parametrize(("name", "normal"), [("python-liquid", "python_liquid"), ("Pygments", "pygments"),
                                               ("ruamel.yaml", "ruamel_yaml"), ("a--b_.c", "a_b_c")])
def test_normalised_names(name: str, normal: str) -> None:
    assert distributions.normalised_name(name) == normal


def _site_packages(root: Path, entry_points: str) -> Path:
    info = root / "demo-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text(entry_points)
    return root


def test_entry_points_of_a_group_are_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _site_packages(tmp_path / "sp", "[console_scripts]\ndemo = demo:main\n")
    monkeypatch.setattr(sys, "path", [str(folder)])
    assert not distributions.may_declare_entry_points("liquidpy_site.plugins")
    assert distributions.may_declare_entry_points("console_scripts")


def test_a_zip_on_the_path_leaves_the_question_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _site_packages(tmp_path / "sp", "[console_scripts]\ndemo = demo:main\n")
    archive = tmp_path / "eggs.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))
    monkeypatch.setattr(sys, "path", [str(folder), str(archive)])
    assert distributions.may_declare_entry_points("liquidpy_site.plugins")


def test_a_finder_of_distributions_leaves_the_question_open(monkeypatch: pytest.MonkeyPatch) -> None:
    class Finder:
        def find_spec(self, *args: object) -> None:
            return None

        def find_distributions(self, *args: object) -> list[object]:
            return []

    monkeypatch.setattr(sys, "path", [])
    assert not distributions.may_declare_entry_points("liquidpy_site.plugins")
    monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
    assert distributions.may_declare_entry_points("liquidpy_site.plugins")
