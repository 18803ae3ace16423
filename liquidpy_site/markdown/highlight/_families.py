"""Token type families, looked up instead of computed.

``IS_STRING[ttype]`` answers Pygments' ``ttype in String``: whether a token type is
the family's or one of its subtypes. That test is a Python method call, and the
Rouge adjustments of Pygments' tokens make millions of them (about 1.1 million
for 1,000 posts); a :class:`Lineage` table works the answer out once per type.
"""

from __future__ import annotations

from functools import cache

from pygments.token import (
    Comment,
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


class Lineage(dict[TokenType, bool]):
    """``table[ttype]``: whether ``ttype`` is one of ``families`` or a subtype of one."""

    def __init__(self, families: tuple[TokenType, ...]) -> None:
        super().__init__()
        self.families = families

    def __missing__(self, ttype: TokenType) -> bool:
        found = self[ttype] = any(ttype in family for family in self.families)
        return found


@cache
def lineage(*families: TokenType) -> Lineage:
    """The (shared) :class:`Lineage` table of ``families``."""
    return Lineage(families)


IS_COMMENT = lineage(Comment)
IS_COMMENT_HASHBANG = lineage(Comment.Hashbang)
IS_COMMENT_MULTILINE = lineage(Comment.Multiline)
IS_COMMENT_PREPROC = lineage(Comment.Preproc)
IS_COMMENT_SINGLE = lineage(Comment.Single)
IS_KEYWORD = lineage(Keyword)
IS_KEYWORD_NAMESPACE = lineage(Keyword.Namespace)
IS_KEYWORD_TYPE = lineage(Keyword.Type)
IS_NAME = lineage(Name)
IS_NAME_ATTRIBUTE = lineage(Name.Attribute)
IS_NAME_DECORATOR = lineage(Name.Decorator)
IS_NAME_EXCEPTION = lineage(Name.Exception)
IS_NAME_FUNCTION = lineage(Name.Function)
IS_NAME_FUNCTION_MAGIC = lineage(Name.Function.Magic)
IS_NAME_LABEL = lineage(Name.Label)
IS_NAME_NAMESPACE = lineage(Name.Namespace)
IS_NAME_OTHER = lineage(Name.Other)
IS_NAME_TAG = lineage(Name.Tag)
IS_NAME_VARIABLE = lineage(Name.Variable)
IS_NUMBER = lineage(Number)
IS_NUMBER_FLOAT = lineage(Number.Float)
IS_NUMBER_HEX = lineage(Number.Hex)
IS_NUMBER_INTEGER = lineage(Number.Integer)
IS_OPERATOR = lineage(Operator)
IS_OPERATOR_WORD = lineage(Operator.Word)
IS_PUNCTUATION = lineage(Punctuation)
IS_STRING = lineage(String)
IS_STRING_BACKTICK = lineage(String.Backtick)
IS_STRING_DELIMITER = lineage(String.Delimiter)
IS_STRING_DOUBLE = lineage(String.Double)
IS_STRING_ESCAPE = lineage(String.Escape)
IS_STRING_HEREDOC = lineage(String.Heredoc)
IS_STRING_INTERPOL = lineage(String.Interpol)
IS_STRING_REGEX = lineage(String.Regex)
IS_STRING_SINGLE = lineage(String.Single)
IS_STRING_SYMBOL = lineage(String.Symbol)
IS_TEXT = lineage(Text)
IS_WHITESPACE = lineage(Whitespace)
