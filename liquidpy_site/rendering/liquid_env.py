"""The python-liquid environment that behaves like Jekyll's Liquid."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from liquid import Environment, Mode, RenderContext
from liquid.lex import _tokenize_template, compile_liquid_rules
from liquid.token import Token

from liquidpy_site.rendering import liquid_compat

if TYPE_CHECKING:
    from liquid.loader import BaseLoader


class SiteIndex(Protocol):
    """What tags need to know about the site being built.

    The ``link`` and ``post_url`` tags resolve source paths to URLs through it.
    """

    def url_for_path(self, relative_path: str) -> str | None:
        """Return the URL of the page, document or static file at ``relative_path``."""

    def post_url(self, name: str) -> str | None:
        """Return the URL of the post named ``name`` (``2020-01-02-slug``, maybe with folders)."""


liquid_compat.install()

_SPECIAL_PROPERTIES = frozenset({"size", "first", "last"})


class JekyllContext(RenderContext):
    """python-liquid's render context, quicker to look up a plain property name.

    ``page.title`` asks the page for ``"title"``; the stock lookup first checks
    the key for ``__liquid__`` and the special names ``size``, ``first`` and
    ``last``, which a plain string other than those never needs.
    """

    def get_item(self, obj: Any, key: Any) -> Any:
        """An item getter used when resolving a Liquid path (see :class:`RenderContext`)."""
        if type(key) is str and key not in _SPECIAL_PROPERTIES:
            return obj[key]
        return super().get_item(obj, key)


def _identity(text: str) -> str:
    return text


class JekyllEnvironment(Environment):
    """A Liquid environment with Jekyll's filters, tags and settings.

    Attributes:
        site_config: The site's merged configuration (``_config.yml`` plus defaults).
        markdownify: Converts Markdown to HTML with the site's converter options.
        site_index: Resolves paths to URLs for ``link`` and ``post_url``.
        source: The site's source folder, for ``include_relative`` and ``highlight``.
        sass_compile: Compiles a stylesheet ``(text, ".scss" | ".sass") -> css`` with the
            site's Sass options, for the ``scssify``/``sassify`` filters (None: libsass
            with Jekyll's default ``compact`` style).
    """

    def __init__(
        self,
        *,
        site_config: Mapping[str, Any] | None = None,
        markdownify: Callable[[str], str] = _identity,
        site_index: SiteIndex | None = None,
        sass_compile: Callable[[str, str], str] | None = None,
        loader: BaseLoader | None = None,
        tolerance: Mode = Mode.LAX,
        strict_filters: bool = False,
        **kwargs: Any,
    ) -> None:
        self.site_config: Mapping[str, Any] = dict(site_config or {})
        self.markdownify = markdownify
        self.site_index = site_index
        self.sass_compile = sass_compile
        super().__init__(
            loader=loader, tolerance=tolerance, strict_filters=strict_filters, **kwargs
        )

    def tokenizer(self) -> Callable[[str], Iterator[Token]]:
        """The template lexer, with text running to the true end of the source.

        The stock rules end a text token at ``$``, which also matches before a
        final newline; after a ``-%}`` that newline was then trimmed away.
        Ruby Liquid keeps it.
        """
        rules = compile_liquid_rules(self.tag_start_string, self.tag_end_string,
                                     self.statement_start_string, self.statement_end_string)
        fixed = re.compile(rules.pattern.replace(")|$)", r")|\Z)"), re.DOTALL)
        return partial(_tokenize_template, rules=fixed)
