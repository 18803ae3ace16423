"""Block-level regular expressions shared by the block rules (kramdown/GFM)."""

from __future__ import annotations

import re

from .attributes import IAL_BLOCK, IAL_BLOCK_START
from .html_names import NAME

OPT_SPACE = r" {0,3}"
INDENT = r"^(?:\t| {4})"
BLANK_LINE = r"(?:^[ \t\r\f\v]*\n)+"
EOB_MARKER = r"^\^[ \t\r\f\v]*\n"
_LAZY_SPAN = (
    "a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|"
    "mark|option|q|rb|rbc|rp|rt|rtc|ruby|samp|select|small|span|strong|sub|sup|tt|u|var|script"
)
LAZY_END_HTML_START = r"<(?!(?:" + _LAZY_SPAN + r")\b)" + NAME
LAZY_END_HTML_STOP = r"</(?!(?:" + _LAZY_SPAN + r")\b)" + NAME + r"\s*>"
LAZY_END = (
    BLANK_LINE + "|" + IAL_BLOCK_START + "|" + EOB_MARKER + "|^" + OPT_SPACE + LAZY_END_HTML_STOP
    + "|^" + OPT_SPACE + LAZY_END_HTML_START + r"|\Z"
)
PATTERN_TAIL = r"[\t| ][^\n]*\n"
LIST_START_UL = r"^(" + OPT_SPACE + r"[+*-])(" + PATTERN_TAIL + ")"
LIST_START_OL = r"^(" + OPT_SPACE + r"\d+\.)(" + PATTERN_TAIL + ")"
LIST_START = LIST_START_UL + "|" + LIST_START_OL
DEFINITION_LIST_START = r"^(" + OPT_SPACE + r":)(" + PATTERN_TAIL + ")"
ATX_HEADER_START = r"^(?P<level>#{1,6})[\t ]+(?P<contents>.*)\n"
BLOCKQUOTE_START = r"^" + OPT_SPACE + r"> ?"
FENCED_START = r"^ {0,3}[~`]{3,}"
FENCED_MATCH = r"^ {0,3}(([~`]){3,})\s*?((\S+?)(?:\?\S*)?)?\s*?\n(.*?)^ {0,3}\1\2*\s*?\n"
FENCED_START_KRAMDOWN = r"^~{3,}"
FENCED_MATCH_KRAMDOWN = r"^((~){3,})\s*?((\S+?)(?:\?\S*)?)?\s*?\n(.*?)^\1\2*\s*?\n"
ATX_HEADER_START_KRAMDOWN = r"^(?P<level>#{1,6})[\t ]*(?P<contents>[^ \t].*)\n"
PARAGRAPH_END_KRAMDOWN = LAZY_END + "|" + DEFINITION_LIST_START
PARAGRAPH_END = (
    LAZY_END + "|" + LIST_START + "|" + ATX_HEADER_START + "|" + DEFINITION_LIST_START
    + "|" + BLOCKQUOTE_START + "|" + FENCED_START
)
CODEBLOCK_MATCH = (
    r"(?:(?:" + BLANK_LINE + r")?(?:" + INDENT + r"[ \t]*\S.*\n)+(?:(?!" + IAL_BLOCK_START + "|"
    + EOB_MARKER + "|^" + OPT_SPACE + LAZY_END_HTML_STOP + "|^" + OPT_SPACE + LAZY_END_HTML_START
    + r")^[ \t]*\S.*\n)*)*"
)
HR_START = r"^" + OPT_SPACE + r"(\*|-|_)[ \t]*\1[ \t]*\1(\1|[ \t])*\n"
SETEXT_START = r"^" + OPT_SPACE + r"(?P<contents>[^ \t].*)\n(?P<level>[-=])[-=]*[ \t\r\f\v]*\n"
HEADER_ID = re.compile(r"[\t ]\{#([A-Za-z_:][-\w:.]*)\}\Z")
BLOCK_MATH_START = r"^" + OPT_SPACE + r"(\\)?\$\$(.*?)\$\$(\s*?\n)?"
BLOCK_BOUNDARY = BLANK_LINE + "|" + EOB_MARKER + "|" + IAL_BLOCK_START + r"|\Z"
FOOTNOTE_DEF_START = r"^" + OPT_SPACE + r"\[\^(\w[\w-]*)\]:\s*?([^\n]*\n" + CODEBLOCK_MATCH + ")"
LINK_DEF_START = (
    r"^" + OPT_SPACE + r"\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))"
    r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?\n"
)
ABBREV_DEF_START = r"^" + OPT_SPACE + r"\*\[(.+?)\]:(.*?)\n"
PARAGRAPH_START = r"^" + OPT_SPACE + r"[^ \t][^\n]*\n"
LIST_ITEM_IAL = r"^\s*(?:\{:(?!(?:\w[\w-]*)?:|/)((?:\\\}|[^\}])+)\})\s*"
LIST_ITEM_IAL_CHECK = r"^(?:" + LIST_ITEM_IAL + r")?\s*\n"
HTML_BLOCK_START = r"^" + OPT_SPACE + r"<(" + NAME + r"|!--|/)"
IAL_BLOCK_RE = IAL_BLOCK


def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a block pattern with multi-line anchors."""
    return re.compile(pattern, re.M | flags)
