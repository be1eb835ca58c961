"""Dates, times and numbers as the UI's language writes them — in the window, at the desk, in the
workbook, on signature lists and in the door guide, and in the command line's text output (no
Qt: the command line uses it too). Values in CSV and JSON stay ISO 8601 and are not formatted
here.

German: "02.04.2019", "19:39", "1.234,5". English (British usage, as the event is in Europe):
"2 April 2019", "19:39" (the 24-hour clock in both languages: a programme reads the same in
either), "1,234.5". Month names and number symbols come from CLDR through Babel, loaded only
when needed (~30 ms); the all-digit German date is written directly."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from kosi_checkin.i18n import language

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from babel import Locale

LOCALES = {"de": "de_DE", "en": "en_GB"}
_DATE_PATTERNS = {"de": "dd.MM.yyyy", "en": "d MMMM yyyy"}  # CLDR patterns
_EXCEL_DATES = {"de": "DD.MM.YYYY", "en": "D MMMM YYYY"}  # the same, as Excel number formats


def _lang(lang: str | None) -> str:
    chosen = lang or language()
    return chosen if chosen in LOCALES else "de"


@lru_cache(maxsize=4)
def _locale(lang: str) -> Locale:
    from babel import Locale

    return Locale.parse(LOCALES[lang])


def date(day: dt.date, lang: str | None = None) -> str:
    """The date of an event or a session: "02.04.2019" / "2 April 2019"."""
    chosen = _lang(lang)
    if chosen == "de":
        return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
    from babel.dates import format_date

    return format_date(day, _DATE_PATTERNS[chosen], locale=_locale(chosen))


def time(moment: dt.datetime | dt.time, seconds: bool = False) -> str:
    """A clock time: "19:39" (with ``seconds``: "19:39:05"), the same in both languages."""
    return moment.strftime("%H:%M:%S" if seconds else "%H:%M")


def time_span(start: dt.datetime | dt.time, end: dt.datetime | dt.time | None) -> str:
    """"09:30–13:00", or the start alone."""
    return time(start) if end is None else f"{time(start)}–{time(end)}"


def date_time(moment: dt.datetime, lang: str | None = None, seconds: bool = False) -> str:
    """"01.12.2026 19:39" / "1 December 2026 19:39"."""
    return f"{date(moment.date(), lang)} {time(moment, seconds)}"


def number(value: float, decimals: int = 0, lang: str | None = None) -> str:
    """A number with the language's separators: "1.234,5" / "1,234.5"."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=_locale(_lang(lang)))


def excel_date_format(lang: str | None = None) -> str:
    """The workbook's number format of a date cell, in the language's way."""
    return _EXCEL_DATES[_lang(lang)]


def excel_date_time_format(lang: str | None = None) -> str:
    return _EXCEL_DATES[_lang(lang)] + " HH:MM"
