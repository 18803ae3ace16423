"""The ``jekyll-feed`` equivalent: Atom feeds and the ``{% feed_meta %}`` tag.

``feed.xml`` lists the newest posts (``feed.posts_limit``, 10 by default).
``feed.categories`` adds ``/feed/CATEGORY.xml``, ``feed.collections`` adds
``/feed/COLLECTION.xml`` (and per-category feeds of them), ``feed.tags`` adds
``/feed/by_tag/TAG.xml``. A feed whose file exists in the source is left alone.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import sys
from typing import TYPE_CHECKING, Any, TextIO

from liquid.ast import Node
from liquid.tag import Tag

from liquidpy_site.models import Page
from liquidpy_site.plugins._support import (
    PRIORITY_LOWEST,
    call_filter,
    generated_page,
    in_source,
    minified,
    present,
    read_tag,
)
from liquidpy_site.rendering.ruby import to_s

if TYPE_CHECKING:
    from liquid import Environment, RenderContext
    from liquid.stream import TokenStream

    from liquidpy_site.site import Site

log = logging.getLogger("liquidpy_site")

_MINIFY = r"(?<=>|})\s+"
_TAG_NAME = re.compile(r"[^a-zA-Z0-9_]")
_ATTR_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}


def setup(site: Site) -> FeedPlugin:
    """The plugin object for ``site``."""
    return FeedPlugin()


class FeedPlugin:
    """Adds feed pages while generating and the ``feed_meta`` tag."""

    priority = PRIORITY_LOWEST

    def register_liquid(self, env: Environment) -> None:
        """Register ``{% feed_meta %}``."""
        env.add_tag(FeedMetaTag)

    def generate(self, site: Site) -> None:
        """Add a page for every feed the configuration asks for."""
        config = _feed_config(site)
        if present(config.get("disable_in_development")) and site.environment == "development":
            log.info("Jekyll Feed: Skipping feed generation in development")
            return
        for name, meta in _collections(config).items():
            for category in [*meta["categories"], None]:
                path = _feed_path(config, name, category)
                if not in_source(site, path):
                    site.content.pages.append(_feed_page(site, path, collection=name,
                                                         category=category))
        if present(config.get("tags")) and _site_tags(site):
            _tag_feeds(site, config)


def _feed_config(site: Site) -> dict[str, Any]:
    config = site.config.get("feed")
    return dict(config) if isinstance(config, dict) else {}


def _collections(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{label: {"categories": [...], "path": ...}}``, posts always included."""
    wanted = config.get("collections")
    collections: dict[str, dict[str, Any]]
    if isinstance(wanted, list):
        collections = {str(label): {} for label in wanted}
    elif isinstance(wanted, dict):
        collections = {str(k): dict(v) if isinstance(v, dict) else {} for k, v in wanted.items()}
    else:
        collections = {}
    posts = collections.setdefault("posts", {})
    if posts.get("path") is None:
        posts["path"] = config.get("path")
    if posts.get("categories") is None:
        posts["categories"] = config.get("categories")
    if config.get("path") is None:
        config["path"] = posts["path"]
    for meta in collections.values():
        meta["categories"] = list(dict.fromkeys(meta.get("categories") or []))
    return collections


def _feed_path(config: dict[str, Any], collection: str, category: Any) -> str:
    prefix = "/feed" if collection == "posts" else f"/feed/{collection}"
    if category is not None:
        return f"{prefix}/{to_s(category)}.xml"
    path = (_collections(dict(config)).get(collection) or {}).get("path")
    return to_s(path) if present(path) else f"{prefix}.xml"


def _site_tags(site: Site) -> list[str]:
    tags: dict[str, None] = {}
    for post in site.content.collections["posts"].docs:
        for tag in post.data.get("tags") or []:
            tags.setdefault(tag)
    return list(tags)


def _tag_feeds(site: Site, config: dict[str, Any]) -> None:
    tags_config = config["tags"] if isinstance(config["tags"], dict) else {}
    except_tags = tags_config.get("except") or []
    given = tags_config.get("only")
    only: list[Any] = list(given) if isinstance(given, list) else _site_tags(site)
    tags_path = tags_config.get("path")
    tags_path = to_s(tags_path) if present(tags_path) else "/feed/by_tag/"
    for tag in [t for t in only if t not in except_tags]:
        if _TAG_NAME.search(to_s(tag)):
            continue
        path = f"{tags_path}{to_s(tag)}.xml"
        if not in_source(site, path):
            site.content.pages.append(_feed_page(site, path, tags=tag))


def _feed_page(site: Site, path: str, *, collection: str = "posts", category: Any = None,
               tags: Any = None) -> FeedPage:
    data = {"layout": None, "sitemap": False, "xsl": in_source(site, "feed.xslt.xml"),
            "collection": collection, "category": category, "tags": tags}
    page = generated_page(site, path.lstrip("/"), minified("feed.xml", _MINIFY), data)
    values = {f.name: getattr(page, f.name) for f in dataclasses.fields(page)}
    return FeedPage(**values, feed_path=path)


@dataclasses.dataclass(eq=False)
class FeedPage(Page):
    """A feed: templates see its path as given (``/feed.xml``) as its ``name``."""

    feed_path: str = ""
    """The feed's path as configured."""

    @property
    def name(self) -> str:
        """The feed's path as configured, as Jekyll names the page."""
        return self.feed_path

    @property
    def extname(self) -> str:
        """The extension of the file name, with its dot."""
        base = self.relative_path.rsplit("/", 1)[-1]
        dot = base.rfind(".")
        return base[dot:] if dot > 0 else ""

    @property
    def basename_without_ext(self) -> str:
        """The file name without its extension."""
        base, ext = self.relative_path.rsplit("/", 1)[-1], self.extname
        return base[: -len(ext)] if ext else base


# -- {% feed_meta %} ------------------------------------------------------------


class FeedMetaNode(Node):
    """A parsed ``{% feed_meta %}``: the ``<link>`` to the site's feed."""

    __slots__ = ()

    def __str__(self) -> str:
        return "{% feed_meta %}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Write ``<link type=... rel="alternate" href=... title=... />``."""
        env = context.env
        config = getattr(env, "site_config", {})
        feed = config.get("feed")
        path = (feed.get("path") if isinstance(feed, dict) else None) or "feed.xml"
        title = config.get("title")
        if not present(title):
            title = config.get("name")
        attributes = [("type", "application/atom+xml"), ("rel", "alternate"),
                      ("href", call_filter(env, "absolute_url", path))]
        if present(title):
            attributes.append(("title", title))
        attrs = " ".join(f"{k}={_xml_attr(to_s(v))}" for k, v in attributes)
        return buffer.write(f"<link {attrs} />")


def _xml_attr(text: str) -> str:
    return '"' + "".join(_ATTR_ESCAPES.get(c, c) for c in text) + '"'


class FeedMetaTag(Tag):
    """The ``feed_meta`` tag (its markup is ignored)."""

    name = sys.intern("feed_meta")
    block = False

    def parse(self, stream: TokenStream) -> FeedMetaNode:
        """Read the tag and any markup after its name."""
        token, _markup = read_tag(stream)
        node = FeedMetaNode(token)
        node.blank = False
        return node
