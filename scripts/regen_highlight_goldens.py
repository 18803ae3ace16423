#!/usr/bin/env python3
"""Rebuild tests/highlight/expected/ from tests/highlight/snippets/ with real Jekyll.

Every folder under ``snippets/`` is one throwaway Jekyll site: its optional
``_config.yml`` is the site configuration and every other file becomes a page
(``.md`` pages go through kramdown, ``.html`` pages through Liquid only) with an
empty layout, so ``_site/<name>.html`` holds exactly the highlighted output.
The expected files are written verbatim; they are never edited by hand.

Usage: ``python scripts/regen_highlight_goldens.py [--jekyll PATH]``
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "tests" / "highlight" / "snippets"
EXPECTED = ROOT / "tests" / "highlight" / "expected"
LAYOUT = "{{ content }}"
FRONT_MATTER = "---\nlayout: empty\n---\n"


def build_group(group: Path, jekyll: str) -> dict[str, bytes]:
    """Build one snippet folder with Jekyll and return {page name: output bytes}."""
    pages = sorted(p for p in group.iterdir() if p.is_file() and p.name != "_config.yml")
    with tempfile.TemporaryDirectory(prefix="hl-golden-") as tmp:
        site = Path(tmp)
        (site / "_layouts").mkdir()
        (site / "_layouts" / "empty.html").write_text(LAYOUT, encoding="utf-8")
        config = group / "_config.yml"
        (site / "_config.yml").write_text(
            config.read_text(encoding="utf-8") if config.exists() else "", encoding="utf-8"
        )
        for page in pages:
            text = page.read_text(encoding="utf-8")
            (site / page.name).write_text(FRONT_MATTER + text, encoding="utf-8")
        subprocess.run([jekyll, "build", "--quiet"], cwd=site, check=True)
        return {page.stem: (site / "_site" / f"{page.stem}.html").read_bytes() for page in pages}


def main(argv: list[str] | None = None) -> int:
    """Regenerate every expected file; return the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jekyll", default="jekyll", help="the jekyll executable")
    args = parser.parse_args(argv)
    if shutil.which(args.jekyll) is None:
        print(f"jekyll not found: {args.jekyll}", file=sys.stderr)
        return 1
    if EXPECTED.exists():
        shutil.rmtree(EXPECTED)
    count = 0
    for group in sorted(p for p in SNIPPETS.iterdir() if p.is_dir()):
        outputs = build_group(group, args.jekyll)
        target = EXPECTED / group.name
        target.mkdir(parents=True, exist_ok=True)
        for stem, data in outputs.items():
            (target / f"{stem}.html").write_bytes(data)
        count += len(outputs)
    print(f"wrote {count} expected files to {EXPECTED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
