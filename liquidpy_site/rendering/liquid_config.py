"""The site's ``liquid:`` configuration as JekyllEnvironment options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from liquid import Mode
from liquid.undefined import StrictUndefined, Undefined

__all__ = ["environment_options"]

_ERROR_MODES = ("lax", "warn", "strict")


def _flag(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def environment_options(liquid_config: Mapping[str, Any] | None) -> dict[str, Any]:
    """Return keyword arguments for ``JekyllEnvironment`` from the ``liquid:`` config.

    * ``error_mode`` (``lax``, ``warn`` - Jekyll's default - or ``strict``):
      python-liquid's ``Mode.STRICT`` for all three. In Ruby Liquid the mode
      only decides how leniently expressions are read; syntax errors such as
      an unclosed or unknown tag, and every render error, still stop the build.
      python-liquid's ``LAX``/``WARN`` would drop those silently instead.
    * ``strict_filters``: an unknown filter is an error (otherwise the value
      passes through unchanged).
    * ``strict_variables``: an undefined variable is an error
      (``StrictUndefined``), otherwise it is nil.

    Args:
        liquid_config: The ``liquid`` mapping of the site configuration (may be None).

    Returns:
        ``tolerance``, ``strict_filters`` and ``undefined`` keyword arguments.
    """
    config = liquid_config or {}
    undefined: type[Undefined] = (
        StrictUndefined if _flag(config.get("strict_variables")) else Undefined
    )
    return {
        "tolerance": Mode.STRICT,
        "strict_filters": _flag(config.get("strict_filters")),
        "undefined": undefined,
    }
