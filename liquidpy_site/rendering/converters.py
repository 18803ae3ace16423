"""Converters: Markdown to HTML, Sass to CSS, and the identity for the rest."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from liquidpy_site.cache import BuildCache, digest
from liquidpy_site.rendering.parallel import ConversionPool, options_key


class Converter(Protocol):
    """Turns a source text of some extensions into output text."""

    def matches(self, ext: str) -> bool:
        """Whether this converter handles files with extension ``ext`` (with its dot)."""

    def output_ext(self, ext: str) -> str:
        """The output extension for a source extension."""

    def convert(self, text: str) -> str:
        """Convert the text."""


class IdentityConverter:
    """Leaves the text as it is; the output keeps the source extension."""

    def matches(self, ext: str) -> bool:
        """Matches every extension."""
        return True

    def output_ext(self, ext: str) -> str:
        """The source extension."""
        return ext

    def convert(self, text: str) -> str:
        """The text unchanged."""
        return text


CACHED_FROM = 40
"""Conversions of texts this long and longer are kept in the persistent cache."""


class MarkdownConverter:
    """Markdown (``markdown_ext``) to HTML with the site's kramdown options.

    Args:
        config: The site configuration (``markdown_ext``, ``kramdown``, ``highlighter``).
    """

    def __init__(self, config: Mapping[str, Any], cache: BuildCache | None = None) -> None:
        extensions = str(config.get("markdown_ext") or "").split(",")
        self.extensions = {"." + e.strip().lower() for e in extensions if e.strip()}
        self.config = config
        self.cache = cache
        self._convert: Callable[[str], str] | None = None
        self._options: dict[str, Any] | None = None
        self._options_key = ""
        self.pool: ConversionPool | None = None

    def matches(self, ext: str) -> bool:
        """Whether ``ext`` is one of the site's Markdown extensions."""
        return ext.lower() in self.extensions

    def output_ext(self, ext: str) -> str:
        """Always ``.html``."""
        return ".html"

    def has_converted(self) -> bool:
        """Whether a conversion has happened (and so completed ``site.kramdown``)."""
        return self._options is not None

    def complete_options(self) -> None:
        """Complete ``site.kramdown`` as the first conversion does (once)."""
        if self._options is None:
            self._options = {**self._setup_kramdown_config(), "highlighter": self.config.get("highlighter")}
            self._options_key = options_key(self._options)

    def _load(self) -> Callable[[str], str]:
        if self._convert is None:
            from liquidpy_site.markdown import MarkdownConverter as Kramdown

            self._convert = Kramdown(self._options).convert
        return self._convert

    def convert(self, text: str) -> str:
        """Markdown to HTML, as kramdown does."""
        # Completing site.kramdown happens on the first conversion, cached or not.
        self.complete_options()
        cacheable = self.cache is not None and len(text) >= CACHED_FROM
        key = digest(self._options_key, text) if cacheable else ""
        if cacheable:
            html = self.cache.markdown(key)
            if html is not None:
                return html
        html = self.pool.take(text, self._options_key) if self.pool is not None else None
        if html is None:
            html = self._load()(text)  # the converter loads only when something is not cached
        if cacheable:
            self.cache.store_markdown(key, html)
        return html

    def planned_options(self) -> dict[str, Any]:
        """The options :meth:`convert` will use, without completing ``site.kramdown`` yet."""
        config = dict(self.config)
        kramdown = config.get("kramdown")
        config["kramdown"] = copy.deepcopy(kramdown) if isinstance(kramdown, dict) else {}
        planned = MarkdownConverter(config)
        return {**planned._setup_kramdown_config(), "highlighter": config.get("highlighter")}

    def is_cached(self, text: str, options: Mapping[str, Any]) -> bool:
        """Whether the persistent cache already holds the conversion of ``text``."""
        if self.cache is None or len(text) < CACHED_FROM:
            return False
        return self.cache.has_markdown(digest(options_key(options), text))

    def _setup_kramdown_config(self) -> dict[str, Any]:
        """Fill in the ``kramdown`` options as Jekyll does on first use.

        Jekyll completes ``site.kramdown`` (``syntax_highlighter`` and its options)
        the first time Markdown is converted, and templates can see that.
        """
        kramdown = self.config.get("kramdown")
        if not isinstance(kramdown, dict):
            kramdown = {}
            if isinstance(self.config, dict):
                self.config["kramdown"] = kramdown
        if not kramdown.get("syntax_highlighter"):
            kramdown["syntax_highlighter"] = self.config.get("highlighter") or "rouge"
        opts = kramdown.get("syntax_highlighter_opts")
        if not isinstance(opts, dict):
            opts = kramdown["syntax_highlighter_opts"] = {}
        opts.setdefault("default_lang", "plaintext")
        opts["guess_lang"] = kramdown.get("guess_lang")
        kramdown.setdefault("coderay", {})
        return kramdown


class SassConverter:
    """``.scss`` and ``.sass`` pages to CSS.

    Args:
        compile_text: Compiles one stylesheet: ``(text, ext) -> css``.
    """

    def __init__(self, compile_text: Callable[[str, str], str]) -> None:
        self.compile_text = compile_text
        self.current_ext = ".scss"

    def matches(self, ext: str) -> bool:
        """``.scss`` or ``.sass``."""
        return ext.lower() in (".scss", ".sass")

    def output_ext(self, ext: str) -> str:
        """Always ``.css``."""
        return ".css"

    def convert(self, text: str) -> str:
        """Compile the stylesheet."""
        return self.compile_text(text, self.current_ext)


def find_converter(converters: list[Any], ext: str) -> Any:
    """The first converter that matches ``ext`` (the identity matches everything)."""
    for converter in converters:
        if converter.matches(ext):
            return converter
    return IdentityConverter()
