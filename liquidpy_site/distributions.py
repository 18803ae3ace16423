"""Installed distributions, as far as a build asks about them, without :mod:`importlib.metadata`.

A build needs the versions of the libraries that shape its output (for the
cache's fingerprint) and whether any installed package declares a liquidpy
plugin or theme. :mod:`importlib.metadata` answers both, but importing it (and
the ``email`` package it needs) adds 10–15 ms to every build's start-up, about a
twentieth of a warm 1,000-post build. The ``name-version.dist-info`` folders pip and
other installers leave on ``sys.path`` answer the common case; wherever they
may not tell the whole story, the answer says so and :mod:`importlib.metadata`
is asked instead.
"""

from __future__ import annotations

import os
import re
import sys

__all__ = ["folder_versions", "may_declare_entry_points", "normalised_name"]

_METADATA_FOLDERS = (".dist-info", ".egg-info")


def normalised_name(name: str) -> str:
    """A project name as distribution folders spell it, in lower case (``python_liquid``)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def folder_versions() -> dict[str, str]:
    """Versions named by the ``name-version.dist-info`` folders on ``sys.path``, by normalised name.

    The first folder of a name on the path wins, as it does for the import
    system. A distribution installed without such a folder is missing.
    """
    versions: dict[str, str] = {}
    for _, folder in _metadata_folders():
        if folder.endswith(".dist-info"):
            name, _, version = folder.removesuffix(".dist-info").partition("-")
            versions.setdefault(normalised_name(name), version)
    return versions


def may_declare_entry_points(group: str) -> bool:
    """Whether an installed distribution may declare entry points in ``group``.

    False only when every entry of ``sys.path`` is a plain folder, no finder
    adds distributions of its own, and no ``entry_points.txt`` of the folders
    found there names the group; then :mod:`importlib.metadata` would find none.
    """
    if not _only_plain_folders():
        return True
    header = f"[{group}]"
    for entry, folder in _metadata_folders():
        try:
            with open(os.path.join(entry, folder, "entry_points.txt"), encoding="utf-8") as file:
                if header in file.read():
                    return True
        except FileNotFoundError:
            continue
        except (OSError, UnicodeError):
            return True
    return False


def _metadata_folders() -> list[tuple[str, str]]:
    """(path entry, folder name) of each metadata folder on ``sys.path``, in path order."""
    found: list[tuple[str, str]] = []
    for entry in sys.path:
        entry = entry or "."
        for folder in _listing(entry):
            if folder.endswith(_METADATA_FOLDERS):
                found.append((entry, folder))
    return found


def _listing(entry: str) -> list[str]:
    try:
        return sorted(os.listdir(entry))
    except OSError:
        return []


def _only_plain_folders() -> bool:
    """Every ``sys.path`` entry is a folder (or missing) and only the standard finders find distributions."""
    for entry in sys.path:
        if os.path.exists(entry or ".") and not os.path.isdir(entry or "."):
            return False  # a zip file, say
    standard = ("_frozen_importlib", "_frozen_importlib_external", "importlib", "liquidpy_site")
    return not any(hasattr(finder, "find_distributions")
                   and not str(getattr(finder, "__module__", "")).startswith(standard)
                   for finder in sys.meta_path)
