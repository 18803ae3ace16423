"""Sass and SCSS stylesheets, compiled as Jekyll's Sass converter compiles them.

Jekyll 4.3 with jekyll-sass-converter 2.x compiles ``.scss``/``.sass`` pages with
libsass (through SassC); this module drives the same libsass engine, so the CSS
and the source map come out byte for byte the same.

Jekyll names the stylesheet by its *base name* inside the site source: the page
``assets/css/main.scss`` is compiled as ``<source>/main.scss`` with the output
``<source>/main.css`` and the map ``<source>/main.css.map``.  Hence:

* the map's first source is ``main.scss`` and the other sources are relative to
  the site source (``_sass/_base.scss``, ``../../usr/share/.../_sass/x.scss``);
* the CSS ends with ``/*# sourceMappingURL=main.css.map */``;
* ``@import`` in the page resolves against the site source first, then against
  the load paths (``sass.load_paths``, the ``sass_dir``, the theme's ``_sass``).

The build writes the map next to the CSS: the page ``assets/css/main.scss``
becomes ``assets/css/main.css`` and ``assets/css/main.css.map``
(see :func:`source_map_name`).  Stylesheets that are collection documents
rather than pages are compiled like the ``scssify``/``sassify`` filters: named
``stdin``, without a map.
"""

from __future__ import annotations

import base64
import glob
import os
import re
import tempfile
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import _sass  # type: ignore[import-not-found]  # libsass binding from the ``libsass`` package

from liquidpy_site.errors import PluginError, SourceLocation

__all__ = ["SassError", "SassOptions", "SassResult", "compile_sass", "sassify", "scssify",
           "source_map_name"]

STYLES = ("nested", "expanded", "compact", "compressed")
DEFAULT_STYLE = "compact"
DEFAULT_PRECISION = 10
_STYLE_CODES = {name: code for code, name in enumerate(STYLES)}
_BOM = re.compile("^\ufeff", re.M)
_LOCATION = re.compile(r"on line (\d+):(\d+) of (.+)")
_EMBEDDED_MAP = re.compile(
    r"(/\*# sourceMappingURL=data:application/json;base64,)[A-Za-z0-9+/=]*( \*/)")


class SassError(PluginError):
    """A stylesheet failed to compile.

    The message is libsass's, as Jekyll shows it, e.g.::

        Error: File to import not found or unreadable: foo.
                on line 3:1 of _sass/x.scss
                from line 1:1 of main.scss
        >> @import "foo";

           ^

    Attributes:
        file: The file the error is in, as the message names it (relative to the
            working directory, like Jekyll), or None when unknown.
        line: One-based line, or None.
        column: One-based column, or None.
    """

    def __init__(self, message: str, file: str | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        location = SourceLocation(file, line, column) if file else None
        super().__init__(message, location)
        self.file = file
        self.line = line
        self.column = column

    def describe(self) -> str:
        """Return libsass's message, which already names the file and line."""
        return self.message


@dataclass(frozen=True)
class SassResult:
    """A compiled stylesheet.

    Attributes:
        css: The CSS, ending with the ``sourceMappingURL`` comment when a map is made.
        source_map: The source map's JSON text, or None when none is made.
    """

    css: str
    source_map: str | None


@dataclass(frozen=True)
class SassOptions:
    """How stylesheets are compiled (the site's ``sass:`` configuration).

    Attributes:
        source_dir: The site source (absolute, as given: not resolved through links).
        style: Output style: nested, expanded, compact (Jekyll's default) or compressed.
        load_paths: Absolute import folders, in order: the ``sass.load_paths``
            (globs expanded), the ``sass_dir`` and the theme's ``_sass``.
        sourcemap: ``always`` (default), ``never`` or ``development``.
        environment: The Jekyll environment (``JEKYLL_ENV``, default development).
        line_comments: Emit ``/* line N, file */`` comments before each rule.
        precision: Decimal digits of numbers (libsass's default, 10, when None).
        source_map_embed: Also embed the map in the CSS as a data URL.
        add_charset: Put ``@charset "UTF-8";`` where compressed output has a BOM.
    """

    source_dir: Path
    style: str = DEFAULT_STYLE
    load_paths: tuple[Path, ...] = ()
    sourcemap: str = "always"
    environment: str = "development"
    line_comments: bool = False
    precision: int | None = None
    source_map_embed: bool = False
    add_charset: bool = False

    @property
    def sourcemap_required(self) -> bool:
        """Whether a page's source map is written (``sourcemap`` and the environment)."""
        if self.sourcemap == "never":
            return False
        return not (self.sourcemap == "development" and self.environment != "development")

    @classmethod
    def from_config(cls, site_config: Mapping[str, Any], source_dir: Path,
                    theme_sass_dir: Path | None = None, *,
                    environment: str | None = None) -> SassOptions:
        """Read the ``sass:`` options the way jekyll-sass-converter 2.2 does.

        Args:
            site_config: The merged site configuration (``sass``, ``safe`` are read).
            source_dir: The site source folder.
            theme_sass_dir: The theme's ``_sass`` folder, appended to the load paths.
            environment: The Jekyll environment; ``JEKYLL_ENV`` or development when None.

        Returns:
            The options; unknown styles fall back to ``compact`` as in Jekyll.
        """
        raw = site_config.get("sass")
        conf: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        safe = _ruby_truthy(site_config.get("safe"))
        source = Path(os.path.abspath(source_dir))
        env = os.environ.get("JEKYLL_ENV", "development") if environment is None else environment
        precision = conf.get("precision")
        return cls(
            source_dir=source,
            style=_style(conf.get("style")),
            load_paths=_load_paths(conf, source, theme_sass_dir, safe=safe),
            sourcemap=_sourcemap(conf.get("sourcemap", "always")),
            environment=env,
            line_comments=not safe and _ruby_truthy(conf.get("line_comments")),
            precision=precision if not safe and _is_int(precision) else None,
            source_map_embed=not safe and _ruby_truthy(conf.get("source_map_embed")),
            add_charset=_ruby_truthy(conf.get("add_charset")),
        )


def _ruby_truthy(value: object) -> bool:
    """Ruby truthiness: everything but nil and false is true."""
    return value is not None and value is not False


def _load_paths(conf: Mapping[str, Any], source: Path, theme_sass_dir: Path | None,
                *, safe: bool) -> tuple[Path, ...]:
    """Import folders: user ``load_paths`` (globs), the ``sass_dir``, the theme's ``_sass``."""
    src = str(source)
    sass_dir = _ruby_to_s(conf.get("sass_dir")) or "_sass"
    relative_sass_dir = _sanitized_path(src, sass_dir).replace(src + "/", "", 1)
    patterns = [_ruby_to_s(p) for p in _ruby_array(conf.get("load_paths"))] + [relative_sass_dir]
    if safe:
        patterns = [_sanitized_path(src, p) for p in patterns]
    found: list[str] = []
    for pattern in patterns:
        for hit in _glob(pattern, src):
            full = os.path.normpath(os.path.join(src, hit))
            found.append(_sanitized_path(src, full) if safe else full)
    paths = list(dict.fromkeys(found))
    if theme_sass_dir is not None:
        paths.append(str(theme_sass_dir))
    return tuple(Path(p) for p in paths if os.path.isdir(p))


def _ruby_array(value: object) -> list[object]:
    if value is None or isinstance(value, Mapping):
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _glob(pattern: str, root: str) -> list[str]:
    """Ruby's ``Dir.glob`` inside ``root``: sorted matches, a literal path if it exists."""
    if not glob.has_magic(pattern):
        return [pattern] if os.path.lexists(os.path.join(root, pattern)) else []
    return sorted(glob.glob(pattern, root_dir=root, recursive=True))


def _sanitized_path(base: str, questionable: str) -> str:
    """Keep ``questionable`` inside ``base`` as ``Jekyll.sanitized_path`` does."""
    if questionable == base:
        return base
    clean = "/" + questionable if questionable.startswith("~") else questionable
    clean = re.sub("/+", "/", os.path.normpath(os.path.join("/", clean)))
    if clean == base or clean.startswith(base.rstrip("/") + "/"):
        return clean
    return base.rstrip("/") + "/" + clean.lstrip("/")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _style(value: object) -> str:
    if value is None:
        return DEFAULT_STYLE
    name = re.sub(r"\A:", "", _ruby_to_s(value))
    return name if name in STYLES else DEFAULT_STYLE


def _sourcemap(value: object) -> str:
    """``always``, ``never``, ``development``; anything else acts as ``always``."""
    return "never" if value is False else _ruby_to_s(value)


def _ruby_to_s(value: object) -> str:
    if value is True or value is False:
        return str(value).lower()
    return "" if value is None else str(value)


def source_map_name(filename: str) -> str:
    """Return the map's file name for a stylesheet page, e.g. ``main.css.map``.

    The map is written in the same output folder as the page's CSS.
    """
    return f"{_basename(_page_name(filename))}.css.map"


def _page_name(filename: str) -> str:
    return PurePosixPath(filename.replace(os.sep, "/")).name


def _basename(name: str) -> str:
    stem, dot, _ext = name.rpartition(".")
    return stem if dot and stem else name


def compile_sass(text: str, *, syntax: str, filename: str, options: SassOptions) -> SassResult:
    """Compile a stylesheet page's (Liquid-rendered) body as Jekyll does.

    Args:
        text: The page body after its front matter, Liquid already rendered.
        syntax: ``"scss"`` or ``"sass"`` (the indented syntax).
        filename: The page's path relative to the site source
            (e.g. ``assets/css/main.scss``); Jekyll uses its base name.
        options: The site's Sass options.

    Returns:
        The CSS and, when ``options.sourcemap_required``, the map's JSON text.
        An empty body gives empty CSS and no map, as in Jekyll.

    Raises:
        SassError: libsass reported an error (syntax, missing import, ...).
        ValueError: ``syntax`` is neither ``scss`` nor ``sass``.
    """
    if syntax not in ("scss", "sass"):
        raise ValueError(f"unknown Sass syntax {syntax!r}")
    if text == "":
        return SassResult("", None)
    name = _page_name(filename)
    marker = f"__liquidpy_input_{uuid.uuid4().hex}__"
    ok, out, smap, entry = _compile_entry(text, f"{marker}.{syntax}", _basename(name), options)
    spellings = sorted({entry, os.path.relpath(entry, os.getcwd())}, key=len, reverse=True)
    entry_path = re.compile("|".join(map(re.escape, spellings))
                            + r"|[^\s\"']*" + re.escape(marker) + r"\.s[ac]ss")
    shown = os.path.relpath(options.source_dir / name, os.getcwd())
    if not ok:
        message = entry_path.sub(lambda _m: shown, out)
        raise _error(message.replace(f"{options.source_dir}{os.sep}", ""))
    css = entry_path.sub(lambda _m: shown, out)
    if not options.sourcemap_required:
        return SassResult(_charset(css, options), None)
    quoted_entry = re.compile('"[^"]*' + re.escape(marker) + r'\.s[ac]ss"')
    source_map = quoted_entry.sub(lambda _m: _json_text(name), smap)
    if options.line_comments:
        source_map = _shift_columns(source_map, _renames(out, entry_path, shown))
    if options.source_map_embed:
        css = _embed(css, source_map)
    return SassResult(_charset(css, options), source_map)


def _compile_entry(text: str, entry_name: str, stem: str,
                   options: SassOptions) -> tuple[bool, str, str, str]:
    """Compile ``text`` from a scratch file as if it were ``<source>/<stem>.<ext>``.

    The page's own imports are first looked up in the site source, which
    Jekyll takes to be the page's folder.  Returns the status, the CSS or error
    message, the map and the scratch file's path (to be renamed in the output).
    """
    target = options.source_dir / stem
    importers = ((0, _page_importer(options.source_dir, entry_name, _query_imports(text))),)
    with tempfile.TemporaryDirectory(prefix="liquidpy-sass-") as tmp:
        entry = Path(tmp) / entry_name
        entry.write_bytes(text.encode("utf-8"))
        ok, out, smap = _sass.compile_filename(
            os.fsencode(entry), _style_code(options), options.line_comments,
            _include_paths(options), options.precision or DEFAULT_PRECISION,
            os.fsencode(f"{target}.css.map"), [], importers, os.fsencode(f"{target}.css"),
            True, options.source_map_embed, not options.sourcemap_required, b"",
        )
    return (bool(ok), out.decode("utf-8", "replace"), smap.decode("utf-8", "replace"),
            str(entry))


def _page_importer(source: Path, entry_name: str,
                   queries: dict[str, list[bool]]) -> Callable[[bytes, bytes], Any]:
    """An import hook resolving the page's imports against the site source.

    Imports with media queries stay CSS imports, so they are left alone (``queries``).
    """
    entry = os.fsencode(entry_name)

    def importer(path: bytes, previous: bytes) -> tuple[tuple[bytes], ...] | None:
        name = os.fsdecode(path)
        if not previous.endswith(b"/" + entry) or _plain_css_import(name):
            return None
        if name in queries and queries[name] and queries[name].pop(0):
            return None
        target = os.path.join(source, name)
        return ((os.fsencode(target),),) if _importable(target) else None

    return importer


_QUOTED = r"(?:\"[^\"\n]*\"|'[^'\n]*')"
_IMPORT = re.compile(rf"@import\s+({_QUOTED}(?:\s*,\s*{_QUOTED})*)([ \t]+(?![;}}])[^;\s])?")


def _query_imports(text: str) -> dict[str, list[bool]]:
    """For paths imported with media queries somewhere (``@import "x" screen``, kept
    as a CSS import), whether each of their imports, in order, has queries."""
    flags: dict[str, list[bool]] = {}
    for found in _IMPORT.finditer(text):
        for quoted in re.findall(_QUOTED, found.group(1)):
            flags.setdefault(quoted[1:-1], []).append(found.group(2) is not None)
    return {name: marks for name, marks in flags.items() if any(marks)}


def _plain_css_import(path: str) -> bool:
    return path.endswith(".css") or path.startswith("//") or bool(re.match(r"[\w+.-]+://", path))


def _importable(target: str) -> bool:
    """Whether libsass finds a stylesheet for ``target`` (partials, extensions, index files)."""
    folder, name = os.path.split(target)
    exts = (".scss", ".sass", ".css")
    names = [name, "_" + name] + ["_" + name + e for e in exts] + [name + e for e in exts]
    if not name.endswith(exts):
        names += [os.path.join(name, index + e) for index in ("_index", "index") for e in exts]
    return any(os.path.isfile(os.path.join(folder, n)) for n in names)


def _renames(css: str, pattern: re.Pattern[str], new: str) -> dict[int, list[tuple[int, int]]]:
    """Where replacing ``pattern`` by ``new`` in ``css`` moves text: line -> [(column, delta)]."""
    shifts: dict[int, list[tuple[int, int]]] = {}
    for found in pattern.finditer(css):
        line = css.count("\n", 0, found.start())
        column = found.start() - (css.rfind("\n", 0, found.start()) + 1)
        shifts.setdefault(line, []).append((column, len(new) - len(found.group())))
    return shifts


def _shift_columns(source_map: str, shifts: dict[int, list[tuple[int, int]]]) -> str:
    """Move the generated columns of a map's mappings past renamed line-comment paths."""
    if not shifts:
        return source_map
    found = re.search(r'"mappings": "([^"]*)"', source_map)
    if found is None:
        return source_map
    lines = found.group(1).split(";")
    for number, moves in shifts.items():
        if number < len(lines) and lines[number]:
            lines[number] = _shift_line(lines[number], moves)
    return source_map[:found.start(1)] + ";".join(lines) + source_map[found.end(1):]


def _shift_line(line: str, moves: list[tuple[int, int]]) -> str:
    segments = [_vlq_decode(segment) for segment in line.split(",")]
    column = previous = 0
    for values in segments:
        column += values[0]
        moved = column + sum(delta for at, delta in moves if column > at)
        values[0], previous = moved - previous, moved
    return ",".join("".join(_vlq_encode(v) for v in values) for values in segments)


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _vlq_decode(segment: str) -> list[int]:
    values, value, shift = [], 0, 0
    for char in segment:
        digit = _B64.index(char)
        value += (digit & 31) << shift
        shift += 5
        if not digit & 32:
            values.append(-(value >> 1) if value & 1 else value >> 1)
            value = shift = 0
    return values


def _vlq_encode(value: int) -> str:
    rest = (-value << 1) | 1 if value < 0 else value << 1
    out = ""
    while True:
        digit, rest = rest & 31, rest >> 5
        out += _B64[digit | (32 if rest else 0)]
        if not rest:
            return out


def _style_code(options: SassOptions) -> int:
    return _STYLE_CODES.get(options.style, _STYLE_CODES[DEFAULT_STYLE])


def _include_paths(options: SassOptions) -> bytes:
    return os.fsencode(os.pathsep.join(os.fsdecode(p) for p in options.load_paths))


def _charset(css: str, options: SassOptions) -> str:
    replacement = '@charset "UTF-8";' if options.add_charset else ""
    return _BOM.sub(replacement, css, count=1)


def _embed(css: str, source_map: str) -> str:
    data = base64.b64encode(source_map.encode("utf-8")).decode("ascii")
    return _EMBEDDED_MAP.sub(lambda m: m.group(1) + data + m.group(2), css, count=1)


_JSON_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n",
                 "\r": "\\r", "\t": "\\t"}


def _json_text(value: str) -> str:
    """Quote ``value`` as libsass's JSON writer does (UTF-8 kept as is)."""
    return '"' + "".join(_JSON_ESCAPES.get(c) or (f"\\u{ord(c):04X}" if ord(c) < 0x1F else c)
                         for c in value) + '"'


def _error(message: str) -> SassError:
    found = _LOCATION.search(message)
    if found is None:
        return SassError(message)
    return SassError(message, found.group(3).strip(), int(found.group(1)), int(found.group(2)))


def _compile_string(text: object, options: SassOptions, *, indented: bool) -> str:
    source = "" if text is None else str(text)
    if source == "":
        return ""
    ok, out = _sass.compile_string(
        source.encode("utf-8"), _style_code(options), options.line_comments,
        _include_paths(options), options.precision or DEFAULT_PRECISION, [],
        indented, None, True, False, True, b"",
    )
    if not ok:
        raise _error(out.decode("utf-8", "replace"))
    return _charset(out.decode("utf-8"), options)


def scssify(text: object, options: SassOptions) -> str:
    """The ``scssify`` Liquid filter: compile SCSS text with the site's options.

    As in Jekyll, the input is named ``stdin``, imports resolve against the
    working directory and then the load paths, and no source map is made.

    Raises:
        SassError: The text does not compile.
    """
    return _compile_string(text, options, indented=False)


def sassify(text: object, options: SassOptions) -> str:
    """The ``sassify`` Liquid filter: compile indented-syntax Sass text.

    Raises:
        SassError: The text does not compile.
    """
    return _compile_string(text, options, indented=True)
