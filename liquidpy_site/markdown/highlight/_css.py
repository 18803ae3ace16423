"""CSS, scanned directly: Pygments' CSS tokens split too differently from Rouge's."""

from __future__ import annotations

import re

from pygments.lexers import css as pygments_css
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
)
from pygments.token import _TokenType as TokenType

from ._tokens import RawToken, _words

# CSS properties Rouge classes ``nl`` (others are ``py``).
_CSS_PROPERTIES = frozenset(
    _words(
        "crop icon src "
        "-webkit-line-clamp align-content align-items align-self alignment-baseline all "
        "animation animation-delay animation-direction animation-duration animation-fill-mode "
        "animation-iteration-count animation-name animation-play-state "
        "animation-timing-function appearance azimuth backface-visibility background "
        "background-attachment background-clip background-color background-image "
        "background-origin background-position background-repeat background-size baseline-shift "
        "bookmark-label bookmark-level bookmark-state border border-bottom border-bottom-color "
        "border-bottom-left-radius border-bottom-right-radius border-bottom-style "
        "border-bottom-width border-collapse border-color border-image border-image-outset "
        "border-image-repeat border-image-slice border-image-source border-image-width "
        "border-left border-left-color border-left-style border-left-width border-radius "
        "border-right border-right-color border-right-style border-right-width border-spacing "
        "border-style border-top border-top-color border-top-left-radius "
        "border-top-right-radius border-top-style border-top-width border-width bottom "
        "box-decoration-break box-shadow box-sizing break-after break-before break-inside "
        "caption-side clear clip clip-path clip-rule color column-count column-fill column-gap "
        "column-rule column-rule-color column-rule-style column-rule-width column-span "
        "column-width columns content counter-increment counter-reset cue cue-after cue-before "
        "cursor direction display dominant-baseline elevation empty-cells filter flex "
        "flex-basis flex-direction flex-flow flex-grow flex-shrink flex-wrap float float-offset "
        "font font-family font-feature-settings font-kerning font-language-override font-size "
        "font-size-adjust font-stretch font-style font-synthesis font-variant "
        "font-variant-alternates font-variant-caps font-variant-east-asian "
        "font-variant-ligatures font-variant-numeric font-variant-position font-weight "
        "grid-column grid-row grid-template hanging-punctuation height hyphenate-character "
        "hyphens image-orientation image-rendering image-resolution justify-content left "
        "letter-spacing line-break line-height list-style list-style-image list-style-position "
        "list-style-type margin margin-bottom margin-left margin-right margin-top mask "
        "max-height max-width min-height min-width nav-down nav-left nav-right nav-up "
        "object-fit object-position opacity order orphans outline outline-color outline-offset "
        "outline-style outline-width overflow overflow-wrap overflow-x overflow-y padding "
        "padding-bottom padding-left padding-right padding-top page page-break-after "
        "page-break-before page-break-inside pause pause-after pause-before perspective "
        "perspective-origin pitch pitch-range play-during pointer-events position quotes resize "
        "rest rest-after rest-before richness right ruby-align ruby-overhang ruby-position "
        "speak speak-as speak-header speak-numeral speak-punctuation speech-rate stress "
        "string-set tab-size table-layout text-align text-align-last text-decoration "
        "text-decoration-color text-decoration-line text-decoration-skip text-decoration-style "
        "text-emphasis text-emphasis-color text-emphasis-position text-emphasis-style "
        "text-indent text-justify text-orientation text-overflow text-shadow "
        "text-space-collapse text-transform text-underline-position text-wrap top transform "
        "transform-origin transform-style transition transition-delay transition-duration "
        "transition-property transition-timing-function unicode-bidi vertical-align visibility "
        "voice-balance voice-duration voice-family voice-pitch voice-range voice-rate "
        "voice-stress voice-volume volume white-space widows width word-break word-spacing "
        "word-wrap writing-mode z-index "
    )
)

# CSS value keywords Rouge classes ``nb``.
_CSS_BUILTINS = frozenset(
    _words(
        "above absolute always armenian aural auto avoid baseline behind below bidi-override "
        "blink block bold bolder both bottom capitalize center center-left center-right circle "
        "cjk-ideographic close-quote collapse condensed continuous crop cross crosshair cursive "
        "dashed decimal decimal-leading-zero default digits disc dotted double e-resize embed "
        "expanded extra-condensed extra-expanded fantasy far-left far-right fast faster fixed "
        "georgian groove hebrew help hidden hide high higher hiragana hiragana-iroha icon "
        "inherit inline inline-table inset inside invert italic justify katakana katakana-iroha "
        "landscape large larger left left-side leftwards level lighter line-through list-item "
        "loud low lower lower-alpha lower-greek lower-roman lowercase ltr medium message-box "
        "middle mix monospace n-resize narrower ne-resize no-close-quote no-open-quote "
        "no-repeat none normal nowrap nw-resize oblique once open-quote outset outside overline "
        "pointer portrait relative repeat repeat-x repeat-y rgb ridge right right-side "
        "rightwards s-resize sans-serif scroll se-resize semi-condensed semi-expanded separate "
        "serif show silent slow slower small-caps small-caption smaller soft solid spell-out "
        "square static status-bar super sw-resize table-caption table-cell table-column "
        "table-column-group table-footer-group table-header-group table-row table-row-group "
        "text text-bottom text-top thick thin top transparent ultra-condensed ultra-expanded "
        "underline upper-alpha upper-latin upper-roman uppercase visible w-resize wait wider "
        "x-fast x-high x-large x-loud x-low x-small x-soft xx-large xx-small yes "
    )
)

# CSS colour names Rouge classes ``no``.
_CSS_COLORS = frozenset(
    _words(
        "aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue "
        "blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue "
        "cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkkhaki "
        "darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen "
        "darkslateblue darkslategray darkturquoise darkviolet deeppink deepskyblue dimgray "
        "dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold "
        "goldenrod gray green greenyellow honeydew hotpink indianred indigo ivory khaki "
        "lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan "
        "lightgoldenrodyellow lightgreen lightgrey lightpink lightsalmon lightseagreen "
        "lightskyblue lightslategray lightsteelblue lightyellow lime limegreen linen magenta "
        "maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen "
        "mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue "
        "mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered "
        "orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru "
        "pink plum powderblue purple red rosybrown royalblue saddlebrown salmon sandybrown "
        "seagreen seashell sienna silver skyblue slateblue slategray snow springgreen steelblue "
        "tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen "
    )
)

_CSS_UNITS = "|".join(sorted(pygments_css._all_units, key=len, reverse=True))

_CSS_COMMON = (
    r"(?P<ws>\s+)|(?P<c>/\*.*?(?:\*/|\Z))|(?P<s1>\"(?:\\.|[^\"\\])*\"?)"
    r"|(?P<s2>'(?:\\.|[^'\\])*'?)"
)

_CSS_SELECTOR = re.compile(
    _CSS_COMMON + r"|(?P<k>@[\w-]+)|(?P<nc>\.-*[a-zA-Z_][\w-]*)|(?P<nf>\#-*[a-zA-Z_][\w-]*)"
    r"|(?P<nd>::?-*[a-zA-Z_][\w-]*)|(?P<nt>-*[a-zA-Z_][\w-]*)|(?P<open>\{)|(?P<close>\})"
    r"|(?P<err>[0-9#])|(?P<o>.)",
    re.DOTALL,
)

_CSS_VALUE = re.compile(
    _CSS_COMMON + r"|(?P<cp>!\s*important\b)|(?P<sx>url\([^)]*\)?)"
    r"|(?P<m>[+-]?(?:\d+\.?\d*|\.\d+)(?:%|(?:" + _CSS_UNITS + r")\b)?|\#[0-9a-fA-F]+\b)"
    r"|(?P<word>--?[\w-]+|[\w-]+)|(?P<open>\{)|(?P<close>\})|(?P<end>;)|(?P<err>[*+])"
    r"|(?P<p>[(),/:=]|.)",
    re.DOTALL,
)

_CSS_KINDS: dict[str, TokenType] = {
    "ws": Text,
    "c": Comment,
    "s1": String.Single,
    "s2": String.Double,
    "k": Keyword,
    "nc": Name.Class,
    "nf": Name.Function,
    "nd": Name.Decorator,
    "nt": Name.Tag,
    "o": Operator,
    "cp": Comment.Preproc,
    "sx": String.Other,
    "m": Number,
    "err": Error,
    "p": Punctuation,
    "open": Punctuation,
    "close": Punctuation,
    "end": Punctuation,
}

_CSS_NESTING_AT_RULES = frozenset(
    _words(
        "@media @supports @document @-moz-document @layer @container @keyframes "
        "@-webkit-keyframes @-moz-keyframes"
    )
)

_CSS_VENDOR = re.compile(r"-(?:webkit|moz|ms|o)-")


class _CssScanner:
    """Splits CSS into Rouge's token classes with a small mode stack."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.blocks: list[str] = []  # "rules" or "decl" for each open brace
        self.mode = "selector"  # selector, prelude, property, value
        self.at_rule = ""

    def tokens(self) -> list[RawToken]:
        out: list[RawToken] = []
        pos = 0
        while pos < len(self.code):
            pattern = _CSS_SELECTOR if self.mode == "selector" else _CSS_VALUE
            match = pattern.match(self.code, pos)
            assert match is not None
            out.append(self._classify(match.lastgroup or "p", match.group(), match.end()))
            pos = match.end()
        return out

    def _classify(self, kind: str, value: str, end: int) -> RawToken:
        if kind == "open":
            nesting = self.mode == "prelude" and self.at_rule in _CSS_NESTING_AT_RULES
            self.blocks.append("rules" if nesting else "decl")
            self.mode = "selector" if nesting else "property"
        elif kind == "close":
            if not self.blocks:
                return (Error, value)
            self.blocks.pop()
            self.mode = "property" if self.blocks and self.blocks[-1] == "decl" else "selector"
        elif kind == "k":
            self.mode, self.at_rule = "prelude", value
        elif kind == "end":
            self.mode = "property" if self.mode in ("value", "property") else "selector"
        elif kind == "word":
            return (self._word(value, end), value)
        elif self.mode == "property" and value == ":":
            self.mode = "value"
        return (_CSS_KINDS[kind], value)

    def _word(self, value: str, end: int) -> TokenType:
        if self.mode == "property":
            known = value in _CSS_PROPERTIES or _CSS_VENDOR.match(value) is not None
            return Name.Label if known else Name.Property
        if self.mode == "value":
            if value in _CSS_COLORS:
                return Name.Constant
            if value in _CSS_BUILTINS:
                return Name.Builtin
        return Name


def _css_lex(code: str) -> list[RawToken]:
    return _CssScanner(code).tokens()
