"""Deferred imports: registered at once, run on first use, left alone when already loaded."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from liquidpy_site.deferred_imports import deferring

MODULE = "deferred_probe"


@pytest.fixture
def probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A module that counts how often its code ran (in ``RUNS`` of a sibling module)."""
    (tmp_path / "probe_counter.py").write_text("RUNS = []\n")
    (tmp_path / f"{MODULE}.py").write_text(textwrap.dedent("""
        import probe_counter
        probe_counter.RUNS.append(1)
        ANSWER = 42
        def double(number):
            return number * 2
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in (MODULE, "probe_counter"):
        sys.modules.pop(name, None)


def _runs() -> int:
    import probe_counter

    return len(probe_counter.RUNS)


def test_a_deferred_module_runs_when_an_attribute_is_first_read(probe: Path) -> None:
    with deferring([MODULE]):
        import deferred_probe
    assert _runs() == 0
    assert deferred_probe.__name__ == MODULE
    assert _runs() == 0
    assert deferred_probe.ANSWER == 42
    assert deferred_probe.double(4) == 8
    assert _runs() == 1
    assert type(deferred_probe).__name__ == "module"


def test_importing_it_again_keeps_it_deferred(probe: Path) -> None:
    with deferring([MODULE]):
        import deferred_probe  # noqa: F401
    import deferred_probe as again

    assert _runs() == 0
    from deferred_probe import double

    assert double(3) == 6
    assert again.ANSWER == 42
    assert _runs() == 1


def test_setting_an_attribute_runs_it_first(probe: Path) -> None:
    with deferring([MODULE]):
        import deferred_probe
    deferred_probe.ANSWER = 7
    assert _runs() == 1
    assert deferred_probe.ANSWER == 7


def test_its_loader_is_the_real_one(probe: Path) -> None:
    with deferring([MODULE]):
        import deferred_probe
    assert type(deferred_probe.__loader__).__name__ == "SourceFileLoader"
    assert deferred_probe.__spec__.loader is deferred_probe.__loader__


def test_modules_not_named_or_imported_after_the_block_run_at_once(probe: Path) -> None:
    with deferring(["something_else"]):
        import deferred_probe  # noqa: F401
    assert _runs() == 1


def test_a_module_already_imported_is_left_alone(probe: Path) -> None:
    import deferred_probe

    with deferring([MODULE]):
        import deferred_probe as same
    assert same is deferred_probe
    assert _runs() == 1


@pytest.fixture
def probe_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A package with a function and a submodule, counting its runs as ``probe`` does."""
    (tmp_path / "probe_counter.py").write_text("RUNS = []\n")
    package = tmp_path / "deferred_package"
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent("""
        import probe_counter
        probe_counter.RUNS.append(1)
        def register(things):
            things.append("registered")
            return len(things)
    """))
    (package / "part.py").write_text("PART = 'part'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield package
    for name in ("deferred_package", "deferred_package.part", "probe_counter"):
        sys.modules.pop(name, None)


def test_a_stand_in_function_is_imported_without_running_the_package(probe_package: Path) -> None:
    with deferring(["deferred_package"], {"deferred_package": ("register",)}):
        from deferred_package import register
    assert _runs() == 0
    things: list[str] = []
    assert register(things) == 1 and things == ["registered"]  # runs it, then calls the real one
    assert _runs() == 1
    import deferred_package

    assert deferred_package.register is not register and deferred_package.register(things) == 2
    assert not hasattr(deferred_package, "__liquidpy_stand_ins__")
    assert register(things) == 3 and _runs() == 1


def test_a_submodule_of_a_deferred_package_still_imports(probe_package: Path) -> None:
    with deferring(["deferred_package"], {"deferred_package": ("register",)}):
        import deferred_package
    assert deferred_package.__path__ and _runs() == 0
    from deferred_package.part import PART

    assert PART == "part" and _runs() == 1
    assert deferred_package.part.PART == "part"


def test_a_fresh_process_defers_what_liquid_seldom_uses() -> None:
    script = ("import sys, liquidpy_site; "
              "print(' '.join(m for m in ('asyncio.base_events', 'dateutil.parser._parser', "
              "'importlib_resources._common', 'liquid.extra.tags', 'liquid.extra.filters', "
              "'babel.messages.catalog', 'babel.localtime') "
              "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True).stdout.split()
    assert loaded == []


def test_liquid_filters_that_need_them_still_work() -> None:
    script = ("import liquidpy_site, asyncio; from liquid import Template, Environment; "
              "from liquid.extra import add_filters; "
              "print(Template('{{ \"2021-03-04\" | date: \"%d %B %Y\" }}').render()); "
              "print(asyncio.run(Template('{{ 1 | plus: 2 }}').render_async())); "
              "env = Environment(); add_filters(env); "
              "print(env.from_string('{{ t | datetime: format: \"yyyy\" }}').render(t='2021-03-04')); "
              "from liquid import PackageLoader; import liquid; "
              "print(type(PackageLoader('liquid', package_path='.')).__name__); "
              "print(Environment(extra=True).from_string("
              "\"{% macro 'm' x %}<{{ x }}>{% endmacro %}{% call 'm' 1 %}\").render()); "
              "from liquid.messages import extract_from_templates; "
              "catalog = extract_from_templates(env.from_string('{{ \\'Hello\\' | t }}')); "
              "print(type(catalog).__name__, [m.id for m in catalog if m.id])")
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True).stdout.split("\n")
    assert output[:6] == ["04 March 2021", "3", "2021", "PackageLoader", "<1>", "Catalog ['Hello']"]


def test_a_pattern_liquid_compiles_at_import_is_compiled_on_first_use() -> None:
    script = (
        "import re, liquidpy_site; from liquid.builtin.expressions import path; "
        "from liquid import context; "
        "print(type(path.RE_PROPERTY).__name__, path.RE_PROPERTY._compiled is None, "
        "re.compile.__module__ == 're' and re.compile.__name__ == 'compile'); "
        "real = re.compile(path.RE_PROPERTY._pattern); "
        "samples = ['title', '_x-1', 'é', '1a', 'a b', '\\U0001d49c', 'naïve', '']; "
        "print(all(bool(path.RE_PROPERTY.fullmatch(s)) == bool(real.fullmatch(s)) "
        "and bool(context.RE_PROPERTY.fullmatch(s)) == bool(real.fullmatch(s)) for s in samples))"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, cwd="/").stdout.split("\n")
    assert output[:2] == ["_PatternOnFirstUse True True", "True"]


def test_other_patterns_compile_as_usual_inside_the_block() -> None:
    import re

    from liquidpy_site.deferred_imports import compiling_on_first_use

    with compiling_on_first_use(["a+"]):
        deferred, flagged, other = re.compile("a+"), re.compile("a+", re.I), re.compile("b")
    assert type(deferred).__name__ == "_PatternOnFirstUse" and deferred.match("aa").group() == "aa"
    assert isinstance(flagged, re.Pattern) and isinstance(other, re.Pattern)
    assert re.compile("a+").pattern == "a+"


def test_a_pattern_compiled_on_first_use_keeps_what_was_read() -> None:
    from liquidpy_site.deferred_imports import _PatternOnFirstUse

    pattern = _PatternOnFirstUse("[a-z]+")
    assert pattern._compiled is None
    assert pattern.fullmatch("abc") and not pattern.fullmatch("ab1")
    assert "fullmatch" in vars(pattern) and pattern.pattern == "[a-z]+"
