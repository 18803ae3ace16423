"""``markdown: CommonMark``: the jekyll-commonmark converter (1.4).

Jekyll's CommonMark converter parses with commonmarker, whose engine is
GitHub's C library cmark-gfm. The ``cmarkgfm`` package ships the same C
library (it is a dependency for that reason): parsing here is done by the very
code Jekyll runs, so the document tree, and with it the output, is exact. The
HTML is then written like commonmarker's Ruby renderer with the converter's
code-block override (see :mod:`._render`).

Configuration, as the converter reads it from ``_config.yml``::

    markdown: CommonMark          # the exact spelling; only "kramdown" ignores case
    commonmark:
      options: [SMART, UNSAFE, FOOTNOTES, HARDBREAKS, ...]   # any case
      extensions: [table, strikethrough, autolink, tagfilter, tasklist]

Nothing is on by default: plain CommonMark, raw HTML replaced by
``<!-- raw HTML omitted -->`` unless ``UNSAFE`` is given, no GFM extensions.
Unknown names are dropped with a warning. Headings get no ``id``. Fenced and
indented code is always highlighted with Rouge's classes (the ``highlighter``
setting is not consulted).

Other values of ``markdown`` (``GFM`` included, which only GitHub Pages maps to
its own converter) fail on the first conversion with Jekyll's message
``Invalid Markdown processor given: …``.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from liquidpy_site.errors import ConfigError
from liquidpy_site.rendering.converters import MarkdownConverter

__all__ = [
    "CommonMarkConverter",
    "InvalidMarkdownConverter",
    "commonmark_settings",
    "convert_commonmark",
    "markdown_converter",
    "setup",
]

log = logging.getLogger("liquidpy_site")

#: Option names (upper case) -> cmark bit, for parsing and for rendering.
PARSE_OPTIONS: dict[str, int] = {
    "DEFAULT": 0, "SOURCEPOS": 1 << 1, "UNSAFE": 1 << 17, "VALIDATE_UTF8": 1 << 9,
    "SMART": 1 << 10, "LIBERAL_HTML_TAG": 1 << 12, "FOOTNOTES": 1 << 13,
    "STRIKETHROUGH_DOUBLE_TILDE": 1 << 14,
}
RENDER_OPTIONS: dict[str, int] = {
    "DEFAULT": 0, "SOURCEPOS": 1 << 1, "HARDBREAKS": 1 << 2, "UNSAFE": 1 << 17,
    "NOBREAKS": 1 << 4, "VALIDATE_UTF8": 1 << 9, "SMART": 1 << 10,
    "GITHUB_PRE_LANG": 1 << 11, "LIBERAL_HTML_TAG": 1 << 12, "FOOTNOTES": 1 << 13,
    "STRIKETHROUGH_DOUBLE_TILDE": 1 << 14, "TABLE_PREFER_STYLE_ATTRIBUTES": 1 << 15,
    "FULL_INFO_STRING": 1 << 16,
}

#: The processor name that selects this converter (case-sensitive, as in Jekyll).
PROCESSOR_NAME = "CommonMark"


def _config_list(config: Mapping[str, Any], key: str) -> list[Any]:
    section = config.get("commonmark")
    if not isinstance(section, Mapping):
        return []
    value = section.get(key)
    return list(value) if isinstance(value, list) else []


def _validate(names: list[str], valid: list[str], kind: str) -> list[str]:
    kept = []
    for name in names:
        if name in valid:
            kept.append(name)
            continue
        log.warning("CommonMark: %s is not a valid %s", name, kind)
        log.info("Valid %ss: %s", kind, ", ".join(valid))
    return kept


def commonmark_settings(config: Mapping[str, Any]) -> tuple[int, int, list[str]]:
    """Read ``commonmark.options`` and ``commonmark.extensions``.

    A list with an entry that is not a string is ignored whole, as the
    converter does.

    Returns:
        ``(parse_option_bits, render_option_bits, extension_names)``.
    """
    raw_options = _config_list(config, "options")
    if not all(isinstance(item, str) for item in raw_options):
        raw_options = []
    valid_options = list(dict.fromkeys([*PARSE_OPTIONS, *RENDER_OPTIONS]))
    options = _validate([item.upper() for item in raw_options], valid_options, "option")
    raw_extensions = _config_list(config, "extensions")
    if not all(isinstance(item, str) for item in raw_extensions):
        raw_extensions = []
    from ._cmark import available_extensions  # cmark-gfm loads only for CommonMark sites

    extensions = _validate(raw_extensions, available_extensions(), "extension")
    parse_bits = _bits(options, PARSE_OPTIONS)
    render_bits = _bits(options, RENDER_OPTIONS)
    return parse_bits, render_bits, extensions


def _bits(names: list[str], table: Mapping[str, int]) -> int:
    bits = 0
    for name in names:
        bits |= table.get(name, 0)
    return bits


#: Python frames needed for deeply nested documents (Jekyll copes with ~500 levels).
_RECURSION_LIMIT = 12_000


@contextlib.contextmanager
def _deep_recursion() -> Iterator[None]:
    """Allow the tree walk to go as deep as the Ruby renderer does."""
    previous = sys.getrecursionlimit()
    if previous < _RECURSION_LIMIT:
        sys.setrecursionlimit(_RECURSION_LIMIT)
    try:
        yield
    finally:
        if previous < _RECURSION_LIMIT:
            sys.setrecursionlimit(previous)


def _convert(text: str, settings: tuple[int, int, list[str]]) -> str:
    parse_bits, render_bits, extensions = settings
    with _deep_recursion():
        from ._cmark import parse
        from ._render import render

        document = parse(text, parse_bits, extensions)
        return render(document, render_bits, tagfilter="tagfilter" in extensions)


def convert_commonmark(text: str, config: Mapping[str, Any] | None = None) -> str:
    """Convert ``text`` with the ``commonmark`` settings in ``config``."""
    return _convert(text, commonmark_settings(config or {}))


class CommonMarkConverter(MarkdownConverter):
    """The site's Markdown converter when ``markdown: CommonMark``.

    Args:
        config: The site configuration (``markdown_ext``, ``commonmark``).
        cache: Unused; conversions are fast enough not to be stored.
    """

    #: Conversions are not handed to worker processes.
    parallel = False

    def __init__(self, config: Mapping[str, Any], cache: Any = None) -> None:
        super().__init__(config, None)
        self._settings: tuple[int, int, list[str]] | None = None

    @property
    def pool(self) -> None:
        """Always None: worker processes only know kramdown."""
        return None

    @pool.setter
    def pool(self, value: Any) -> None:
        """Ignore a conversion pool."""

    def convert(self, text: str) -> str:
        """Markdown to HTML, as jekyll-commonmark does."""
        if self._settings is None:
            self._settings = commonmark_settings(self.config)
        return _convert(text, self._settings)

    def planned_options(self) -> dict[str, Any]:
        """The settings :meth:`convert` uses (``commonmark`` as configured)."""
        return {"markdown": PROCESSOR_NAME, "commonmark": self.config.get("commonmark")}

    def is_cached(self, text: str, options: Mapping[str, Any]) -> bool:
        """Never: conversions are not stored."""
        return False


class InvalidMarkdownConverter(MarkdownConverter):
    """Stands in for an unknown ``markdown`` processor; converting fails as in Jekyll.

    Jekyll only notices the bad name when it first converts Markdown, so a
    site without Markdown still builds.
    """

    parallel = False

    @property
    def pool(self) -> None:
        """Always None."""
        return None

    @pool.setter
    def pool(self, value: Any) -> None:
        """Ignore a conversion pool."""

    def convert(self, text: str) -> str:
        """Raise :class:`ConfigError` naming the processor."""
        name = self.config.get("markdown")
        raise ConfigError(f"Invalid Markdown processor given: {name}")

    def planned_options(self) -> dict[str, Any]:
        """No options: nothing can be converted."""
        return {}


def markdown_converter(config: Mapping[str, Any], cache: Any = None) -> MarkdownConverter:
    """The Markdown converter ``config["markdown"]`` selects.

    ``kramdown`` (any case, the default) gives the kramdown converter,
    ``CommonMark`` (exact case) :class:`CommonMarkConverter`, anything else
    :class:`InvalidMarkdownConverter`.
    """
    name = config.get("markdown")
    if name is None or str(name).lower() == "kramdown":
        return MarkdownConverter(config, cache)
    if str(name) == PROCESSOR_NAME:
        return CommonMarkConverter(config, cache)
    return InvalidMarkdownConverter(config, cache)


class _CommonMarkPlugin:
    """The ``jekyll-commonmark`` plugin: it only provides the converter above."""


def setup(site: Any) -> _CommonMarkPlugin:
    """Plugin entry point for ``plugins: [jekyll-commonmark]`` (nothing to register)."""
    return _CommonMarkPlugin()
