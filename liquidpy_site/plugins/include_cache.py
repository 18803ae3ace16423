"""The ``jekyll-include-cache`` equivalent: ``{% include_cached %}``.

``{% include_cached file.html param=value %}`` is ``include`` whose output is
kept for the rest of the build: a later ``include_cached`` of the same file
with equal parameter values gives the first output again, whatever the page.
Parameters are compared by value, in name order, without their names; drops
(pages, documents, the site) compare by identity. The cache is emptied when
rendering starts.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from liquidpy_site.rendering.drops import Drop
from liquidpy_site.rendering.tags.include import REGISTERS, IncludeNode, IncludeTag

if TYPE_CHECKING:
    from liquid import Environment, RenderContext
    from liquid.ast import Node
    from liquid.stream import TokenStream

    from liquidpy_site.site import Site

CacheKey = tuple[str, Any]


class IncludeCache:
    """Rendered includes by file and parameter values, for one build."""

    def __init__(self) -> None:
        self.outputs: dict[CacheKey, str] = {}
        self._kept: list[Any] = []

    def clear(self, *_: Any) -> None:
        """Forget every output (rendering starts)."""
        self.outputs.clear()
        self._kept.clear()

    def keep(self, values: list[Any]) -> None:
        """Hold on to values whose identity is part of a key."""
        self._kept.extend(values)


def setup(site: Site) -> IncludeCachePlugin:
    """The plugin object for ``site``; the cache empties at each render."""
    plugin = IncludeCachePlugin()
    site.hooks.register("site", "pre_render", plugin.cache.clear)
    return plugin


class IncludeCachePlugin:
    """Adds the ``include_cached`` tag."""

    def __init__(self) -> None:
        self.cache = IncludeCache()

    def register_liquid(self, env: Environment) -> None:
        """Add ``include_cached``, sharing this plugin's cache."""
        env.add_tag(CachedIncludeTag)
        env.tags[CachedIncludeTag.name].cache = self.cache  # type: ignore[attr-defined]


class CachedIncludeTag(IncludeTag):
    """``{% include_cached file.html param=value %}``."""

    name = sys.intern("include_cached")
    cache: IncludeCache | None = None

    def parse(self, stream: TokenStream) -> Node:
        """Parse as ``include`` does; the node renders through the cache."""
        node = super().parse(stream)
        assert isinstance(node, IncludeNode)
        return CachedIncludeNode(node.token, node.file_markup, node.params_markup,
                                 self.cache or IncludeCache())


class CachedIncludeNode(IncludeNode):
    """An ``include_cached`` tag: renders once per file and parameter values."""

    __slots__ = ("cache",)

    def __init__(self, token: Any, file_markup: str, params_markup: str | None,
                 cache: IncludeCache) -> None:
        super().__init__(token, file_markup, params_markup, False)
        self.cache = cache

    def __str__(self) -> str:
        return f"{{% include_cached {self.file_markup} {self.params_markup or ''} %}}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """The cached output, else the include's output (then cached)."""
        path = self._locate(context, self._file_name(context))
        values = self._params(context) if self.params_markup is not None else None
        key = (str(path), None if values is None else _values_key(values))
        output = self.cache.outputs.get(key)
        if output is None:
            inner = StringIO()
            super().render_to_output(context, inner)
            output = inner.getvalue()
            self.cache.outputs[key] = output
            self.cache.keep(list((values or {}).values()))
        else:
            site = (context.tag_namespace.get(REGISTERS) or {}).get("site")
            if site is not None:
                site.note_file(path)
        buffer.write(output)
        return True

    def _locate(self, context: RenderContext, file_name: str) -> Path:
        registers = context.tag_namespace.get(REGISTERS) or {}
        for folder in self._include_dirs(context, registers):
            if (folder / file_name).is_file():
                return folder / file_name
        self._load(context, file_name)  # raises the include tag's "could not locate" error
        raise AssertionError("unreachable")


def _values_key(params: Mapping[str, Any]) -> tuple[Any, ...]:
    """The parameter values in name order (names are not part of the key)."""
    return tuple(value_key(params[name]) for name in sorted(params))


def value_key(value: Any) -> Any:
    """A key equal for values Ruby's ``hash`` treats as equal; drops by identity."""
    if isinstance(value, Drop):
        return ("drop", id(value))
    if value is None or isinstance(value, bool):
        return ("atom", value)
    if isinstance(value, int):
        return ("int", value)
    if isinstance(value, (float, Decimal)):
        return ("float", float(value))
    if isinstance(value, str):
        return ("str", value)
    if isinstance(value, (dt.datetime, dt.date)):
        return ("time", value.isoformat())
    if isinstance(value, Mapping):
        return ("hash", frozenset((value_key(k), value_key(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("array", tuple(value_key(v) for v in value))
    return ("object", id(value))
