"""Parts of ``seo_tag``: the page's author and image, and mapping helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from liquidpy_site.plugins._support import call_filter, present
from liquidpy_site.rendering.ruby import to_s

if TYPE_CHECKING:
    from liquid import Environment

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class LazyMapping(Mapping[str, Any]):
    """A mapping whose named keys are computed, then falls back to plain data."""

    def _computed(self) -> Mapping[str, Callable[[], Any]]:
        return {}

    def _data(self) -> Mapping[str, Any]:
        return {}

    def __getitem__(self, key: object) -> Any:
        if not isinstance(key, str):
            raise KeyError(key)
        computed = self._computed().get(key)
        if computed is not None:
            return computed()
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        computed = self._computed()
        yield from computed
        yield from (k for k in self._data() if k not in computed)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def sub_hash(value: Any, key: str) -> Mapping[str, Any]:
    sub = value.get(key) if isinstance(value, Mapping) else None
    return sub if isinstance(sub, Mapping) else {}


def is_absolute_url(value: Any) -> bool | None:
    """Whether a string is an absolute URL (has a scheme); None for non-strings."""
    if not isinstance(value, str):
        return None
    return bool(_SCHEME.match(value))


class AuthorDrop(LazyMapping):
    """The page's author: ``page.author``, the first of ``page.authors`` or ``site.author``.

    A name given as a string picks up ``site.data.authors[name]``.
    """

    def __init__(self, page: Mapping[str, Any], site: Mapping[str, Any]) -> None:
        self.page = page
        self.site = site

    def _computed(self) -> Mapping[str, Callable[[], Any]]:
        return {"name": lambda: self.name, "twitter": lambda: self.twitter}

    def _data(self) -> Mapping[str, Any]:
        return self.author_hash

    @property
    def name(self) -> Any:
        """The author's name, if any."""
        return self.author_hash.get("name")

    @property
    def twitter(self) -> str | None:
        """The author's Twitter handle (or name) without a leading ``@``."""
        handle = self.author_hash.get("twitter") or self.author_hash.get("name")
        return re.sub(r"^@", "", handle, count=1, flags=re.MULTILINE) if isinstance(handle, str) else None

    @cached_property
    def _resolved(self) -> Any:
        sources = [self.page.get("author")]
        authors = self.page.get("authors")
        if isinstance(authors, list):
            sources.append(authors[0] if authors else None)
        sources.append(self.site.get("author"))
        return next((s for s in sources if to_s(s) != ""), None)

    @cached_property
    def author_hash(self) -> Mapping[str, Any]:
        """The author as a mapping (``{"name": ...}`` plus site data for a string)."""
        author = self._resolved
        if isinstance(author, Mapping):
            return author
        if isinstance(author, str):
            extra = sub_hash(sub_hash(self.site, "data"), "authors").get(author)
            return {"name": author, **(extra if isinstance(extra, Mapping) else {})}
        return {}

    def __str__(self) -> str:
        return to_s(self.name)


class ImageDrop(LazyMapping):
    """The page's image: ``image`` as a string, or ``image.path`` / ``facebook`` / ``twitter``."""

    def __init__(self, page: Mapping[str, Any], env: Environment) -> None:
        self.page = page
        self.env = env

    def _computed(self) -> Mapping[str, Callable[[], Any]]:
        return {"path": lambda: self.path}

    def _data(self) -> Mapping[str, Any]:
        return self.image_hash

    @cached_property
    def image_hash(self) -> dict[str, Any]:
        """The image as a mapping with a ``path`` key first."""
        meta = self.page.get("image")
        if isinstance(meta, Mapping):
            return {"path": None, **meta}
        if isinstance(meta, str):
            return {"path": meta}
        return {"path": None}

    @cached_property
    def path(self) -> str | None:
        """The image's absolute, escaped URL (None without an image)."""
        image = self.image_hash
        raw = image.get("path") or image.get("facebook") or image.get("twitter")
        if not present(raw):
            return None
        if isinstance(raw, str) and is_absolute_url(raw) is False:
            raw = call_filter(self.env, "absolute_url", raw)
        return str(call_filter(self.env, "uri_escape", raw))

    def __str__(self) -> str:
        return to_s(self.path)
