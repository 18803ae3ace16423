"""Modules python-liquid imports up front but a build seldom uses, loaded on first use.

python-liquid imports ``asyncio`` (for its async loaders), ``dateutil.parser``
(for the ``date`` filter's free-form dates), Babel's number, unit and date
formatting (for its optional filters) and ``importlib_resources`` (for its
package loader) when it is imported. Together they are
about a sixth of the command's start-up, and most builds never touch them. While
:func:`deferring` is active, such a module is registered at once but only run
when one of its attributes is first read, as :class:`importlib.util.LazyLoader`
does; unlike that loader, reading the attributes the import system itself
reads (``__spec__``, ``__name__``…) does not run it, so importing it a second
time keeps it deferred.

A module that is already imported, or imported by the host program before
liquidpy, is left as it is.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
import threading
import types
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import importlib.abc
    import importlib.machinery

LIQUID_EXTRAS = ("asyncio", "dateutil.parser", "babel.numbers", "babel.units", "babel.dates",
                 "importlib_resources")
"""What :mod:`liquid` imports without needing it to be ready."""

_IMPORT_SYSTEM_NAMES = frozenset({
    "__class__", "__name__", "__spec__", "__loader__", "__package__", "__file__", "__cached__",
})


class _DeferredModule(types.ModuleType):
    """A module whose code has not run yet; it runs when an attribute is first read."""

    def __getattribute__(self, name: str) -> object:
        if name in _IMPORT_SYSTEM_NAMES:
            return object.__getattribute__(self, name)
        _run_deferred(self)
        return getattr(self, name)

    def __setattr__(self, name: str, value: object) -> None:
        if name not in _IMPORT_SYSTEM_NAMES:
            _run_deferred(self)
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        _run_deferred(self)
        delattr(self, name)


_RUN_LOCK = threading.RLock()


def _run_deferred(module: types.ModuleType) -> None:
    """Run a deferred module's code now (once, even when several threads ask)."""
    with _RUN_LOCK:
        if object.__getattribute__(module, "__class__") is not _DeferredModule:
            return
        object.__setattr__(module, "__class__", types.ModuleType)
        module.__spec__.loader.exec_module(module)


class _DeferringLoader:  # a loader by protocol: importlib.abc itself is slow to import
    """Creates the module as its real loader would, but leaves its code for later."""

    def __init__(self, real_loader: importlib.abc.Loader) -> None:
        self.real_loader = real_loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self.real_loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        module.__spec__.loader = module.__loader__ = self.real_loader
        module.__class__ = _DeferredModule


class _DeferringFinder:  # a meta path finder by protocol
    def __init__(self, names: Sequence[str]) -> None:
        self.names = frozenset(names)

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: types.ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        spec = _find_elsewhere(self, fullname)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None
        spec.loader = _DeferringLoader(spec.loader)
        return spec


def _find_elsewhere(finder: _DeferringFinder, fullname: str) -> importlib.machinery.ModuleSpec | None:
    """The spec the other finders give ``fullname``."""
    position = sys.meta_path.index(finder)
    del sys.meta_path[position]
    try:
        return importlib.util.find_spec(fullname)
    finally:
        sys.meta_path.insert(position, finder)


@contextlib.contextmanager
def deferring(names: Sequence[str] = LIQUID_EXTRAS) -> Iterator[None]:
    """Defer running the named modules that are first imported inside this block."""
    finder = _DeferringFinder(names)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
