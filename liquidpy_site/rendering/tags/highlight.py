"""Jekyll's ``{% highlight lang [options] %} … {% endhighlight %}`` block tag.

The body is rendered as Liquid first (``{% raw %}`` keeps Liquid markup
literal), then highlighted like Jekyll 4.3 with Rouge. Of the options only
``linenos`` changes the output in Jekyll 4.3; others (``mark_lines=…``) are
accepted and ignored. Invalid markup raises a ``LiquidSyntaxError`` carrying
Jekyll's message; Jekyll aborts the build on it, which the environment does
when its tolerance is ``Mode.STRICT`` (in lax mode the tag is dropped).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from liquid.ast import BlockNode, Node
from liquid.exceptions import LiquidSyntaxError
from liquid.parser import get_parser
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token


if TYPE_CHECKING:
    from liquid import Environment
    from liquid.context import RenderContext
    from liquid.stream import TokenStream

__all__ = ["HighlightNode", "HighlightTag", "parse_highlight_markup", "register_highlight_tag"]

TAG_HIGHLIGHT = sys.intern("highlight")
TAG_ENDHIGHLIGHT = sys.intern("endhighlight")
_END_BLOCK = frozenset((TAG_ENDHIGHLIGHT, TOKEN_EOF))

_SYNTAX = re.compile(
    r'^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$', re.ASCII | re.MULTILINE
)
_OPTION = re.compile(r'(?:\w="[^"]*"|\w=\w|\w)+', re.ASCII)


def _syntax_error(markup: str) -> LiquidSyntaxError:
    message = (
        "Syntax Error in tag 'highlight' while parsing the following markup:\n\n"
        f"{markup}\n\nValid syntax: highlight <lang> [linenos]\n"
    )
    return LiquidSyntaxError(message, token=None)


def parse_highlight_markup(markup: str) -> tuple[str, dict[str, str | bool | list[str]]]:
    """Split a ``highlight`` tag's markup into its language and options.

    Args:
        markup: Everything between ``highlight`` and ``%}``, e.g.
            ``ruby linenos mark_lines="1 2"``.

    Returns:
        The lowercased language and the options: bare names map to True
        (``linenos`` to ``"inline"``), ``name=value`` to the value and
        ``name="1 2"`` to a list of the numbers.

    Raises:
        LiquidSyntaxError: The markup does not fit Jekyll's syntax.
    """
    match = _SYNTAX.search(markup.strip())
    if match is None:
        raise _syntax_error(markup)
    options: dict[str, str | bool | list[str]] = {}
    for option in _OPTION.findall(match.group(2)):
        key, _, value = option.partition("=")
        value = value.split("=", 1)[0] if value else value
        parsed: str | bool | list[str] = value or True
        if '"' in value:
            parsed = value.replace('"', "").split()
        options[key] = parsed
    if options.get("linenos") is True:
        options["linenos"] = "inline"
    return match.group(1).lower(), options


class HighlightNode(Node):
    """Parse tree node for one ``highlight`` block."""

    __slots__ = ("block", "lang", "options")

    def __init__(
        self,
        token: Token,
        lang: str,
        options: Mapping[str, str | bool | list[str]],
        block: BlockNode,
    ) -> None:
        super().__init__(token)
        self.lang = lang
        self.options = dict(options)
        self.block = block

    def __str__(self) -> str:
        return f"{{% highlight {self.lang} %}}{self.block}{{% endhighlight %}}"

    def _output(self, context: RenderContext, code: str) -> str:
        # Imported when first used: a build whose pages all come from the cache needs no converter.
        from liquidpy_site.markdown.highlight import highlight_liquid_tag

        config: Mapping[str, Any] = getattr(context.env, "site_config", {}) or {}
        figure = highlight_liquid_tag(
            code,
            self.lang,
            linenos=bool(self.options.get("linenos")),
            highlighter=config.get("highlighter", "rouge"),
        )
        prefix = context.resolve("highlighter_prefix", default=None) or ""
        suffix = context.resolve("highlighter_suffix", default=None) or ""
        return f"{prefix}{figure}{suffix}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Render the body, highlight it and write the figure to ``buffer``."""
        buf = context.get_buffer(buffer)
        self.block.render(context, buf)
        return buffer.write(self._output(context, buf.getvalue()))

    async def render_to_output_async(self, context: RenderContext, buffer: TextIO) -> int:
        """Asynchronous version of :meth:`render_to_output`."""
        buf = context.get_buffer(buffer)
        await self.block.render_async(context, buf)
        return buffer.write(self._output(context, buf.getvalue()))

    def children(
        self,
        static_context: RenderContext,
        *,
        include_partials: bool = True,
    ) -> Iterable[Node]:
        """Return this node's children."""
        yield self.block


class HighlightTag(Tag):
    """The ``highlight`` block tag."""

    name = TAG_HIGHLIGHT
    end = TAG_ENDHIGHLIGHT
    node_class = HighlightNode

    def parse(self, stream: TokenStream) -> HighlightNode:
        """Parse tokens from ``stream`` into a :class:`HighlightNode`."""
        token = stream.eat(TOKEN_TAG)
        markup = ""
        if stream.current.kind == TOKEN_EXPRESSION:
            markup = stream.current.value
            next(stream)
        try:
            lang, options = parse_highlight_markup(markup)
        except LiquidSyntaxError as err:
            err.token = token
            raise
        block = get_parser(self.env).parse_block(stream, _END_BLOCK)
        stream.expect(TOKEN_TAG, value=TAG_ENDHIGHLIGHT)
        return self.node_class(token, lang, options, block)


def register_highlight_tag(env: Environment) -> None:
    """Register the ``highlight`` tag with a Liquid environment.

    The site's ``highlighter`` setting is read from ``env.site_config`` when
    the environment has one (see ``JekyllEnvironment``).
    """
    env.add_tag(HighlightTag)
