"""An example liquidpy plugin: reading time for posts.

It adds a ``reading_time`` filter (``{{ content | reading_time }}`` → ``3 min read``)
and a ``pre_render`` hook that sets ``page.minutes`` on every post. The same file
works as a site plugin (copied into ``_plugins/``) and as an installed package
(``pip install ./examples/plugin-reading-time/package``), where it is found through
the ``liquidpy_site.plugins`` entry point named ``liquidpy-reading-time``.
"""

from __future__ import annotations

import re
from typing import Any

WORDS_PER_MINUTE = 200
_TAG = re.compile(r"<[^>]+>")


def minutes(text: object) -> int:
    """Minutes to read ``text`` (HTML tags ignored), at least one."""
    words = len(_TAG.sub(" ", str(text or "")).split())
    return max(1, round(words / WORDS_PER_MINUTE))


def reading_time(text: object) -> str:
    """The ``reading_time`` filter."""
    return f"{minutes(text)} min read"


def _set_minutes(post: Any, payload: Any) -> None:
    post.data["minutes"] = minutes(post.content)


def register(api: Any) -> None:
    """Called once per build with the plugin API."""
    api.add_filter("reading_time", reading_time)
    api.hooks.register("posts", "pre_render", _set_minutes)
