"""The errors a build can raise.

::

    SiteError                 every error the library raises
    ├── ConfigError           a configuration file or option is invalid
    ├── FrontMatterError      a file's YAML front matter or a data file is invalid
    ├── ReadError             a source file cannot be read or named (e.g. a post's date)
    ├── RenderError           Liquid or a converter failed on a document
    │   └── LayoutError       a layout chain is broken
    ├── PluginError           a plugin, theme or Sass failed
    └── WriteError            the destination cannot be written

Every error may carry a :class:`SourceLocation`; :meth:`SiteError.describe` formats
``path:line:col: message`` for people.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLocation:
    """Where in the source an error was found.

    Attributes:
        path: The file's path relative to the site source (or as given).
        line: One-based line number, when known.
        column: One-based column number, when known.
    """

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = self.path
        if self.line is not None:
            text += f", line {self.line}"
            if self.column is not None:
                text += f", column {self.column}"
        return text


class SiteError(Exception):
    """Base class of every error the build raises.

    Args:
        message: What went wrong, in words for the site's author.
        location: Where it went wrong, when known.
    """

    exit_code = 1

    def __init__(self, message: str, location: SourceLocation | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def describe(self) -> str:
        """Return the message with its location, as the CLI prints it."""
        if self.location is None:
            return self.message
        return f"{self.message}\n  in {self.location}"

    def __str__(self) -> str:
        return self.describe()


class ConfigError(SiteError):
    """A configuration file or option is invalid."""


class FrontMatterError(SiteError):
    """A file's front matter, or a data file, is not valid YAML (or JSON/CSV)."""


class ReadError(SiteError):
    """A source file cannot be read, or its name is invalid."""


class RenderError(SiteError):
    """Liquid or a converter failed while rendering a document."""


class LayoutError(RenderError):
    """A layout chain is broken (for example, a cycle)."""


class PluginError(SiteError):
    """A plugin, theme or Sass stylesheet failed."""


class WriteError(SiteError):
    """The destination cannot be written."""
