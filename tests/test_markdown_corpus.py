"""Differential corpus: each snippet must render exactly like Jekyll's golden.

Goldens in ``tests/markdown/expected`` come from a real Jekyll build
(``scripts/regen_markdown_goldens.py``) and are never edited by hand.
Known remaining differences are listed in ``XFAIL`` with their cause.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from liquidpy_site.markdown import markdownify

HERE = Path(__file__).parent / "markdown"
SNIPPETS = sorted((HERE / "snippets").glob("*.md"))

#: Snippet name -> why it still differs from Jekyll.
XFAIL: dict[str, str] = {
    "para_leading_blank": (
        "golden artifact: Jekyll's front matter pattern swallows the blank lines that "
        "start a page body, so the page never hands them to kramdown; markdownify "
        "keeps them as kramdown does"
    ),
}


def _options(snippet: Path) -> dict[str, Any] | None:
    sidecar = snippet.with_suffix(".options.yml")
    if not sidecar.exists():
        return None
    data = YAML(typ="safe").load(sidecar.read_text(encoding="utf-8")) or {}
    options = dict(data.get("kramdown") or {})
    if "highlighter" in data:
        options["highlighter"] = data["highlighter"]
    return options


def _cases() -> list[Any]:
    cases = []
    for path in SNIPPETS:
        marks = [pytest.mark.xfail(reason=XFAIL[path.stem], strict=True)] if path.stem in XFAIL else []
        cases.append(pytest.param(path, id=path.stem, marks=marks))
    return cases


@pytest.mark.parametrize("snippet", _cases())
def test_snippet_matches_jekyll(snippet: Path) -> None:
    expected = (HERE / "expected" / (snippet.stem + ".html")).read_bytes().decode("utf-8")
    text = snippet.read_bytes().decode("utf-8")
    assert markdownify(text, _options(snippet)) == expected
