"""The ``jekyll-mentions`` equivalent: ``@name`` in rendered HTML links to the user's profile.

After a page or written document renders to HTML (``.html`` output, or a
permalink ending in ``/``), each ``@name`` in its text (the ``<body>`` part
of a full document) becomes ``<a href="BASE/name" class="user-mention">@name</a>``,
except inside ``pre``, ``code``, ``a``, ``style`` and ``script`` and for
``@mention``, ``@mentions``, ``@mentioned`` and ``@mentioning``. The HTML of
a changed body is written back as libxml2 writes a parsed fragment.

``BASE`` is ``https://github.com`` (or ``SSL``/``GITHUB_HOSTNAME`` from the
environment), or ``jekyll-mentions`` (a URL) or ``jekyll-mentions.base_url``
from the configuration or the page's front matter; ``jekyll-mentions: false``
in front matter leaves a page alone.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

from liquidpy_site.errors import PluginError
from liquidpy_site.models import Convertible, Document, Page
from liquidpy_site.plugins._content import sets_key
from liquidpy_site.plugins._libxml_html import Node, escape_text, parse, serialize

if TYPE_CHECKING:
    from liquidpy_site.site import Site

GITHUB_DOT_COM = "https://github.com"
MENTION = re.compile(
    r"(?:^|\W)@((?>[\w][\w-]*))(?!/)(?=\.+[ \t\W]|\.+$|[^0-9a-zA-Z_.]|$)",
    re.IGNORECASE | re.MULTILINE | re.ASCII)
"""An ``@name`` after a non-word character or a line start (group 1: the name)."""
MENTION_LOGINS = frozenset({"mention", "mentions", "mentioned", "mentioning"})
"""Names that are never linked."""
_BODY_OPEN = re.compile(r"<body(.*?)>\s*", re.DOTALL | re.ASCII)
_IGNORED_PARENTS = frozenset({"pre", "code", "a", "style", "script"})


def setup(site: Site) -> MentionsPlugin:
    """The plugin object for ``site``; links are added as each item finishes rendering."""
    for owner in ("pages", "documents"):
        site.hooks.register(owner, "post_render", lambda item: _post_render(site, item))
    return MentionsPlugin()


class MentionsPlugin:
    """Nothing to add to Liquid or generate: the work is done in render hooks."""


def _post_render(site: Site, item: Convertible) -> None:
    if mentionable(site, item):
        mentionify(site, item)


def mentionable(site: Site, item: Convertible) -> bool:
    """Whether the item is written, HTML, and does not turn mentions off."""
    if isinstance(item, Document):
        collection = site.content.collections.get(item.collection)
        if collection is None or not collection.output or not site.publishes(item):
            return False
    elif not isinstance(item, Page):
        return False
    permalink = item.data.get("permalink")
    html = getattr(item, "output_ext", "") == ".html" or (
        isinstance(permalink, str) and permalink.endswith("/"))
    return html and item.data.get("jekyll-mentions") is not False


def mentionify(site: Site, item: Convertible) -> None:
    """Link the mentions in the item's output."""
    content = item.output or ""
    if "@" not in content:
        return
    options = item.data if sets_key(item, "jekyll-mentions") else site.config
    base = mention_base(options.get("jekyll-mentions"))
    if "<body" in content:
        opened = _BODY_OPEN.search(content)
        if opened is None:
            return
        head, opener = content[:opened.start()], opened.group(0)
        body, closer, rest = content[opened.end():].partition("</body>")
        if MENTION.search(body):
            item.output = head + opener + link_mentions(body, base) + closer + rest
    elif MENTION.search(content):
        item.output = link_mentions(content, base)


def mention_base(option: Any) -> str | None:
    """The profile URL base for a ``jekyll-mentions`` option (a URL or ``{base_url: …}``)."""
    if option is None:
        return default_base()
    if isinstance(option, str):
        return option
    if isinstance(option, dict):
        return option["base_url"] if "base_url" in option else default_base()
    raise PluginError("Your jekyll-mentions config has to either be a string or a hash. "
                      f"It's a {_ruby_class(option)} right now.")


def default_base() -> str:
    """``https://github.com``, or the GitHub Enterprise host from the environment."""
    ssl, host = os.environ.get("SSL", ""), os.environ.get("GITHUB_HOSTNAME", "")
    if ssl and host:
        scheme = "https://" if ssl == "true" else "http://"
        return scheme + host.removesuffix("/")
    return GITHUB_DOT_COM


def link_mentions(html: str, base: str | None) -> str:
    """The HTML fragment with its mentions linked, written back as libxml2 writes it."""
    holder = parse(html)
    for node in _text_nodes(holder):
        text = escape_text(node.text)
        if "@" not in text:
            continue
        linked = MENTION.sub(lambda match: _link(match, base), text)
        if linked != text:
            _replace(node, parse(linked).children)
    return serialize(holder)


def _link(match: re.Match[str], base: str | None) -> str:
    login = match.group(1)
    if login.lower() in MENTION_LOGINS:
        return match.group(0)
    url = base or "/"
    url = url if url.endswith(("/", "~")) else url + "/"
    anchor = f"<a href='{url}{login}' class='user-mention'>@{login}</a>"
    return match.group(0).replace("@" + login, anchor, 1)


def _text_nodes(node: Node) -> list[Node]:
    """Text nodes in document order, outside the elements whose text is left alone."""
    found: list[Node] = []
    for child in node.children:
        if child.kind == "text":
            found.append(child)
        elif child.kind == "element" and child.name not in _IGNORED_PARENTS:
            found.extend(_text_nodes(child))
    return found


def _replace(node: Node, replacement: list[Node]) -> None:
    parent = node.parent
    assert parent is not None
    index = next(i for i, child in enumerate(parent.children) if child is node)
    for child in replacement:
        child.parent = parent
    parent.children[index:index + 1] = replacement


def _ruby_class(value: Any) -> str:
    if isinstance(value, bool):
        return "TrueClass" if value else "FalseClass"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, list):
        return "Array"
    return type(value).__name__
