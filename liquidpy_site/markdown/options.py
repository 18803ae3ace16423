"""Converter options: Jekyll's kramdown defaults merged with a site's config.

The converter is configured once per site with a plain mapping, the
``kramdown:`` section of ``_config.yml`` plus the site's top-level
``highlighter`` key.  :func:`KramdownOptions.from_mapping` merges that mapping
over Jekyll's defaults and freezes the result, so one converter always
renders with the same options and its cache can be keyed by text alone.

Options changed inside a document with ``{::options ... /}`` never touch the
frozen object: the parser works on a mutable copy (:meth:`KramdownOptions.as_dict`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

#: Smart quote entity names used when none are configured.
DEFAULT_SMART_QUOTES = ("lsquo", "rsquo", "ldquo", "rdquo")


def _as_bool(value: Any, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "no", "off", "0", "")
    return bool(value)


def parse_toc_levels(value: Any) -> tuple[int, ...]:
    """Parse ``toc_levels`` given as ``"1..6"``, ``"2,3"`` or a sequence."""
    if value is None:
        return tuple(range(1, 7))
    if isinstance(value, str):
        span = re.fullmatch(r"\s*(\d)\s*\.\.\s*(\d)\s*", value)
        if span:
            return tuple(range(int(span.group(1)), int(span.group(2)) + 1))
        return tuple(int(part) for part in re.split(r"[\s,]+", value.strip()) if part)
    if isinstance(value, range):
        return tuple(value)
    return tuple(int(v) for v in value)


def parse_smart_quotes(value: Any) -> tuple[str, str, str, str]:
    """Parse ``smart_quotes`` given as a comma separated string or a sequence."""
    if value is None:
        return DEFAULT_SMART_QUOTES
    parts = [p.strip() for p in value.split(",")] if isinstance(value, str) else [str(v) for v in value]
    if len(parts) != 4:
        return DEFAULT_SMART_QUOTES
    return (parts[0], parts[1], parts[2], parts[3])


def _highlighter(value: Any) -> str | None:
    if value is None or str(value).lower() in ("none", "null", "false", ""):
        return None
    return str(value)


@dataclass(frozen=True)
class KramdownOptions:
    """Frozen converter options (kramdown option names, Jekyll defaults).

    Attributes:
        auto_ids: Generate header ids.
        auto_id_prefix: Prefix for generated ids.
        auto_id_stripping: Kept for completeness; GFM input always strips.
        transliterated_header_ids: Transliterate ids to ASCII (kramdown input only).
        smart_quotes: Entity names for left/right single and double quotes.
        hard_wrap: Turn every newline inside a paragraph into ``<br />``.
        input: Input dialect name (``GFM`` or ``kramdown``).
        entity_output: ``as_char``, ``as_input``, ``numeric`` or ``symbolic``.
        toc_levels: Header levels that go into a ``{:toc}``.
        footnote_nr: Number of the first footnote.
        footnote_backlink: Raw HTML of a footnote's back-link.
        footnote_backlink_inline: Put the back-link inside the last block.
        parse_block_html: Parse Markdown inside block HTML tags.
        parse_span_html: Parse Markdown inside span HTML tags.
        math_engine: Math engine name (``mathjax`` or ``None``).
        syntax_highlighter: kramdown syntax highlighter (``rouge`` or ``None``).
        syntax_highlighter_opts: Options handed to the highlighter.
        guess_lang: Whether the highlighter may guess a language.
        highlighter: Jekyll's site-level ``highlighter`` (``None`` disables).
        header_offset: Added to every header level on output.
        typographic_symbols: Overrides for typographic symbol output.
        footnote_prefix: Prefix for footnote ids.
        link_defs: Predefined link definitions (id to ``[url, title]``).
        remove_line_breaks_for_cjk: Drop newlines between CJK characters.
    """

    auto_ids: bool = True
    auto_id_prefix: str = ""
    auto_id_stripping: bool = False
    transliterated_header_ids: bool = False
    smart_quotes: tuple[str, str, str, str] = DEFAULT_SMART_QUOTES
    hard_wrap: bool = False
    input: str = "GFM"
    entity_output: str = "as_char"
    toc_levels: tuple[int, ...] = tuple(range(1, 7))
    footnote_nr: int = 1
    footnote_backlink: str = "&#8617;"
    footnote_backlink_inline: bool = False
    parse_block_html: bool = False
    parse_span_html: bool = True
    math_engine: str | None = "mathjax"
    syntax_highlighter: str | None = "rouge"
    syntax_highlighter_opts: Mapping[str, Any] = field(default_factory=dict)
    guess_lang: bool = True
    highlighter: str | None = "rouge"
    header_offset: int = 0
    typographic_symbols: Mapping[str, str] = field(default_factory=dict)
    footnote_prefix: str = ""
    link_defs: Mapping[str, Any] = field(default_factory=dict)
    remove_line_breaks_for_cjk: bool = False

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any] | None) -> KramdownOptions:
        """Build options from a ``kramdown:`` mapping plus ``highlighter``.

        Args:
            options: The ``kramdown:`` mapping plus ``highlighter``; a mapping
                with a nested ``kramdown`` key (a whole site config) is
                accepted too. Unknown keys are ignored.

        Returns:
            The frozen options with Jekyll's defaults for missing keys.
        """
        opts = dict(options or {})
        nested = opts.pop("kramdown", None)
        if isinstance(nested, Mapping):  # a whole site config was passed
            opts = {**opts, **nested}
        base = cls()
        highlighter = _highlighter(opts.get("highlighter", base.highlighter))
        syntax = opts["syntax_highlighter"] if opts.get("syntax_highlighter") else highlighter
        return cls(
            auto_ids=_as_bool(opts.get("auto_ids"), base.auto_ids),
            auto_id_prefix=str(opts.get("auto_id_prefix") or ""),
            auto_id_stripping=_as_bool(opts.get("auto_id_stripping"), False),
            transliterated_header_ids=_as_bool(opts.get("transliterated_header_ids"), False),
            smart_quotes=parse_smart_quotes(opts.get("smart_quotes")),
            hard_wrap=_as_bool(opts.get("hard_wrap"), base.hard_wrap),
            input=str(opts.get("input") or base.input),
            entity_output=str(opts.get("entity_output") or base.entity_output),
            toc_levels=parse_toc_levels(opts.get("toc_levels")),
            footnote_nr=int(opts.get("footnote_nr") or 1),
            footnote_backlink=str(opts.get("footnote_backlink", base.footnote_backlink) or ""),
            footnote_backlink_inline=_as_bool(opts.get("footnote_backlink_inline"), False),
            parse_block_html=_as_bool(opts.get("parse_block_html"), False),
            parse_span_html=_as_bool(opts.get("parse_span_html"), True),
            math_engine=_highlighter(opts.get("math_engine", base.math_engine)),
            syntax_highlighter=_highlighter(syntax) if syntax == "rouge" else None,
            syntax_highlighter_opts=dict(opts.get("syntax_highlighter_opts") or {}),
            guess_lang=_as_bool(opts.get("guess_lang"), True),
            highlighter=highlighter,
            header_offset=int(opts.get("header_offset") or 0),
            typographic_symbols={str(k): str(v) for k, v in (opts.get("typographic_symbols") or {}).items()},
            footnote_prefix=str(opts.get("footnote_prefix") or ""),
            link_defs=dict(opts.get("link_defs") or {}),
            remove_line_breaks_for_cjk=_as_bool(opts.get("remove_line_breaks_for_cjk"), False),
        )

    def as_dict(self) -> dict[str, Any]:
        """Return a mutable copy used while parsing one document.

        Nested values (lists, mappings) are shared between copies: a document's
        ``{::options /}`` replaces a value, it never changes one in place.
        """
        return dict(self._plain)

    @cached_property
    def _plain(self) -> dict[str, Any]:
        return asdict(self)
