"""Differential tests: our Liquid rendering against goldens rendered by Jekyll 4.3.1.

Each ``tests/liquid/cases/NAME.liquid`` was rendered by real Jekyll as a page
of a small site (see ``scripts/regen_liquid_goldens.py``) into
``tests/liquid/expected/NAME.txt``. Here the same text is rendered with a
``JekyllEnvironment`` and the same ``site``/``page`` variables.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from liquidpy_site.rendering.filters import register_filters
from liquidpy_site.rendering.liquid_config import environment_options
from liquidpy_site.rendering.liquid_env import JekyllEnvironment
from liquidpy_site.rendering.tags import register_tags

CORPUS = Path(__file__).parent / "liquid"
CASES = sorted((CORPUS / "cases").glob("*.liquid"))

# Known differences: case name -> reason.
XFAIL: dict[str, str] = {
    "lax_syntax": (
        "python-liquid's parser rejects markup Ruby Liquid's lax/warn parsing accepts: "
        "filters after a for-loop collection (Ruby ignores them) and the `empty` "
        "literal as a filter argument"
    ),
}


def _load_yaml(path: Path) -> Any:
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 1)
    return yaml.load(path.read_text(encoding="utf-8"))


def _site_data() -> dict[str, Any]:
    data: dict[str, Any] = {}
    for path in sorted((CORPUS / "data").iterdir()):
        if path.suffix == ".json":
            data[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix in (".yml", ".yaml"):
            data[path.stem] = _load_yaml(path)
    return data


class CorpusIndex:
    """The URLs of the corpus site's files, as Jekyll builds them."""

    def __init__(self, case_names: list[str]) -> None:
        self.paths = {
            "about.md": "/about-us/",
            "assets/site.css": "/assets/site.css",
            "_posts/2019-02-03-first-post.md": "/2019/02/03/first-post.html",
            "_posts/archive/2018-12-31-old-post.md": "/2018/12/31/old-post.html",
            "_posts/2020-07-08-with-permalink.md": "/custom/post-permalink/",
        }
        self.paths.update({f"{name}.html": f"/{name}.html" for name in case_names})

    def url_for_path(self, relative_path: str) -> str | None:
        """Return the URL of the file at ``relative_path``."""
        return self.paths.get(relative_path)

    def post_url(self, name: str) -> str | None:
        """Match by path-date-slug, then by date and slug alone (deprecated)."""
        for path, url in self.paths.items():
            if not path.startswith("_posts/"):
                continue
            stem = path.removeprefix("_posts/").rsplit(".", 1)[0]
            if stem == name:
                return url
        for path, url in self.paths.items():
            if path.startswith("_posts/") and re.search(rf"/{re.escape(name)}\.[^.]+$", path):
                return url
        return None


def _environment() -> JekyllEnvironment:
    config = _load_yaml(CORPUS / "site_config.yml")
    env = JekyllEnvironment(
        site_config=config,
        site_index=CorpusIndex([c.stem for c in CASES]),
        **environment_options(config.get("liquid")),
    )
    register_filters(env)
    register_tags(env)
    return env


def render_case(name: str) -> str:
    """Render one corpus case as Jekyll renders it as a page."""
    env = _environment()
    config = dict(env.site_config)
    site = {**config, "data": _site_data()}
    page = {"title": "Corpus page", "layout": None, "url": f"/{name}.html"}
    text = (CORPUS / "cases" / f"{name}.liquid").read_text(encoding="utf-8")
    return env.from_string(text).render(site=site, page=page)


@pytest.mark.parametrize("case", [c.stem for c in CASES])
def test_case_matches_jekyll(case: str) -> None:
    if case in XFAIL:
        pytest.xfail(XFAIL[case])
    expected = (CORPUS / "expected" / f"{case}.txt").read_text(encoding="utf-8")
    assert render_case(case) == expected
