"""Front matter defaults: the ``defaults`` option, by path scope and type."""

from __future__ import annotations

import glob
import os
from collections.abc import Mapping, Sequence
from typing import Any

from liquidpy_site.config import deep_merge


class FrontMatterDefaults:
    """Finds the default values that apply to a file.

    Args:
        source: Absolute path of the site source.
        defaults: The ``defaults`` option: a list of ``{scope: {path, type}, values}``.
        collections_dir: The ``collections_dir`` option, stripped from scope paths.
    """

    def __init__(self, source: str, defaults: Sequence[Mapping[str, Any]] | None,
                 collections_dir: str = "") -> None:
        self.source = source
        self.collections_dir = collections_dir.strip("/")
        self.sets = [d for d in (defaults or []) if isinstance(d, Mapping) and _valid(d)]
        self._glob_cache: dict[str, list[str]] = {}

    def all(self, relative_path: str, kind: str) -> dict[str, Any]:
        """Return the merged default values for a file.

        Args:
            relative_path: The file's path relative to the source.
            kind: ``pages``, ``posts``, ``drafts`` or a collection label.
        """
        merged: dict[str, Any] = {}
        old_scope: Mapping[str, Any] | None = None
        path = self._sanitize(relative_path)
        for entry in self.sets:
            scope = entry.get("scope") or {}
            if not (self._applies_path(scope, path) and _applies_type(scope, kind)):
                continue
            values = entry.get("values") or {}
            if self._has_precedence(old_scope, scope):
                merged = deep_merge(merged, values)
                old_scope = scope
            else:
                merged = deep_merge(values, merged)
        return merged

    def _sanitize(self, path: str | None) -> str:
        path = (path or "").lstrip("/")
        if path.startswith(self.source.lstrip("/")):
            path = path[len(self.source.lstrip("/")):].lstrip("/")
        return path

    def _strip_collections_dir(self, path: str) -> str:
        if self.collections_dir and path.startswith(self.collections_dir + "/"):
            return path[len(self.collections_dir) + 1:]
        return path

    def _applies_path(self, scope: Mapping[str, Any], path: str) -> bool:
        scope_path = scope.get("path")
        if not isinstance(scope_path, str) or not scope_path:
            return True
        path = self._strip_collections_dir(path)
        if "*" in scope_path:
            return any(path.startswith(p) for p in self._glob(scope_path))
        # The scope path is compared as written: "/docs" matches nothing.
        return path.startswith(self._strip_collections_dir(scope_path))

    def _glob(self, pattern: str) -> list[str]:
        if pattern not in self._glob_cache:
            found = glob.glob(os.path.join(self.source, pattern), recursive=True)
            self._glob_cache[pattern] = [
                self._strip_collections_dir(os.path.relpath(p, self.source)) for p in found
            ]
        return self._glob_cache[pattern]

    def _has_precedence(self, old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> bool:
        if old is None:
            return True
        new_path = self._sanitize(new.get("path") if isinstance(new.get("path"), str) else "")
        old_path = self._sanitize(old.get("path") if isinstance(old.get("path"), str) else "")
        if len(new_path) != len(old_path):
            return len(new_path) >= len(old_path)
        if "type" in new:
            return True
        return "type" not in old


def _valid(entry: Mapping[str, Any]) -> bool:
    return isinstance(entry.get("values"), Mapping)


def _applies_type(scope: Mapping[str, Any], kind: str) -> bool:
    if "type" not in scope:
        return True
    wanted = str(scope["type"])
    return wanted == kind or (kind == "drafts" and wanted == "posts")
