"""Text helpers Jekyll uses across stages: slugs, titles, date parsing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata


class _UtcMode(dt.tzinfo):
    """UTC as Ruby's ``Time.utc`` has it: ``to_s`` says ``UTC``, not ``+0000``."""

    def utcoffset(self, value: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def dst(self, value: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, value: dt.datetime | None) -> str:
        return "UTC"

    def __repr__(self) -> str:
        return "UTC_MODE"


UTC_MODE = _UtcMode()
"""The zone of times Ruby holds in UTC mode (YAML ``Z`` timestamps, ``Time.utc``)."""

SLUGIFY_MODES = ("raw", "default", "pretty", "ascii", "latin")
_PRETTY_KEEP = set("._~!$&'()+,;=@")
# For ASCII text: the runs of characters each mode replaces by one dash.
_ASCII_DROPPED = {
    "default": re.compile(r"[^A-Za-z0-9]+"),
    "ascii": re.compile(r"[^A-Za-z0-9]+"),
    "pretty": re.compile(r"[^A-Za-z0-9._~!$&'()+,;=@]+"),
}


def _keeps(char: str, mode: str) -> bool:
    if mode == "raw":
        return not char.isspace()
    if mode == "ascii":
        return char.isascii() and char.isalnum()
    category = unicodedata.category(char)
    if category[0] in "ML" or category == "Nd":
        return True
    return mode == "pretty" and char in _PRETTY_KEEP


# Letters that do not decompose into an ASCII base (I18n's Latin transliterations).
_LATIN = {"ß": "ss", "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l",
          "Þ": "Th", "þ": "th", "Œ": "OE", "œ": "oe", "Ð": "D", "ð": "d", "Đ": "D", "đ": "d",
          "Ħ": "H", "ħ": "h", "ı": "i", "Ŀ": "L", "ŀ": "l", "ŉ": "'n", "Ŋ": "NG", "ŋ": "ng",
          "Ŧ": "T", "ŧ": "t", "ſ": "s", "Ĳ": "IJ", "ĳ": "ij"}


def _transliterate(text: str) -> str:
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        if char in _LATIN:
            out.append(_LATIN[char])
            continue
        base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        out.append(base or "?")
    return "".join(out)


def slugify(text: str | None, mode: str | None = None, cased: bool = False) -> str | None:
    """Jekyll's ``Utils.slugify``.

    Args:
        text: The text to turn into a slug (``None`` gives ``None``).
        mode: ``raw``, ``default``, ``pretty``, ``ascii``, ``latin`` or ``none``.
        cased: Keep the letters' case.
    """
    if text is None:
        return None
    mode = mode or "default"
    if mode not in SLUGIFY_MODES:
        return text if cased else text.lower()
    if mode == "latin":
        text = _transliterate(text)
        mode = "default"
    if text.isascii() and mode in _ASCII_DROPPED:
        slug = _ASCII_DROPPED[mode].sub("-", text)
    else:
        slug = _dash_dropped_characters(text, mode)
    slug = slug[1:] if slug.startswith("-") else slug
    slug = slug[:-1] if slug.endswith("-") else slug
    return slug if cased else slug.lower()


def _dash_dropped_characters(text: str, mode: str) -> str:
    """The text with each run of characters the mode drops replaced by one dash."""
    pieces: list[str] = []
    in_run = False
    for char in text:
        if _keeps(char, mode):
            pieces.append(char)
            in_run = False
        elif not in_run:
            pieces.append("-")
            in_run = True
    return "".join(pieces)


def titleize_slug(slug: str) -> str:
    """``my-first-post`` → ``My First Post`` (Ruby's ``capitalize`` per word)."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in slug.split("-"))


_DATE_RX = re.compile(
    r"^\s*(\d{2,4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?"
    r"\s*(Z|UTC|GMT|[-+]\d{2}:?\d{2}|[-+]\d{1,2})?\s*$",
    re.I,
)


class InvalidDate(ValueError):
    """A text that is not a date Jekyll accepts."""


def parse_date(value: object) -> dt.datetime:
    """Parse a date as Jekyll's ``Utils.parse_date``: the result is in local time.

    Raises:
        InvalidDate: The value is not a valid date.
    """
    if isinstance(value, dt.datetime):
        return value.astimezone() if value.tzinfo else value.astimezone()
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day).astimezone()
    match = _DATE_RX.match(str(value))
    if match is None:
        return _parse_loose_date(str(value))
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if len(year) == 2:
        # Ruby reads a two-digit year as 1969-2068.
        year = str(int(year) + (1900 if int(year) >= 69 else 2000))
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        raise InvalidDate(str(value))
    try:
        # Ruby's Time rolls a day past the month's end over (2021-02-30 is March 2nd).
        naive = dt.datetime(int(year), int(month), 1, int(hour or 0), int(minute or 0),
                            int(second or 0), int((fraction or "0")[:6].ljust(6, "0")))
    except ValueError as err:
        raise InvalidDate(str(value)) from err
    naive += dt.timedelta(days=int(day) - 1)
    if zone is None:
        return naive.astimezone()
    return naive.replace(tzinfo=_zone(zone)).astimezone()


_LOOSE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%Y/%m/%d %H:%M",
                  "%Y/%m/%d %H:%M:%S", "%B %d %Y", "%b %d %Y", "%Y%m%d")


def _parse_loose_date(text: str) -> dt.datetime:
    """Other forms Ruby's ``Time.parse`` reads: RFC 2822, month names, slashes."""
    import email.utils  # seldom needed: loaded on first use

    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.astimezone() if parsed.tzinfo else parsed.astimezone()
    for fmt in _LOOSE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).astimezone()
        except ValueError:
            continue
    raise InvalidDate(text)


def _zone(text: str) -> dt.tzinfo:
    if text.upper() in ("Z", "UTC", "GMT"):
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
