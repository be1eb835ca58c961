"""A full disk or a read-only file at the desk: a clear red message, and the check-in is not shown
as done. Tests run as root (file permissions do not stop root), so both are simulated the way
SQLite sees them: a page limit (max_page_count) for a full disk, a read-only connection for a
read-only file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from kosi_checkin.checkin.answers import Kind, Tone
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.config import Settings
from kosi_checkin.domain.model import Event
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.repositories import EventRepository
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk.desk_window import DeskWindow

MORNING = dt.datetime(2019, 4, 2, 9, 40, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def window_on(qtbot, conn: sqlite3.Connection, event: Event) -> DeskWindow:
    desk = Desk(conn, event, "Tisch 1", lambda: MORNING)
    window = DeskWindow(AppContext(Settings(desk_sound=False)), desk)
    qtbot.addWidget(window)
    window.show()
    return window


def journal_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM journal").fetchone()[0])
    finally:
        conn.close()


def test_full_disk_gives_a_red_message_and_no_green(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "full.kosi"
    create_demo(path).close()
    conn, event = open_event(path)
    window = window_on(qtbot, conn, event)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full: not one page more
    guests = [g for g in window.desk.guests.values() if "werkstatt" in g.sessions]
    shown_green = []
    refused = None
    for guest in guests:
        window.on_scan(window.desk.code_of(guest.id))
        answer = window.panel.answer
        if answer.tone is Tone.GREEN:
            shown_green.append(guest.id)
            continue
        refused = (guest.id, answer)
        break
    assert refused is not None, "the page limit was never reached"
    guest_id, answer = refused
    assert answer.tone is Tone.RED and "NICHT" in answer.detail and "nicht gespeichert" in answer.title.lower()
    stored = {r[0] for r in sqlite3.connect(path).execute("SELECT attendee_id FROM journal")}
    assert guest_id not in stored and set(shown_green) <= stored  # green means saved; red means not
    conn.close()


def test_read_only_file_gives_a_red_message(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "ro.kosi"
    create_demo(path).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    event = EventRepository(conn).load()
    window = window_on(qtbot, conn, event)
    guest = next(g for g in window.desk.guests.values() if "werkstatt" in g.sessions)
    window.on_scan(window.desk.code_of(guest.id))
    answer = window.panel.answer
    assert answer.kind is Kind.UNKNOWN and answer.tone is Tone.RED and "NICHT" in answer.detail
    assert journal_count(path) == 0
    conn.close()


def test_desk_window_survives_a_burst_of_garbage(qtbot, tmp_path: Path) -> None:
    """A scanner left running types thousands of characters: the window answers, red, and is
    ready for the next scan."""
    path = tmp_path / "burst.kosi"
    create_demo(path).close()
    conn, event = open_event(path)
    window = window_on(qtbot, conn, event)
    window.on_scan("K7Q" * 3400)
    assert window.panel.answer.tone is Tone.RED
    qtbot.keyClicks(window.search, "QWERTZ1234567890" * 40)  # typed at full speed into the search box
    qtbot.keyClick(window.search, "\r")
    guest = next(g for g in window.desk.guests.values() if "werkstatt" in g.sessions)
    window.on_scan(window.desk.code_of(guest.id))
    assert window.panel.answer.kind is Kind.WELCOME
    conn.close()
