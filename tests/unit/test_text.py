"""Slugs, titles and date parsing (Jekyll's ``Utils``)."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liquidpy_site.text import UTC_MODE, InvalidDate, parse_date, slugify, titleize_slug

SAMPLE = "The _config.yml file? Ünïcödé—Straße & Co. 2023!"


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


# Expected values are Jekyll 4.3's Utils.slugify on the same text.
@pytest.mark.parametrize(
    ("mode", "expected", "expected_cased"),
    [
        (None, "the-config-yml-file-ünïcödé-straße-co-2023",
         "The-config-yml-file-Ünïcödé-Straße-Co-2023"),
        ("default", "the-config-yml-file-ünïcödé-straße-co-2023",
         "The-config-yml-file-Ünïcödé-Straße-Co-2023"),
        ("raw", "the-_config.yml-file?-ünïcödé—straße-&-co.-2023!",
         "The-_config.yml-file?-Ünïcödé—Straße-&-Co.-2023!"),
        ("pretty", "the-_config.yml-file-ünïcödé-straße-&-co.-2023!",
         "The-_config.yml-file-Ünïcödé-Straße-&-Co.-2023!"),
        ("ascii", "the-config-yml-file-n-c-d-stra-e-co-2023",
         "The-config-yml-file-n-c-d-Stra-e-Co-2023"),
        ("none", "the _config.yml file? ünïcödé—straße & co. 2023!",
         "The _config.yml file? Ünïcödé—Straße & Co. 2023!"),
    ],
)
def test_slugify_modes(mode: str | None, expected: str, expected_cased: str) -> None:
    assert slugify(SAMPLE, mode=mode) == expected
    assert slugify(SAMPLE, mode=mode, cased=True) == expected_cased


@pytest.mark.parametrize(
    ("text", "default", "raw", "pretty", "ascii", "latin"),
    [
        ("  Hello  World  ", "hello-world", "hello-world", "hello-world", "hello-world",
         "hello-world"),
        ("a--b", "a-b", "a--b", "a-b", "a-b", "a-b"),
        ("-x-", "x", "x", "x", "x", "x"),
        ("日本語 テキスト", "日本語-テキスト", "日本語-テキスト", "日本語-テキスト", "", ""),
        ("Ελληνικά κείμενο", "ελληνικά-κείμενο", "ελληνικά-κείμενο", "ελληνικά-κείμενο", "",
         ""),
        ("café_au-lait.md", "café-au-lait-md", "café_au-lait.md", "café_au-lait.md",
         "caf-au-lait-md", "cafe-au-lait-md"),
        ("C++ & C#", "c-c", "c++-&-c#", "c++-&-c", "c-c", "c-c"),
        ("x\ny", "x-y", "x-y", "x-y", "x-y", "x-y"),
    ],
)
def test_slugify_matches_jekyll(text: str, default: str, raw: str, pretty: str, ascii: str,
                                latin: str) -> None:
    got = [slugify(text, mode=m) for m in ("default", "raw", "pretty", "ascii", "latin")]
    assert got == [default, raw, pretty, ascii, latin]


def test_slugify_latin_strips_accents() -> None:
    assert slugify("Ünïcödé Crème brûlée", mode="latin") == "unicode-creme-brulee"
    assert slugify("Ünïcödé Crème", mode="latin", cased=True) == "Unicode-Creme"


def test_slugify_latin_transliterates_like_i18n() -> None:
    text = "Straße Æsir Øre Łódź þorn œuvre"
    assert slugify(text, mode="latin") == "strasse-aesir-ore-lodz-thorn-oeuvre"


def test_slugify_none_is_none() -> None:
    assert slugify(None) is None
    assert slugify(None, mode="pretty") is None


def test_unknown_mode_only_downcases() -> None:
    assert slugify("A B?", mode="nonsense") == "a b?"
    assert slugify("A B?", mode="nonsense", cased=True) == "A B?"


@pytest.mark.parametrize(
    ("slug", "title"),
    [
        ("my-first-post", "My First Post"),
        ("hello", "Hello"),
        ("a-B-cD", "A B Cd"),
        ("FOO-bar", "Foo Bar"),
        ("x--y", "X  Y"),
        ("über-straße", "Über Straße"),
    ],
)
def test_titleize_slug(slug: str, title: str) -> None:
    assert titleize_slug(slug) == title


# -- dates (expected values: Jekyll's Utils.parse_date with TZ=America/New_York) -------


@pytest.mark.usefixtures("new_york")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-01-02", "2020-01-02 00:00:00 -0500"),
        ("2020-1-2", "2020-01-02 00:00:00 -0500"),
        ("2020-01-02 03:04", "2020-01-02 03:04:00 -0500"),
        ("2020-01-02 03:04:05", "2020-01-02 03:04:05 -0500"),
        ("2020-01-02 03:04:05 +0500", "2020-01-01 17:04:05 -0500"),
        ("2020-01-02 03:04:05 +05", "2020-01-01 17:04:05 -0500"),
        ("2020-01-02T03:04:05Z", "2020-01-01 22:04:05 -0500"),
        ("2020-01-02 03:04:05 UTC", "2020-01-01 22:04:05 -0500"),
        ("2020-07-02 03:04:05", "2020-07-02 03:04:05 -0400"),
    ],
)
def test_parse_date_is_local_time(text: str, expected: str) -> None:
    assert parse_date(text).strftime("%Y-%m-%d %H:%M:%S %z") == expected


@pytest.mark.usefixtures("new_york")
def test_parse_date_keeps_fractions() -> None:
    parsed = parse_date("2020-01-02 03:04:05.123456 -08:00")
    assert parsed.strftime("%Y-%m-%d %H:%M:%S.%f %z") == "2020-01-02 06:04:05.123456 -0500"


@pytest.mark.usefixtures("new_york")
def test_parse_date_of_date_and_datetime_objects() -> None:
    assert parse_date(dt.date(2020, 1, 2)).strftime("%H %z") == "00 -0500"
    aware = dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC_MODE)
    assert parse_date(aware).strftime("%d %H %z") == "01 22 -0500"


@pytest.mark.parametrize(
    "text", ["nonsense", "2020-13-01", "2020-00-10", "2020-02-32", "2020-01-02 25:00:00", ""])
def test_invalid_dates_raise(text: str) -> None:
    with pytest.raises(InvalidDate):
        parse_date(text)


def test_invalid_date_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="2020-13-01"):
        parse_date("2020-13-01")


@pytest.mark.usefixtures("new_york")
def test_day_past_month_end_rolls_over_as_in_jekyll() -> None:
    # Ruby's Time.parse, which Jekyll uses, rolls the 29th-31st over into the next month.
    assert parse_date("2020-02-30").strftime("%Y-%m-%d") == "2020-03-01"
    assert parse_date("2020-02-31").strftime("%Y-%m-%d") == "2020-03-02"
    assert parse_date("2021-02-29").strftime("%Y-%m-%d") == "2021-03-01"


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40),
       st.sampled_from(["default", "pretty", "ascii"]))
def test_ascii_slugs_match_the_character_by_character_rule(text: str, mode: str) -> None:
    from liquidpy_site.text import _dash_dropped_characters

    by_character = _dash_dropped_characters(text, mode)
    by_character = by_character[1:] if by_character.startswith("-") else by_character
    by_character = by_character[:-1] if by_character.endswith("-") else by_character
    assert slugify(text, mode, cased=True) == by_character
