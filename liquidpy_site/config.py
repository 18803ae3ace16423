"""Site configuration: Jekyll's defaults, ``_config.*`` files and overrides."""

from __future__ import annotations

import copy
import logging
import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from liquidpy_site.cache import CACHE_DIR, BuildCache
from liquidpy_site.errors import ConfigError, FrontMatterError, SourceLocation
from liquidpy_site.reading.front_matter import FrontMatterStore, front_matter_store, load_kept_yaml

log = logging.getLogger("liquidpy_site")

DEFAULTS: dict[str, Any] = {
    "source": ".",
    "collections_dir": "",
    "cache_dir": ".jekyll-cache",
    "plugins_dir": "_plugins",
    "layouts_dir": "_layouts",
    "data_dir": "_data",
    "includes_dir": "_includes",
    "collections": {},
    "safe": False,
    "include": [".htaccess"],
    "exclude": [],
    "keep_files": [".git", ".svn"],
    "encoding": "utf-8",
    "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "strict_front_matter": False,
    "show_drafts": None,
    "limit_posts": 0,
    "future": False,
    "unpublished": False,
    "whitelist": [],
    "plugins": [],
    "markdown": "kramdown",
    "highlighter": "rouge",
    "lsi": False,
    "excerpt_separator": "\n\n",
    "incremental": False,
    "detach": False,
    "port": "4000",
    "host": "127.0.0.1",
    "baseurl": None,
    "show_dir_listing": False,
    "permalink": "date",
    "paginate_path": "/page:num",
    "timezone": None,
    "quiet": False,
    "verbose": False,
    "defaults": [],
    "liquid": {"error_mode": "warn", "strict_filters": False, "strict_variables": False},
    "kramdown": {
        "auto_ids": True,
        "toc_levels": [1, 2, 3, 4, 5, 6],
        "entity_output": "as_char",
        "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
        "input": "GFM",
        "hard_wrap": False,
        "guess_lang": True,
        "footnote_nr": 1,
        "show_warnings": False,
    },
}
"""Jekyll 4.3's default configuration, in its key order."""

DEFAULT_EXCLUDES = [
    ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock",
    "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/",
]
"""Appended to every site's ``exclude`` list, as Jekyll does."""

CONFIG_NAMES = ("_config.yml", "_config.yaml", "_config.toml")

PERMALINK_STYLES = {
    "pretty": "/:categories/:year/:month/:day/:title/",
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``override`` into a copy of ``base`` as Jekyll merges hashes.

    Nested mappings merge key by key, and a ``None`` in ``override`` keeps the
    value ``base`` has (Jekyll's ``deep_merge_hashes``).
    """
    merged = dict(base)
    for key, value in override.items():
        if value is None and key in merged:
            continue
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_config_file(path: Path, display: str | None = None) -> dict[str, Any]:
    """Read one configuration file (YAML or TOML).

    Raises:
        ConfigError: The file is unreadable, invalid, or not a mapping.
    """
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise ConfigError(f"Configuration file {name} could not be read: {err.strerror}",
                          SourceLocation(name)) from err
    if path.suffix == ".toml":
        import tomllib  # only for a TOML configuration

        try:
            data: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"Invalid TOML in {name}: {err}", SourceLocation(name)) from err
    else:
        try:
            data = load_kept_yaml(text, name)  # through the parsed-YAML store, if one is active
        except FrontMatterError as err:
            raise ConfigError(err.message.replace("YAML Exception reading", "Invalid configuration file"),
                              err.location) from err
    if data is None or data is False:
        return {}
    if not isinstance(data, dict):
        raise NotAMapping(name)
    return data


class NotAMapping(ConfigError):
    """A configuration file holds something other than a mapping of options."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Configuration file: (INVALID) {name}", SourceLocation(name))


def _default_config_file(source: Path) -> Path | None:
    return next((source / n for n in CONFIG_NAMES if (source / n).is_file()), None)


def normalize(config: dict[str, Any]) -> dict[str, Any]:
    """Apply Jekyll's fix-ups: default excludes, posts collection, list forms."""
    config = copy.deepcopy(config)
    for key in ("include", "exclude", "keep_files", "plugins", "whitelist"):
        value = config.get(key)
        if isinstance(value, str):
            config[key] = [v.strip() for v in value.split(",") if v.strip()]
        elif value is None and key != "exclude":
            config[key] = []
    if config.get("exclude") is not None:
        config["exclude"] = list(dict.fromkeys([*config["exclude"], *DEFAULT_EXCLUDES]))
    if "gems" in config and not config.get("plugins"):
        config["plugins"] = list(config["gems"] or [])
    _normalize_collections(config)
    return config


def _normalize_collections(config: dict[str, Any]) -> None:
    collections = config.get("collections")
    if collections is None:
        return
    if isinstance(collections, list):
        collections = {str(name): {} for name in collections}
    collections = {str(k): dict(v or {}) for k, v in collections.items()}
    posts = dict(collections.pop("posts", {}))
    posts["output"] = True
    if config.get("permalink"):
        posts.setdefault("permalink", style_to_permalink(config["permalink"]))
    config["collections"] = {"posts": posts, **collections}


def style_to_permalink(style: Any) -> str:
    """Turn a permalink style name (``date``, ``pretty``…) into its template."""
    return PERMALINK_STYLES.get(str(style), str(style))


def config_paths(source: Path, config_files: Iterable[str | os.PathLike[str]] | None) -> list[Path]:
    """The configuration files a build reads: the given ones, or the first default."""
    files = [Path(f) for f in (config_files or [])]
    if files:
        return files
    found = _default_config_file(source)
    return [found] if found else []


def load_config(
    source: str | os.PathLike[str],
    config_files: Iterable[str | os.PathLike[str]] | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    default_destination: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Load a site's configuration as Jekyll does.

    Args:
        source: The site's source folder.
        config_files: Explicit configuration files, merged in order (``--config``).
            When empty, the first of ``_config.yml``, ``.yaml``, ``.toml`` in the source.
        overrides: Options that win over every file (command-line flags).
        default_destination: Where to write when neither the overrides nor the files
            name a ``destination`` (default: ``_site`` in the source; Jekyll's command
            line uses ``_site`` in the working directory).

    Returns:
        The merged configuration with ``source`` and ``destination`` absolute.
    """
    overrides = dict(overrides or {})
    source_path = Path(overrides.get("source") or source).resolve()
    cache = _existing_cache(source_path, overrides)
    try:
        # A configuration that needs the full YAML parser is kept parsed with the
        # front matter (by text and time zone), so later builds need not import it.
        with front_matter_store(FrontMatterStore(cache) if cache is not None else None):
            config = deep_merge(_merged_files(source_path, config_files), overrides)
        if cache is not None and not config.get("disable_disk_cache"):
            cache.save()
    finally:
        if cache is not None:
            cache.close()
    config["source"] = str(source_path)
    # A relative destination is taken from the working directory, as Jekyll does.
    destination = config.get("destination") or default_destination or source_path / "_site"
    config["destination"] = str(Path(destination).resolve())
    return normalize(config)


def _merged_files(source_path: Path,
                  config_files: Iterable[str | os.PathLike[str]] | None) -> dict[str, Any]:
    """The defaults with the configuration files merged over them, in order."""
    config = copy.deepcopy(DEFAULTS)
    for path in config_paths(source_path, config_files):
        display = os.path.relpath(path, source_path) if path.is_absolute() else str(path)
        if not path.is_file():
            raise ConfigError(f"Configuration file {display} could not be found.",
                              SourceLocation(display))
        try:
            config = deep_merge(config, read_config_file(path, display))
        except NotAMapping as err:
            # Jekyll warns, keeps what it read so far and skips the remaining files.
            log.warning("%s", err.message)
            break
    return config


def _existing_cache(source_path: Path, overrides: Mapping[str, Any]) -> BuildCache | None:
    """The site's build cache, if it has one already and the overrides do not turn it off.

    Loading a configuration never makes a cache; it keeps what it parsed in one
    only when the configuration read does not turn the cache off either.
    """
    database = source_path / CACHE_DIR / "build.sqlite"
    if overrides.get("disable_disk_cache") or not database.is_file():
        return None
    return BuildCache(database.parent)


def apply_timezone(config: Mapping[str, Any]) -> None:
    """Set the process time zone to the site's ``timezone``, as Jekyll does."""
    zone = config.get("timezone")
    if zone:
        os.environ["TZ"] = str(zone)
        time.tzset()
