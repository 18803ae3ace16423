#!/usr/bin/env python3
"""Regenerate the whole-site golden outputs under ``tests/sites/`` with real Jekyll.

Every directory below ``tests/sites/`` that holds a ``site/`` folder is a case.
Cases below an ``errors/`` folder are error cases: Jekyll must fail on them.

For each case the script copies ``site/`` to a scratch directory, runs::

    jekyll build -s <scratch>/site -d <scratch>/_site [flags from the case's args file]

with the scratch ``site`` as the working directory and the environment
``TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8`` (``JEKYLL_ENV`` unset), and then

* normal case: replaces ``expected/`` with Jekyll's ``_site``; anything Jekyll
  printed on stderr (warnings) is written to ``warnings.txt`` next to ``site/``;
* error case: writes ``expected/exit_code`` and ``expected/stderr.txt``.

A normal case whose build fails, or an error case whose build succeeds, is
refused: its ``expected/`` is left untouched and the script exits non-zero.

Usage::

    scripts/regen_site_goldens.py [--only GLOB]... [--jekyll PATH] [SITES_DIR]
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REFERENCE_VERSION = "jekyll 4.3.1"
DEFAULT_SITES = Path(__file__).resolve().parent.parent / "tests" / "sites"

ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# "<TAB>from /usr/lib/ruby/...rb:12:in `x'" lines of a Ruby backtrace.
BACKTRACE_RE = re.compile(r"^\s+from \S+:\d+:in ")
# "/usr/lib/ruby/3.1.0/psych.rb:455:in `parse': " prefix of an uncaught exception.
RUBY_LOCATION_RE = re.compile(r"^/\S+\.rb:\d+:in `[^']*': ")


@dataclass(frozen=True)
class Case:
    """One golden case: a directory holding ``site/`` (and ``expected/``)."""

    name: str
    path: Path

    @property
    def is_error(self) -> bool:
        """True for cases below an ``errors/`` directory."""
        return "errors" in Path(self.name).parts[:-1]

    @property
    def site(self) -> Path:
        """The Jekyll source of the case."""
        return self.path / "site"

    @property
    def expected(self) -> Path:
        """The golden output directory."""
        return self.path / "expected"

    def args(self) -> list[str]:
        """Extra ``jekyll build`` flags from the optional ``args`` file."""
        args_file = self.path / "args"
        if not args_file.is_file():
            return []
        return shlex.split(args_file.read_text(encoding="utf-8"), comments=True)


def find_cases(root: Path) -> list[Case]:
    """Return every case below ``root``, sorted by name."""
    cases = []
    for site in sorted(root.rglob("site")):
        rel = site.relative_to(root)
        if not site.is_dir() or {"site", "expected"} & set(rel.parts[:-1]):
            continue
        cases.append(Case(name=rel.parent.as_posix(), path=site.parent))
    return cases


def build_env() -> dict[str, str]:
    """The environment every golden build runs in."""
    env = dict(os.environ)
    for var in ("JEKYLL_ENV", "JEKYLL_NO_BUNDLER_REQUIRE", "BUNDLE_GEMFILE"):
        env.pop(var, None)
    env.update(TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return env


def clean_stderr(text: str, source: Path, dest: Path) -> str:
    """Strip colours and backtraces from Jekyll's stderr and anonymise paths."""
    lines = []
    for line in ANSI_RE.sub("", text).splitlines():
        if BACKTRACE_RE.match(line):
            continue
        line = RUBY_LOCATION_RE.sub("", line)
        line = line.replace(str(dest), "<DEST>").replace(str(source), "<SOURCE>")
        lines.append(line.rstrip())
    return "".join(line + "\n" for line in lines)


def run_jekyll(jekyll: str, case: Case, scratch: Path) -> tuple[int, str, Path, Path]:
    """Build a scratch copy of the case; return (exit code, stderr, source, dest)."""
    source = scratch / "site"
    dest = scratch / "_site"
    shutil.copytree(case.site, source, symlinks=True)
    cmd = [jekyll, "build", "-s", str(source), "-d", str(dest), *case.args()]
    proc = subprocess.run(
        cmd, cwd=source, env=build_env(), capture_output=True, text=True, check=False
    )
    return proc.returncode, proc.stderr, source, dest


def write_normal(case: Case, dest: Path, stderr: str) -> int:
    """Replace ``expected/`` by Jekyll's output; return the number of files."""
    shutil.rmtree(case.expected, ignore_errors=True)
    shutil.copytree(dest, case.expected, symlinks=True)
    warnings = case.path / "warnings.txt"
    if stderr.strip():
        warnings.write_text(stderr, encoding="utf-8")
    elif warnings.exists():
        warnings.unlink()
    return sum(1 for p in case.expected.rglob("*") if p.is_file())


def write_error(case: Case, code: int, stderr: str) -> None:
    """Write ``expected/exit_code`` and ``expected/stderr.txt``."""
    shutil.rmtree(case.expected, ignore_errors=True)
    case.expected.mkdir(parents=True)
    (case.expected / "exit_code").write_text(f"{code}\n", encoding="utf-8")
    (case.expected / "stderr.txt").write_text(stderr, encoding="utf-8")


def regen_case(jekyll: str, case: Case) -> bool:
    """Regenerate one case; return False when the case is refused."""
    if (case.site / "Gemfile").exists():
        print(f"FAIL {case.name}: sites must not contain a Gemfile", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        scratch = Path(tmp).resolve()
        code, raw, source, dest = run_jekyll(jekyll, case, scratch)
        stderr = clean_stderr(raw, source, dest)
        if case.is_error:
            if code == 0:
                print(
                    f"FAIL {case.name}: error case, but jekyll exited 0",
                    file=sys.stderr,
                )
                return False
            write_error(case, code, stderr)
            print(f"ok   {case.name} (exit {code})")
            return True
        if code != 0:
            print(f"FAIL {case.name}: jekyll exited {code}", file=sys.stderr)
            print(stderr, file=sys.stderr)
            return False
        count = write_normal(case, dest, stderr)
        print(f"ok   {case.name} ({count} files)")
        for line in stderr.splitlines():
            print(f"     jekyll: {line}")
        return True


def check_version(jekyll: str) -> None:
    """Warn when the Jekyll found is not the reference version."""
    try:
        out = subprocess.run(
            [jekyll, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except FileNotFoundError:
        sys.exit(f"regen_site_goldens: '{jekyll}' not found; install Jekyll 4.3.1")
    if out != REFERENCE_VERSION:
        print(
            f"WARNING: reference is {REFERENCE_VERSION}, found {out!r}", file=sys.stderr
        )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="?", type=Path, default=DEFAULT_SITES)
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="GLOB",
        help="regenerate only matching cases (e.g. 'errors/*')",
    )
    parser.add_argument("--jekyll", default=os.environ.get("JEKYLL", "jekyll"))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Regenerate the selected cases; return the process exit status."""
    opts = parse_args(argv)
    check_version(opts.jekyll)
    cases = [
        c
        for c in find_cases(opts.sites.resolve())
        if not opts.only or any(fnmatch.fnmatchcase(c.name, g) for g in opts.only)
    ]
    failures = sum(not regen_case(opts.jekyll, case) for case in cases)
    print(f"regen: {len(cases)} case(s), {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
