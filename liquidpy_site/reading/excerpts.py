"""Excerpts: the part of a document before the excerpt separator."""

from __future__ import annotations

import re

_LIQUID_TAG = re.compile(r"{%-?\s*(\w+)\s*.*?-?%}", re.S)
_LINK_REFERENCE = re.compile(r"^ {0,3}(?:(\[[^\]]+\])(:.+))$", re.M)
# Liquid tags that are blocks (they need an end tag).
LIQUID_BLOCKS = {"if", "unless", "for", "case", "capture", "raw", "comment", "tablerow",
                 "highlight", "ifchanged", "doc"}


def extract_excerpt(content: str, separator: str) -> str:
    """Return the excerpt text Jekyll takes from ``content``.

    Liquid blocks opened in the excerpt but never closed in it get an end tag,
    and Markdown link reference definitions after the separator that the
    excerpt uses are appended.
    """
    head, _, tail = content.partition(separator)
    if not tail:
        return head
    if "{%" in head:
        head = _close_liquid_blocks(head)
    definitions = [label + rest for label, rest in _LINK_REFERENCE.findall(tail) if label in head]
    if not definitions:
        return head
    return head + "\n\n" + "\n".join(definitions)


def _close_liquid_blocks(head: str) -> str:
    names = _LIQUID_TAG.findall(head)
    for name in reversed(names):
        if name not in LIQUID_BLOCKS:
            continue
        if re.search(r"{%-?\s*end" + re.escape(name) + r".*?\s*-?%}", head, re.S):
            continue
        head += f"\n{{% end{name} %}}"
    return head
