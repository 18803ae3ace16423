"""Shared pieces: Rouge's lexer names, Pygments lexers, token rewriting helpers."""

from __future__ import annotations

import re
from functools import cache

from pygments.lexer import Lexer
from pygments.lexers import find_lexer_class_by_name
from pygments.token import (
    Comment,
    Text,
)
from pygments.token import _TokenType as TokenType
from pygments.util import ClassNotFound

from ._deferred import make_lexer
from ._families import IS_COMMENT_HASHBANG, IS_COMMENT_SINGLE, IS_TEXT, IS_WHITESPACE

RawToken = tuple[TokenType, str]

Rule = tuple[TokenType, str, TokenType]
"""Retype tokens of a type (or subtype) whose text fully matches a pattern."""

_ANY = r"(?s:.*)"


def _words(text: str) -> list[str]:
    """Split a space-separated word list."""
    return text.split()


# Every lexer name Rouge 3.30 registers: groups of "tag alias alias ...".
_ROUGE_LEXER_NAMES = (
    "abap|actionscript as as3|ada|apache|apex|apiblueprint apib|applescript|"
    "armasm|augeas aug|awk|batchfile bat batch dosbatch winbatch|bbcbasic|"
    "bibtex bib|biml|bpf|brainfuck|brightscript bs brs|bsl|c|ceylon|cfscript cfc|"
    "clean|clojure clj cljs|cmake|cmhg|coffeescript coffee coffee-script|"
    "common_lisp cl common-lisp elisp emacs-lisp lisp|conf config configuration|"
    "console terminal shell_session shell-session|coq|cpp c++|crystal cr|"
    "csharp c# cs|css|csvs|cuda|cypher|cython pyx pyrex|d dlang|dafny|dart|"
    "datastudio|diff patch udiff|digdag|docker dockerfile Dockerfile|dot|ecl|"
    "eex leex heex|eiffel|elixir exs|elm|email eml e-mail|epp|erb eruby rhtml|"
    "erlang erl|escape esc|factor|fluent ftl|fortran|freefem ff|fsharp|"
    "gdscript gd|ghc-cmm cmm|ghc-core|gherkin cucumber behat|glsl|go golang|"
    "gradle|graphql|groovy|hack hh|haml HAML|handlebars hbs mustache|haskell hs|"
    "haxe hx|hcl|hlsl|hocon|hql|html|http|hylang hy|idlang|idris idr|igorpro|"
    "ini|io|irb pry|irb_output|isabelle isa Isabelle|isbl|j|janet jdn|java|"
    "javascript js|jinja django|jsl|json|json-doc jsonc|jsonnet|jsp|jsx react|"
    "julia jl|kotlin|lasso lassoscript|lean|liquid|literate_coffeescript litcoffee|"
    "literate_haskell lithaskell lhaskell lhs|livescript ls|llvm|lua|lustre|"
    "lutin|m68k|magik|make makefile mf gnumake bsdmake|markdown md mkd|mason|"
    "mathematica wl|matlab m|meson|minizinc|moonscript moon|mosel|msgtrans|mxml|"
    "nasm|nesasm nes|nginx|nial|nim nimrod|nix nixos|"
    "objective_c objc obj-c obj_c objectivec|objective_cpp objcpp obj-cpp "
    "obj_cpp objectivecpp objc++ obj-c++ obj_c++ objectivec++|ocaml|ocl OCL|"
    "openedge|opentype_feature_file fea opentype opentypefeature|pascal|perl pl|"
    "php php3 php4 php5|plaintext text|plist|plsql|pony|"
    "postscript postscr ps eps|powershell posh microsoftshell msshell|praat|"
    "prolog|prometheus|properties|protobuf proto|puppet pp|python py|q kdb+|qml|"
    "r R s S|racket|reasonml|rego|rescript|robot_framework robot robot-framework|"
    "ruby rb|rust rs rust,no_run rs,no_run rust,ignore rs,ignore "
    "rust,should_panic rs,should_panic|sas|sass|scala|scheme|scss|sed|"
    "shell bash zsh ksh sh|sieve|slice|slim|smalltalk st squeak|smarty|sml ml|"
    "solidity|sparql|sqf|sql|ssh|stan|stata|supercollider|swift|"
    "systemd unit-file|syzlang|syzprog|tap|tcl|terraform tf|"
    "tex TeX LaTeX latex|toml|tsx|ttcn3|tulip|turtle|twig|typescript ts|vala|"
    "vb visualbasic|vcl varnishconf varnish|velocity|verilog|vhdl|"
    "viml vim vimscript ex|vue vuejs|wollok|xml|xojo realbasic|xpath|xquery|"
    "yaml yml|yang|zig zir"
)

# Rouge tags whose Pygments lexer has a different name; None means plain text.
_PYGMENTS_NAME: dict[str, str | None] = {
    "plaintext": None,
    "conf": None,
    "json-doc": "json",
    "console": "console",
    "irb": "rb",
    "hack": "php",
}


@cache
def _rouge_registry() -> dict[str, str]:
    registry: dict[str, str] = {}
    for group in _ROUGE_LEXER_NAMES.split("|"):
        names = group.split()
        for name in names:
            registry[name] = names[0]
    return registry


def rouge_lexer_tag(lang: str | None) -> str | None:
    """Return Rouge's canonical lexer tag for ``lang`` (case-sensitive), or None.

    Args:
        lang: A language name as written after a code fence or in a tag.
            CGI-style lexer options after ``?`` are ignored.

    Returns:
        The tag (``"ruby"`` for ``"rb"``), or None if Rouge has no such lexer.
    """
    if not lang:
        return None
    name = lang.split("?", 1)[0]
    if name == "guess":
        return "plaintext"
    return _rouge_registry().get(name)


@cache
def _pygments_lexer(tag: str) -> Lexer | None:
    lexer_class = pygments_lexer_class(tag)
    return make_lexer(lexer_class, stripnl=False, ensurenl=False) if lexer_class is not None else None


@cache
def pygments_lexer_class(tag: str) -> type[Lexer] | None:
    """The Pygments lexer class for Rouge ``tag``, if Pygments has one (not instantiated:
    a regex lexer compiles its rules when first instantiated)."""
    name = _PYGMENTS_NAME.get(tag, tag)
    if name is None:
        return None
    candidates = [name] + _rouge_registry_aliases(tag)
    for candidate in candidates:
        try:
            return find_lexer_class_by_name(candidate)
        except ClassNotFound:
            continue
    return None


def _rouge_registry_aliases(tag: str) -> list[str]:
    return [name for name, canon in _rouge_registry().items() if canon == tag]


_CompiledRules = list[tuple[re.Pattern[str], TokenType]]

NO_RULES: list[Rule] = []
"""No retyping rules (one list for all, so that its retyping table is made once)."""


class _Retyping(dict[TokenType, tuple[TokenType, _CompiledRules]]):
    """For each token type met so far: the type it becomes before the rules (``Text``
    for whitespace when asked) and the rules that may then apply to it, compiled."""

    def __init__(self, rules: list[Rule], whitespace_as_text: bool) -> None:
        super().__init__()
        self.rules = rules  # kept, so that its id stays its own
        self.whitespace_as_text = whitespace_as_text

    def __missing__(self, ttype: TokenType) -> tuple[TokenType, _CompiledRules]:
        retyped = Text if self.whitespace_as_text and IS_WHITESPACE[ttype] else ttype
        applicable = [(re.compile(pattern), new) for old, pattern, new in self.rules if retyped in old]
        entry = self[ttype] = (retyped, applicable)
        return entry


_RETYPINGS: dict[tuple[int, bool], _Retyping] = {}


def _retyping(rules: list[Rule], whitespace_as_text: bool) -> _Retyping:
    retyping = _RETYPINGS.get((id(rules), whitespace_as_text))
    if retyping is None or retyping.rules is not rules:
        retyping = _RETYPINGS[id(rules), whitespace_as_text] = _Retyping(rules, whitespace_as_text)
    return retyping


def _apply_rules(rules: list[Rule], tokens: list[RawToken], *,
                 whitespace_as_text: bool = False) -> list[RawToken]:
    """Retype tokens by ``rules`` (the first rule whose type and pattern fit), after
    making whitespace plain text if ``whitespace_as_text``."""
    if not rules and not whitespace_as_text:
        return tokens
    retyping = _retyping(rules, whitespace_as_text)
    out = []
    for ttype, value in tokens:
        ttype, applicable = retyping[ttype]
        for pattern, new in applicable:
            if pattern.fullmatch(value):
                ttype = new
                break
        out.append((ttype, value))
    return out


def _comment_takes_newline(tokens: list[RawToken]) -> list[RawToken]:
    """Move the newline ending a single-line comment into the comment token."""
    out: list[RawToken] = []
    for ttype, value in tokens:
        if IS_COMMENT_HASHBANG[ttype]:
            ttype = Comment.Single
        ends_comment = out and IS_COMMENT_SINGLE[out[-1][0]] and not out[-1][1].endswith("\n")
        if ends_comment and value.startswith("\n") and IS_TEXT[ttype]:
            out[-1] = (out[-1][0], out[-1][1] + "\n")
            value = value[1:]
        out.append((ttype, value))
    return out


def _comment_leaves_newline(tokens: list[RawToken]) -> list[RawToken]:
    """Split the newline ending a single-line comment off into plain text."""
    out: list[RawToken] = []
    for ttype, value in tokens:
        if IS_COMMENT_SINGLE[ttype] and value.endswith("\n"):
            out += [(ttype, value[:-1]), (Text, "\n")]
        else:
            out.append((ttype, value))
    return out
