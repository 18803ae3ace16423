#!/usr/bin/env python3
"""Regenerate the plugin golden outputs under ``tests/plugins/`` with real Jekyll.

Every ``tests/plugins/<name>/site/`` is a case. The script copies ``site/`` to a
scratch directory, gives every copied file the modification time
:data:`FIXED_MTIME` (static files' ``modified_time`` then does not depend on the
checkout), runs::

    jekyll build -s <scratch>/site -d <scratch>/_site

with ``TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8`` (``JEKYLL_ENV`` unset) and replaces
``expected/`` by Jekyll's ``_site``. Sites fix ``time:`` and ``timezone:`` in
their ``_config.yml`` so that the output does not depend on the build time.

A case whose build fails is left untouched and the script exits non-zero.

Usage::

    scripts/regen_plugin_goldens.py [--only NAME]... [--jekyll PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "tests" / "plugins"
REFERENCE_VERSION = "jekyll 4.3.1"
FIXED_MTIME = 1_700_000_000
"""Modification time (2023-11-14T22:13:20Z) given to every file of a copied site."""


def build_env() -> dict[str, str]:
    """The environment every golden build runs in."""
    env = dict(os.environ)
    for var in ("JEKYLL_ENV", "JEKYLL_NO_BUNDLER_REQUIRE", "BUNDLE_GEMFILE"):
        env.pop(var, None)
    env.update(TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return env


def fix_mtimes(root: Path, mtime: int = FIXED_MTIME) -> None:
    """Give every file below ``root`` the same modification time."""
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, (mtime, mtime))


def regen_case(jekyll: str, case: Path) -> bool:
    """Rebuild ``case/expected`` from ``case/site``; False when Jekyll fails."""
    with tempfile.TemporaryDirectory(prefix="plugin-golden-") as tmp:
        source = Path(tmp) / "site"
        dest = Path(tmp) / "_site"
        shutil.copytree(case / "site", source, symlinks=True)
        fix_mtimes(source)
        proc = subprocess.run([jekyll, "build", "-s", str(source), "-d", str(dest)],
                              cwd=source, env=build_env(), capture_output=True, text=True,
                              check=False)
        if proc.returncode != 0:
            print(f"FAIL {case.name}: jekyll exited {proc.returncode}\n{proc.stderr}",
                  file=sys.stderr)
            return False
        shutil.rmtree(case / "expected", ignore_errors=True)
        shutil.copytree(dest, case / "expected", symlinks=True)
    count = sum(1 for p in (case / "expected").rglob("*") if p.is_file())
    print(f"ok   {case.name} ({count} files)")
    for line in proc.stderr.splitlines():
        print(f"     jekyll: {line}")
    return True


def main(argv: list[str] | None = None) -> int:
    """Regenerate the selected cases; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", default=[], metavar="NAME")
    parser.add_argument("--jekyll", default=os.environ.get("JEKYLL", "jekyll"))
    opts = parser.parse_args(argv)
    version = subprocess.run([opts.jekyll, "--version"], capture_output=True, text=True,
                             check=False).stdout.strip()
    if version != REFERENCE_VERSION:
        print(f"WARNING: reference is {REFERENCE_VERSION}, found {version!r}", file=sys.stderr)
    cases = [p.parent for p in sorted(ROOT.glob("*/site")) if p.is_dir()]
    if opts.only:
        cases = [c for c in cases if c.name in opts.only]
    failures = sum(not regen_case(opts.jekyll, case) for case in cases)
    print(f"regen: {len(cases)} case(s), {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
