"""Themes: finding a site's ``theme`` and the folders it supplies.

A theme is a folder holding any of ``_layouts``, ``_includes``, ``_sass``,
``assets``, ``_data`` and ``_config.yml``, like a Jekyll theme gem.  The
``theme`` setting names it; :func:`resolve_theme` looks, in order, for

1. a folder: the name as a path, relative to the site source or absolute,
   holding at least one of the parts above;
2. an installed Python distribution declaring the theme in the entry point group
   ``liquidpy_site.themes`` (entry point name = theme name; value = a module
   whose folder holds the theme, or a folder path, relative to the
   distribution's install location when not absolute);
3. an installed Ruby gem of that name (``GEM_HOME``, ``GEM_PATH``, ``~/.gem``,
   ``~/.local/share/gem`` and the system gem folders, e.g. Debian's
   ``/usr/share/rubygems-integration/all/gems``), highest version first.

How the build uses a theme (as Jekyll does): the site's own ``_layouts``,
``_includes``, ``_data`` and ``_sass`` come first and the theme's folders are
searched after them; the theme's ``_sass`` is the last Sass load path; every
file from :func:`theme_asset_files` is added to the site (as a page when it
starts with front matter, else as a static file) unless the site already has a
page, respectively static file, with the same relative path (``assets/...``);
the theme's ``_config.yml`` is merged under the site's configuration.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liquidpy_site.distributions import may_declare_entry_points
from liquidpy_site.errors import PluginError

if TYPE_CHECKING:
    from importlib import metadata

__all__ = [
    "ENTRY_POINT_GROUP",
    "Theme",
    "ThemeError",
    "gem_search_dirs",
    "resolve_theme",
    "theme_asset_files",
    "theme_from_config",
]

ENTRY_POINT_GROUP = "liquidpy_site.themes"
_RELEASE = re.compile(r"\d+(?:\.\d+)*")
_GEM_VERSION = re.compile(r"(\d[0-9A-Za-z.]*)(?:-[A-Za-z0-9_.-]+)?")


class ThemeError(PluginError):
    """A theme cannot be found or used.

    Attributes:
        hint: What the site's author can do about it (shown after the message).
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def describe(self) -> str:
        """Return the message followed by the hint, when there is one."""
        return self.message if not self.hint else f"{self.message}\n  {self.hint}"


@dataclass(frozen=True)
class Theme:
    """An installed theme.

    Attributes:
        name: The theme's name as configured (lower-cased for packages and gems).
        root: The theme's folder, with links resolved.
        dependencies: The runtime dependencies a gem theme declares, other than
            ``jekyll`` (for minima: ``jekyll-feed``, ``jekyll-seo-tag``).  Jekyll
            loads each of them as a plugin, as if listed under ``plugins``.
    """

    name: str
    root: Path
    dependencies: tuple[str, ...] = ()

    def _folder(self, name: str) -> Path | None:
        """``root/name`` resolved, when it is a folder that stays inside the theme."""
        try:
            root = self.root.resolve(strict=True)
            path = (root / name).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if root not in path.parents:
            return None
        return path if path.is_dir() else None

    @property
    def layouts_dir(self) -> Path | None:
        """The theme's ``_layouts`` folder, or None."""
        return self._folder("_layouts")

    @property
    def includes_dir(self) -> Path | None:
        """The theme's ``_includes`` folder, or None."""
        return self._folder("_includes")

    @property
    def sass_dir(self) -> Path | None:
        """The theme's ``_sass`` folder (the last Sass load path), or None."""
        return self._folder("_sass")

    @property
    def assets_dir(self) -> Path | None:
        """The theme's ``assets`` folder, or None."""
        return self._folder("assets")

    @property
    def data_dir(self) -> Path | None:
        """The theme's ``_data`` folder, or None."""
        return self._folder("_data")

    @property
    def config_file(self) -> Path | None:
        """The theme's ``_config.yml``, or None (also when it is a symbolic link)."""
        path = self.root / "_config.yml"
        return path if path.is_file() and not path.is_symlink() else None


def resolve_theme(name: str | None, source: Path, *,
                  gem_dirs: Iterable[Path] | None = None) -> Theme | None:
    """Find the theme called ``name``.

    Args:
        name: The ``theme`` setting; None or blank means no theme.
        source: The site source folder (relative theme folders start there).
        gem_dirs: Gem installation folders to search instead of
            :func:`gem_search_dirs` (each holding a ``gems/`` folder).

    Returns:
        The theme, or None when ``name`` is None or blank.

    Raises:
        ThemeError: No folder, Python package or gem provides the theme.
    """
    if name is None or not name.strip():
        return None
    given = name.strip()
    folder = _as_folder(given, source)
    if folder is not None:
        return Theme(given, folder)
    key = given.lower()
    root = _from_entry_point(key)
    if root is not None:
        return Theme(key, root)
    gem = _from_gems(key, gem_search_dirs() if gem_dirs is None else gem_dirs)
    if gem is None:
        raise ThemeError(
            f"The {key} theme could not be found.",
            f"Put the theme's folder in the site (theme: path/to/{key}), install a Python "
            f"package that declares it in the '{ENTRY_POINT_GROUP}' entry points, or "
            f"install the '{key}' Ruby gem.",
        )
    return Theme(key, gem.resolve(), _gem_dependencies(gem))


def theme_from_config(config: Mapping[str, Any], source: Path, *,
                      gem_dirs: Iterable[Path] | None = None) -> Theme | None:
    """Find the theme that a site configuration asks for.

    A ``theme`` that is not a string is ignored, as Jekyll does (with a warning).
    ``remote_theme`` cannot be honoured, since themes are never downloaded
    during a build: with the ``jekyll-remote-theme`` plugin enabled it is an error
    that says how to provide the theme; without the plugin Jekyll ignores the
    setting, and so does this function.

    Raises:
        ThemeError: The theme cannot be found, or a remote theme is requested.
    """
    remote = config.get("remote_theme")
    if remote and _plugin_enabled(config, "jekyll-remote-theme"):
        raise ThemeError(
            f"remote_theme '{remote}' cannot be used: themes are not downloaded during a build.",
            "Vendor the theme into the site (copy its _layouts, _includes, _sass and "
            "assets folders into the site, or set 'theme:' to the theme's folder) or "
            f"install it as a Python package declaring a '{ENTRY_POINT_GROUP}' entry "
            "point, then remove remote_theme.",
        )
    name = config.get("theme")
    return resolve_theme(name, source, gem_dirs=gem_dirs) if isinstance(name, str) else None


def _plugin_enabled(config: Mapping[str, Any], plugin: str) -> bool:
    for key in ("plugins", "gems"):
        value = config.get(key)
        names = value if isinstance(value, list) else [value]
        if plugin in names:
            return True
    return False


_THEME_PARTS = ("_layouts", "_includes", "_sass", "assets", "_data", "_config.yml")


def _as_folder(name: str, source: Path) -> Path | None:
    """The folder ``name`` (relative to ``source`` or absolute), if it holds a theme part."""
    path = Path(name).expanduser()
    if not path.is_absolute():
        path = Path(source) / path
    if not path.is_dir() or not any((path / part).exists() for part in _THEME_PARTS):
        return None
    return path.resolve()


def _from_entry_point(key: str) -> Path | None:
    if not may_declare_entry_points(ENTRY_POINT_GROUP):
        return None
    from importlib import metadata

    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if entry.name.strip().lower() == key:
            folder = _entry_point_folder(entry)
            if folder is not None:
                return folder
    return None


def _entry_point_folder(entry: metadata.EntryPoint) -> Path | None:
    value = entry.value.strip()
    if "/" in value or os.sep in value or value.startswith("."):
        path = Path(value)
        if not path.is_absolute() and entry.dist is not None:
            path = Path(str(entry.dist.locate_file(value)))
        return path.resolve() if path.is_dir() else None
    module = value.partition(":")[0].strip()
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0]).resolve()
    return Path(spec.origin).resolve().parent if spec.origin else None


def gem_search_dirs(environ: Mapping[str, str] | None = None,
                    home: Path | None = None) -> list[Path]:
    """The folders where Ruby gems may be installed on this machine.

    Args:
        environ: Environment variables (default ``os.environ``): ``GEM_HOME``, ``GEM_PATH``.
        home: The user's home folder (default: the current user's).

    Returns:
        Existing gem installation folders, each possibly holding ``gems/NAME-VERSION``.
    """
    env = os.environ if environ is None else environ
    user_home = Path.home() if home is None else home
    candidates: list[Path] = []
    for var in ("GEM_HOME", "GEM_PATH"):
        candidates += [Path(p) for p in env.get(var, "").split(os.pathsep) if p]
    patterns = [
        (user_home, ".gem/ruby/*"), (user_home, ".local/share/gem/ruby/*"),
        (Path("/var/lib"), "gems/*"), (Path("/usr/local/lib"), "ruby/gems/*"),
        (Path("/usr/lib"), "ruby/gems/*"), (Path("/usr/lib"), "*/ruby/gems/*"),
        (Path("/usr/share"), "rubygems-integration/*"),
        (Path("/usr/lib"), "*/rubygems-integration/*"),
    ]
    for base, pattern in patterns:
        candidates += sorted(base.glob(pattern))
    return [p for p in dict.fromkeys(candidates) if (p / "gems").is_dir()]


def _from_gems(key: str, gem_dirs: Iterable[Path]) -> Path | None:
    found: list[tuple[str, Path]] = []
    for gem_dir in gem_dirs:
        try:
            entries = list((Path(gem_dir) / "gems").iterdir())
        except OSError:
            continue
        for entry in entries:
            version = _gem_version(entry.name, key)
            if version is not None and entry.is_dir():
                found.append((version, entry))
    if not found:
        return None
    releases = [item for item in found if _RELEASE.fullmatch(item[0])]
    pool = releases or found
    return max(pool, key=lambda item: _version_key(item[0]))[1]


_DEPENDENCY = re.compile(r"""\.add_(runtime_)?dependency[\s(]+(?:%q<([^>]+)>|["']([^"']+)["'])""")


def _gem_dependencies(gem: Path) -> tuple[str, ...]:
    """Runtime dependencies from the gem's specification (``jekyll`` left out)."""
    for spec in (gem.parent.parent / "specifications" / f"{gem.name}.gemspec",
                 *sorted(gem.glob("*.gemspec"))):
        try:
            text = spec.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found = [(m.group(1), m.group(2) or m.group(3)) for m in _DEPENDENCY.finditer(text)]
        runtime = [name for kind, name in found if kind] or [name for _kind, name in found]
        return tuple(n for n in dict.fromkeys(runtime) if n != "jekyll")
    return ()


def _gem_version(folder: str, key: str) -> str | None:
    """The version in a gem folder name ``NAME-VERSION[-PLATFORM]``, if it is ``key``'s."""
    if not folder.lower().startswith(key + "-"):
        return None
    match = _GEM_VERSION.fullmatch(folder[len(key) + 1:])
    return match.group(1) if match else None


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    parts: list[tuple[int, int | str]] = [
        (1, int(p)) if p.isdigit() else (0, p) for p in re.findall(r"\d+|[A-Za-z]+", version)
    ]
    while parts and parts[-1] == (1, 0):
        parts.pop()
    return tuple(parts)


def theme_asset_files(theme: Theme) -> list[Path]:
    """The files of the theme's ``assets`` folder, in Jekyll's reading order.

    Symbolic links are skipped (Jekyll ignores them with a warning); the order is
    depth first with names sorted.  Each path is absolute; its path relative to
    ``theme.root`` (``assets/...``) is where the site gets it.
    """
    assets = theme.assets_dir
    return [] if assets is None else list(_walk(assets))


def _walk(folder: Path) -> Iterable[Path]:
    try:
        children = sorted(os.listdir(folder))
    except OSError:
        return
    for child in children:
        path = folder / child
        if path.is_symlink():
            continue
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path
