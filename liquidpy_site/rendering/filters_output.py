"""Output statements that print values the way Ruby Liquid does.

python-liquid stringifies ``{{ ... }}`` and ``{% echo %}`` values with Python
rules (``True``, ``1e+16``, ``{'a': 1}``). The tags here replace its ``Output``
pseudo-tag and ``echo`` tag with nodes that use :func:`ruby.output_string`:
``nil`` prints nothing, arrays are flattened and joined, hashes print as
``{"a"=>1}``, floats as ``1.0``/``1.0e+16`` and times as
``2021-01-02 00:00:00 +0000``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from liquid.builtin.output import Output, OutputNode
from liquid.builtin.tags.echo_tag import EchoTag

from liquidpy_site.rendering.ruby import output_string

if TYPE_CHECKING:
    from liquid import Environment, RenderContext

__all__ = ["RubyEcho", "RubyOutput", "RubyOutputNode", "register_output"]


class RubyOutputNode(OutputNode):
    """An output statement whose value is written with Ruby's ``to_s`` rules."""

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Render the node to the output buffer."""
        return buffer.write(output_string(self.expression.evaluate(context)))

    async def render_to_output_async(self, context: RenderContext, buffer: TextIO) -> int:
        """Render the node to the output buffer."""
        return buffer.write(output_string(await self.expression.evaluate_async(context)))


class RubyEchoNode(RubyOutputNode):
    """The ``echo`` tag with Ruby output rules."""

    def __str__(self) -> str:
        return f"{{% echo {self.expression} %}}"


class RubyOutput(Output):
    """The output pseudo-tag (``{{ ... }}``) with Ruby output rules."""

    node_class = RubyOutputNode


class RubyEcho(EchoTag):
    """The ``echo`` tag with Ruby output rules."""

    node_class = RubyEchoNode  # type: ignore[assignment]


def register_output(env: Environment) -> None:
    """Replace the environment's output statement and ``echo`` tag.

    Must be called before templates are parsed: parsed templates keep the nodes
    they were built with.
    """
    env.add_tag(RubyOutput)
    env.add_tag(RubyEcho)
