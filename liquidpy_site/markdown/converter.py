"""Document conversion: parse with the kramdown rules, render to HTML."""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Mapping
from typing import Any

from .blocks import KramdownBlockParser
from .context import ParseContext
from .elements import Element
from .ids import GfmIdGenerator
from .inline import SpanParser
from .options import KramdownOptions
from .postprocess import replace_abbreviations, update_gfm, update_tree
from .renderer import KramdownHtmlRenderer
from .spans_links import normalize_link_id

_DEEP_RECURSION_LIMIT = 100_000
_DEEP_STACK_SIZE = 512 * 1024 * 1024


def adapt_source(text: str) -> str:
    """Normalise line endings and end the text with exactly one newline."""
    text = re.sub(r"\r\n?", "\n", text)
    if text.endswith("\n"):
        text = text[:-1]
    return text + "\n"


def parse_document(text: str, options: KramdownOptions) -> tuple[Element, ParseContext]:
    """Parse ``text`` into kramdown's element tree."""
    ctx = ParseContext(options=options.as_dict())
    for key, value in options.link_defs.items():
        url, title = (value[0], value[1] if len(value) > 1 else None) if isinstance(value, list) else (value, None)
        ctx.link_defs[normalize_link_id(str(key))] = (str(url), None if title is None else str(title), None)
    root = Element("root")
    blocks = KramdownBlockParser(ctx)
    spans = SpanParser(ctx)
    source = adapt_source(text)
    blocks.parse_blocks(blocks.new_state(""), root, source)
    update_tree(root, spans, ctx)
    ctx.abbrev_attr = {k: eob.attrs for k, eob in ctx.abbrev_attr.items()}
    replace_abbreviations(root, ctx)
    for data in ctx.footnotes.values():
        update_tree(data["content"], spans, ctx)
        replace_abbreviations(data["content"], ctx)
    if spans.gfm:
        ids = GfmIdGenerator(ctx.options.get("auto_id_prefix") or "")
        break_text = "\n" if spans.hard_wrap else "\\\n"
        update_gfm(root, ids, ctx, break_text, breaks=break_text in source)
    return root, ctx


def convert_document(text: str, options: KramdownOptions) -> str:
    """Convert one Markdown document to HTML.

    Very deeply nested documents (hundreds of nested quotes or lists) exceed
    Python's default recursion limit; they are converted again on a worker
    thread with a large stack and a raised limit.
    """
    try:
        return _convert(text, options)
    except RecursionError:
        return _convert_deep(text, options)


def _convert_deep(text: str, options: KramdownOptions) -> str:
    outcome: dict[str, Any] = {}

    def run() -> None:
        previous = sys.getrecursionlimit()
        sys.setrecursionlimit(max(previous, _DEEP_RECURSION_LIMIT))
        try:
            outcome["html"] = _convert(text, options)
        except BaseException as exc:  # re-raised in the calling thread
            outcome["error"] = exc
        finally:
            sys.setrecursionlimit(previous)

    previous_size = threading.stack_size(_DEEP_STACK_SIZE)
    try:
        worker = threading.Thread(target=run, name="markdown-deep")
        worker.start()
        worker.join()
    finally:
        threading.stack_size(previous_size)
    if "error" in outcome:
        raise outcome["error"]
    return str(outcome["html"])


def _convert(text: str, options: KramdownOptions) -> str:
    root, ctx = parse_document(text, options)
    renderer = KramdownHtmlRenderer(
        ctx.options, {"abbrev_defs": ctx.abbrev_defs, "abbrev_attr": ctx.abbrev_attr}
    )
    return renderer.convert(root)


class MarkdownConverter:
    """Converts Markdown to HTML for one site, caching results by text.

    Args:
        options: The site's ``kramdown:`` mapping plus top-level ``highlighter``;
            see :class:`~liquidpy_site.markdown.options.KramdownOptions`.
    """

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.options = KramdownOptions.from_mapping(options)
        self._cache: dict[str, str] = {}

    def convert(self, text: str) -> str:
        """Return the HTML for ``text`` (cached per converter)."""
        if not isinstance(text, str):  # like Jekyll's ``input.to_s``
            text = "" if text is None else str(text)
        cached = self._cache.get(text)
        if cached is None:
            cached = convert_document(text, self.options)
            self._cache[text] = cached
        return cached
