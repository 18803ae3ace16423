"""The python-liquid environment that behaves like Jekyll's Liquid."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, Protocol

from liquid import Environment, Mode, RenderContext
from liquid.context import builtin
from liquid.lex import _tokenize_template, compile_liquid_rules
from liquid.token import Token
from liquid.utils import ReadOnlyChainMap

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


_MISSING = object()


class _Scope(ReadOnlyChainMap):
    """python-liquid's chain of namespaces, asking a plain ``dict`` without a ``KeyError``.

    A name is looked up in each namespace in turn (loop and include variables,
    assigned ones, the page's globals…); most lookups miss the first few, and
    a miss that raises and catches ``KeyError`` costs more than the lookup.
    """

    def __getitem__(self, key: str) -> object:
        for mapping in self._maps:
            if type(mapping) is dict:
                value = mapping.get(key, _MISSING)
                if value is not _MISSING:
                    return value
                continue
            try:
                return mapping[key]
            except KeyError:
                pass
        raise KeyError(key)


class JekyllContext(RenderContext):
    """python-liquid's render context, quicker to look up a name or a plain property.

    ``page.title`` asks the page for ``"title"``; the stock lookup first checks
    the key for ``__liquid__`` and the special names ``size``, ``first`` and
    ``last``, which a plain string other than those never needs. Names are
    looked up through :class:`_Scope`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = _Scope(self.locals, self.globals, builtin, self.counters)

    def get_item(self, obj: Any, key: Any) -> Any:
        """An item getter used when resolving a Liquid path (see :class:`RenderContext`)."""
        if type(key) is str and key not in _SPECIAL_PROPERTIES:
            return obj[key]
        return super().get_item(obj, key)


@lru_cache(maxsize=8)
def _true_end_tokenizer(tag_start: str, tag_end: str, statement_start: str,
                        statement_end: str) -> Callable[[str], Iterator[Token]]:
    rules = compile_liquid_rules(tag_start, tag_end, statement_start, statement_end)
    fixed = re.compile(rules.pattern.replace(")|$)", r")|\Z)"), re.DOTALL)
    return partial(_tokenize_template, rules=fixed)


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
        Ruby Liquid keeps it. python-liquid asks for the lexer at every parse; it is
        made once per set of delimiters.
        """
        return _true_end_tokenizer(self.tag_start_string, self.tag_end_string,
                                   self.statement_start_string, self.statement_end_string)
