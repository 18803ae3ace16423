"""A theme's ``assets`` folder: rendered or copied unless the site has the same file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from liquidpy_site.models import StaticFile
from liquidpy_site.reading.front_matter import has_front_matter
from liquidpy_site.themes import Theme, theme_asset_files

if TYPE_CHECKING:
    from liquidpy_site.reading.documents import DocumentFactory
    from liquidpy_site.reading.reader import SiteContent


def read_theme_assets(content: SiteContent, theme: Theme, factory: DocumentFactory) -> None:
    """Add the theme's assets as pages or static files, as Jekyll's theme reader does.

    Args:
        content: What was read from the site; files it already has win.
        theme: The site's theme.
        factory: The reader's factory, so theme pages get the site's defaults.
    """
    taken = {p.relative_path for p in content.pages}
    taken |= {f.relative_path.lstrip("/") for f in content.static_files}
    for path in theme_asset_files(theme):
        relative = path.relative_to(theme.root).as_posix()
        if relative in taken:
            continue
        if has_front_matter(path):
            content.pages.append(factory.page(path, relative))
        else:
            content.static_files.append(
                StaticFile(path=path, relative_path="/" + relative, url="/" + relative))
    content.pages.sort(key=lambda p: p.name)
    content.static_files.sort(key=lambda f: f.relative_path)
