"""Unit tests for the build fingerprint's library versions."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from liquidpy_site import fingerprint


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
    assert fingerprint._versions_in_folder_names() == {"python_liquid": "9.1", "mistune": "3.0"}


@pytest.mark.parametrize(("name", "normal"), [("python-liquid", "python_liquid"), ("Pygments", "pygments"),
                                               ("ruamel.yaml", "ruamel_yaml"), ("a--b_.c", "a_b_c")])
def test_normalised_names(name: str, normal: str) -> None:
    assert fingerprint._normalised(name) == normal
