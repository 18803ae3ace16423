"""liquidpy: build Jekyll sites unchanged, to the same output as Jekyll 4.3, in Python."""

from __future__ import annotations

from liquidpy_site.deferred_imports import compiling_on_first_use, deferring

# What python-liquid imports or compiles but seldom uses is made ready on first use.
with deferring(), compiling_on_first_use():
    import liquid  # noqa: F401

from liquidpy_site.api import build, markdownify, render
from liquidpy_site.config import load_config
from liquidpy_site.errors import (
    ConfigError,
    FrontMatterError,
    LayoutError,
    PluginError,
    ReadError,
    RenderError,
    SiteError,
    SourceLocation,
    WriteError,
)
from liquidpy_site.site import Site

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "FrontMatterError",
    "LayoutError",
    "PluginError",
    "ReadError",
    "RenderError",
    "Site",
    "SiteError",
    "SourceLocation",
    "WriteError",
    "__version__",
    "build",
    "load_config",
    "markdownify",
    "render",
]
