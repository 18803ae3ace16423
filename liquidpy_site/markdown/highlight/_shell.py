"""Shell scripts, console sessions and diffs as Rouge splits them."""

from __future__ import annotations

import re

from pygments.token import (
    Comment,
    Error,
    Generic,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)
from pygments.token import _TokenType as TokenType

from ._dispatch import raw_tokens
from ._families import (
    IS_COMMENT,
    IS_KEYWORD,
    IS_NAME_VARIABLE,
    IS_STRING_BACKTICK,
    IS_STRING_DOUBLE,
    IS_STRING_INTERPOL,
    IS_TEXT,
    lineage,
)
from ._tokens import NO_RULES, RawToken, _apply_rules, _pygments_lexer, _words

_IS_PLAIN_IN_SHELL = lineage(Text, Number, Punctuation, Operator, Name.Builtin)

_DIFF_LINE = re.compile(
    r"(?P<t>^ .*\n?)|(?P<p>^---$\n?)|(?P<gi>^[+>].*\n?)|(?P<gd>^[-<].*\n?)|(?P<gs>^!.*\n?)"
    r"|(?P<gh>^(?:[Ii]ndex|diff).*\n?)|(?P<hunk>^@@[^@]*@@)|(?P<w>^\w.*\n?)|(?P<eq>^=.*\n?)"
    r"|(?P<rest>\s.*\n?)|(?P<err>.)",
    re.MULTILINE,
)

_DIFF_KINDS: dict[str, TokenType] = {
    "t": Text,
    "p": Punctuation,
    "gi": Generic.Inserted,
    "gd": Generic.Deleted,
    "gs": Generic.Strong,
    "gh": Generic.Heading,
    "hunk": Punctuation,
    "w": Punctuation,
    "eq": Generic.Heading,
    "rest": Text,
    "err": Error,
}


def _diff_lex(code: str) -> list[RawToken]:
    out: list[RawToken] = []
    pos = 0
    while pos < len(code):
        match = _DIFF_LINE.match(code, pos)
        assert match is not None
        out.append((_DIFF_KINDS[match.lastgroup or "err"], match.group()))
        pos = match.end()
        if match.lastgroup == "hunk":
            end = code.find("\n", pos)
            end = len(code) if end < 0 else end + 1
            out.append((Text, code[pos:end]))
            pos = end
    return out


# Shell: Rouge's command and keyword sets, and how it splits words.
_SH_KEYWORDS = frozenset(
    _words(
        "if fi else while do done for then return function select continue until esac elif in case"
    )
)

_SH_BUILTINS = frozenset(
    _words(
        "alias bg bind break builtin caller cd command compgen complete declare dirs disown "
        "enable eval exec exit export false fc fg getopts hash help history jobs let local "
        "logout mapfile popd pushd pwd read readonly set shift shopt source suspend test time "
        "times trap true type typeset ulimit umask unalias unset wait cat tac nl od base32 "
        "base64 fmt pr fold head tail split csplit wc sum cksum b2sum md5sum sha1sum sha224sum "
        "sha256sum sha384sum sha512sum sort shuf uniq comm ptx tsort cut paste join tr expand "
        "unexpand ls dir vdir dircolors cp dd install mv rm shred link ln mkdir mkfifo mknod "
        "readlink rmdir unlink chown chgrp chmod touch df du stat sync truncate echo printf yes "
        "expr tee basename dirname pathchk mktemp realpath stty printenv tty id logname whoami "
        "groups users who date arch nproc uname hostname hostid uptime chcon runcon chroot env "
        "nice nohup stdbuf timeout kill sleep factor numfmt seq tar grep sudo awk sed gzip "
        "gunzip"
    )
)

_SH_WORDS = "|".join(sorted(_SH_KEYWORDS - {"case"}, key=len, reverse=True))

_SH_COMMANDS = "|".join(sorted(_SH_BUILTINS, key=len, reverse=True))

_SH_PLAIN = re.compile(
    rf"(?P<kw>\b(?:{_SH_WORDS})(?:\s+(?=\w)|\b))|(?P<case>\bcase\b)"
    rf"|(?P<nb>\b(?:{_SH_COMMANDS})(?:\s+(?=\w)|\b)(?![.-])|\.(?=\s))"
    r"|(?P<nv>\b\w+(?==)|\$#?(?:\w+|.))|(?P<o>[\[\]{}()!=>]|&&|\|\||<<<)|(?P<ws>\s+)"
    r"|(?P<se>\\.)"
    r"|(?P<k>\*)|(?P<p>;)|(?P<nt>--?[\w-]+)|(?P<t>[^=*\s{}()$\"'`;\\<]+|.)",
    re.ASCII | re.DOTALL,
)

_SH_KINDS = {
    "kw": Keyword,
    "case": Keyword,
    "nb": Name.Builtin,
    "nv": Name.Variable,
    "o": Operator,
    "ws": Text,
    "se": String.Escape,
    "k": Keyword,
    "p": Punctuation,
    "nt": Name.Tag,
    "t": Text,
}


class _ShellScanner:
    """Classifies the plain (unquoted, uninterpolated) stretches of shell code."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.case_depth = 0
        self.in_stanza = False
        self.pending = ""

    def scan(self, start: int, end: int) -> list[RawToken]:
        out: list[RawToken] = []
        pos = start
        while pos < end:
            if self.case_depth and not self.in_stanza and self.code[pos] in "|)":
                self.in_stanza = self.code[pos] == ")"
                out.append((Punctuation, self.code[pos]))
                pos += 1
                continue
            match = _SH_PLAIN.match(self.code, pos)
            if match is None or match.end() > end:
                match = _SH_PLAIN.match(self.code, pos, end)
            assert match is not None
            out.append(self._classify(match))
            if self.pending:
                out.append((Text, self.pending))
                self.pending = ""
            pos = match.end()
        return out

    def _classify(self, match: re.Match[str]) -> RawToken:
        kind, value = match.lastgroup or "t", match.group()
        if kind == "case":
            self.case_depth += 1
            self.in_stanza = False
        elif kind == "kw" and value.rstrip() == "esac" and self.case_depth:
            self.case_depth -= 1
            self.in_stanza = self.case_depth > 0
            self.pending = value[4:]
            return (Keyword, "esac")
        elif kind == "p" and self.in_stanza and self.code.startswith(";;", match.start() - 1):
            self.in_stanza = False
        return (_SH_KINDS[kind], value)


def _shell_plain(ttype: TokenType, value: str) -> bool:
    if IS_NAME_VARIABLE[ttype]:
        return not value.startswith("$")
    return _IS_PLAIN_IN_SHELL[ttype] or (
        IS_KEYWORD[ttype] and value not in ("$(", "$((", "))")
    )


def _shell_tokens(tokens: list[RawToken]) -> list[RawToken]:
    """Retype shell tokens the way Rouge's shell lexer splits and classes them."""
    code = "".join(value for _, value in tokens)
    tokens = list(tokens)
    scanner = _ShellScanner(code)
    out: list[RawToken] = []
    closers: list[str] = []
    pos = index = 0
    while index < len(tokens):
        ttype, value = tokens[index]
        if _shell_plain(ttype, value) and not (
            closers and value in (")", "}") and closers[-1] == value
        ):
            end = pos
            while (
                index < len(tokens)
                and _shell_plain(*tokens[index])
                and not (
                    closers and tokens[index][1] in (")", "}") and closers[-1] == tokens[index][1]
                )
            ):
                end += len(tokens[index][1])
                index += 1
            out += _shell_curly(code[pos:end]) if closers[-1:] == ["}"] else scanner.scan(pos, end)
            pos = end
            continue
        if value == "$#" and IS_NAME_VARIABLE[ttype] and index + 1 < len(tokens):
            following, rest = tokens[index + 1]
            value += rest[:1]
            tokens[index + 1] = (following, rest[1:])
        out += _shell_special(ttype, value, closers, scanner, pos)
        pos += len(value)
        index += 1
        if out[-1][0] is Name.Constant and index < len(tokens):
            blank = re.match(r"\s*\n", tokens[index][1])
            if blank and IS_TEXT[tokens[index][0]]:
                out[-1] = (Name.Constant, out[-1][1] + blank.group())
                tokens[index] = (Text, tokens[index][1][blank.end() :])
                pos += blank.end()
    return out


def _shell_special(
    ttype: TokenType, value: str, closers: list[str], scanner: _ShellScanner, pos: int
) -> list[RawToken]:
    if IS_COMMENT[ttype]:
        body = value.rstrip("\n")
        return [(Comment, body), (Text, value[len(body) :])]
    if value in ("${", "$(") and (IS_STRING_INTERPOL[ttype] or IS_KEYWORD[ttype]):
        closers.append("}" if value == "${" else ")")
        return [(Keyword if value == "${" else String.Interpol, value)]
    if closers and value == closers[-1]:
        closers.pop()
        return [(Keyword if value == "}" else String.Interpol, value)]
    if IS_STRING_BACKTICK[ttype]:
        return [(String.Backtick, value)]
    if IS_STRING_DOUBLE[ttype]:
        parts = re.split(r"(\\.|`[^`]*`)", value)
        out: list[RawToken] = []
        for number, part in enumerate(parts):
            if number % 2 and part.startswith("`"):
                inner = pos + sum(len(v) for _, v in out) + 1
                out += [(String.Backtick, "`"), *scanner.scan(inner, inner + len(part) - 2)]
                out.append((String.Backtick, "`"))
            else:
                out.append((String.Escape if part.startswith("\\") else String.Double, part))
        return out
    if ttype is String and value.startswith("<<"):
        return _shell_heredoc(value)
    return [(ttype, value)]


def _shell_curly(text: str) -> list[RawToken]:
    """Class the inside of ``${...}``: a leading name ``nv``, ``:-`` ``k``, the rest ``p``."""
    out: list[RawToken] = []
    pattern = r"(?P<k>:-)|(?P<nv>\w+)|(?P<p>[^}:\"'`$]+)|(?P<t>[^=*\s{}()$\"'`;\\<]+|.)"
    kinds = {"k": Keyword, "nv": Name.Variable, "p": Punctuation, "t": Text}
    for match in re.finditer(pattern, text, re.ASCII | re.DOTALL):
        out.append((kinds[match.lastgroup or "t"], match.group()))
    return out


def _shell_interpolated(text: str, plain: TokenType) -> list[RawToken]:
    """Split heredoc text into escapes, ``${...}``, ``$name`` and plain runs."""
    out: list[RawToken] = []
    for part in re.split(r"(\\.|\$\{[^}]*\}|\$#?(?:\w+|.))", text, flags=re.ASCII | re.DOTALL):
        if part.startswith("${") and len(part) > 2 and part.endswith("}"):
            out += [(Keyword, "${"), *_shell_curly(part[2:-1]), (Keyword, "}")]
        elif part.startswith("$"):
            out.append((Name.Variable, part))
        elif part:
            out.append((String.Escape if part.startswith("\\") else plain, part))
    return out


def _shell_heredoc(value: str) -> list[RawToken]:
    head = re.match(r"(<<-?)(\s*)(\w+)", value)
    if head is None:
        return [(String.Heredoc, value)]
    body = value[head.end() :]
    lines = body.rsplit("\n", 1)
    tail = [(Name.Constant, lines[1])] if len(lines) == 2 else []
    return [
        (Operator, head.group(1)),
        (Text, head.group(2)),
        (Name.Constant, head.group(3)),
        *_shell_interpolated(lines[0] + ("\n" if tail else ""), String.Heredoc),
        *tail,
    ]


_CONSOLE_SNIP = re.compile(r"\s*(?:<\.+>|\.+)\s*")

_CONSOLE_PROMPT = re.compile(r".*?[$#>;]")


def _console_lex(code: str) -> list[RawToken]:
    out: list[RawToken] = []
    for line in code.splitlines(keepends=True):
        body = line.rstrip("\n")
        prompt = _CONSOLE_PROMPT.match(body)
        if _CONSOLE_SNIP.fullmatch(body):
            out.append((Comment, line))
        elif prompt is None:
            out.append((Generic.Output, line))
        else:
            rest = line[prompt.end() :]
            blank = rest[: len(rest) - len(rest.lstrip(" \t"))]
            out += [(Generic.Prompt, prompt.group()), (Whitespace, blank)]
            out += _shell_command(rest[len(blank) :])
    return out


def _shell_command(command: str) -> list[RawToken]:
    lexer = _pygments_lexer("shell")
    if lexer is None or not command:
        return [(Text, command)]
    raw = raw_tokens(lexer, command)
    return _shell_tokens(_apply_rules(NO_RULES, raw, whitespace_as_text=True))
