"""The Sass converter of a site: ``.scss``/``.sass`` pages to CSS, plus their source maps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from liquidpy_site.models import Convertible, Page

if TYPE_CHECKING:
    from liquidpy_site.sass import SassOptions
    from liquidpy_site.site import Site


class SiteSassConverter:
    """Compiles stylesheets with the site's ``sass:`` options.

    A page's source map becomes a page of its own next to the CSS, as
    jekyll-sass-converter does; documents in collections get no map.

    Args:
        site: The site being built.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self._options: SassOptions | None = None

    @property
    def options(self) -> SassOptions:
        """The ``sass:`` options, read once per build."""
        if self._options is None:
            theme_sass = self.site.theme.sass_dir if self.site.theme is not None else None
            from liquidpy_site.sass import SassOptions  # libsass loads when a stylesheet is compiled

            self._options = SassOptions.from_config(self.site.config, self.site.source, theme_sass,
                                                    environment=self.site.environment)
        return self._options

    def matches(self, ext: str) -> bool:
        """``.scss`` or ``.sass``."""
        return ext.lower() in (".scss", ".sass")

    def output_ext(self, ext: str) -> str:
        """Always ``.css``."""
        return ".css"

    def convert(self, text: str) -> str:
        """Compile SCSS text (without a file: no source map)."""
        from liquidpy_site.sass import compile_sass

        return compile_sass(text, syntax="scss", filename="stdin.scss", options=self.options).css

    def convert_item(self, text: str, item: Convertible) -> str:
        """Compile a page or document; a page's source map is added as a page."""
        from liquidpy_site.sass import compile_sass

        result = compile_sass(text, syntax=item.extname.lower().lstrip("."),
                              filename=item.relative_path, options=self.options)
        if result.source_map is not None and isinstance(item, Page):
            self._add_source_map_page(item, result.source_map)
        return result.css

    def _add_source_map_page(self, page: Page, source_map: str) -> None:
        from liquidpy_site.permalinks import assign_page_url
        from liquidpy_site.sass import source_map_name

        name = source_map_name(page.relative_path)
        folder = page.dir
        relative = f"{folder}/{name}" if folder else name
        data: dict[str, Any] = dict(page.data)
        map_page = Page(path=page.path, relative_path=relative, data=data, content=source_map,
                        raw_content=source_map, dir=folder, is_generated=True)
        assign_page_url(map_page, self.site)
        map_page.output = source_map
        self.site.content.pages.append(map_page)
