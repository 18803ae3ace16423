#!/usr/bin/env python3
"""Regenerate tests/liquid/expected/*.txt by rendering every case with real Jekyll.

Builds a throwaway site in a temporary folder: ``tests/liquid/site_config.yml``
as ``_config.yml``, ``tests/liquid/data/*`` as ``_data``, ``tests/liquid/posts``
as ``_posts``, the files of ``tests/liquid/site_files`` at the top, and each
``tests/liquid/cases/NAME.liquid`` as the page ``NAME.html`` (front matter
``layout: null``). The rendered pages become the
goldens. Needs ``jekyll`` on PATH; the tests only read the committed goldens.

Usage: python scripts/regen_liquid_goldens.py [NAME ...]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "liquid"
FRONT_MATTER = "---\nlayout: null\ntitle: Corpus page\n---\n"


def build_site(site: Path, cases: list[Path]) -> None:
    """Write the throwaway Jekyll site for ``cases`` into ``site``."""
    shutil.copy(CORPUS / "site_config.yml", site / "_config.yml")
    shutil.copytree(CORPUS / "data", site / "_data")
    shutil.copytree(CORPUS / "site_files", site, dirs_exist_ok=True)
    if (CORPUS / "posts").is_dir():
        shutil.copytree(CORPUS / "posts", site / "_posts")
    for case in cases:
        text = case.read_text(encoding="utf-8")
        (site / f"{case.stem}.html").write_text(FRONT_MATTER + text, encoding="utf-8")


def main(names: list[str]) -> int:
    """Render the named cases (all by default) and write their goldens."""
    cases = sorted((CORPUS / "cases").glob("*.liquid"))
    if names:
        cases = [c for c in cases if c.stem in names]
    out_dir = CORPUS / "expected"
    out_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        build_site(site, cases)
        dest = Path(tmp) / "_site"
        result = subprocess.run(
            ["jekyll", "build", "-s", str(site), "-d", str(dest), "--quiet"],
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": tmp},
        )
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            return result.returncode
        for case in cases:
            rendered = (dest / f"{case.stem}.html").read_bytes()
            (out_dir / f"{case.stem}.txt").write_bytes(rendered)
            print(f"wrote expected/{case.stem}.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
