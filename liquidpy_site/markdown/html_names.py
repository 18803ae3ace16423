"""HTML element classes and patterns used for raw HTML handling."""

from __future__ import annotations

import re

NAME = r"(?:[^\W\d][-\w.]*:)?[^\W\d][-\w.]*"

CONTENT_MODEL_BLOCK = frozenset(
    "address applet article aside blockquote body dd details div dl fieldset figure "
    "figcaption footer form header hgroup iframe li main map menu nav noscript object "
    "section summary td".split()
)
CONTENT_MODEL_SPAN = frozenset(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins "
    "label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt".split()
)
CONTENT_MODEL_RAW = frozenset("script style math option textarea pre code kbd samp var".split())
SPAN_ELEMENTS = frozenset(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label "
    "mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split()
)
BLOCK_ELEMENTS = frozenset(
    "address article aside applet body blockquote caption col colgroup dd div dl dt "
    "fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe "
    "legend menu li main map nav ol optgroup p pre section summary table tbody td th thead "
    "tfoot tr ul".split()
)
ELEMENTS_WITHOUT_BODY = frozenset(
    "area base br col command embed hr img input keygen link meta param source track wbr".split()
)
KNOWN_ELEMENTS = (
    SPAN_ELEMENTS | BLOCK_ELEMENTS | ELEMENTS_WITHOUT_BODY | CONTENT_MODEL_BLOCK
    | CONTENT_MODEL_SPAN | CONTENT_MODEL_RAW
)

COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)
INSTRUCTION_RE = re.compile(r"<\?(.*?)\?>", re.S)
ATTRIBUTE_RE = re.compile(r"\s*(" + NAME + r")(?:\s*=\s*(?:(\w+)|(\"|')(.*?)\3))?", re.S)
TAG_RE = re.compile(
    r"<(" + NAME + r")\s*((?:\s+" + NAME + r"(?:\s*=\s*(?:\w+|(\"|').*?\3))?)*)\s*(/)?>", re.S
)
TAG_CLOSE_RE = re.compile(r"</(" + NAME + r")\s*>", re.S)
ENTITY_RE = re.compile(r"&([\w:][-\w.:]*);|&#(\d+);|&#x([0-9a-fA-F]+);")


def content_model(name: str) -> str:
    """Return ``block``, ``span`` or ``raw`` for an element name."""
    if name in CONTENT_MODEL_BLOCK:
        return "block"
    if name in CONTENT_MODEL_SPAN:
        return "span"
    return "raw"


def parse_attributes(text: str, known: bool = True) -> dict[str, str]:
    """Parse an HTML attribute string into an ordered mapping."""
    attrs: dict[str, str] = {}
    for m in ATTRIBUTE_RE.finditer(text):
        name = m.group(1).lower() if known else m.group(1)
        value = m.group(2) if m.group(2) is not None else m.group(4)
        attrs[name] = value if value is not None else ""
    return attrs
