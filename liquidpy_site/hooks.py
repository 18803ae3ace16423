"""Hooks: functions a plugin runs at fixed points of a build (Jekyll's hook table).

======================  ==========================================================
owner                   events
======================  ==========================================================
``site``                ``after_init``, ``after_reset``, ``post_read``, ``pre_render``,
                        ``post_render``, ``post_write``
``pages``               ``post_init``, ``pre_render``, ``post_convert``, ``post_render``,
                        ``post_write``
``documents``           the same as ``pages`` (every document, posts included)
``posts``               the same as ``pages`` (posts only)
======================  ==========================================================

Site hooks get the site (and, for ``pre_render``/``post_render``, the payload);
page and document hooks get the item (and, for ``pre_render``, the payload).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from liquidpy_site.errors import PluginError

_ITEM_EVENTS = ("post_init", "pre_render", "post_convert", "post_render", "post_write")
EVENTS: dict[str, tuple[str, ...]] = {
    "site": ("after_init", "after_reset", "post_read", "pre_render", "post_render", "post_write"),
    "pages": _ITEM_EVENTS,
    "documents": _ITEM_EVENTS,
    "posts": _ITEM_EVENTS,
}
"""The events each owner has."""

PRIORITIES = {"lowest": 10, "low": 20, "normal": 30, "high": 40, "highest": 50}

Hook = Callable[..., Any]


class Hooks:
    """The hooks registered for one site."""

    def __init__(self) -> None:
        self._hooks: dict[tuple[str, str], list[tuple[int, int, Hook]]] = {}
        self._count = 0

    def register(self, owner: str, event: str, hook: Hook, priority: str | int = "normal") -> None:
        """Run ``hook`` at ``event`` of ``owner``; higher priorities run first.

        Raises:
            PluginError: The owner or event does not exist (the message lists the valid ones).
        """
        if owner not in EVENTS:
            raise PluginError(f"Unknown hook owner '{owner}'; use one of {', '.join(EVENTS)}.")
        if event not in EVENTS[owner]:
            raise PluginError(f"Unknown hook event '{event}' for {owner}; use one of "
                              f"{', '.join(EVENTS[owner])}.")
        rank = PRIORITIES.get(priority, 30) if isinstance(priority, str) else int(priority)
        self._count += 1
        self._hooks.setdefault((owner, event), []).append((-rank, self._count, hook))
        self._hooks[(owner, event)].sort(key=lambda entry: entry[:2])

    def trigger(self, owner: str, event: str, *args: Any) -> None:
        """Run the hooks of ``owner``/``event`` with ``args``."""
        for _, _, hook in self._hooks.get((owner, event), ()):
            hook(*args)

    def trigger_item(self, item: Any, event: str, *args: Any) -> None:
        """Run the hooks for a page or document (``documents`` and ``posts`` for posts)."""
        from liquidpy_site.models import Document, Page

        if isinstance(item, Page):
            self.trigger("pages", event, item, *args)
        elif isinstance(item, Document):
            self.trigger("documents", event, item, *args)
            if item.collection == "posts":
                self.trigger("posts", event, item, *args)

    def __bool__(self) -> bool:
        return bool(self._hooks)
