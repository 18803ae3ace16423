"""``liquidpy serve``: a local preview server that rebuilds and reloads pages.

Modules: :mod:`.paths` (request path → file, MIME types), :mod:`.server` (HTTP),
:mod:`.livereload` (events and the injected script), :mod:`.watcher` (what changed,
debouncing), :mod:`.builder` (incremental rebuilds) and :mod:`.app` (the session).
"""

from __future__ import annotations

from liquidpy_site.serve.app import LiveServer, ServeOptions, is_loopback, serve_site
from liquidpy_site.serve.builder import BuildOutcome, SiteBuilder

__all__ = ["BuildOutcome", "LiveServer", "ServeOptions", "SiteBuilder", "is_loopback", "serve_site"]
