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


def test_a_fresh_process_defers_what_liquid_seldom_uses() -> None:
    script = ("import sys, liquidpy_site; "
              "print(' '.join(m for m in ('asyncio.base_events', 'dateutil.parser._parser', "
              "'importlib_resources._common') "
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
              "print(type(PackageLoader('liquid', package_path='.')).__name__)")
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True).stdout.split("\n")
    assert output[:4] == ["04 March 2021", "3", "2021", "PackageLoader"]
