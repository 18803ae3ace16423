"""Whole-site golden tests: build every site under ``tests/sites/`` and compare.

Each case directory holds ``site/`` (a Jekyll source), ``expected/`` (what
Jekyll 4.3.1 produced for it, written by ``scripts/regen_site_goldens.py``)
and optionally ``args`` (extra ``jekyll build`` flags).

* Normal cases are built with ``liquidpy_site.build(source, destination,
  **flags)`` and the whole output tree is compared with ``expected/`` byte for
  byte.
* Cases below ``errors/`` are built with the command line
  (``python -m liquidpy_site build -s ... -d ...``); the build must exit
  non-zero and its stderr must name every site file and every ``line N`` that
  Jekyll's stderr (``expected/stderr.txt``) names.

``KNOWN_DIFFERENCES`` maps a case name to the reason it is expected to fail;
such cases are marked ``xfail(strict=True)``.
"""

from __future__ import annotations

import difflib
import importlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest

SITES = Path(__file__).resolve().parent / "sites"
REPO = SITES.parent.parent

KNOWN_DIFFERENCES: dict[str, str] = {}

MAX_DIFF_LINES = 60
TRACE_FRAMES = 4
LINE_RE = re.compile(r"\bline (\d+)\b")
# A site file is "named" when its relative path appears after a space, quote,
# bracket or "<SOURCE>/" and before a space, quote, bracket, colon or comma.
FILE_BEFORE = r"(?:^|[\s'\"(\[]|<SOURCE>/)"
FILE_AFTER = r"(?=$|[\s'\"):,\]]|\.(?:\s|$))"
SOURCE_PATH_RE = re.compile(r"<SOURCE>/([^\s'\"():,\]]+\.\w+)")


@dataclass(frozen=True)
class Case:
    """One golden case: a directory holding ``site/`` and ``expected/``."""

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
        """Jekyll's output (or exit code and stderr for error cases)."""
        return self.path / "expected"

    def args(self) -> list[str]:
        """The command-line flags from the optional ``args`` file."""
        args_file = self.path / "args"
        if not args_file.is_file():
            return []
        return shlex.split(args_file.read_text(encoding="utf-8"), comments=True)


def find_cases(root: Path = SITES) -> list[Case]:
    """Every case below ``root``, sorted by name."""
    cases = []
    for site in sorted(root.rglob("site")):
        rel = site.relative_to(root)
        if not site.is_dir() or {"site", "expected"} & set(rel.parts[:-1]):
            continue
        cases.append(Case(name=rel.parent.as_posix(), path=site.parent))
    return cases


def flags_to_kwargs(args: list[str]) -> dict[str, Any]:
    """Map ``jekyll build`` flags to keyword arguments of ``liquidpy_site.build``.

    ``--drafts`` becomes ``drafts=True``, ``--config a,b`` becomes
    ``config=["a", "b"]`` and ``--some-option value`` becomes
    ``some_option="value"``.
    """
    kwargs: dict[str, Any] = {}
    i = 0
    while i < len(args):
        flag = args[i]
        if not flag.startswith("--"):
            raise ValueError(f"unexpected argument {flag!r} in args file")
        name, eq, value = flag[2:].partition("=")
        key = name.replace("-", "_")
        if not eq and i + 1 < len(args) and not args[i + 1].startswith("--"):
            value, eq = args[i + 1], "="
            i += 1
        if key == "config":
            kwargs[key] = [part for part in value.split(",") if part]
        else:
            kwargs[key] = value if eq else True
        i += 1
    return kwargs


def tree_files(root: Path) -> dict[str, Path]:
    """Map each file's POSIX path relative to ``root`` to its path."""
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def short_diff(rel: str, expected: bytes, actual: bytes) -> str:
    """A unified diff of two file contents, cut to ``MAX_DIFF_LINES`` lines."""
    lines = list(
        difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(keepends=True),
            actual.decode("utf-8", "replace").splitlines(keepends=True),
            fromfile=f"expected/{rel}",
            tofile=f"actual/{rel}",
        )
    )
    if not lines:  # same text once decoded: show the raw bytes instead
        lines = [
            f"--- expected/{rel}\n",
            f"+++ actual/{rel}\n",
            f"-{expected!r}\n",
            f"+{actual!r}\n",
        ]
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [
            f"... ({len(lines) - MAX_DIFF_LINES} more lines)\n"
        ]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def compare_trees(expected: Path, actual: Path) -> str | None:
    """Describe how ``actual`` differs from ``expected``; None when identical."""
    want, got = tree_files(expected), tree_files(actual)
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    differing = [
        rel
        for rel in sorted(set(want) & set(got))
        if want[rel].read_bytes() != got[rel].read_bytes()
    ]
    if not (missing or extra or differing):
        return None
    parts = [
        f"{len(differing)} differing, {len(missing)} missing, {len(extra)} extra file(s)"
    ]
    if differing:
        rel = differing[0]
        parts.append(f"first differing file: {rel}")
        parts.append(short_diff(rel, want[rel].read_bytes(), got[rel].read_bytes()))
        if len(differing) > 1:
            parts.append("other differing files:\n  " + "\n  ".join(differing[1:]))
    if missing:
        parts.append("missing files:\n  " + "\n  ".join(missing))
    if extra:
        parts.append("extra files:\n  " + "\n  ".join(extra))
    return "\n".join(parts)


def named_site_files(site: Path, stderr: str) -> list[str]:
    """The site files (relative POSIX paths) that ``stderr`` mentions.

    Besides the files of ``site``, a file-like ``<SOURCE>/path.ext`` that does
    not exist (such as a missing ``--config`` file) counts as named too.
    """
    named = [
        rel
        for rel in tree_files(site)
        if re.search(FILE_BEFORE + re.escape(rel) + FILE_AFTER, stderr, re.MULTILINE)
    ]
    for rel in SOURCE_PATH_RE.findall(stderr):
        if rel not in named:
            named.append(rel)
    return named


def named_lines(stderr: str) -> list[str]:
    """The ``line N`` references in ``stderr``, deduplicated, in order."""
    return list(dict.fromkeys(f"line {n}" for n in LINE_RE.findall(stderr)))


def load_build() -> Callable[..., Any]:
    """Return ``liquidpy_site.build`` or fail the test with a clear message."""
    try:
        module = importlib.import_module("liquidpy_site")
    except Exception as exc:  # noqa: BLE001 - any import problem fails the case
        problem = f"cannot import liquidpy_site: {exc!r}"
    else:
        build = getattr(module, "build", None)
        if callable(build):
            return cast(Callable[..., Any], build)
        problem = (
            "liquidpy_site.build(source, destination, **config_overrides) "
            "does not exist yet"
        )
    pytest.fail(problem, pytrace=False)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run the test with TZ=UTC and a C.UTF-8 locale, as the goldens were made."""
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.delenv("JEKYLL_ENV", raising=False)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def copy_site(case: Case, tmp_path: Path) -> tuple[Path, Path]:
    """Copy the case's site to ``tmp_path``; return (source, destination)."""
    source = tmp_path / "site"
    shutil.copytree(case.site, source, symlinks=True)
    return source, tmp_path / "_site"


def run_build(
    build: Callable[..., Any], source: Path, dest: Path, kwargs: dict[str, Any]
) -> str | None:
    """Run the library build; return a short description of a crash, if any."""
    try:
        build(str(source), str(dest), **kwargs)
    except Exception as exc:  # noqa: BLE001 - any build failure is reported
        trace = "".join(
            traceback.format_exception(exc, limit=-TRACE_FRAMES, chain=False)
        )
        return f"build raised {type(exc).__name__}: {exc}\n{trace}"
    return None


def check_normal(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Build a normal case with the library and compare the output tree."""
    build = load_build()
    source, dest = copy_site(case, tmp_path)
    monkeypatch.chdir(source)  # relative --config paths resolve in the site
    crash = run_build(build, source, dest, flags_to_kwargs(case.args()))
    if crash:  # failing outside the except block keeps the report short
        pytest.fail(f"{case.name}: {crash}", pytrace=False)
    problem = compare_trees(case.expected, dest)
    if problem:
        pytest.fail(
            f"{case.name}: output differs from Jekyll's\n{problem}", pytrace=False
        )
    # Built again with the cache the first build left: reused outputs must be the same.
    crash = run_build(build, source, dest, flags_to_kwargs(case.args()))
    problem = crash or compare_trees(case.expected, dest)
    if problem:
        pytest.fail(f"{case.name}: the second (cached) build differs\n{problem}", pytrace=False)


def run_cli(case: Case, source: Path, dest: Path) -> subprocess.CompletedProcess[str]:
    """Build an error case with the command line."""
    env = dict(os.environ, TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("JEKYLL_ENV", None)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO), env.get("PYTHONPATH")])
    )
    cmd = [
        sys.executable,
        "-m",
        "liquidpy_site",
        "build",
        "-s",
        str(source),
        "-d",
        str(dest),
        *case.args(),
    ]
    return subprocess.run(
        cmd,
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def check_error(case: Case, tmp_path: Path) -> None:
    """Build an error case with the CLI; it must fail and name what Jekyll names."""
    source, dest = copy_site(case, tmp_path)
    proc = run_cli(case, source, dest)
    jekyll_stderr = (case.expected / "stderr.txt").read_text(encoding="utf-8")
    if proc.returncode == 0:
        pytest.fail(
            f"{case.name}: build succeeded, Jekyll exits "
            f"{(case.expected / 'exit_code').read_text().strip()}\n"
            f"stderr:\n{proc.stderr}",
            pytrace=False,
        )
    wanted = named_site_files(case.site, jekyll_stderr) + named_lines(jekyll_stderr)
    absent = [
        item
        for item in wanted
        if not (
            re.search(rf"\b{item}\b", proc.stderr)
            if item.startswith("line ")
            else item in proc.stderr
        )
    ]
    if absent:
        pytest.fail(
            f"{case.name}: stderr does not mention {absent}\n"
            f"--- stderr (exit {proc.returncode}):\n{proc.stderr}\n"
            f"--- Jekyll's stderr:\n{jekyll_stderr}",
            pytrace=False,
        )


def case_params() -> list[Any]:
    """One pytest parameter per case, xfail-marked when listed as known."""
    params = []
    for case in find_cases():
        marks = []
        if case.name in KNOWN_DIFFERENCES:
            marks.append(
                pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[case.name])
            )
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.mark.usefixtures("utc")
@pytest.mark.parametrize("case", case_params())
def test_golden_site(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site builds to exactly what Jekyll 4.3.1 produced (or fails like it)."""
    if case.is_error:
        check_error(case, tmp_path)
    else:
        check_normal(case, tmp_path, monkeypatch)


def test_known_differences_name_existing_cases() -> None:
    """Every entry of KNOWN_DIFFERENCES names a case that exists."""
    names = {case.name for case in find_cases()}
    assert not set(KNOWN_DIFFERENCES) - names


def test_every_case_has_goldens() -> None:
    """Every case has its generated expected output."""
    for case in find_cases():
        if case.is_error:
            assert (case.expected / "exit_code").is_file(), case.name
            assert (case.expected / "stderr.txt").is_file(), case.name
        else:
            assert tree_files(case.expected), case.name
