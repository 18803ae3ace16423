"""A theme's ``assets`` folder: rendered or copied unless the site has the same file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from liquidpy_site.models import StaticFile
from liquidpy_site.reading.front_matter import has_front_matter

if TYPE_CHECKING:
    from liquidpy_site.site import Site


def read_theme_assets(site: Site, theme: Any) -> None:
    """Add the theme's assets as pages or static files, as Jekyll's theme reader does."""
    assets = getattr(theme, "assets_dir", None)
    if assets is None or not assets.is_dir():
        return
    from liquidpy_site.reading.documents import DocumentFactory  # noqa: F401

    taken = {p.relative_path for p in site.content.pages}
    taken |= {f.relative_path.lstrip("/") for f in site.content.static_files}
    reader_factory = _factory(site)
    for path in sorted(p for p in assets.rglob("*") if p.is_file()):
        relative = path.relative_to(theme.root).as_posix()
        if relative in taken:
            continue
        if has_front_matter(path):
            page = reader_factory.page(path, relative)
            site.content.pages.append(page)
        else:
            site.content.static_files.append(
                StaticFile(path=path, relative_path="/" + relative, url="/" + relative))
    site.content.pages.sort(key=lambda p: p.name)
    site.content.static_files.sort(key=lambda f: f.relative_path)


def _factory(site: Site) -> Any:
    from liquidpy_site.reading.defaults import FrontMatterDefaults
    from liquidpy_site.reading.documents import DocumentFactory

    defaults = FrontMatterDefaults(str(site.source), site.config.get("defaults"),
                                   str(site.config.get("collections_dir") or ""))
    return DocumentFactory(site.config, defaults, site.time)
