"""The Python plugin API: what ``_plugins/*.py`` and installed plugin packages use.

A plugin is a module with a ``register(api)`` function::

    # _plugins/reading_time.py
    def register(api):
        api.add_filter("reading_time", lambda text: f"{len(str(text).split()) // 200 + 1} min")
        api.hooks.register("posts", "pre_render", lambda post, payload: ...)
        api.add_generator(lambda site: ...)

Plugins are found in the site's ``plugins_dir`` (``_plugins``) and in installed
packages that declare an entry point in the group ``liquidpy_site.plugins``; an
entry point is loaded when the site names it under ``plugins:``, or always when
its name starts with ``liquidpy-``. ``--safe`` (or ``safe: true``) turns them off.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liquidpy_site.distributions import may_declare_entry_points
from liquidpy_site.errors import PluginError, SourceLocation
from liquidpy_site.hooks import Hooks

if TYPE_CHECKING:
    from liquidpy_site.site import Site

log = logging.getLogger("liquidpy_site")

ENTRY_POINT_GROUP = "liquidpy_site.plugins"


class PluginAPI:
    """What a plugin's ``register(api)`` may call.

    Attributes:
        site: The site being built (its ``config``, ``content`` and so on).
        hooks: Register functions for build events (see :mod:`liquidpy_site.hooks`).
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self.hooks: Hooks = site.hooks
        self.filters: dict[str, Callable[..., Any]] = {}
        self.tags: list[type] = []
        self.generators: list[Callable[[Site], None]] = []
        self.converters: list[Any] = []

    def add_filter(self, name: str, function: Callable[..., Any]) -> None:
        """Make ``{{ value | name: args }}`` call ``function(value, *args)``."""
        self.filters[name] = function

    def add_tag(self, tag: type) -> None:
        """Add a python-liquid ``Tag`` subclass (its ``name`` is the tag's name)."""
        self.tags.append(tag)

    def add_generator(self, generator: Callable[[Site], None]) -> None:
        """Run ``generator(site)`` after reading, before rendering (to add pages)."""
        self.generators.append(generator)

    def add_converter(self, converter: Any) -> None:
        """Add a converter: an object with ``matches(ext)``, ``output_ext(ext)``, ``convert(text)``."""
        self.converters.append(converter)

    # The plugin protocol of built-in plugins (see liquidpy_site.plugins).
    def register_liquid(self, env: Any) -> None:
        """Register the collected filters and tags with the site's Liquid environment."""
        for name, function in self.filters.items():
            env.add_filter(name, function)
        for tag in self.tags:
            env.add_tag(tag)

    def generate(self, site: Site) -> None:
        """Run the collected generators."""
        for generator in self.generators:
            generator(site)


def load_python_plugins(site: Site, names: list[str]) -> PluginAPI | None:
    """Load ``_plugins/*.py`` and entry-point plugins; ``None`` when there are none or in safe mode."""
    if site.config.get("safe"):
        return None
    modules = _local_modules(site) + _entry_point_modules(names)
    if not modules:
        return None
    api = PluginAPI(site)
    for label, module in modules:
        register = getattr(module, "register", None)
        if register is None:
            raise PluginError(f"Plugin {label} has no register(api) function.", SourceLocation(label))
        try:
            register(api)
        except PluginError:
            raise
        except Exception as err:  # noqa: BLE001 - name the plugin that failed
            raise PluginError(f"Plugin {label} failed: {type(err).__name__}: {err}",
                              SourceLocation(label)) from err
    return api


def _local_modules(site: Site) -> list[tuple[str, Any]]:
    folder = site.source / str(site.config.get("plugins_dir") or "_plugins")
    modules = []
    for path in sorted(folder.glob("*.py")) if folder.is_dir() else []:
        label = path.relative_to(site.source).as_posix()
        modules.append((label, _import_file(path, label)))
    return modules


def _import_file(path: Path, label: str) -> Any:
    name = f"liquidpy_site_local_plugin_{abs(hash(str(path)))}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"Cannot load plugin {label}", SourceLocation(label))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except SyntaxError as err:
        raise PluginError(f"Syntax error in plugin {label}: {err.msg}",
                          SourceLocation(label, err.lineno, err.offset)) from err
    except Exception as err:  # noqa: BLE001 - name the plugin that failed
        raise PluginError(f"Plugin {label} failed to load: {type(err).__name__}: {err}",
                          SourceLocation(label)) from err
    return module


def _entry_point_modules(names: list[str]) -> list[tuple[str, Any]]:
    modules = []
    for entry in _entry_points():
        if entry.name in names or entry.name.startswith("liquidpy-"):
            modules.append((f"{entry.name} ({entry.value})", entry.load()))
    return modules


def entry_point_names() -> set[str]:
    """Names of the installed entry-point plugins."""
    return {entry.name for entry in _entry_points()}


def _entry_points() -> list[Any]:
    """The entry points of the plugin group (looked up only when a package may declare some)."""
    if not may_declare_entry_points(ENTRY_POINT_GROUP):
        return []
    from importlib import metadata

    return list(metadata.entry_points(group=ENTRY_POINT_GROUP))
