"""YAML as Jekyll's Psych reads it (YAML 1.1 scalars, safe types)."""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from liquidpy_site.errors import FrontMatterError
from liquidpy_site.text import UTC_MODE
from liquidpy_site.yaml_loader import load_yaml


@pytest.fixture
def new_york() -> Iterator[None]:
    """Run the test with the process time zone set to America/New_York."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


def value(text: str) -> Any:
    return load_yaml(f"v: {text}\n", "t.yml")["v"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True), ("Yes", True), ("YES", True), ("on", True), ("ON", True),
        ("true", True), ("no", False), ("No", False), ("off", False), ("OFF", False),
        ("false", False), ("y", "y"), ("n", "n"), ("Y", "Y"), ("N", "N"),
    ],
)
def test_psych_booleans(text: str, expected: bool | str) -> None:
    result = value(text)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5e3", "1.5e3"),  # Psych needs a signed exponent
        ("1e3", "1e3"),
        ("1.5e+3", 1500.0),
        ("1.5E-1", 0.15),
        ("1.5", 1.5),
        ("-2.", -2.0),
    ],
)
def test_psych_floats(text: str, expected: float | str) -> None:
    result = value(text)
    assert result == expected
    assert type(result) is type(expected)


def test_special_floats() -> None:
    assert value(".inf") == math.inf
    assert value("-.inf") == -math.inf
    assert math.isnan(value(".nan"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0755", 493), ("0x1F", 31), ("1_000", 1000), ("1:20:30", 4830), ("0o755", "0o755"),
     ("~", None), ("null", None), ("007", 7)],
)
def test_yaml_1_1_integers_and_null(text: str, expected: Any) -> None:
    assert value(text) == expected


def test_two_part_sexagesimal_as_psych() -> None:
    # Psych's base-60 reading weights the first part by 60**2 even with two parts.
    assert value("12:30") == 45000


def test_date_is_a_date_not_a_datetime() -> None:
    result = value("2020-01-02")
    assert type(result) is dt.date
    assert result == dt.date(2020, 1, 2)


def test_short_date_is_a_date_as_in_psych() -> None:
    assert value("2020-1-2") == dt.date(2020, 1, 2)


def test_impossible_date_is_a_string_as_in_psych() -> None:
    assert value("2020-02-30") == "2020-02-30"
    assert value("2020-13-01") == "2020-13-01"


def test_timestamp_keeps_its_offset() -> None:
    result = value("2020-01-02 03:04:05 +05:00")
    assert (result.hour, result.minute, result.second) == (3, 4, 5)
    assert result.utcoffset() == dt.timedelta(hours=5)


def test_timestamp_with_negative_short_offset_and_fraction() -> None:
    result = value("2020-01-02T03:04:05.25-3")
    assert result.utcoffset() == dt.timedelta(hours=-3)
    assert result.microsecond == 250000


def test_timestamp_with_colonless_offset() -> None:
    result = value("2020-01-02 03:04:05.5 -0800")
    assert isinstance(result, dt.datetime)
    assert result.utcoffset() == dt.timedelta(hours=-8)


def test_z_timestamp_is_in_utc_mode() -> None:
    result = value("2020-01-02T03:04:05Z")
    assert result.tzinfo is UTC_MODE
    assert result.tzname() == "UTC"
    assert result.utcoffset() == dt.timedelta(0)
    assert (result.day, result.hour) == (2, 3)


@pytest.mark.usefixtures("new_york")
def test_zoneless_timestamp_is_utc_shown_in_local_time() -> None:
    # Jekyll (TZ=America/New_York) shows "2020-01-01 22:04:05 -0500".
    result = value("2020-01-02 03:04:05")
    assert result.utcoffset() == dt.timedelta(hours=-5)
    assert (result.year, result.month, result.day, result.hour) == (2020, 1, 1, 22)
    assert result.astimezone(dt.UTC).hour == 3


def test_leading_document_marker_keeps_yaml_1_1() -> None:
    data = load_yaml("---\nflag: yes\nmode: 0755\n", "t.md")
    assert data == {"flag": True, "mode": 493}


def test_empty_documents() -> None:
    assert load_yaml("", "t.yml") is None
    assert load_yaml("---\n", "t.yml") is None
    assert load_yaml("---", "t.yml") is None


def test_error_names_the_file_line_and_column() -> None:
    text = "---\ntitle: ok\nbad: [unclosed\nother: 1\n"
    with pytest.raises(FrontMatterError) as caught:
        load_yaml(text, "index.md")
    err = caught.value
    assert err.message.startswith("YAML Exception reading index.md: ")
    # Psych: "... while parsing a flow sequence at line 3 column 6" (the "[").
    assert err.location is not None
    assert (err.location.path, err.location.line, err.location.column) == ("index.md", 3, 6)


def test_error_line_offset_is_added() -> None:
    with pytest.raises(FrontMatterError) as caught:
        load_yaml("a: 1\nb: [x\nc: 2\n", "page.md", line_offset=10)
    assert caught.value.location is not None
    assert caught.value.location.line == 12


def test_bad_indentation_is_an_error() -> None:
    with pytest.raises(FrontMatterError, match="YAML Exception reading x.yml"):
        load_yaml("a:\n  b: 1\n c: 2\n", "x.yml")


def test_unknown_tags_are_plain_values_as_in_psych() -> None:
    data = load_yaml("a: !custom y\nb: !!python/object:os.system x\n", "x.yml")
    assert data == {"a": "y", "b": "x"}


# -- round trip -------------------------------------------------------------------

_scalars = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc"]), max_size=20),
)
_values = st.one_of(_scalars, st.lists(_scalars, max_size=5))


def _dump_1_1(data: Any) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 1)
    yaml.default_flow_style = False
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), _values,
                       max_size=5))
def test_dump_then_load_round_trips(data: dict[str, Any]) -> None:
    assert load_yaml(_dump_1_1(data), "x.yml") == data
