"""The library's entry points: build a site, render a template, convert Markdown."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from liquidpy_site.config import load_config
from liquidpy_site.site import Site

FLAG_OPTIONS = {"drafts": "show_drafts"}
"""Flag names (Jekyll's command line) whose configuration key differs."""


def flag_overrides(options: Mapping[str, Any]) -> dict[str, Any]:
    """Configuration overrides from flag values; unset (``None``) flags are left out."""
    return {FLAG_OPTIONS.get(key, key): value for key, value in options.items() if value is not None}


def _overrides(source: Path, destination: Path | None, options: Mapping[str, Any]) -> dict[str, Any]:
    overrides = flag_overrides(options)
    overrides["source"] = str(source)
    if destination is not None:
        overrides["destination"] = str(destination)
    return overrides


def build(
    source: str | os.PathLike[str] = ".",
    destination: str | os.PathLike[str] | None = None,
    *,
    config: Sequence[str | os.PathLike[str]] | None = None,
    profile: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    executor: Executor | None = None,
    **config_overrides: Any,
) -> Site:
    """Build a Jekyll site, as ``jekyll build`` does.

    Args:
        source: The site's source folder.
        destination: Where to write the site (default: the configuration's
            ``destination``, else ``_site`` in the source).
        config: Configuration files to merge in order (default: ``_config.yml``).
        profile: Time every template; the table is ``site.profiler.table()``.
        progress: Called as ``progress(stage, done, total)`` while rendering.
        executor: Converts Markdown ahead of the render pass (default: a process
            pool of ``jobs`` workers, the core count unless configured).
        **config_overrides: Options that win over the files, e.g. ``drafts=True``,
            ``future=True``, ``baseurl="/blog"``.

    Returns:
        The built :class:`~liquidpy_site.site.Site`.

    Raises:
        SiteError: The site could not be built; the destination is left as it was
            when the failure happened before writing.
    """
    source_path = Path(source).resolve()
    dest_path = Path(destination).resolve() if destination is not None else None
    overrides = _overrides(source_path, dest_path, config_overrides)
    return build_from_config(load_config(source_path, config, overrides),
                             profile=profile, progress=progress, executor=executor)


def build_from_config(
    config: dict[str, Any],
    *,
    profile: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    executor: Executor | None = None,
) -> Site:
    """Build a site from an already loaded configuration (see :func:`load_config`)."""
    site = Site(config, profile=profile or bool(config.get("profile")), progress=progress,
                executor=executor)
    site.process()
    return site


def markdownify(text: str, options: Mapping[str, Any] | None = None) -> str:
    """Convert Markdown to HTML exactly as Jekyll's kramdown does.

    Args:
        text: Markdown source.
        options: A ``kramdown:`` configuration mapping (Jekyll's defaults apply).
    """
    from liquidpy_site.markdown import markdownify as convert

    return convert(text, options)


def render(
    template: str,
    variables: Mapping[str, Any] | None = None,
    *,
    site_config: Mapping[str, Any] | None = None,
) -> str:
    """Render a Liquid template with Jekyll's filters and tags.

    Args:
        template: The Liquid source.
        variables: Values for the template (``page``, ``site``, anything else).
        site_config: Configuration the filters read (``baseurl``, ``url``, ``kramdown``…).
    """
    from liquidpy_site.config import DEFAULTS, deep_merge
    from liquidpy_site.rendering.converters import MarkdownConverter
    from liquidpy_site.rendering.liquid_env import JekyllEnvironment
    from liquidpy_site.site import _register_extensions

    config = deep_merge(DEFAULTS, dict(site_config or {}))
    markdown = MarkdownConverter(config)
    env = JekyllEnvironment(site_config=config, markdownify=markdown.convert)
    _register_extensions(env)
    return env.from_string(template).render(**dict(variables or {}))
