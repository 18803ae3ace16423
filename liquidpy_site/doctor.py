"""``liquidpy doctor``: problems Jekyll's doctor reports, found without writing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from liquidpy_site.config import load_config
from liquidpy_site.site import Site
from liquidpy_site.writer import Writer


def run_doctor(source: Path, config_files: Sequence[str] | None = None) -> list[str]:
    """Read the site and return a description of each problem found.

    Checks: two sources writing the same destination file, URLs that differ
    only in case, and a destination inside an excluded-less source.
    """
    site = Site(load_config(source, config_files, {"source": str(source)}))
    site.reset()
    site.read()
    site.generate()
    problems: list[str] = []
    seen: dict[str, str] = {}
    lower: dict[str, str] = {}
    for relative, item in _all_outputs(site):
        if relative in seen:
            problems.append(f"The destination {relative} is written by both {seen[relative]} "
                            f"and {item}.")
            continue
        seen[relative] = item
        if relative.lower() in lower and lower[relative.lower()] != relative:
            problems.append(f"The URLs {relative} and {lower[relative.lower()]} differ only in case.")
        lower[relative.lower()] = relative
    return problems


def _all_outputs(site: Site) -> list[tuple[str, str]]:
    writer = Writer(site)
    outputs = []
    from liquidpy_site.urls import destination_path, page_destination_path

    for page in site.content.pages:
        outputs.append((page_destination_path(page.url, page.output_ext), page.relative_path))
    for collection in site.content.collections.values():
        if collection.output:
            for doc in collection.docs:
                outputs.append((destination_path(doc.url, doc.output_ext), doc.relative_path))
    for file in site.content.static_files:
        if writer._writes_static(file):
            outputs.append((file.url.lstrip("/"), file.relative_path))
    return outputs
