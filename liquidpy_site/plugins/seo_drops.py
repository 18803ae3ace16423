"""The values the ``{% seo %}`` tag's template reads: ``seo_tag`` and its parts."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from liquidpy_site.plugins._support import call_filter, present
from liquidpy_site.plugins.seo_parts import (
    AuthorDrop,
    ImageDrop,
    LazyMapping,
    is_absolute_url,
    sub_hash,
)
from liquidpy_site.rendering.ruby import to_s

if TYPE_CHECKING:
    from liquid import Environment

VERSION = "2.8.0"
TITLE_SEPARATOR = " | "
_HOMEPAGE_OR_ABOUT = re.compile(r"^/(about/)?(index.html?)?$", re.MULTILINE)
_FORMAT_FILTERS = ("markdownify", "strip_html", "normalize_whitespace", "escape_once")
_DROP_KEYS = ("version", "site_title", "site_tagline", "site_description", "page_title",
              "site_tagline_or_description", "title", "name", "description", "author",
              "json_ld", "image", "date_modified", "date_published", "type", "links", "logo",
              "page_lang", "page_locale", "canonical_url")
_JSON_LD_KEYS = ("@context", "@type", "author", "dateModified", "datePublished",
                 "description", "headline", "image", "mainEntityOfPage", "name",
                 "publisher", "sameAs", "url")


class SeoDrop(LazyMapping):
    """``seo_tag``: titles, description, author, image, URLs and JSON-LD of a page.

    Args:
        markup: The tag's markup (``title=false`` turns the ``<title>`` off).
        env: The site's Liquid environment (for its filters).
        page: The page being rendered, as templates see it.
        site: ``site`` as templates see it.
        paginator: The page's paginator, if any.
    """

    def __init__(self, markup: str, env: Environment, page: Mapping[str, Any],
                 site: Mapping[str, Any], paginator: Any) -> None:
        self.markup = markup
        self.env = env
        self.page = page
        self.site = site
        self.paginator = paginator if isinstance(paginator, Mapping) else None
        self._table: dict[str, Callable[[], Any]] = {
            name: partial(getattr, self, name) for name in _DROP_KEYS}
        self._table["title?"] = self.show_title

    def _computed(self) -> Mapping[str, Callable[[], Any]]:
        return self._table

    version = VERSION

    def show_title(self) -> bool:
        """Whether the ``<title>`` element is written."""
        return present(self.title) and not re.search(r"title=false", self.markup, re.IGNORECASE)

    def _format(self, value: Any) -> str | None:
        for name in _FORMAT_FILTERS:
            value = call_filter(self.env, name, value)
        text = to_s(value)
        return text if text else None

    def _filter(self, name: str, value: Any) -> Any:
        return call_filter(self.env, name, value)

    @cached_property
    def site_title(self) -> str | None:
        """The site's title (or name), formatted."""
        title = self.site.get("title")
        return self._format(title if present(title) else self.site.get("name"))

    @cached_property
    def site_tagline(self) -> str | None:
        """The site's tagline, formatted."""
        return self._format(self.site.get("tagline"))

    @cached_property
    def site_description(self) -> str | None:
        """The site's description, formatted."""
        return self._format(self.site.get("description"))

    @cached_property
    def page_title(self) -> str | None:
        """The page's own title, or the site's."""
        return self._format(self.page.get("title")) or self.site_title

    @property
    def site_tagline_or_description(self) -> str | None:
        """The tagline, else the description."""
        return self.site_tagline or self.site_description

    @cached_property
    def _base_title(self) -> str | None:
        if self.site_title and self.page_title != self.site_title:
            return f"{self.page_title}{TITLE_SEPARATOR}{self.site_title}"
        if self.site_description and self.site_title:
            return f"{self.site_title}{TITLE_SEPARATOR}{self.site_tagline_or_description}"
        return self.page_title or self.site_title

    @property
    def title(self) -> str | None:
        """The full title, with the site's, and a page number on later pages."""
        number = self._page_number()
        if number is not None and self._base_title is not None:
            return number + self._base_title
        return self._base_title

    def _page_number(self) -> str | None:
        paginator = self.paginator
        if paginator is None or not present(paginator.get("page")):
            return None
        current: Any = paginator.get("page")
        total: Any = paginator.get("total_pages")
        message = self.site.get("seo_paginator_message") or "Page %<current>s of %<total>s for "
        if not current > 1:
            return None
        values = {"current": to_s(current), "total": to_s(total)}
        return re.sub(r"%<(\w+)>s", lambda m: values.get(m.group(1), m.group(0)), str(message))

    @cached_property
    def _homepage_or_about(self) -> bool:
        return bool(_HOMEPAGE_OR_ABOUT.search(to_s(self.page.get("url"))))

    @cached_property
    def _page_seo(self) -> Mapping[str, Any]:
        return sub_hash(self.page, "seo")

    @cached_property
    def name(self) -> str | None:
        """The JSON-LD ``name``: ``seo.name``, else on the home or about page the site's."""
        if present(self._page_seo.get("name")):
            seo_name = self._format(self._page_seo.get("name"))
            if seo_name:
                return seo_name
        if not self._homepage_or_about:
            return None
        social = sub_hash(self.site, "social")
        if present(social.get("name")):
            return self._format(social.get("name"))
        return self.site_title

    @cached_property
    def description(self) -> str | None:
        """The page's description or excerpt, else the site's description."""
        text = self.page.get("description")
        if not present(text):
            text = self.page.get("excerpt")
        return self._format(text) or self.site_description

    @cached_property
    def author(self) -> AuthorDrop:
        """The page's author."""
        return AuthorDrop(self.page, self.site)

    @cached_property
    def _image(self) -> ImageDrop:
        return ImageDrop(self.page, self.env)

    @property
    def image(self) -> ImageDrop | None:
        """The page's image, or None when it has none."""
        return self._image if self._image.path else None

    @cached_property
    def date_modified(self) -> Any:
        """``seo.date_modified``, ``last_modified_at`` or ``date``, as XML Schema."""
        date = self._page_seo.get("date_modified")
        for candidate in (self.page.get("last_modified_at"), self.page.get("date")):
            if not present(date):
                date = candidate
        return self._filter("date_to_xmlschema", date) if present(date) else None

    @cached_property
    def date_published(self) -> Any:
        """The page's date as XML Schema."""
        date = self.page.get("date")
        return self._filter("date_to_xmlschema", date) if present(date) else None

    @cached_property
    def type(self) -> str:
        """``seo.type``, else WebSite, BlogPosting or WebPage."""
        if present(self._page_seo.get("type")):
            return self._page_seo["type"]  # type: ignore[no-any-return]
        if self._homepage_or_about:
            return "WebSite"
        return "BlogPosting" if present(self.page.get("date")) else "WebPage"

    @cached_property
    def links(self) -> Any:
        """``seo.links``, else on the home or about page ``site.social.links``."""
        if present(self._page_seo.get("links")):
            return self._page_seo["links"]
        if self._homepage_or_about:
            links = sub_hash(self.site, "social").get("links")
            return links if present(links) else None
        return None

    @cached_property
    def logo(self) -> str | None:
        """The site's logo as an absolute, escaped URL."""
        logo = self.site.get("logo")
        if not present(logo):
            return None
        if not is_absolute_url(logo):
            logo = self._filter("absolute_url", logo)
        return str(self._filter("uri_escape", logo))

    @cached_property
    def page_lang(self) -> Any:
        """``page.lang``, ``site.lang`` or ``en_US``."""
        return next((v for v in (self.page.get("lang"), self.site.get("lang")) if present(v)),
                    "en_US")

    @cached_property
    def page_locale(self) -> str:
        """``page.locale``, ``site.locale`` or the language, with ``_`` for ``-``."""
        locale = next((v for v in (self.page.get("locale"), self.site.get("locale"))
                       if present(v)), self.page_lang)
        return to_s(locale).replace("-", "_")

    @cached_property
    def canonical_url(self) -> Any:
        """``page.canonical_url``, else the page's absolute URL without ``index.html``."""
        given = self.page.get("canonical_url")
        if to_s(given) != "":
            return given
        url = to_s(self._filter("absolute_url", self.page.get("url")))
        return re.sub(r"/index\.html$", "/", url, count=1, flags=re.MULTILINE)

    @cached_property
    def json_ld(self) -> dict[str, Any]:
        """The JSON-LD object: keys sorted, empty values left out."""
        values = {
            "@context": "https://schema.org", "@type": self.type,
            "author": self._json_author(), "dateModified": self.date_modified,
            "datePublished": self.date_published, "description": self.description,
            "headline": self.page_title, "image": self._json_image(),
            "mainEntityOfPage": self._json_main_entity(), "name": self.name,
            "publisher": self._json_publisher(), "sameAs": self.links,
            "url": self.canonical_url,
        }
        return {k: values[k] for k in _JSON_LD_KEYS if values[k] is not None}

    def _json_author(self) -> dict[str, Any] | None:
        author = self.author
        if not present(author.name):
            return None
        kind = author.author_hash.get("type")
        if present(kind) and kind not in ("Organization", "Person"):
            return None
        result = {"@type": kind if present(kind) else "Person", "name": author.name}
        if present(author.author_hash.get("url")):
            result["url"] = author.author_hash["url"]
        return result

    def _json_image(self) -> Any:
        image = self.image
        if image is None:
            return None
        keys = list(image)
        if len(keys) == 1:
            return image.path
        result = {k: image[k] for k in keys if k != "path"}
        result["url"] = image.path
        result["@type"] = "imageObject"
        return result

    def _json_publisher(self) -> dict[str, Any] | None:
        if not self.logo:
            return None
        output: dict[str, Any] = {"@type": "Organization",
                                  "logo": {"@type": "ImageObject", "url": self.logo}}
        if present(self.author.name):
            output["name"] = self.author.name
        return output

    def _json_main_entity(self) -> dict[str, Any] | None:
        if self.type not in ("BlogPosting", "CreativeWork"):
            return None
        return {"@type": "WebPage", "@id": self.canonical_url}
