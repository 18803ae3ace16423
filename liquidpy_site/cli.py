"""The ``liquidpy`` command line: build, serve, clean, new, doctor."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from liquidpy_site.errors import SiteError
from liquidpy_site.log import setup_logging, topic_line

log = logging.getLogger("liquidpy_site")


def _split_configs(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def site_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options ``build`` and ``serve`` share (Jekyll's flags)."""
    options = [
        click.option("-s", "--source", default=".", show_default=True, help="Source folder."),
        click.option("-d", "--destination", default=None,
                     help="Destination folder (default: ./_site, or `destination` in the configuration)."),
        click.option("--config", "config", default=None, help="Configuration files, comma separated."),
        click.option("-D", "--drafts", is_flag=True, default=None, help="Render posts in _drafts."),
        click.option("--future", is_flag=True, default=None, help="Publish posts dated in the future."),
        click.option("--unpublished", is_flag=True, default=None, help="Render posts marked unpublished."),
        click.option("-b", "--baseurl", default=None, help="Serve the site under this base URL."),
        click.option("--safe", is_flag=True, default=None, help="Disable custom plugins."),
        click.option("--limit_posts", "limit_posts", type=int, default=None, help="Only the N newest posts."),
        click.option("-I", "--incremental", is_flag=True, default=None, help="Rebuild only what changed."),
        click.option("--disable-disk-cache", "disable_disk_cache", is_flag=True, default=None,
                     help="Do not read or write the cache in .liquidpy-cache."),
        click.option("-q", "--quiet", is_flag=True, default=False, help="Only errors."),
        click.option("-V", "--verbose", is_flag=True, default=False, help="Debug output."),
        click.option("-t", "--trace", is_flag=True, default=False, help="Show the full traceback on errors."),
        click.option("--profile", is_flag=True, default=False, help="Print a render profile."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _overrides(**flags: Any) -> dict[str, Any]:
    from liquidpy_site.api import flag_overrides

    names = ("drafts", "future", "unpublished", "baseurl", "safe", "limit_posts", "incremental",
             "disable_disk_cache", "jobs")
    return flag_overrides({name: flags.get(name) for name in names})


def run_build(source: str, destination: str | None, config: str | None, *,
              profile: bool = False, quiet: bool = False, **flags: Any) -> Any:
    """Build once and print Jekyll's progress lines."""
    from liquidpy_site.api import build_from_config
    from liquidpy_site.config import config_paths, load_config

    source_path = Path(source).resolve()
    configs = _split_configs(config)
    files = config_paths(source_path, configs)
    for path in files or ["none"]:
        log.info(topic_line("Configuration file:", str(Path(path).resolve()) if files else path))
    overrides = {"source": str(source_path), **_overrides(**flags)}
    if destination:
        overrides["destination"] = str(Path(destination).resolve())
    # Like Jekyll's command line, the default destination is _site in the working directory.
    loaded = load_config(source_path, configs, overrides, default_destination=Path.cwd() / "_site")
    log.info(topic_line("Source:", loaded["source"]))
    log.info(topic_line("Destination:", loaded["destination"]))
    incremental = "enabled" if flags.get("incremental") else "disabled. Enable with --incremental"
    log.info(topic_line("Incremental build:", incremental))
    log.info(topic_line("Generating...", ""))
    started = time.perf_counter()
    bar = ProgressBar(started) if sys.stderr.isatty() and not quiet else None
    try:
        site = build_from_config(loaded, profile=profile, progress=bar)
    finally:
        if bar is not None:
            bar.clear()
    log.info(topic_line("", f"done in {time.perf_counter() - started:.3f} seconds."))
    if site.profiler is not None:
        click.echo(site.profiler.table())
    return site


class ProgressBar:
    """A one-line progress bar on a terminal, shown once a build takes over half a second."""

    def __init__(self, started: float, width: int = 30) -> None:
        self.started = started
        self.width = width
        self.shown = False
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - self.started < 0.5 or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        filled = int(self.width * done / max(total, 1))
        bar = "#" * filled + "-" * (self.width - filled)
        sys.stderr.write(f"\r{stage:>18} [{bar}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the bar so the next log line starts clean."""
        if self.shown:
            sys.stderr.write("\r" + " " * (self.width + 50) + "\r")
            sys.stderr.flush()


def _fail(err: BaseException, trace: bool) -> None:
    if trace:
        raise err
    if isinstance(err, SiteError):
        click.echo(err.describe(), err=True)
        code = err.exit_code
    else:
        click.echo(f"Unexpected {type(err).__name__}: {err}", err=True)
        click.echo(topic_line("", "Please report this; run again with --trace for details."), err=True)
        code = 1
    click.echo(topic_line("Error:", "the site could not be built; the destination was left as it was."), err=True)
    sys.exit(code)


def run(prog_name: str | None = "liquidpy") -> None:
    """The ``liquidpy`` command: :func:`main`, then an immediate exit.

    Freeing every page of a large site one by one takes a noticeable part of a
    small rebuild; by the time :func:`main` returns everything is written, the
    cache committed and the logs flushed, so the process ends without it.
    """
    try:
        main.main(prog_name=prog_name)
        code = 0
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            code = stop.code or 0
        else:
            print(stop.code, file=sys.stderr)
            code = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="liquidpy-site", prog_name="liquidpy")
def main() -> None:
    """Build Jekyll sites unchanged, to the same output as Jekyll 4.3."""


@main.command()
@site_options
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes converting Markdown (default: the core count).")
def build(source: str, destination: str | None, config: str | None, quiet: bool,
          verbose: bool, trace: bool, profile: bool, **flags: Any) -> None:
    """Build the site into the destination folder."""
    setup_logging(quiet, verbose)
    try:
        run_build(source, destination, config, profile=profile, quiet=quiet, **flags)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the CLI never shows a bare traceback
        _fail(err, trace)
    log.info(topic_line("Auto-regeneration:", "disabled. Use --watch to enable."))


@main.command()
@site_options
@click.option("-H", "--host", default="127.0.0.1", show_default=True,
              help="Host to bind to (loopback only by default).")
@click.option("-P", "--port", default=4000, show_default=True, type=int, help="Port to listen on.")
@click.option("-w", "--watch/--no-watch", default=True,
              help="Rebuild when files change (on by default).")
@click.option("-o", "--open-url", is_flag=True, default=False, help="Open the site in a browser.")
@click.option("-l", "--livereload/--no-livereload", default=True,
              help="Reload open pages after each rebuild and show build errors in them (on by default).")
def serve(source: str, destination: str | None, config: str | None, quiet: bool, verbose: bool,
          trace: bool, profile: bool, host: str, port: int, watch: bool, open_url: bool,
          livereload: bool, **flags: Any) -> None:
    """Build the site, serve it, and rebuild when files change (always incrementally)."""
    from liquidpy_site.config import config_paths, load_config
    from liquidpy_site.serve import ServeOptions, serve_site

    setup_logging(quiet, verbose)
    source_path = Path(source).resolve()
    configs = _split_configs(config)
    files = config_paths(source_path, configs)
    for path in files or ["none"]:
        log.info(topic_line("Configuration file:", str(Path(path).resolve()) if files else path))
    overrides = {"source": str(source_path), **_overrides(**flags), "incremental": True}
    if destination:
        overrides["destination"] = str(Path(destination).resolve())

    def load() -> dict[str, Any]:
        return load_config(source_path, configs, overrides, default_destination=Path.cwd() / "_site")

    options = ServeOptions(host=host, port=port, watch=watch, livereload=livereload,
                           open_url=open_url)
    sys.exit(serve_site(load, options, configs or ()))


@main.command()
@click.option("-s", "--source", default=".", help="Source folder.")
@click.option("-d", "--destination", default=None, help="Destination folder.")
def clean(source: str, destination: str | None) -> None:
    """Remove the destination folder and caches."""
    import shutil

    setup_logging()
    source_path = Path(source).resolve()
    dest = Path(destination).resolve() if destination else source_path / "_site"
    for path in (dest, source_path / ".jekyll-cache", source_path / ".liquidpy-cache",
                 source_path / ".jekyll-metadata"):
        if path.is_dir():
            shutil.rmtree(path)
            log.info(topic_line("Cleaner:", f"Removing {path}..."))
        elif path.is_file():
            path.unlink()
            log.info(topic_line("Cleaner:", f"Removing {path}..."))
        else:
            log.info(topic_line("Cleaner:", f"Nothing to do for {path}."))


@main.command()
@click.argument("path")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def new(path: str, force: bool) -> None:
    """Create a starter site at PATH."""
    from liquidpy_site.starter import create_starter

    setup_logging()
    target = Path(path).resolve()
    if target.exists() and any(target.iterdir()) and not force:
        click.echo(f"Conflict: {target} exists and is not empty. Use --force to write into it.", err=True)
        sys.exit(1)
    create_starter(target)
    log.info(f"New site installed in {target}.")


@main.command()
@click.option("-s", "--source", default=".", help="Source folder.")
@click.option("--config", "config", default=None, help="Configuration files, comma separated.")
def doctor(source: str, config: str | None) -> None:
    """Check the site for problems (URL conflicts, configuration)."""
    from liquidpy_site.doctor import run_doctor

    setup_logging()
    try:
        problems = run_doctor(Path(source).resolve(), _split_configs(config))
    except SiteError as err:
        _fail(err, False)
        return
    for problem in problems:
        log.warning(topic_line("Conflict:", problem))
    if problems:
        sys.exit(1)
    log.info(topic_line("", "Everything looks fine."))
