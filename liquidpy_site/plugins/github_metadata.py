"""The ``jekyll-github-metadata`` equivalent, offline: ``site.github`` without the GitHub API.

The repository (``owner/name``) comes from ``PAGES_REPO_NWO``, the
``repository`` option, or (in development and test) the ``origin`` git remote
of the site's folder. ``site.github`` then holds what follows from it and from
the environment (URLs, names, ``is_user_page``, ``source``…); values only the
API knows are ``nil`` (or ``false`` for ``contributors``, ``releases`` and
``latest_release``, as when the API is unreachable), and reading
``public_repositories`` fails as it does offline. A ``github`` mapping in the
configuration cannot be merged offline (merging reads every value, the
repository list included): the build stops, as it does in Jekyll; any other
``github`` value replaces the metadata.

``site.title`` defaults to the repository's name (a user site: its owner),
``site.description`` to nothing, and in production or a Pages build
``site.url``/``site.baseurl`` to the site's GitHub Pages address.
``{% github_edit_link %}`` gives the page's edit URL (``{% github_edit_link
"text" %}`` a link to it).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from liquid.ast import Node
from liquid.tag import Tag

from liquidpy_site.errors import PluginError
from liquidpy_site.plugins._github_repo import (
    Pages,
    Repository,
    build_revision,
    nwo_from_git,
)
from liquidpy_site.plugins._support import present, read_tag
from liquidpy_site.rendering.drops import Drop
from liquidpy_site.rendering.filters_url import normalize_url

if TYPE_CHECKING:
    from liquid import Environment, RenderContext
    from liquid.stream import TokenStream
    from liquid.token import Token

    from liquidpy_site.site import Site

log = logging.getLogger("liquidpy_site")

OWNER_KEYS = ("avatar_url", "bio", "blog", "collaborators", "company", "created_at",
              "description", "email", "followers", "following", "has_organization_projects",
              "has_repository_projects", "hireable", "html_url", "id", "is_verified",
              "location", "login", "name", "node_id", "public_gists", "public_repos", "type",
              "updated_at")
"""The keys of ``site.github.owner`` (all ``nil`` without the API)."""
_MISSING_REPO = ("No repo name found. Specify using PAGES_REPO_NWO environment variables, "
                 "'repository' in your configuration, or set up an 'origin' git remote "
                 "pointing to your github.com repository.")


def setup(site: Site) -> GitHubMetadataPlugin:
    """The plugin object; fills in title and description, and ``site.github`` at render."""
    plugin = GitHubMetadataPlugin(site)
    plugin.munge(site)
    site.hooks.register("site", "pre_render", lambda s, payload: plugin.inject(s))
    return plugin


class GitHubMetadataPlugin:
    """Holds the site's repository and adds ``github_edit_link``."""

    def __init__(self, site: Site) -> None:
        self.original = site.config.get("github")
        self.nwo = find_nwo(site)

    def repository(self) -> Repository:
        """The site's repository; an error when none can be found."""
        if self.nwo is None:
            raise PluginError(_MISSING_REPO)
        return Repository(self.nwo)

    def munge(self, site: Site) -> None:
        """Default ``title`` and ``description`` (and ``url``/``baseurl`` in production)."""
        config = site.config
        if present(config.get("name")) and not present(config.get("title")):
            log.warning("GitHub Metadata: site.name is set in _config.yml, but many plugins and "
                        "themes expect site.title to be used instead. To avoid potential "
                        "inconsistency, Jekyll GitHub Metadata will not set site.title to the "
                        "repository's name.")
        elif not present(config.get("title")):
            if self.nwo is None:
                log.warning("GitHub Metadata: %s", _MISSING_REPO)
            else:
                repo = self.repository()
                config["title"] = repo.owner if repo.user_page() else repo.name
        if not present(config.get("description")):
            config["description"] = None
        if (site.environment == "production" or Pages.page_build()) and self.nwo is not None:
            repo = self.repository()
            if not present(config.get("url")):
                config["url"] = repo.url_without_path()
            if config.get("baseurl") in (None, "/"):
                config["baseurl"] = repo.baseurl()

    def inject(self, site: Site) -> None:
        """Set ``site.github`` for rendering."""
        original = self.original
        if original is not None and not isinstance(original, dict):
            site.config["github"] = original
            return
        if isinstance(original, dict):
            # Merging reads every value, and the repository list needs the API.
            raise PluginError("GitHub Metadata: Error processing value "
                              "'owner_public_repositories': a 'github' mapping in the "
                              "configuration cannot be merged without the GitHub API.")
        site.config["github"] = MetadataDrop(self, site)

    def register_liquid(self, env: Environment) -> None:
        """Add ``{% github_edit_link %}``."""
        env.add_tag(EditLinkTag)


def find_nwo(site: Site) -> str | None:
    """``owner/name``: ``PAGES_REPO_NWO``, the ``repository`` option, or the git remote."""
    from_env = os.environ.get("PAGES_REPO_NWO")
    if from_env:
        return from_env
    configured = site.config.get("repository")
    if isinstance(configured, str) and "/" in configured:
        return configured
    if site.environment in ("development", "test"):
        return nwo_from_git(site.source)
    return None


class MetadataDrop(Drop):
    """``site.github``: the repository's metadata, computed when read."""

    __slots__ = ("_table",)

    def __init__(self, plugin: GitHubMetadataPlugin, site: Site) -> None:
        self._table = metadata_methods(plugin, site)

    def _methods(self) -> Mapping[str, Callable[[], Any]]:
        return self._table

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._table))


def metadata_methods(plugin: GitHubMetadataPlugin, site: Site) -> dict[str, Callable[[], Any]]:
    """Each ``site.github`` key and how to compute it (lazily: some need the repository)."""
    repo = plugin.repository

    def public_repositories() -> Any:
        raise PluginError("GitHub Metadata: Error processing value 'owner_public_repositories': "
                          "the repository list needs the GitHub API.")

    return {
        "api_url": Pages.api_url, "archived": lambda: None, "baseurl": lambda: repo().baseurl(),
        "build_revision": lambda: build_revision(site.source),
        "clone_url": lambda: repo().repository_url() + ".git", "contributors": lambda: False,
        "disabled": lambda: None, "environment": Pages.env, "help_url": Pages.help_url,
        "hostname": Pages.github_hostname, "is_project_page": lambda: not repo().user_page(),
        "is_user_page": lambda: repo().user_page(), "issues_url": lambda: None,
        "language": lambda: None, "latest_release": lambda: False, "license": lambda: None,
        "organization_members": lambda: None,
        "owner": lambda: dict.fromkeys(OWNER_KEYS) if repo() else None,
        "owner_display_name": lambda: None, "owner_gravatar_url": lambda: repo().owner_url() + ".png",
        "owner_name": lambda: repo().owner, "owner_url": lambda: repo().owner_url(),
        "pages_env": Pages.env, "pages_hostname": Pages.pages_hostname, "private": lambda: None,
        "project_tagline": lambda: None, "project_title": lambda: repo().name,
        "public_repositories": public_repositories, "releases": lambda: False,
        "releases_url": lambda: repo().repository_url() + "/releases",
        "repository_name": lambda: repo().name, "repository_nwo": lambda: repo().nwo,
        "repository_url": lambda: repo().repository_url(), "show_downloads": lambda: None,
        "source": lambda: repo().source(),
        "tar_url": lambda: f"{repo().repository_url()}/tarball/{repo().source()['branch']}",
        "url": lambda: repo().html_url(), "versions": dict, "wiki_url": lambda: None,
        "zip_url": lambda: f"{repo().repository_url()}/zipball/{repo().source()['branch']}",
    }


_LINK_TEXT = re.compile(r"(?:\"(.*)\"|'(.*)')")


class EditLinkNode(Node):
    """A parsed ``github_edit_link`` tag."""

    __slots__ = ("markup",)

    def __init__(self, token: Token, markup: str) -> None:
        super().__init__(token)
        self.markup = markup

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """The page's edit URL, or a link to it with the tag's text."""
        match = _LINK_TEXT.search(self.markup)
        text = (match.group(1) if match.group(1) is not None else match.group(2)) if match else None
        url = edit_url(context.resolve("site"), context.resolve("page"))
        buffer.write(f'<a href="{url}">{text}</a>' if text else url)
        return True


def edit_url(site: Any, page: Any) -> str:
    """``repository_url/edit/branch/source path/page path``, or empty when a part is missing."""
    github = _get(site, "github") or {}
    source = _get(github, "source") or {}
    parts = [_get(github, "repository_url"), "edit/", _get(source, "branch"),
             _get(source, "path"), _get(page, "path")]
    if any(part is None for part in parts):
        log.warning("JekyllEditLink: Cannot generate edit URLs due to missing site.github data")
        return ""
    url = ""
    for index, part in enumerate(str(p) for p in parts):
        part = part.removeprefix("/")
        if index < len(parts) - 1 and not part.endswith("/"):
            part += "/"
        url += "" if part == "/" else part
    return normalize_url(url)


def _get(mapping: Any, key: str) -> Any:
    try:
        return mapping[key] if isinstance(mapping, Mapping) else None
    except KeyError:
        return None


class EditLinkTag(Tag):
    """``{% github_edit_link %}`` and ``{% github_edit_link "text" %}``."""

    name = sys.intern("github_edit_link")
    block = False

    def parse(self, stream: TokenStream) -> Node:
        """Keep the markup; the link text is read from it when rendering."""
        token, markup = read_tag(stream)
        return EditLinkNode(token, markup)
