"""Which documents are published: ``published``, future dates, drafts, limits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from liquidpy_site.models import Document, Page


class Publisher:
    """Jekyll's publishing rules.

    Args:
        config: The site configuration (``unpublished``, ``future``).
        site_time: The build's ``site.time``; later documents are in the future.
    """

    def __init__(self, config: Mapping[str, Any], site_time: dt.datetime) -> None:
        self.unpublished = bool(config.get("unpublished"))
        self.future = bool(config.get("future"))
        self.site_time = site_time

    def can_be_published(self, data: Mapping[str, Any]) -> bool:
        """Not marked ``published: false``, or unpublished files are wanted."""
        return data.get("published", True) is not False or self.unpublished

    def publish_page(self, page: Page) -> bool:
        """Whether a page is read at all."""
        return self.can_be_published(page.data)

    def publish(self, doc: Document) -> bool:
        """Whether a document is published (and written)."""
        return self.can_be_published(doc.data) and not self.hidden_in_the_future(doc)

    def hidden_in_the_future(self, doc: Document) -> bool:
        """A document dated after ``site.time`` while ``future`` is off."""
        date = doc.date
        if self.future or date is None:
            return False
        return int(date.timestamp()) > int(self.site_time.timestamp())
