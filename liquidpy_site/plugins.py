"""Plugins: the names a site lists under ``plugins:`` and the built-in equivalents."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from liquidpy_site.site import Site

log = logging.getLogger("liquidpy_site")

BUILTIN_PLUGINS: dict[str, str] = {}
"""Plugin names (as Jekyll sites list them) → module providing the equivalent."""


def load_plugins(site: Site) -> list[Any]:
    """Load the plugins the site asks for; warn once for each name we do not have."""
    loaded: list[Any] = []
    names = [str(n) for n in site.config.get("plugins") or []]
    for name in names:
        module_name = BUILTIN_PLUGINS.get(name)
        if module_name is None:
            log.warning("Plugin '%s' is not available and is skipped "
                        "(the build goes on as in Jekyll's safe mode).", name)
            continue
        module = __import__(module_name, fromlist=["setup"])
        loaded.append(module.setup(site))
    return loaded
