"""kramdown extensions: ``{::comment}``, ``{::nomarkdown}`` and ``{::options}``."""

from __future__ import annotations

import re
from typing import Any, Protocol

from .attributes import EXT_STOP_STR, parse_attribute_list
from .context import ParseContext
from .elements import Element
from .options import parse_smart_quotes, parse_toc_levels

_BOOL_OPTIONS = {
    "auto_ids", "auto_id_stripping", "hard_wrap", "parse_block_html", "parse_span_html",
    "footnote_backlink_inline", "transliterated_header_ids", "guess_lang",
}
_STR_OPTIONS = {"auto_id_prefix", "entity_output", "footnote_backlink", "math_engine"}
_INT_OPTIONS = {"footnote_nr", "header_offset"}


class Scanner(Protocol):
    """What the extension parser needs from a block or span parser."""

    src: str
    pos: int
    tree: Element
    ctx: ParseContext

    def text(self, text: str) -> None:
        """Append text to the current element."""


def parse_extension_tag(scanner: Scanner, m: Any, kind: str) -> bool:
    """Parse the extension whose start tag ``m`` matched at ``scanner.pos``.

    Returns:
        Whether the extension was handled (otherwise nothing is consumed
        at block level; one character becomes text at span level).
    """
    saved = scanner.pos

    def fail() -> bool:
        scanner.pos = saved
        if kind == "span":
            scanner.text(scanner.src[scanner.pos])
            scanner.pos += 1
        return False

    if m.group(4) is not None or m.group(0).strip() == "{:/}":
        return fail()
    scanner.pos = m.end()
    name = m.group(1)
    opts: dict[str, Any] = {}
    parse_attribute_list(m.group(2) or "", opts)
    body: str | None = None
    if m.group(3) is None:
        stop = EXT_STOP_STR % re.escape(name)
        stop_re = re.compile(r"^ {0,3}" + stop + r"[ \t]*\n" if kind == "block" else stop, re.M)
        sm = stop_re.search(scanner.src, scanner.pos)
        if sm is None:
            return fail()
        body = scanner.src[scanner.pos : sm.start()]
        if kind == "block" and body.endswith("\n"):
            body = body[:-1]
        scanner.pos = sm.end()
    if not handle_extension(scanner.ctx, scanner.tree, name, opts, body, kind):
        return fail()
    return True


def handle_extension(
    ctx: ParseContext, tree: Element, name: str, opts: dict[str, Any], body: str | None, kind: str
) -> bool:
    """Apply one extension to ``tree``; ``False`` when the name is unknown."""
    if name == "comment":
        if body is not None:
            tree.children.append(Element("comment", body, category=kind))
        return True
    if name == "nomarkdown":
        if body is not None:
            types = str(opts.get("type", "")).split()
            tree.children.append(Element("raw", body, category=kind, raw_type=types))
        return True
    if name == "options":
        for key, value in opts.items():
            if isinstance(key, str) and key != "refs":
                _set_option(ctx.options, key, value)
        if kind == "block":
            tree.children.append(Element("eob", "extension"))
        return True
    return False


def _set_option(options: dict[str, Any], key: str, value: str) -> None:
    if key in _BOOL_OPTIONS:
        options[key] = value.strip().lower() not in ("false", "no", "off", "0", "")
    elif key in _STR_OPTIONS:
        options[key] = value
    elif key in _INT_OPTIONS:
        try:
            options[key] = int(value)
        except ValueError:
            pass
    elif key == "smart_quotes":
        options[key] = parse_smart_quotes(value)
    elif key == "toc_levels":
        options[key] = parse_toc_levels(value)
