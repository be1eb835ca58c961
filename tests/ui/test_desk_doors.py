"""Every session at every door, and one desk everywhere (issue 16): the selector offers each
session, parallel ones included, and their group; `--session forum-b` opens exactly there; a
Forum A guest at the Forum B door is refused amber with one key to admit anyway; the desk from
the main window (F9, the menu) is the same full desk as `kosi-checkin desk`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from kosi_checkin.checkin.answers import Kind, Tone
from kosi_checkin.config import Settings
from kosi_checkin.services.demo import create_demo
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk.desk_window import DeskWindow
from kosi_checkin.ui.desk.launch import open_desk_window
from kosi_checkin.ui.desk.walk_in_dialog import WalkInDialog
from kosi_checkin.ui.main_window import MainWindow


@pytest.fixture
def event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))
    monkeypatch.setenv("KOSI_NOW", "2019-04-02T16:05:00+02:00")  # the forums run
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    return path


def context() -> AppContext:
    return AppContext(Settings(desk_sound=False, backup_minutes=0))


def forum_guest(window: DeskWindow, forum: str):
    return next(g for g in window.desk.guests.values() if forum in g.sessions)


def test_the_selector_offers_every_session_and_group(qtbot, event: Path) -> None:
    window = open_desk_window(context(), event)
    keys = [window.target_box.itemData(i) for i in range(window.target_box.count())]
    assert keys == ["auto", "werkstatt", "konferenz", "arbeitsforen", "forum-a", "forum-b", "forum-c", "podium"]
    texts = [window.target_box.itemText(i) for i in range(window.target_box.count())]
    assert not any(t in ("forum-a", "forum-b") for t in texts)  # titles, never ids
    window.close()


def test_a_single_forums_door(qtbot, event: Path) -> None:
    window = open_desk_window(context(), event, session="forum-b", name="Tür Forum B")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    assert window.target.key == "forum-b" and window.target_box.currentData() == "forum-b"
    assert "forum-b" not in window.counts_label.text() and "Arbeitsforum B" in window.counts_label.text()
    stranger = forum_guest(window, "forum-a")
    window.on_scan(window.desk.code_of(stranger.id))
    answer = window.last_answer
    assert answer is not None and answer.kind is Kind.NOT_REGISTERED and answer.tone is Tone.AMBER
    assert "Arbeitsforum A" in answer.detail
    assert window.desk.presence.entry(stranger.id, "forum-a") is None  # never into Forum A without a word
    qtbot.keyClick(window, Qt.Key.Key_F2)  # admit anyway, into this door's forum
    assert window.desk.presence.entry(stranger.id, "forum-b") is not None
    own = forum_guest(window, "forum-b")
    window.on_scan(window.desk.code_of(own.id))
    assert window.last_answer.kind is Kind.WELCOME
    window.close()


def test_the_command_line_at_a_forums_door(event: Path) -> None:
    from kosi_checkin.services.events import open_event

    conn, _kosi = open_event(event)
    stranger = conn.execute("SELECT attendee_id FROM registrations WHERE session_id = 'forum-a'").fetchone()[0]
    conn.close()
    result = subprocess.run([sys.executable, "-m", "kosi_checkin", "checkin", str(event), "--attendee", stranger,
                             "--session", "forum-b", "--format", "json"], capture_output=True, text=True,
                            env=os.environ.copy())
    assert result.returncode == 5, result.stderr


def _full_desk(window: DeskWindow) -> None:
    assert window.mode == "desk"
    for button in window.findChildren(QPushButton):
        assert button.isVisibleTo(window), button.text()  # admit anyway, undo, details, walk-in, badge
    shortcuts = {a.shortcut().toString() for a in window.actions()}
    assert {"F2", "F3", "F4", "F5", "F6", "F7", "F8", "F11", "Esc"} <= shortcuts
    assert window.target_box.isVisibleTo(window)


@pytest.mark.parametrize("how", ["F9", "menu", "command"])
def test_one_desk_everywhere(qtbot, event: Path, how: str) -> None:
    main = None
    if how == "command":
        window = open_desk_window(context(), event)
    else:
        main = MainWindow(context())
        qtbot.addWidget(main)
        main.show()
        assert main.open_event(event)
        if how == "F9":
            qtbot.waitExposed(main)
            main.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=5000)
            qtbot.keyClick(main, Qt.Key.Key_F9)
        else:
            main.menu_actions["desk"].trigger()
        window = main.dialogs["desk"]
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    _full_desk(window)
    guest = forum_guest(window, "forum-c")
    window.on_scan(window.desk.code_of(guest.id))
    assert window.last_answer.kind is Kind.WELCOME
    qtbot.keyClick(window, Qt.Key.Key_F4)  # undo the last check-in
    assert window.last_answer.kind is Kind.UNDONE
    opened: list[str] = []

    def answer_dialog() -> None:  # F5 opens the walk-in form (modal): note it, cancel it
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, WalkInDialog):
            opened.append("walk-in")
            dialog.reject()
        else:
            QTimer.singleShot(20, answer_dialog)

    QTimer.singleShot(20, answer_dialog)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: opened == ["walk-in"], timeout=5000)
    window.activateWindow()  # back from the modal form
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_F6)  # the session selector opens
    qtbot.waitUntil(lambda: window.target_box.view().isVisible(), timeout=5000)
    window.target_box.hidePopup()
    qtbot.keyClick(window, Qt.Key.Key_F11)  # full screen, and back
    qtbot.waitUntil(lambda: window.isFullScreen(), timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=5000)
    window.close()
    if main is not None:
        main.close()


def test_the_desk_and_the_statistics_count_alike(event: Path) -> None:
    """A walk-in is present, never registered: the desk's counts and the report's agree."""
    from kosi_checkin.checkin.desk import Desk
    from kosi_checkin.checkin.targets import by_key
    from kosi_checkin.domain.model import Attendee, AttendeeId
    from kosi_checkin.report.attendance import Attendance
    from kosi_checkin.services.events import open_event

    conn, kosi = open_event(event)
    desk = Desk(conn, kosi, "Tisch 1")
    werkstatt = by_key(kosi, "werkstatt")
    assert werkstatt is not None
    desk.walk_in(Attendee(id=AttendeeId(""), first_name="Neu", last_name="Gast"), werkstatt)
    some = next(g for g in desk.guests.values() if "werkstatt" in g.sessions and not g.walk_in)
    desk.check_in(some.id, werkstatt)
    desk.reload()
    stats = {s.session.id: s for s in Attendance.load(conn, kosi).all_stats()}
    for count in desk.counts():
        assert (count.registered, count.present, count.walk_ins) == (
            stats[count.session.id].registered, stats[count.session.id].present, stats[count.session.id].walk_ins)
    conn.close()
    # the same counts from `stats --format json` and from the export's anonymous counts
    import csv
    import json as json_module

    from kosi_checkin.cli.main import main

    out = event.parent / "zahlen.csv"
    assert main(["export", str(event), "-o", str(out), "--anonymous"]) == 0
    rows = {r[0]: r for r in csv.reader(out.read_text(encoding="utf-8-sig").splitlines())}
    result = subprocess.run([sys.executable, "-m", "kosi_checkin", "stats", str(event), "--format", "json"],
                            capture_output=True, text=True, env=os.environ.copy())
    command = json_module.loads(result.stdout)
    for sid, s in stats.items():
        assert (int(rows[sid][2]), int(rows[sid][3]), int(rows[sid][5])) == (s.registered, s.present, s.walk_ins)
        assert (command[sid]["registered"], command[sid]["present"], command[sid]["walk_ins"]) == (
            s.registered, s.present, s.walk_ins)


def test_a_full_room_at_the_desk(qtbot, event: Path) -> None:
    from kosi_checkin.domain.values import replace
    from kosi_checkin.services.events import open_event
    from kosi_checkin.storage.db import transaction
    from kosi_checkin.storage.repositories import EventRepository

    conn, kosi = open_event(event)
    sessions = tuple(replace(s, capacity=2) if s.id == "forum-c" else s for s in kosi.sessions)
    with transaction(conn):
        EventRepository(conn).save(replace(kosi, sessions=sessions))
    conn.close()
    window = open_desk_window(context(), event, session="forum-c")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    guests = [g for g in window.desk.guests.values() if "forum-c" in g.sessions]
    for guest in guests[:2]:
        window.on_scan(window.desk.code_of(guest.id))
    assert "2 von 2 im Raum" in window.counts_label.text()
    window.on_scan(window.desk.code_of(guests[2].id))
    assert window.last_answer.kind is Kind.ROOM_FULL and window.last_answer.tone is Tone.AMBER
    assert window.last_answer.title == "Raum voll (2)"
    qtbot.keyClick(window, Qt.Key.Key_F2)  # admit anyway: the volunteer decides
    assert window.last_answer.kind is Kind.WELCOME
    assert window.desk.presence.entry(guests[2].id, "forum-c").note == "über Kapazität"
    window.close()


def test_the_desk_name_is_stored_as_shown_whatever_the_language_later(qtbot, event: Path) -> None:
    from kosi_checkin.config import load_settings
    from kosi_checkin.i18n import set_language

    ctx = AppContext(Settings(desk_sound=False, backup_minutes=0))
    window = open_desk_window(ctx, event)
    assert window.desk.name == "Tisch 1" and load_settings().desk_name == "Tisch 1"
    window.close()
    set_language("en")
    try:
        again = open_desk_window(AppContext(load_settings()), event)
        assert again.desk.name == "Tisch 1"  # not "Desk 1": the journal's desk names do not follow the UI language
        again.close()
    finally:
        set_language("de")


def test_a_late_answer_of_the_server_is_shown(qtbot, event: Path) -> None:
    window = open_desk_window(context(), event)
    window.desk.late_notes.append("Tisch 2 hatte diesen Gast schon um 09:41 eingelassen; beide Einträge bleiben erhalten.")
    window.tick()
    assert "Tisch 2" in window.statusBar().currentMessage()
    window.close()
