"""Dates, times and numbers in the UI's language (kosi_checkin/formats.py), and every
user-visible data string (layouts, sectors, the door guide) in both languages."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kosi_checkin import formats
from kosi_checkin.badges.layouts import all_layouts
from kosi_checkin.i18n import set_language
from kosi_checkin.report.attendance import OTHER_SECTOR, sector_label
from kosi_checkin.services.event_config import load_template

DAY = dt.date(2019, 4, 2)
MOMENT = dt.datetime(2026, 12, 1, 19, 39, 5)


def test_german_and_english_dates_times_numbers() -> None:
    assert formats.date(DAY, "de") == "02.04.2019"
    assert formats.date(DAY, "en") == "2 April 2019"
    assert formats.time(MOMENT) == "19:39" and formats.time(MOMENT, seconds=True) == "19:39:05"
    assert formats.date_time(MOMENT, "de") == "01.12.2026 19:39"
    assert formats.date_time(MOMENT, "en") == "1 December 2026 19:39"
    assert formats.number(1234.5, 1, "de") == "1.234,5" and formats.number(1234.5, 1, "en") == "1,234.5"
    assert formats.time_span(dt.time(9, 30), dt.time(13, 0)) == "09:30–13:00"


def test_the_current_language_is_the_default() -> None:
    set_language("en")
    try:
        assert formats.date(DAY) == "2 April 2019" and formats.number(0.5, 1) == "0.5"
        assert formats.excel_date_format() == "D MMMM YYYY"
    finally:
        set_language("de")
    assert formats.date(DAY) == "02.04.2019" and formats.number(0.5, 1) == "0,5"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_german_dates_read_back(day: dt.date) -> None:
    assert dt.datetime.strptime(formats.date(day, "de"), "%d.%m.%Y").date() == day
    assert dt.datetime.strptime(formats.date(day, "en"), "%d %B %Y").date() == day


def test_formats_needs_no_qt_and_loads_babel_only_for_english() -> None:
    code = ("import sys, datetime as dt; from kosi_checkin import formats; formats.date(dt.date(2019, 4, 2), 'de');"
            "assert 'babel' not in sys.modules and 'PySide6' not in sys.modules; formats.date(dt.date(2019, 4, 2), 'en');"
            "assert 'babel.dates' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("layout", all_layouts(), ids=lambda layout: layout.name)
def test_every_layout_has_its_title_and_paper_in_both_languages(layout) -> None:  # type: ignore[no-untyped-def]
    assert layout.title_in("de") and layout.title_in("en") and layout.title_in("de") != layout.title_in("en")
    assert layout.product_in("de") != layout.product_in("en")
    assert "Namens" not in layout.title_in("en") and "Etikett" not in layout.title_in("en")


def test_sectors_in_both_languages() -> None:
    event = load_template("kosi-2019")
    for sector in event.sectors:
        assert sector.english and sector_label(event, sector.name, "en") == sector.english
        assert sector_label(event, sector.name, "de") == sector.name
    set_language("en")
    try:
        assert sector_label(event, OTHER_SECTOR) == "Other (no sector)"
    finally:
        set_language("de")
    assert sector_label(event, OTHER_SECTOR) == "Sonstige"


def test_sector_labels_survive_the_event_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kosi_checkin.services.events import create_event, open_event

    create_event(tmp_path / "e.kosi", load_template("kosi-2019")).close()
    conn, event = open_event(tmp_path / "e.kosi")
    conn.close()
    assert [s.english for s in event.sectors] == ["Public administration", "Research", "Business", "Civil society"]
