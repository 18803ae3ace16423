"""Modules python-liquid imports up front but a build seldom uses, loaded on first use.

python-liquid imports ``asyncio`` (for its async loaders), ``dateutil.parser``
(for the ``date`` filter's free-form dates), Babel's number, unit and date
formatting (for its optional filters) and message catalogs (for its translation
tags), ``importlib_resources`` (for its
package loader) and its own extra tags and filters when it is imported. Together
they are about a fifth of the command's start-up, and most builds never touch them. While
:func:`deferring` is active, such a module is registered at once but only run
when one of its attributes is first read, as :class:`importlib.util.LazyLoader`
does; unlike that loader, reading the attributes the import system itself
reads (``__spec__``, ``__name__``, ``__path__``…) does not run it, so importing
it a second time keeps it deferred. A function that is imported from such a
module by name can be given a stand-in, which runs the module when it is called.

A module that is already imported, or imported by the host program before
liquidpy, is left as it is.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import sys
import threading
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import importlib.abc
    import importlib.machinery

LIQUID_EXTRAS = ("asyncio", "dateutil.parser", "babel.numbers", "babel.units", "babel.dates",
                 "babel.messages", "importlib_resources", "liquid.extra")
"""What :mod:`liquid` imports without needing it to be ready."""

LIQUID_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "liquid.extra": ("add_tags_and_filters",),
    "babel.messages": ("Catalog",),
}
"""Functions of those modules that :mod:`liquid` imports by name: ``from liquid.extra
import add_tags_and_filters`` gets a stand-in that runs the module when it is called
(python-liquid calls it only for an environment made with ``extra=True``), and so
does ``from babel.messages import Catalog``, which it calls only to read translation
files (Babel's message catalogs look the local time zone up when imported, through
every zone file of pytz)."""

LIQUID_PATTERNS = (r"[\u0080-\uFFFFa-zA-Z_][\u0080-\uFFFFa-zA-Z0-9_-]*",)
"""Regular expressions :mod:`liquid` compiles when imported but uses only to print a
variable's path (in messages): the character range makes compiling it take about
10 ms, a tenth of the command's start-up."""

_IMPORT_SYSTEM_NAMES = frozenset({
    "__class__", "__name__", "__spec__", "__loader__", "__package__", "__file__", "__cached__",
    "__path__",
})


class _DeferredModule(types.ModuleType):
    """A module whose code has not run yet; it runs when an attribute is first read."""

    def __getattribute__(self, name: str) -> object:
        if name in _IMPORT_SYSTEM_NAMES or name in object.__getattribute__(self, _STAND_INS):
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


_STAND_INS = "__liquidpy_stand_ins__"
"""The module attribute naming a deferred module's stand-in functions."""


def _stand_in(module: types.ModuleType, name: str) -> Callable[..., Any]:
    def run_then_call(*args: Any, **kwargs: Any) -> Any:
        _run_deferred(module)
        return getattr(module, name)(*args, **kwargs)

    run_then_call.__name__ = run_then_call.__qualname__ = name
    return run_then_call


_RUN_LOCK = threading.RLock()


def _run_deferred(module: types.ModuleType) -> None:
    """Run a deferred module's code now (once, even when several threads ask)."""
    with _RUN_LOCK:
        if object.__getattribute__(module, "__class__") is not _DeferredModule:
            return
        object.__setattr__(module, "__class__", types.ModuleType)
        for name in module.__dict__.pop(_STAND_INS, ()):
            del module.__dict__[name]  # the module's code defines the real one
        module.__spec__.loader.exec_module(module)


class _DeferringLoader:  # a loader by protocol: importlib.abc itself is slow to import
    """Creates the module as its real loader would, but leaves its code for later."""

    def __init__(self, real_loader: importlib.abc.Loader, functions: Sequence[str] = ()) -> None:
        self.real_loader = real_loader
        self.functions = tuple(functions)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self.real_loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        module.__spec__.loader = module.__loader__ = self.real_loader
        module.__dict__[_STAND_INS] = frozenset(self.functions)
        for name in self.functions:
            module.__dict__[name] = _stand_in(module, name)
        module.__class__ = _DeferredModule


class _DeferringFinder:  # a meta path finder by protocol
    def __init__(self, names: Sequence[str], functions: Mapping[str, Sequence[str]]) -> None:
        self.names = frozenset(names)
        self.functions = functions

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: types.ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        spec = _find_elsewhere(self, fullname)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None
        spec.loader = _DeferringLoader(spec.loader, self.functions.get(fullname, ()))
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
def deferring(names: Sequence[str] = LIQUID_EXTRAS,
              functions: Mapping[str, Sequence[str]] = LIQUID_FUNCTIONS) -> Iterator[None]:
    """Defer running the named modules that are first imported inside this block.

    ``functions``: for a module, the functions that may be read from it without
    running it (each is a stand-in that runs the module when called).
    """
    finder = _DeferringFinder(names, functions)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


class _PatternOnFirstUse:
    """Stands for ``re.compile(pattern)``, compiled when first used.

    An attribute read from the compiled pattern is kept on the stand-in, so that
    reading it again (``fullmatch``, for each undefined variable's message) is
    as quick as on the pattern itself.
    """

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:  # only for what the stand-in does not hold yet
        if self._compiled is None:
            self._compiled = _REAL_COMPILE(self._pattern)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value


_REAL_COMPILE = re.compile


@contextlib.contextmanager
def compiling_on_first_use(patterns: Sequence[str] = LIQUID_PATTERNS) -> Iterator[None]:
    """Inside this block, ``re.compile`` of one of ``patterns`` (without flags) gives a
    stand-in that compiles it when first used."""
    names = frozenset(patterns)

    def compile_later(pattern: Any, flags: int = 0) -> Any:
        if flags == 0 and isinstance(pattern, str) and pattern in names:
            return _PatternOnFirstUse(pattern)
        return _REAL_COMPILE(pattern, flags)

    re.compile = compile_later  # type: ignore[assignment]
    try:
        yield
    finally:
        re.compile = _REAL_COMPILE
