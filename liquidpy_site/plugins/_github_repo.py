"""The GitHub Pages environment and a repository's metadata, as known without the API.

Every value the GitHub API would give (description, license, owner details,
Pages settings, contributors…) is missing offline; what remains follows from
the environment (``PAGES_ENV``, ``PAGES_GITHUB_HOSTNAME``…) and the
repository's ``owner/name``.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

_DEFAULTS = {
    "PAGES_ENV": "development", "PAGES_API_URL": "https://api.github.com",
    "PAGES_HELP_URL": "https://help.github.com", "PAGES_GITHUB_HOSTNAME": "github.com",
    "PAGES_PAGES_HOSTNAME": "github.io", "SSL": "false", "SUBDOMAIN_ISOLATION": "false",
}


def env_var(key: str, fallback: str | None = None) -> str | None:
    """An environment variable when set and not empty, else ``fallback``, else the default."""
    value = os.environ.get(key, "")
    return value if value else (fallback or _DEFAULTS.get(key))


def _trim(url: str | None) -> str:
    text = url or ""
    return text.removesuffix("/")


class Pages:
    """The GitHub Pages environment a build runs in."""

    @staticmethod
    def env() -> str:
        """``PAGES_ENV``, else ``JEKYLL_ENV``, else ``development``."""
        return str(env_var("PAGES_ENV", os.environ.get("JEKYLL_ENV") or None))

    @classmethod
    def ssl(cls) -> bool:
        """Whether the GitHub instance is served over HTTPS."""
        return env_var("SSL") == "true" or cls.env() == "test"

    @classmethod
    def scheme(cls) -> str:
        """``https`` or ``http``."""
        return "https" if cls.ssl() else "http"

    @classmethod
    def custom_domains_enabled(cls) -> bool:
        """Only github.com (``dotcom``) and ``test`` serve sites at their own domains."""
        return cls.env() in ("dotcom", "test")

    @classmethod
    def github_url(cls) -> str:
        """The GitHub web address."""
        if cls.env() == "dotcom" or cls.github_hostname() == "github.com":
            return "https://github.com"
        return f"{cls.scheme()}://{cls.github_hostname()}"

    @staticmethod
    def api_url() -> str:
        """The API address."""
        return _trim(env_var("PAGES_API_URL", os.environ.get("API_URL")))

    @staticmethod
    def help_url() -> str:
        """The help site's address."""
        return _trim(env_var("PAGES_HELP_URL", os.environ.get("HELP_URL")))

    @staticmethod
    def github_hostname() -> str:
        """The GitHub host name."""
        return _trim(env_var("PAGES_GITHUB_HOSTNAME", os.environ.get("GITHUB_HOSTNAME")))

    @classmethod
    def pages_hostname(cls) -> str:
        """The host Pages sites are served under."""
        fallback = os.environ.get("PAGES_HOSTNAME")
        if fallback is None and cls.env() == "development":
            fallback = "localhost:4000"
        return _trim(env_var("PAGES_PAGES_HOSTNAME", fallback))

    @staticmethod
    def page_build() -> bool:
        """Whether this is a GitHub Pages build (``PAGE_BUILD_ID`` is set)."""
        return bool(env_var("PAGE_BUILD_ID"))


class Repository:
    """A repository's metadata from its ``owner/name`` alone.

    Args:
        nwo: The repository's ``owner/name``.
    """

    def __init__(self, nwo: str) -> None:
        self.nwo = nwo
        self.owner = nwo.split("/")[0]
        self.name = nwo.split("/")[-1]

    def user_page(self) -> bool:
        """Whether the repository is its owner's user or organization site."""
        if Pages.env() == "enterprise":
            return self.name.lower() == f"{self.owner.lower()}.{Pages.github_hostname()}"
        return self.name.lower() in self.user_page_domains()

    def user_page_domains(self) -> list[str]:
        """The repository names that make a user site."""
        domains = [self.default_user_domain()]
        if Pages.env() != "enterprise":
            domains.append(f"{self.owner}.github.com".lower())
        return domains

    def default_user_domain(self) -> str:
        """The owner's Pages domain."""
        if Pages.env() != "enterprise" and self.owner == "github":
            return f"{self.owner}.{Pages.github_hostname()}".lower()
        if Pages.env() == "enterprise":
            return Pages.pages_hostname().lower()
        return f"{self.owner}.{Pages.pages_hostname()}".lower()

    def owner_url(self) -> str:
        """The owner's GitHub page."""
        return f"{Pages.github_url()}/{self.owner}"

    def repository_url(self) -> str:
        """The repository's GitHub page."""
        return f"{self.owner_url()}/{self.name}"

    def source(self) -> dict[str, str]:
        """The branch and folder Pages builds from (the defaults, without the API)."""
        return {"branch": "master" if self.user_page() else "gh-pages", "path": "/"}

    def html_url(self) -> str:
        """The address the site is served at."""
        return self._pages_url().removesuffix("/")

    def _pages_url(self) -> str:
        if not Pages.custom_domains_enabled():
            path = self.owner if self.user_page() else self.nwo
            if env_var("SUBDOMAIN_ISOLATION") == "true":
                return urljoin(f"{Pages.scheme()}://{Pages.pages_hostname()}/", path)
            return urljoin(f"{Pages.github_url()}/pages/", path)
        domain = self.default_user_domain()
        scheme = "https" if self.owner == "github" and domain.endswith(".github.com") else "http"
        if self.user_page():
            return f"{scheme}://{domain}"
        return urljoin(f"{scheme}://{domain}", self.name)

    def url_without_path(self) -> str:
        """The site's address without its path."""
        parts = urlsplit(self.html_url())
        return f"{parts.scheme}://{parts.netloc}"

    def baseurl(self) -> str:
        """The path of the site's address."""
        return urlsplit(self.html_url()).path


def nwo_from_git(folder: Path) -> str | None:
    """``owner/name`` from the ``origin`` remote of the git repository at ``folder``."""
    try:
        proc = subprocess.run(["git", "remote", "--verbose"], cwd=folder, capture_output=True,
                              text=True, check=False)
    except OSError:
        return None
    urls = [re.sub(r"\Aorigin\t(.*) \([a-z]+\)", r"\1", line)
            for line in proc.stdout.strip().split("\n") if line.startswith("origin\t")]
    url = urls[0] if urls else ""
    url = url.removesuffix(".git")
    host = re.escape(Pages.github_hostname())
    match = re.search(rf"{host}(:|/)([\w-]+)/([\w.-]+)", url, re.ASCII)
    return f"{match.group(2)}/{match.group(3)}" if match else None


def build_revision(folder: Path) -> str:
    """``JEKYLL_BUILD_REVISION``, else the ``HEAD`` commit of the git repository at ``folder``."""
    revision = os.environ.get("JEKYLL_BUILD_REVISION")
    if revision is not None:
        return revision
    try:
        proc = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True,
                              text=True, check=False)
    except OSError:
        return ""
    return proc.stdout.strip()
