#!/usr/bin/env python3
"""Rebuild the Sass golden sites under ``tests/sass/`` with real Jekyll 4.3.1.

Each case is ``tests/sass/<name>/site/`` (written from the definitions below)
and ``tests/sass/<name>/expected/`` (the stylesheets, ``*.css`` and ``*.css.map``,
of the ``_site`` that Jekyll wrote for it).
The goldens are produced only by this script; never edit them by hand.

Usage::

    python scripts/regen_sass_goldens.py            # every case
    python scripts/regen_sass_goldens.py --only theme-minima

Needs ``jekyll`` (Debian: ``apt-get install jekyll jekyll-theme-minima``).  Each
site is copied to a scratch folder and built there with that folder as the
working directory, ``TZ=UTC``, ``LANG=LC_ALL=C.UTF-8`` and ``JEKYLL_ENV`` unset.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "tests" / "sass"

PARTIALS_COMPRESSED = {
    "_config.yml": """\
title: Sass goldens
sass:
  style: compressed
  load_paths:
    - vendor/lib
    - node_modules/*/scss
""",
    "_sass/_base.scss": """\
@import "base/colors";
@import "base/type";

body {
  color: $text;
  margin: 0;
}
""",
    "_sass/base/_colors.scss": """\
$text: #333 !default;
$accent: #e91e63;
$muted: mix($text, #fff, 40%);
""",
    "_sass/base/_type.scss": """\
$font: Georgia, "Times New Roman", serif;
%heading { font-family: $font; line-height: 1.25; }
""",
    "_sass/_mixins.scss": """\
@mixin respond($min) {
  @media (min-width: $min) { @content; }
}
@function rem($px) { @return ($px / 16px) * 1rem; }
""",
    "vendor/lib/_grid.scss": """\
.grid {
  display: flex;
  > .cell { flex: 1 1 0%; padding: rem(12px); }
}
""",
    "node_modules/widget/scss/_widget.scss": """\
.widget { border: 1px solid $accent; &:hover { border-color: darken($accent, 10%); } }
""",
    "assets/css/style.scss": """\
---
---
/*! Loud comment kept → even when compressed */
@import "base", "mixins";
@import "grid";
@import "widget";

h1 { @extend %heading; font-size: rem(32px); }
h2 { @extend %heading; color: $muted; }

.arrow::before { content: "→"; }

@include respond(40em) {
  .grid { flex-wrap: nowrap; }
  h1 { font-size: rem(40px); }
}

// a line comment
.ratio { width: percentage(1 / 3); }
""",
    "assets/other.scss": """\
---
---
@import "base";
.other { color: lighten($accent, 20%); }
""",
    "index.html": "---\n---\n<p>partials</p>\n",
}

THEME_MINIMA = {
    "_config.yml": "title: Minima Sass\ntheme: minima\n",
    "index.html": "<p>theme</p>\n",
}

OPTIONS_INDENTED = {
    "_config.yml": """\
sass:
  sass_dir: styles
  line_comments: true
  precision: 3
""",
    "styles/_vars.scss": "$gap: 10px;\n$ink: #123456;\n",
    "styles/_mixins.sass": "=pad($n)\n  padding: $gap * $n\n",
    "assets/app.sass": """\
---
---
@import vars, mixins

.app
  color: $ink
  +pad(1.5)
  .third
    width: (100% / 3)
  &:hover
    color: lighten($ink, 15%)
""",
    "css/print.scss": """\
---
---
@import "vars";
@media print {
  .page { margin: $gap / 3; width: (2 / 7) * 100%; }
}
""",
}

SOURCEMAP_NEVER = {
    "_config.yml": "sass:\n  style: expanded\n  sourcemap: never\n",
    "_sass/_colors.scss": "$fg: #0a0a0a;\n",
    "assets/main.scss": """\
---
---
@import "colors";
.site { color: $fg; .inner { padding: 1em; } }
@media (max-width: 600px) { .site { display: none; } }
""",
}

CASES: dict[str, dict[str, str]] = {
    "partials-compressed": PARTIALS_COMPRESSED,
    "theme-minima": THEME_MINIMA,
    "options-indented": OPTIONS_INDENTED,
    "sourcemap-never": SOURCEMAP_NEVER,
}


def write_site(case_dir: Path, files: dict[str, str]) -> None:
    """Replace ``case_dir/site`` with the given files."""
    site = case_dir / "site"
    if site.exists():
        shutil.rmtree(site)
    for relative, text in files.items():
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def build(case_dir: Path, jekyll: str) -> None:
    """Build ``case_dir/site`` with Jekyll in a scratch folder; store ``expected/``."""
    env = {k: v for k, v in os.environ.items() if k not in ("JEKYLL_ENV", "BUNDLE_GEMFILE")}
    env.update(TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    with tempfile.TemporaryDirectory(prefix="sass-golden-") as scratch:
        site = Path(scratch) / "site"
        shutil.copytree(case_dir / "site", site)
        dest = Path(scratch) / "_site"
        done = subprocess.run([jekyll, "build", "-s", str(site), "-d", str(dest)],
                              cwd=site, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"jekyll failed on {case_dir.name}")
        expected = case_dir / "expected"
        if expected.exists():
            shutil.rmtree(expected)
        for path in sorted(dest.rglob("*")):
            if path.is_file() and path.name.endswith((".css", ".css.map")):
                target = expected / path.relative_to(dest)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


def main(argv: list[str] | None = None) -> int:
    """Regenerate the selected cases."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="case name (repeatable)")
    parser.add_argument("--jekyll", default=os.environ.get("JEKYLL", "jekyll"))
    args = parser.parse_args(argv)
    if shutil.which(args.jekyll) is None:
        print(f"{args.jekyll!r} not found: install Jekyll 4.3.1", file=sys.stderr)
        return 2
    for name, files in CASES.items():
        if args.only and name not in args.only:
            continue
        case_dir = ROOT / name
        write_site(case_dir, files)
        build(case_dir, args.jekyll)
        print(f"regenerated {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
