#!/usr/bin/env python3
"""Regenerate the Markdown differential goldens with a real Jekyll install.

Every ``tests/markdown/snippets/NAME.md`` becomes a page of one throwaway
Jekyll site (empty layout, Liquid disabled) built in a temporary directory;
Jekyll's rendered page is written verbatim to ``tests/markdown/expected/NAME.html``.

A snippet may have a sidecar ``NAME.options.yml`` holding a ``kramdown:``
mapping (and optionally ``highlighter``); snippets sharing the same sidecar
text are built together in a separate site with that configuration merged in.

Goldens are never edited by hand: change a snippet and rerun this script.

Usage::

    python scripts/regen_markdown_goldens.py [--jekyll jekyll] [NAME ...]
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
SNIPPETS = ROOT / "tests" / "markdown" / "snippets"
EXPECTED = ROOT / "tests" / "markdown" / "expected"

FRONT_MATTER = "---\nlayout: empty\nrender_with_liquid: false\n---\n"
BASE_CONFIG = "title: markdown corpus\nmarkdown: kramdown\n"


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


def _build_group(jekyll: str, extra_config: str, snippets: list[Path]) -> None:
    """Build one throwaway site for ``snippets`` and copy Jekyll's output."""
    with tempfile.TemporaryDirectory(prefix="md-goldens-") as tmp:
        site = Path(tmp) / "site"
        (site / "_layouts").mkdir(parents=True)
        (site / "_layouts" / "empty.html").write_text("{{ content }}", encoding="utf-8")
        (site / "_config.yml").write_text(BASE_CONFIG + extra_config, encoding="utf-8")
        for path in snippets:
            body = path.read_text(encoding="utf-8")
            (site / path.name).write_text(FRONT_MATTER + body, encoding="utf-8")
        dest = Path(tmp) / "out"
        subprocess.run(
            [jekyll, "build", "--quiet", "--source", str(site), "--destination", str(dest)],
            check=True,
            cwd=tmp,
        )
        for path in snippets:
            built = dest / (path.stem + ".html")
            shutil.copyfile(built, EXPECTED / (path.stem + ".html"))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jekyll", default="jekyll", help="Jekyll executable")
    parser.add_argument("names", nargs="*", help="snippet names (default: all)")
    args = parser.parse_args(argv)
    if shutil.which(args.jekyll) is None:
        print(f"{args.jekyll} not found", file=sys.stderr)
        return 1
    EXPECTED.mkdir(parents=True, exist_ok=True)
    groups = _group_snippets(args.names or None)
    for extra, snippets in groups.items():
        _build_group(args.jekyll, extra, snippets)
        print(f"built {len(snippets)} snippet(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
