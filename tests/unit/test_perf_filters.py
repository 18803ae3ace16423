"""Memoised filters give what they gave before memoisation."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from liquidpy_site.rendering.filters_std_text import _escape
from liquidpy_site.rendering.filters_time import RUBY_UTC, strftime
from liquidpy_site.rendering.filters_url import normalize_url, relative_url_for


def test_zones_with_one_offset_keep_their_names() -> None:
    naive = dt.datetime(2021, 3, 4, 5, 6, 7)
    zones = [dt.UTC, RUBY_UTC, dt.timezone(dt.timedelta(0), "GMT"),
             dt.timezone(dt.timedelta(0), "UTC"), ZoneInfo("Europe/London")]
    names = [strftime(naive.replace(tzinfo=zone), "%Z %z") for zone in zones]
    assert names == ["UTC +0000", "UTC +0000", "GMT +0000", " +0000", "GMT +0000"]
    # Asked again, in another order: the same answers.
    again = [strftime(naive.replace(tzinfo=zone), "%Z %z") for zone in reversed(zones)]
    assert again == list(reversed(names))


def test_one_instant_in_named_zones_and_both_sides_of_a_fold() -> None:
    instant = dt.datetime(2021, 11, 7, 6, 30, tzinfo=dt.UTC)
    zones = ["America/New_York", "America/Chicago", "Europe/Paris", "America/New_York"]
    texts = [strftime(instant.astimezone(ZoneInfo(zone)), "%F %T %Z %z") for zone in zones]
    assert texts == ["2021-11-07 01:30:00 EST -0500", "2021-11-07 01:30:00 CDT -0500",
                     "2021-11-07 07:30:00 CET +0100", "2021-11-07 01:30:00 EST -0500"]
    wall = dt.datetime(2021, 11, 7, 1, 30, tzinfo=ZoneInfo("America/New_York"))
    assert [strftime(wall.replace(fold=fold), "%T %Z") for fold in (0, 1, 0)] == \
        ["01:30:00 EDT", "01:30:00 EST", "01:30:00 EDT"]


def test_numeric_conversions() -> None:
    value = dt.datetime(2020, 12, 31, 13, 5, 9, tzinfo=dt.UTC)
    assert strftime(value, "%Y %C %y %m %d %e %j %H %k %I %l %M %S %u %w %G %g %V %U %W %s") == \
        "2020 20 20 12 31 31 366 13 13 01  1 05 09 4 4 2020 20 53 52 52 1609419909"
    assert strftime(dt.date(2021, 1, 3), "%j %U %W %H %s %-d %_m") == "003 01 00 00 1609632000 3  1"


def test_local_times_without_a_zone_are_not_memoised() -> None:
    value = dt.datetime(2021, 3, 4, 5, 6, 7)
    assert strftime(value, "%H:%M") == "05:06"


def test_urls() -> None:
    assert normalize_url("/a b/%7e/ü") == "/a%20b/~/%C3%BC"
    assert normalize_url("/a b/%7e/ü") == "/a%20b/~/%C3%BC"
    assert relative_url_for("x/y", {"baseurl": "/base/"}) == "/base/x/y"
    assert relative_url_for("https://e.com/a b", {"baseurl": "/base"}) == "https://e.com/a b"


def test_escape() -> None:
    assert _escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    assert _escape(None) is None
    assert _escape(3) == "3"
