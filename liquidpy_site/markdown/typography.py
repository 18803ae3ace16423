"""Smart quotes and typographic symbols (kramdown's rules).

The smart quote rules are tried in order at a position that may include one
character before the quote; each rule yields a list of actions: an ``int``
re-emits that match group as text, a string names the quote entity, where
``lquote1``/``rquote1`` use the quote in group 1 and ``lquote2``/``rquote2``
the quote in group 2.
"""

from __future__ import annotations

import re

_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
_CLOSE = r"[^ \\\t\r\n\[{(-]"

SMART_QUOTE_START = r"""[^\\]?["']"""

SMART_QUOTE_RULES: list[tuple[re.Pattern[str], tuple[int | str, ...]]] = [
    (re.compile(r"""("|')(?=[_*]{1,2}\S)""", re.A), ("lquote1",)),
    (re.compile(r"""("|')(?=""" + _PUNCT + r"""(?!\.\.)\B)""", re.A), ("rquote1",)),
    (re.compile(r"""(\s?)"'(?=\w)""", re.A), (1, "ldquo", "lsquo")),
    (re.compile(r"""(\s?)'"(?=\w)""", re.A), (1, "lsquo", "ldquo")),
    (re.compile(r"""(\s?)'(?=\d\ds)""", re.A), (1, "rsquo")),
    (re.compile(r"""(\s)('|")(?=\w)""", re.A), (1, "lquote2")),
    (re.compile("(" + _CLOSE + r""")('|")""", re.A), (1, "rquote2")),
    (re.compile(r"""("|')(?=\s|s\b|$)""", re.M | re.A), ("rquote1",)),
    (re.compile(r"(.?)'", re.S), (1, "lsquo")),
    (re.compile(r'(.?)"', re.S), (1, "ldquo")),
]

_QUOTE_NAMES = {
    ("lquote", '"'): "ldquo",
    ("lquote", "'"): "lsquo",
    ("rquote", '"'): "rdquo",
    ("rquote", "'"): "rsquo",
}


def resolve_quote(action: str, match: re.Match[str]) -> str:
    """Turn a rule action into one of ``lsquo rsquo ldquo rdquo``."""
    if action[-1].isdigit():
        quote = match.group(int(action[-1]))
        return _QUOTE_NAMES[(action[:-1], quote)]
    return action


#: Typographic symbol source texts, longest alternatives first, and their meaning.
TYPOGRAPHIC_SYMS: list[tuple[str, str]] = [
    ("---", "mdash"),
    ("--", "ndash"),
    ("...", "hellip"),
    ("\\<<", "lt"),
    ("\\>>", "gt"),
    ("<< ", "laquo_space"),
    (" >>", "raquo_space"),
    ("<<", "laquo"),
    (">>", "raquo"),
]
TYPOGRAPHIC_START = r"--|\.\.\.|(?:\\| )?(?:<<|>>)"
TYPOGRAPHIC_RE = re.compile("|".join(re.escape(k) for k, _ in TYPOGRAPHIC_SYMS))
TYPOGRAPHIC_MAP = dict(TYPOGRAPHIC_SYMS)

#: Entity names making up each typographic symbol's output.
TYPOGRAPHIC_ENTITIES: dict[str, tuple[str, ...]] = {
    "mdash": ("mdash",),
    "ndash": ("ndash",),
    "hellip": ("hellip",),
    "laquo_space": ("laquo", "nbsp"),
    "raquo_space": ("nbsp", "raquo"),
    "laquo": ("laquo",),
    "raquo": ("raquo",),
}

#: Plain text of typographic symbols, used for header ids.
TYPOGRAPHIC_TEXT = {
    "mdash": "\u2014",
    "ndash": "\u2013",
    "hellip": "\u2026",
    "laquo_space": "\u00ab\u00a0",
    "raquo_space": "\u00a0\u00bb",
    "laquo": "\u00ab",
    "raquo": "\u00bb",
}
SMART_QUOTE_TEXT = {"lsquo": "\u2018", "rsquo": "\u2019", "ldquo": "\u201c", "rdquo": "\u201d"}
SMART_QUOTE_INDEX = {"lsquo": 0, "rsquo": 1, "ldquo": 2, "rdquo": 3}
