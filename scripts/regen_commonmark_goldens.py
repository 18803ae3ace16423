#!/usr/bin/env python3
"""Regenerate the CommonMark (``markdown: CommonMark``) goldens with a real Jekyll.

Needs Jekyll 4.3 with the jekyll-commonmark plugin (Debian:
``apt-get install ruby-jekyll-commonmark``).

Snippets: every ``tests/commonmark/snippets/NAME.md`` becomes a page of one
throwaway site (empty layout, Liquid disabled, ``markdown: CommonMark``);
Jekyll's rendered page is written verbatim to
``tests/commonmark/expected/NAME.html``. A sidecar ``NAME.options.yml`` holds a
``commonmark:`` mapping; snippets sharing the same sidecar text are built
together in a separate site with that configuration appended.

Site: ``tests/commonmark/site`` is built whole into
``tests/commonmark/expected_site``.

Goldens are never edited by hand: change a snippet or the site and rerun.

Usage::

    python scripts/regen_commonmark_goldens.py [--jekyll jekyll] [--no-site] [NAME ...]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "commonmark"
SNIPPETS = HERE / "snippets"
EXPECTED = HERE / "expected"
SITE = HERE / "site"
EXPECTED_SITE = HERE / "expected_site"

FRONT_MATTER = "---\nlayout: empty\nrender_with_liquid: false\n---\n"
BASE_CONFIG = (
    "title: commonmark corpus\n"
    "markdown: CommonMark\n"
    "plugins:\n  - jekyll-commonmark\n"
)


def _group_snippets(names: list[str] | None) -> dict[str, list[Path]]:
    """Group snippet files by the text of their options sidecar."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(SNIPPETS.glob("*.md")):
        if names and path.stem not in names:
            continue
        sidecar = path.with_suffix(".options.yml")
        extra = sidecar.read_text(encoding="utf-8") if sidecar.exists() else ""
        groups[extra].append(path)
    return groups


def _jekyll_build(jekyll: str, source: Path, dest: Path) -> None:
    subprocess.run(
        [jekyll, "build", "--quiet", "--source", str(source), "--destination", str(dest)],
        check=True,
        cwd=source.parent,
    )


def _build_group(jekyll: str, extra_config: str, snippets: list[Path]) -> None:
    """Build one throwaway site for ``snippets`` and copy Jekyll's output."""
    with tempfile.TemporaryDirectory(prefix="cm-goldens-") as tmp:
        site = Path(tmp) / "site"
        (site / "_layouts").mkdir(parents=True)
        (site / "_layouts" / "empty.html").write_text("{{ content }}", encoding="utf-8")
        (site / "_config.yml").write_text(BASE_CONFIG + extra_config, encoding="utf-8")
        for path in snippets:
            (site / path.name).write_bytes(FRONT_MATTER.encode("utf-8") + path.read_bytes())
        dest = Path(tmp) / "out"
        _jekyll_build(jekyll, site, dest)
        for path in snippets:
            shutil.copyfile(dest / (path.stem + ".html"), EXPECTED / (path.stem + ".html"))


def _build_site(jekyll: str) -> None:
    """Build the whole example site into ``expected_site``."""
    with tempfile.TemporaryDirectory(prefix="cm-site-") as tmp:
        source = Path(tmp) / "site"
        shutil.copytree(SITE, source)
        dest = Path(tmp) / "out"
        _jekyll_build(jekyll, source, dest)
        shutil.rmtree(EXPECTED_SITE, ignore_errors=True)
        shutil.copytree(dest, EXPECTED_SITE)


def _remove_orphans() -> None:
    """Delete goldens whose snippet no longer exists."""
    stems = {path.stem for path in SNIPPETS.glob("*.md")}
    for golden in EXPECTED.glob("*.html"):
        if golden.stem not in stems:
            golden.unlink()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jekyll", default="jekyll", help="Jekyll executable")
    parser.add_argument("--no-site", action="store_true", help="skip the whole-site golden")
    parser.add_argument("names", nargs="*", help="snippet names (default: all)")
    args = parser.parse_args(argv)
    if shutil.which(args.jekyll) is None:
        print(f"{args.jekyll} not found", file=sys.stderr)
        return 1
    EXPECTED.mkdir(parents=True, exist_ok=True)
    if not args.names:
        _remove_orphans()
    for extra, snippets in _group_snippets(args.names or None).items():
        _build_group(args.jekyll, extra, snippets)
        print(f"built {len(snippets)} snippet(s)")
    if not args.no_site and not args.names and SITE.is_dir():
        _build_site(args.jekyll)
        print("built the site")
    return 0


if __name__ == "__main__":
    sys.exit(main())
