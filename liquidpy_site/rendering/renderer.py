"""The Renderer: Liquid, then the converter, then the layouts, for one document."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from io import StringIO
from typing import TYPE_CHECKING, Any

from liquid import BoundTemplate, RenderContext
from liquid.exceptions import LiquidError, LiquidSyntaxError

from liquidpy_site.config import deep_merge
from liquidpy_site.errors import RenderError, SiteError, SourceLocation
from liquidpy_site.models import Convertible, Document, Excerpt, Layout, Page
from liquidpy_site.rendering.converters import find_converter
from liquidpy_site.rendering.drops import PageDrop
from liquidpy_site.rendering.liquid_env import JekyllContext
from liquidpy_site.rendering.tags.include import REGISTERS

if TYPE_CHECKING:
    from liquidpy_site.site import Site

log = logging.getLogger("liquidpy_site")


def has_liquid(text: str) -> bool:
    """Whether a text holds a Liquid tag or output (Jekyll skips Liquid otherwise)."""
    return "{%" in text or "{{" in text


class Renderer:
    """Renders pages, documents and excerpts of one site build.

    Args:
        site: The site being built; its Liquid environment, drops and layouts are used.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self._templates: dict[tuple[str, str], BoundTemplate] = {}
        self._current: Convertible | None = None

    # -- documents ---------------------------------------------------------

    def render(self, item: Convertible) -> None:
        """Render ``item`` in place: ``content`` becomes the converted body, ``output`` the page.

        Raises:
            SiteError: Rendering failed; any unexpected failure is wrapped in a
                :class:`RenderError` naming the file.
        """
        self._current = item
        try:
            self._render(item)
        except SiteError:
            raise
        except Exception as err:  # noqa: BLE001 - every failure must name its file
            raise RenderError(f"{type(err).__name__} while rendering {item.relative_path}: {err}",
                              SourceLocation(item.relative_path)) from err

    def _render(self, item: Convertible) -> None:
        hooks = self.site.hooks
        payload = self._payload(item)
        hooks.trigger_item(item, "pre_render", payload)
        layout = self.site.content.layouts.get(str(item.data.get("layout")))
        if layout is not None:
            # The body sees its own layout's data as ``layout``.
            payload["layout"] = dict(layout.data)
        content = item.content
        if self._uses_liquid(item, content):
            body = content
            content = self.render_liquid(body, payload, item, item.content_line)
            # A body renders once: its parsed template is not needed again.
            self._templates.pop((str(item.path), body), None)
        item.content = self.convert(item, content)
        hooks.trigger_item(item, "post_convert")
        # Excerpts render lazily, when a template asks for one.
        item.output = self.place_in_layouts(item, item.content, payload)
        hooks.trigger_item(item, "post_render")

    def render_excerpt(self, excerpt: Excerpt) -> str:
        """Render an excerpt (Liquid and converter, no layout), once."""
        if excerpt.output is None:
            doc = excerpt.doc
            site_drop = self.site.site_drop
            current = site_drop.current_document
            payload = self._payload(doc)
            payload["page"] = self.site.drops(excerpt)
            text = excerpt.content
            if doc.data.get("render_with_liquid") is not False and has_liquid(text):
                text = self.render_liquid(text, payload, doc, doc.content_line)
            excerpt.output = self.convert(doc, text)
            site_drop.current_document = current
        return excerpt.output

    def render_body_ahead(self, item: Convertible) -> str | None:
        """The item's body after Liquid, rendered before the render pass (or ``None``).

        Used only to start converting its Markdown early: the render pass renders
        the body again and takes the early conversion only when its text is the
        same. Nothing is logged, and rendering stops (``None``) as soon as the
        body reads another item's content, output or excerpt, since reading an
        excerpt renders it.
        """
        site = self.site
        if not self.uses_liquid(item):
            return item.content
        saved = (site.usage, self._current, site.site_drop.current_document)
        disabled = logging.root.manager.disable
        logging.disable(logging.CRITICAL)
        site.usage = RefusingUsage(item)  # type: ignore[assignment]
        self._current = item
        try:
            payload = self._payload(item)
            layout = site.content.layouts.get(str(item.data.get("layout")))
            if layout is not None:
                payload["layout"] = dict(layout.data)
            template = self.parse(item.content, item, item.content_line)
            context = JekyllContext(template, globals=payload)
            context.tag_namespace[REGISTERS] = site.registers(item)
            buffer = StringIO()
            template.render_with_context(context, buffer)
            return buffer.getvalue()
        except (Exception, ReadAnotherBody):  # noqa: BLE001 - the render pass meets it again
            return None
        finally:
            logging.disable(disabled)
            site.usage, self._current, site.site_drop.current_document = saved

    def uses_liquid(self, item: Convertible) -> bool:
        """Whether the item's body goes through Liquid before its converter."""
        return self._uses_liquid(item, item.content)

    def _uses_liquid(self, item: Convertible, content: str) -> bool:
        if item.data.get("render_with_liquid") is False:
            return False
        if item.extname.lower() in (".coffee",):
            return False
        return has_liquid(content)

    def _payload(self, item: Convertible) -> dict[str, Any]:
        site_drop = self.site.site_drop
        site_drop.current_document = item if isinstance(item, Document) else None
        if isinstance(item, Page):
            # Jekyll hands a page its data as a snapshot taken before rendering, so
            # ``page.content`` stays the source text, even in layouts.
            page_drop: Any = PageDrop(item, self.site.drops, content=item.content)
        else:
            page_drop = self.site.drops(item)
        return {
            "site": site_drop,
            "page": page_drop,
            "layout": None,
            "content": None,
            "paginator": getattr(item, "paginator", None),
            "jekyll": self.site.jekyll_drop,
            "theme": self.site.theme_drop,
            # Jekyll's Markdown converter wraps {% highlight %} output in newlines.
            "highlighter_prefix": "\n" if self._is_markdown(item) else None,
            "highlighter_suffix": "\n" if self._is_markdown(item) else None,
        }

    def _is_markdown(self, item: Convertible) -> bool:
        return self.site.markdown.matches(item.extname)

    # -- steps ----------------------------------------------------------------

    def convert(self, item: Convertible, text: str) -> str:
        """Run the converter for the item's extension."""
        converter = find_converter(self.site.converters, item.extname)
        if hasattr(converter, "convert_item"):
            return str(converter.convert_item(text, item))
        return str(converter.convert(text))

    def place_in_layouts(self, item: Convertible, content: str, payload: dict[str, Any]) -> str:
        """Wrap the converted content in its layout chain."""
        name = item.data.get("layout")
        if name is None or name == "none" or isinstance(item, Excerpt):
            return content
        if item.extname.lower() in (".sass", ".scss"):
            return content
        layout = self.site.content.layouts.get(str(name))
        if layout is None:
            if name:
                log.warning("Build Warning: Layout '%s' requested in %s does not exist.",
                            name, item.relative_path)
            return content
        used: list[Layout] = []
        merged_layout_data: dict[str, Any] = {}
        payload["layout"] = None
        output = content
        while layout is not None:
            if layout in used:
                # Jekyll stops quietly at a layout it has used; say so.
                chain = " → ".join([*(u.name for u in used), layout.name])
                log.warning("Layout cycle in %s: %s (each layout is used once).",
                            item.relative_path, chain)
                break
            used.append(layout)
            self.site.note_file(layout.path)
            payload["content"] = output
            merged_layout_data = deep_merge(layout.data, merged_layout_data)
            payload["layout"] = merged_layout_data
            output = self.render_liquid(layout.content, payload, layout, layout.content_line)
            parent = layout.data.get("layout")
            layout = self.site.content.layouts.get(str(parent)) if parent else None
        return output

    # -- Liquid ----------------------------------------------------------------

    def parse(self, text: str, source: Convertible | Layout, line: int) -> BoundTemplate:
        """Parse a template once per build (by source file and text)."""
        key = (str(source.path), text)
        template = self._templates.get(key)
        if template is None:
            try:
                template = self.site.liquid.from_string(text, name=source.relative_path)
            except LiquidError as err:
                raise liquid_error(err, source.relative_path, line, text) from err
            self._templates[key] = template
        return template

    def render_liquid(self, text: str, payload: dict[str, Any], source: Convertible | Layout,
                      line: int) -> str:
        """Render Liquid text with the payload; errors name the file and line."""
        template = self.parse(text, source, line)
        context = JekyllContext(template, globals=payload)
        # include_relative resolves next to the page being rendered, even in a layout.
        page = self._current if isinstance(source, Layout) and self._current else source
        context.tag_namespace[REGISTERS] = self.site.registers(page)
        buffer = StringIO()
        profiler = self.site.profiler
        if profiler is None:
            self._run(template, context, buffer, source, line, text)
            return buffer.getvalue()
        with profiler.measure(source.relative_path) as output:
            self._run(template, context, buffer, source, line, text)
            output.append(buffer.getvalue())
        return buffer.getvalue()

    def _run(self, template: BoundTemplate, context: RenderContext, buffer: StringIO,
             source: Convertible | Layout, line: int, text: str) -> None:
        try:
            template.render_with_context(context, buffer)
        except LiquidError as err:
            raise liquid_error(err, source.relative_path, line, text,
                               self.site.include_name_for) from err
        except RenderError as err:
            # An include failed to parse: say which file included it, as Jekyll does.
            if " included in " not in err.message:
                err.message += f" included in {source.relative_path}"
            raise


class ReadAnotherBody(BaseException):
    """Raised to stop rendering ahead: the item read another item's body."""


class _RefusedSet(set[int]):
    """Item ids: adding any but the item's own stops the render."""

    def __init__(self, own: int) -> None:
        super().__init__()
        self.own = own

    def add(self, element: int) -> None:
        if element != self.own:
            raise ReadAnotherBody


class RefusingUsage:
    """What an item rendered ahead reads; reading another item's body stops it.

    Args:
        item: The item rendered ahead (reading its own body is allowed).
    """

    def __init__(self, item: object) -> None:
        self.files: dict[str, str] = {}
        self.lists: set[str] = set()
        self.bodies: set[int] = _RefusedSet(id(item))
        self.neighbours = False
        self.volatile = False


_NEVER_CLOSED = re.compile(r"expected tag end(\w+)")
_UNKNOWN_FILTER = re.compile(r"unknown filter '([^']*)'")
_ARGUMENT_COUNT = re.compile(r"^(\w+): .*?\(\) (?:missing \d+ required positional argument|"
                             r"takes \d+ positional arguments? but \d+ (?:was|were) given).*$")


def liquid_error(err: LiquidError, relative_path: str, first_line: int, text: str,
                 include_name_for: Callable[[str], str | None] | None = None) -> RenderError:
    """Turn a python-liquid error into a :class:`RenderError` with Jekyll's wording.

    The summary line is Jekyll's (``Liquid Exception: … (line N): … in FILE``, where
    Ruby Liquid counts lines from the start of the template text); the location
    points at the file's own line.

    Args:
        err: The error python-liquid raised.
        relative_path: The file the template text came from.
        first_line: The line of that file where the template text starts.
        text: The template text.
        include_name_for: Names the include file a template text came from, for
            errors raised while an include renders.
    """
    message = str(err.message) if err.message is not None else type(err).__name__
    message = _UNKNOWN_FILTER.sub(r"undefined filter \1", message)
    message = _ARGUMENT_COUNT.sub(r"wrong number of arguments for filter '\1'", message)
    template_name = str(err.template_name) if err.template_name else None
    source_text = err.token.source if err.token is not None else text
    if source_text is not text and include_name_for is not None:
        template_name = include_name_for(source_text) or template_name
    in_other_file = template_name is not None and template_name != relative_path
    context = err.context()
    template_line = context[0] if context else None
    column = context[1] + 1 if context else None
    jekyll_line = template_line
    unclosed = _NEVER_CLOSED.search(message)
    if unclosed and not in_other_file:
        # Ruby Liquid notices at the end of the text; point at the opening tag ourselves.
        name = unclosed.group(1)
        message = f"'{name}' tag was never closed"
        jekyll_line = text.count("\n") + 1
        opening = [m.start() for m in re.finditer(r"{%-?\s*" + name + r"\b", text)]
        if opening:
            template_line = text.count("\n", 0, opening[-1]) + 1
            column = opening[-1] - (text.rfind("\n", 0, opening[-1]) + 1) + 1
    kind = "Liquid syntax error" if isinstance(err, LiquidSyntaxError) else "Liquid error"
    if in_other_file:
        summary = (f"Liquid Exception: {kind} ({template_name} line {jekyll_line}): {message} "
                   f"included in {relative_path}")
        location = SourceLocation(template_name or relative_path, template_line, column)
        return RenderError(summary, location)
    line_text = f" (line {jekyll_line})" if jekyll_line else ""
    summary = f"Liquid Exception: {kind}{line_text}: {message} in {relative_path}"
    file_line = template_line + first_line - 1 if template_line else None
    return RenderError(summary, SourceLocation(relative_path, file_line, column))
