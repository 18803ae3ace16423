"""Markdown to HTML exactly as Jekyll 4.3's kramdown (GFM input) renders it.

Public interface::

    markdownify(text, options=None) -> str
    MarkdownConverter(options=None).convert(text) -> str

``options`` is the site's ``kramdown:`` mapping from ``_config.yml`` with the
site's top-level ``highlighter`` key merged in; missing keys take Jekyll's
defaults (see :class:`~liquidpy_site.markdown.options.KramdownOptions`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .converter import MarkdownConverter
    from .options import KramdownOptions

__all__ = ["MarkdownConverter", "KramdownOptions", "markdownify"]

_DEFAULT: MarkdownConverter | None = None


def __getattr__(name: str) -> Any:
    # The converter (and mistune) load when first used: the highlighter, which
    # lives in this package, is needed without them.
    if name == "MarkdownConverter":
        from .converter import MarkdownConverter

        return MarkdownConverter
    if name == "KramdownOptions":
        from .options import KramdownOptions

        return KramdownOptions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def markdownify(text: str, options: Mapping[str, Any] | None = None) -> str:
    """Convert Markdown ``text`` to HTML.

    Args:
        text: Markdown source (kramdown/GFM dialect).
        options: Site ``kramdown:`` options plus ``highlighter``; ``None`` for
            Jekyll's defaults.

    Returns:
        The HTML kramdown would produce.
    """
    global _DEFAULT
    from .converter import MarkdownConverter

    if options is None:
        if _DEFAULT is None:
            _DEFAULT = MarkdownConverter()
        return _DEFAULT.convert(text)
    return MarkdownConverter(options).convert(text)
