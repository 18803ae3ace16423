"""What every recorded output depends on besides the files it reads.

A build reuses an item's recorded output only under the same fingerprint: the
configuration as far as it shapes the output, the environment templates and
plugins may read, the site's Python plugins, and the code that renders.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from liquidpy_site.cache import digest, file_fingerprints
from liquidpy_site.distributions import folder_versions, normalised_name

RUN_OPTIONS = frozenset({"incremental", "disable_disk_cache", "quiet", "verbose", "profile",
                         "jobs", "watch", "livereload", "open_url", "detach"})
"""Options that change how a build runs, never what it writes."""


def output_digest(config: Mapping[str, Any]) -> str:
    """A fingerprint of the configuration as far as it shapes the output."""
    shaping = {key: value for key, value in config.items() if key not in RUN_OPTIONS}
    return digest(json.dumps(shaping, sort_keys=True, default=str))


_ENVIRONMENT_PREFIXES = ("JEKYLL_", "PAGES_", "GITHUB_", "LIQUIDPY_")
"""Environment variables templates and plugins may read (``jekyll.environment``, metadata)."""

_LIBRARIES = ("python-liquid", "mistune", "Pygments", "libsass", "cmarkgfm")


def build_fingerprint(config: Mapping[str, Any]) -> str:
    """What every output depends on besides the files it reads.

    The configuration as far as it shapes the output, the environment (time zone,
    ``JEKYLL_ENV`` and the like), the site's Python plugins and the code that
    renders: the project's own files and the versions of the libraries it uses.
    A recorded output is reused only under the same fingerprint.
    """
    environment = sorted((k, v) for k, v in os.environ.items()
                         if k == "TZ" or k.startswith(_ENVIRONMENT_PREFIXES))
    source = Path(str(config.get("source") or "."))
    plugins = source / str(config.get("plugins_dir") or "_plugins")
    code = sorted(Path(__file__).parent.rglob("*.py"))  # the project's own files
    if plugins.is_dir():
        code += sorted(plugins.glob("*.py"))
    prints = file_fingerprints(str(path) for path in code)
    return digest(output_digest(config), json.dumps(environment), json.dumps(prints, sort_keys=True),
                  *_library_versions())


@functools.cache
def _library_versions() -> tuple[str, ...]:
    """``name=version`` for each library that shapes the output (``-`` when it is missing)."""
    versions = folder_versions()
    missing = [name for name in _LIBRARIES if normalised_name(name) not in versions]
    if missing:  # installed in a way that left no ``*.dist-info`` folder on the path
        versions.update(_versions_from_metadata(missing))
    return tuple(f"{name}={versions.get(normalised_name(name), '-')}" for name in _LIBRARIES)


def _versions_from_metadata(names: list[str]) -> dict[str, str]:
    from importlib import metadata

    versions: dict[str, str] = {}
    for name in names:
        try:
            versions[normalised_name(name)] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions
