"""YAML with the behaviour of Jekyll's Psych (YAML 1.1, safe types only)."""

from __future__ import annotations

from typing import Any

from liquidpy_site.errors import FrontMatterError, SourceLocation
from liquidpy_site.simple_yaml import NOT_SIMPLE, parse_simple


def without_document_marker(text: str) -> str:
    """The YAML text without a leading ``---`` line (kept as an empty line).

    A leading document marker would switch the parser to YAML 1.2 rules; the line
    stays so that line numbers remain the file's.
    """
    if text.startswith("---"):
        return "\n" + text.split("\n", 1)[1] if "\n" in text else ""
    return text


def load_yaml(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML text as Jekyll does.

    Args:
        text: The YAML document.
        path: The file it came from, for error messages.
        line_offset: Lines before the YAML in that file (front matter starts at line 2).

    Returns:
        The parsed value (``None`` for an empty document).

    Raises:
        FrontMatterError: The text is not valid YAML.
    """
    text = without_document_marker(text)
    quick = parse_simple(text)
    return quick if quick is not NOT_SIMPLE else load_yaml_in_full(text, path, line_offset)


def load_yaml_in_full(text: str, path: str, line_offset: int = 0) -> Any:
    """:func:`load_yaml` with the full parser, even for text of the simple shape."""
    from liquidpy_site import yaml_psych  # imported only for YAML the simple reader leaves

    try:
        return yaml_psych.load(without_document_marker(text))
    except yaml_psych.MarkedYAMLError as err:
        # Psych names where the broken construct starts (the context), not where
        # the parser gave up; do the same.
        mark = err.context_mark or err.problem_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        problem = err.problem or err.context or "invalid YAML"
        raise FrontMatterError(
            f"YAML Exception reading {path}: {problem}", SourceLocation(path, line, column)
        ) from err
    except (yaml_psych.YAMLError, ValueError) as err:
        raise FrontMatterError(f"YAML Exception reading {path}: {err}", SourceLocation(path)) from err
