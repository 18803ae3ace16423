"""Jekyll's ``include`` and ``include_relative`` tags.

``{% include file.html key=value key2="text" %}`` renders a file from the
includes folders with ``include.key`` set; the file name may contain
``{{ variables }}``. ``include_relative`` looks next to the current page instead.
"""

from __future__ import annotations

import re
import sys
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from liquid.ast import Node
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG

if TYPE_CHECKING:
    from liquid import BoundTemplate, Environment, RenderContext
    from liquid.stream import TokenStream
    from liquid.token import Token

_VALID_PARAM = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))"""
)
_VARIABLE_SYNTAX = re.compile(
    r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S
)
_FULL_VALID_PARAMS = re.compile(r"\A\s*(?:" + _VALID_PARAM.pattern + r"(?=\s|\Z)\s*)*\Z")
_VALID_FILENAME = re.compile(r"^[\w/.\-()+~#@]+$")
_INVALID_SEQUENCES = re.compile(r"[./]{2,}")

REGISTERS = "jekyll"
"""Key of the render context's ``tag_namespace`` holding the current page's registers."""


class IncludeError(LiquidError):
    """An include file is missing or its name is invalid."""


class IncludeNode(Node):
    """A parsed ``include`` or ``include_relative`` tag."""

    __slots__ = ("file_markup", "params_markup", "relative")

    def __init__(self, token: Token, file_markup: str, params_markup: str | None,
                 relative: bool) -> None:
        super().__init__(token)
        self.file_markup = file_markup
        self.params_markup = params_markup
        self.relative = relative
        self.blank = False

    def __str__(self) -> str:
        name = "include_relative" if self.relative else "include"
        return f"{{% {name} {self.file_markup} {self.params_markup or ''} %}}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Locate, parse (once) and render the included file in this context."""
        file_name = self._file_name(context)
        template = self._load(context, file_name)
        namespace: dict[str, Any] = {}
        if self.params_markup is not None:
            namespace["include"] = self._params(context)
        profiler = getattr((context.tag_namespace.get(REGISTERS) or {}).get("site"), "profiler", None)
        if profiler is None:
            with context.extend(namespace, template=template):
                template.render_with_context(context, buffer, partial=True)
            return True
        with profiler.measure(str(template.name)) as output:
            inner = StringIO()
            with context.extend(namespace, template=template):
                template.render_with_context(context, inner, partial=True)
            output.append(inner.getvalue())
        buffer.write(inner.getvalue())
        return True

    def _file_name(self, context: RenderContext) -> str:
        name = self.file_markup
        if _VARIABLE_SYNTAX.match(name):
            out = StringIO()
            context.env.from_string(name).render_with_context(context, out, partial=True)
            name = out.getvalue()
        if _INVALID_SEQUENCES.search(name) or not _VALID_FILENAME.match(name):
            raise IncludeError(
                "Invalid syntax for include tag. File contains invalid characters or "
                f"sequences: {name}", token=self.token)
        return name

    def _params(self, context: RenderContext) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for match in _VALID_PARAM.finditer(self.params_markup or ""):
            key, double, single, variable = match.groups()
            if double is not None:
                params[key] = double.replace('\\"', '"')
            elif single is not None:
                params[key] = single.replace("\\'", "'")
            else:
                params[key] = _lookup(context, variable)
        return params

    def _load(self, context: RenderContext, file_name: str) -> BoundTemplate:
        registers = context.tag_namespace.get(REGISTERS) or {}
        dirs = self._include_dirs(context, registers)
        found: dict[tuple[Path, str], Path | None] | None = registers.get("include_files")
        for folder in dirs:
            if found is None:
                path: Path | None = _existing_file(folder, file_name)
            else:
                key = (folder, file_name)
                if key in found:
                    path = found[key]
                else:
                    path = found[key] = _existing_file(folder, file_name)
            if path is not None:
                site = registers.get("site")
                if site is not None:
                    site.note_file(path)
                loader = registers.get("load_include")
                if loader is not None:
                    return loader(path)  # type: ignore[no-any-return]
                return context.env.from_string(path.read_text(encoding="utf-8-sig"),
                                               name=str(path))
        listing = "[" + ", ".join(f'"{d}"' for d in dirs) + "]"
        raise IncludeError(
            f"Could not locate the included file '{file_name}' in any of {listing}. "
            "Ensure it exists in one of those directories and, if it is a symlink, "
            "does not point outside your site source.", token=self.token)

    def _include_dirs(self, context: RenderContext, registers: dict[str, Any]) -> list[Path]:
        if self.relative:
            page_path = registers.get("page_path")
            return [Path(page_path).parent] if page_path else [Path(registers.get("source", "."))]
        return list(registers.get("include_dirs") or [])


def _existing_file(folder: Path, name: str) -> Path | None:
    path = folder / name
    return path if path.is_file() else None


_LITERALS: dict[str, Any] = {"true": True, "false": False, "nil": None, "null": None}
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _lookup(context: RenderContext, variable: str) -> Any:
    """Evaluate an unquoted parameter as Ruby Liquid does: a literal or a variable path."""
    if variable in _LITERALS:
        return _LITERALS[variable]
    if _NUMBER.match(variable):
        return float(variable) if "." in variable else int(variable)
    segments: list[object] = [int(s) if s.isdigit() else s for s in variable.split(".")]
    return context.get(segments, token=None, default=None)


class IncludeTag(Tag):
    """``{% include file.html param=value %}`` with Jekyll's syntax."""

    name = sys.intern("include")
    block = False
    relative = False

    def __init__(self, env: Environment) -> None:
        super().__init__(env)

    def parse(self, stream: TokenStream) -> Node:
        """Split the markup into the file name and the parameters, as Jekyll does."""
        token = stream.eat(TOKEN_TAG)
        if stream.current.kind != TOKEN_EXPRESSION:
            raise LiquidSyntaxError(f"Invalid syntax for {self.name} tag: missing file name",
                                    token=token)
        markup = stream.current.value.strip()
        matched = _VARIABLE_SYNTAX.match(markup)
        if matched:
            file_markup = matched.group("variable").strip()
            params: str | None = matched.group("params").strip()
        else:
            parts = re.split(r"\s+", markup, maxsplit=1)
            file_markup, params = parts[0], (parts[1] if len(parts) > 1 else None)
        if params is not None and not _FULL_VALID_PARAMS.match(params):
            raise LiquidSyntaxError(
                f"Invalid syntax for {self.name} tag:\n\n  {params}\n\nValid syntax:\n\n"
                f"  {{% {self.name} file.ext param='value' param2='value' %}}",
                token=token)
        return IncludeNode(token, file_markup, params, self.relative)


class IncludeRelativeTag(IncludeTag):
    """``{% include_relative file.md %}``: a file next to the current page."""

    name = sys.intern("include_relative")
    relative = True


def register_include_tags(env: Environment) -> None:
    """Add ``include`` and ``include_relative`` to an environment."""
    env.add_tag(IncludeTag)
    env.add_tag(IncludeRelativeTag)
