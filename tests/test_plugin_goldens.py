"""Golden tests of the built-in plugins: build ``tests/plugins/*/site`` and compare.

Each ``tests/plugins/<name>/`` holds ``site/`` and ``expected/``, what Jekyll
4.3.1 with the real plugin gems wrote for it (``scripts/regen_plugin_goldens.py``).
The site is copied to a temporary folder, its files get the same modification
time as in the regeneration, and it is built with ``liquidpy_site.build``; every
output file must equal Jekyll's after the case's :data:`MASKS` are applied.

:data:`KNOWN_DIFFERENCES` maps a case to the reason it still differs; such cases
are ``xfail(strict=True)``. Cases in :data:`NEEDS_THEME` are skipped when the
theme gem is not installed.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from pathlib import Path

import pytest

import liquidpy_site

ROOT = Path(__file__).resolve().parent / "plugins"
FIXED_MTIME = 1_700_000_000
"""The modification time ``scripts/regen_plugin_goldens.py`` gives every site file."""

MASKS: dict[str, list[str]] = {
    # The Sass source map names the theme's files relative to where the gem is installed.
    "minima": [r'"((?:\.\./)+[^"]*?)/_sass/'],
}
"""Per case, regexes whose matches (or groups) are blanked before comparing."""

KNOWN_DIFFERENCES: dict[str, str] = {}
"""Cases expected to differ from Jekyll, with the reason."""

NEEDS_THEME: dict[str, str] = {"minima": "minima"}
"""Cases that need a theme gem, by case name."""


def _cases() -> list[object]:
    names = sorted(p.parent.name for p in ROOT.glob("*/site") if p.is_dir())
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[n]))
            if n in KNOWN_DIFFERENCES else n for n in names]


def _theme_installed(name: str, source: Path) -> bool:
    from liquidpy_site.themes import resolve_theme

    try:
        return resolve_theme(name, source) is not None
    except Exception:  # noqa: BLE001 - a missing gem may raise while resolving
        return False


def _blank_groups(match: re.Match[str]) -> str:
    """The matched text with each group (or, without groups, all of it) masked."""
    if not match.re.groups:
        return "<MASKED>"
    text, out, last = match.string, [], match.start()
    for index in range(1, match.re.groups + 1):
        if match.start(index) < 0:
            continue
        out.append(text[last:match.start(index)] + "<MASKED>")
        last = match.end(index)
    return "".join(out) + text[last:match.end()]


def _masked(text: str, patterns: list[str]) -> str:
    for pattern in patterns:
        text = re.sub(pattern, _blank_groups, text, flags=re.MULTILINE)
    return text


def _files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def _compare(name: str, expected: Path, actual: Path) -> list[str]:
    want, got = _files(expected), _files(actual)
    problems = [f"missing: {rel}" for rel in sorted(set(want) - set(got))]
    problems += [f"extra: {rel}" for rel in sorted(set(got) - set(want))]
    masks = MASKS.get(name, [])
    for rel in sorted(set(want) & set(got)):
        a, b = want[rel].read_bytes(), got[rel].read_bytes()
        if a == b:
            continue
        try:
            a_text, b_text = _masked(a.decode(), masks), _masked(b.decode(), masks)
        except UnicodeDecodeError:
            problems.append(f"differs (binary): {rel}")
            continue
        if a_text != b_text:
            diff = difflib.unified_diff(a_text.splitlines(), b_text.splitlines(),
                                        f"expected/{rel}", f"actual/{rel}", lineterm="")
            problems.append("\n".join(list(diff)[:40]))
    return problems


@pytest.mark.parametrize("name", _cases())
def test_plugin_golden(name: str, tmp_path: Path) -> None:
    """The plugin site builds to exactly what Jekyll wrote."""
    case = ROOT / name
    source = tmp_path / "site"
    shutil.copytree(case / "site", source, symlinks=True)
    theme = NEEDS_THEME.get(name)
    if theme is not None and not _theme_installed(theme, source):
        pytest.skip(f"the {theme} theme gem is not installed")
    for path in source.rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    liquidpy_site.build(source, tmp_path / "_site")
    problems = _compare(name, case / "expected", tmp_path / "_site")
    assert not problems, "\n".join(problems)
