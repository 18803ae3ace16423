"""Per-document parse state shared by the block and span parsers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .elements import Element


@dataclass
class ParseContext:
    """Definitions collected while parsing one document.

    Attributes:
        options: Mutable copy of the converter options (``{::options}`` edits it).
        link_defs: Normalised link id to ``(url, title, definition marker)``.
        footnotes: Footnote name to its data (``content``, ``eob``, ``marker`` ...).
        alds: Attribute list definitions by name.
        abbrev_defs: Abbreviation to its title.
        abbrev_attr: Abbreviation to the marker holding its attributes.
    """

    options: dict[str, Any]
    link_defs: dict[str, tuple[str, str | None, Element | None]] = field(default_factory=dict)
    footnotes: dict[str, dict[str, Any]] = field(default_factory=dict)
    alds: dict[str, dict[str, Any]] = field(default_factory=dict)
    abbrev_defs: dict[str, str] = field(default_factory=dict)
    abbrev_attr: dict[str, Any] = field(default_factory=dict)
    span_parsers: dict[tuple[str, bool], Any] = field(default_factory=dict)
    """Span parsers for table cells, by the options they were made with (made once each)."""


class StopBlockParsing(Exception):
    """Raised when the closing tag of the enclosing HTML element is found."""
