"""The ``liquidpy`` command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from liquidpy_site.cli import main

SITE = {
    "_config.yml": "title: Test\n",
    "index.md": "---\nlayout: default\ntitle: Home\n---\n# Hello\n",
    "_layouts/default.html": "<title>{{ page.title }}</title>\n{{ content }}",
    "assets/style.css": "body {}\n",
}


def invoke(*args: str) -> Result:
    """Run the CLI from the source folder (``-s``), as one runs Jekyll from a site."""
    argv = list(args)
    cwd = Path(argv[argv.index("-s") + 1]) if "-s" in argv else Path.cwd()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, argv)
    finally:
        os.chdir(previous)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def run_module(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "liquidpy_site", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "NO_COLOR": "1"})


# -- build ---------------------------------------------------------------------------


def test_default_destination_is_site_in_the_working_directory(make_site: Any, tmp_path: Path) -> None:
    source = make_site(SITE)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run_module("build", "-q", "-s", str(source), cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert (elsewhere / "_site" / "index.html").is_file()
    assert not (source / "_site").exists()


def test_build_prints_jekylls_lines(make_site: Any) -> None:
    source = make_site(SITE)
    result = invoke("build", "-s", str(source))
    assert result.exit_code == 0, result.output
    output = result.output
    assert f"Configuration file: {source.resolve() / '_config.yml'}" in output
    assert f"            Source: {source.resolve()}" in output
    assert f"       Destination: {source.resolve() / '_site'}" in output
    assert " Incremental build: disabled. Enable with --incremental" in output
    assert "      Generating... " in output
    assert "done in " in output and " seconds." in output
    assert " Auto-regeneration: disabled. Use --watch to enable." in output
    page = (source / "_site" / "index.html").read_text()
    assert page == '<title>Home</title>\n<h1 id="hello">Hello</h1>\n'
    assert (source / "_site" / "assets" / "style.css").read_text() == "body {}\n"


def test_build_with_destination_and_config_flags(make_site: Any, tmp_path: Path) -> None:
    source = make_site({**SITE, "other.yml": "title: Other\n",
                        "about.md": "---\n---\n{{ site.title }} {{ site.baseurl }}\n"})
    out = tmp_path / "public"
    result = invoke("build", "-s", str(source), "-d", str(out), "--config",
                    f"{source / '_config.yml'},{source / 'other.yml'}", "-b", "/base")
    assert result.exit_code == 0, result.output
    assert (out / "about.html").read_text() == "<p>Other /base</p>\n"
    assert not (source / "_site").exists()


def test_one_configuration_line_per_config_file(make_site: Any) -> None:
    source = make_site({**SITE, "other.yml": "title: Other\n"})
    first, second = source.resolve() / "_config.yml", source.resolve() / "other.yml"
    result = invoke("build", "-s", str(source), "--config", f"{first},{second}")
    assert result.exit_code == 0
    assert f"Configuration file: {first}\nConfiguration file: {second}\n" in result.output


def test_quiet_build_prints_nothing(make_site: Any) -> None:
    source = make_site(SITE)
    result = invoke("build", "-q", "-s", str(source))
    assert result.exit_code == 0
    assert result.output == ""


BROKEN = {"index.md": "---\ntitle: x\n---\nline one\n\n{% if true %}\nhello\n"}


def test_broken_site_exits_1_and_names_file_and_line(make_site: Any) -> None:
    source = make_site(BROKEN)
    result = invoke("build", "-s", str(source))
    assert result.exit_code == 1
    # A handled failure: the command exits, no exception escapes to print a traceback.
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "'if' tag was never closed in index.md" in result.output
    assert "in index.md, line 6" in result.output
    assert "the site could not be built; the destination was left as it was." in result.output
    assert not (source / "_site").exists()


def test_failed_build_leaves_the_destination_as_it_was(make_site: Any) -> None:
    source = make_site({**SITE, "blog/post.md": "---\n---\npost\n"})
    assert invoke("build", "-s", str(source)).exit_code == 0
    dest = source / "_site"
    (dest / "stale.html").write_text("from an older build")
    (dest / "index.html").write_text("edited by hand")
    before = snapshot(dest)
    # A new page, a removed page and a broken page: nothing of it may reach the destination.
    (source / "new.md").write_text("---\n---\nnew\n")
    (source / "blog" / "post.md").unlink()
    (source / "broken.md").write_text("---\n---\n{{ 'x' | nosuchfilter }}\n{% for x in y %}\n")
    result = invoke("build", "-s", str(source))
    assert result.exit_code == 1
    assert snapshot(dest) == before
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == [
        "assets", "assets/style.css", "blog", "blog/post.html", "index.html", "stale.html"]


def test_destination_clash_fails_cleanly(make_site: Any) -> None:
    source = make_site({"index.md": "---\n---\nhi\n"})
    assert invoke("build", "-s", str(source)).exit_code == 0
    dest = source / "_site"
    (dest / "index.html").write_text("old")
    before = snapshot(dest)
    (source / "p.md").write_text("---\npermalink: /x.txt\n---\npage\n")
    (source / "x.txt").mkdir()
    (source / "x.txt" / "y.css").write_text("body\n")
    result = invoke("build", "-s", str(source))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert snapshot(dest) == before


def test_trace_shows_the_traceback(make_site: Any) -> None:
    source = make_site(BROKEN)
    done = run_module("build", "--trace", "-s", str(source))
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert "liquidpy_site.errors.RenderError: Liquid Exception" in done.stderr
    assert "index.md, line 6" in done.stderr


def test_trace_with_cli_runner_reraises(make_site: Any) -> None:
    from liquidpy_site.errors import RenderError

    result = invoke("build", "-t", "-s", str(make_site(BROKEN)))
    assert isinstance(result.exception, RenderError)


def test_invalid_config_exits_1(make_site: Any) -> None:
    source = make_site({"_config.yml": "a: [1\nb: 2\n", "index.md": "x"})
    result = invoke("build", "-s", str(source))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "in _config.yml, line 1, column 4" in result.output
    assert "Traceback" not in result.output


# -- clean ---------------------------------------------------------------------------


def test_clean_removes_destination_and_caches(make_site: Any) -> None:
    source = make_site(SITE)
    assert invoke("build", "-s", str(source)).exit_code == 0
    (source / ".jekyll-cache").mkdir()
    (source / ".jekyll-cache" / "x").write_text("x")
    (source / ".jekyll-metadata").write_text("m")
    result = invoke("clean", "-s", str(source))
    assert result.exit_code == 0
    assert not (source / "_site").exists()
    assert not (source / ".jekyll-cache").exists()
    assert not (source / ".jekyll-metadata").exists()
    assert (source / "index.md").exists()
    assert f"Cleaner: Removing {source.resolve() / '_site'}..." in result.output
    again = invoke("clean", "-s", str(source))
    assert again.exit_code == 0
    assert f"Cleaner: Nothing to do for {source.resolve() / '_site'}." in again.output


def test_clean_custom_destination(make_site: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.html").write_text("a")
    result = invoke("clean", "-s", str(make_site(SITE)), "-d", str(out))
    assert result.exit_code == 0
    assert not out.exists()


# -- new -------------------------------------------------------------------------------


def test_new_site_builds(tmp_path: Path) -> None:
    target = tmp_path / "blog"
    result = invoke("new", str(target))
    assert result.exit_code == 0, result.output
    assert (target / "_config.yml").is_file()
    assert len(list((target / "_posts").glob("*-welcome.md"))) == 1
    built = invoke("build", "-s", str(target))
    assert built.exit_code == 0, built.output
    index = (target / "_site" / "index.html").read_text()
    assert "Welcome to your new site" in index
    assert (target / "_site" / "about" / "index.html").is_file()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("mine")
    result = invoke("new", str(tmp_path / "taken"))
    assert result.exit_code == 1
    assert "Conflict:" in result.output
    assert not (tmp_path / "taken" / "_config.yml").exists()
    forced = invoke("new", "--force", str(tmp_path / "taken"))
    assert forced.exit_code == 0
    assert (tmp_path / "taken" / "keep.txt").read_text() == "mine"
    assert (tmp_path / "taken" / "_config.yml").is_file()


# -- doctor ---------------------------------------------------------------------------


def test_doctor_finds_two_pages_writing_one_file(make_site: Any) -> None:
    source = make_site({"index.md": "---\n---\nhi\n",
                        "other.md": "---\npermalink: /index.html\n---\nother\n"})
    result = invoke("doctor", "-s", str(source))
    assert result.exit_code == 1
    assert "Conflict:" in result.output
    assert "The destination index.html is written by both index.md and other.md." in result.output
    assert not (source / "_site").exists()


def test_doctor_on_a_fine_site(make_site: Any) -> None:
    result = invoke("doctor", "-s", str(make_site(SITE)))
    assert result.exit_code == 0
    assert "Everything looks fine." in result.output


# -- the module and meta options -----------------------------------------------------------


def test_python_dash_m_help() -> None:
    done = run_module("--help")
    assert done.returncode == 0
    assert "Usage:" in done.stdout
    for command in ("build", "serve", "clean", "new", "doctor"):
        assert command in done.stdout


def test_version_option() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert "liquidpy" in result.output
    assert "0.1.0" in result.output


def test_unknown_command_is_a_usage_error() -> None:
    result = invoke("bulid")
    assert result.exit_code == 2
