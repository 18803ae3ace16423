"""Shared fixtures for the test suite."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

SiteFactory = Callable[..., Path]


def write_files(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` under ``root`` (folders created) and return it."""
    root.mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path) -> SiteFactory:
    """Return a factory writing a site source from ``{relative path: content}``.

    ``make_site({"index.md": "...", "_layouts/default.html": "..."})`` writes the
    files into a fresh folder under ``tmp_path`` and returns that folder. Pass
    ``name=`` to choose the folder's name (default ``site``, then ``site2``, …).
    """
    count = 0

    def factory(files: Mapping[str, str | bytes], name: str | None = None) -> Path:
        nonlocal count
        count += 1
        folder = name or ("site" if count == 1 else f"site{count}")
        return write_files(tmp_path / folder, files)

    return factory


@pytest.fixture
def full_yaml_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the full YAML parser is asked to parse while the test runs, in order."""
    from liquidpy_site import yaml_loader

    parsed: list[str] = []
    original = yaml_loader.load_yaml_in_full

    def counting(text: str, path: str, line_offset: int = 0) -> object:
        parsed.append(path)
        return original(text, path, line_offset)

    monkeypatch.setattr(yaml_loader, "load_yaml_in_full", counting)
    return parsed
