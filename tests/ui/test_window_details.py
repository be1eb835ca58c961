"""What a user meets in the main window and at the desk (issue 20): one editor per guest, the
status bar while filtered, columns after the first import, session titles (never ids) with
"nachgetragen", and a previous answer that does not stay over the next search."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from kosi_checkin.checkin.afterwards import mark_present_afterwards
from kosi_checkin.checkin.answers import Kind
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.config import Settings
from kosi_checkin.i18n import set_language
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk.desk_window import DeskWindow
from kosi_checkin.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    set_language("de")
    w = MainWindow(AppContext(Settings(desk_sound=False)))
    qtbot.addWidget(w)
    w.show()
    assert w.open_event(demo)
    return w


def test_a_double_click_opens_one_editor(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from kosi_checkin.ui.attendee_editor import AttendeeEditor

    index = window.model.index(0, 0)
    rect = window.table.visualRect(index)
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    window.edit_row(0)  # asked again for the same guest: the open editor comes to the front
    editors = [w for w in window.findChildren(AttendeeEditor) if w.isVisible()]
    assert len(editors) == 1


def test_the_status_bar_counts_what_the_filter_shows(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.search, "Çelik")
    shown = window.model.rowCount()
    assert 0 < shown < 150 and f"{shown} von 150 angezeigt" in window.statusBar().currentMessage()
    window.search.clear()
    assert "150 Gäste" in window.statusBar().currentMessage()


def test_session_titles_in_the_list_and_marked_afterwards(window: MainWindow, demo: Path) -> None:
    guest = window.model.row(0).attendee
    conn, event = open_event(demo)
    mark_present_afterwards(conn, event, [guest.id], "werkstatt", "Büro")
    conn.close()
    window.reload()
    row = next(r for r in range(window.model.rowCount()) if window.model.row(r).attendee.id == guest.id)
    sessions, present = window.model.index(row, 4).data(), window.model.index(row, 5).data()
    assert not {"werkstatt", "konferenz", "forum-a", "podium"} & set(sessions.split(", "))  # titles, never ids
    assert "4. Werkstatt Verstetigung (nachgetragen)" in present


def test_columns_fit_the_first_import(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kosi_checkin.services.event_config import load_template
    from kosi_checkin.services.events import create_event
    from kosi_checkin.storage.db import transaction
    from kosi_checkin.storage.repositories import AttendeeRepository

    path = tmp_path / "empty.kosi"
    create_event(path, load_template("kosi-2019")).close()
    w = MainWindow(AppContext(Settings(desk_sound=False)))
    qtbot.addWidget(w)
    w.show()
    assert w.open_event(path)
    narrow = w.table.columnWidth(1)
    conn, _event = open_event(path)
    from kosi_checkin.domain.model import Attendee, AttendeeId
    with transaction(conn):
        AttendeeRepository(conn).add_many([(Attendee(id=AttendeeId(""), first_name="Anna", last_name="Becker",
                                                     organisation="Wuppertal Institut für Klima, Umwelt, Energie"), {})])
    conn.close()
    w.reload()
    assert w.table.columnWidth(1) > narrow  # fitted to "Wuppertal Institut …", not the empty header


def test_the_last_answer_goes_when_the_next_name_is_typed(qtbot, demo: Path) -> None:  # type: ignore[no-untyped-def]
    conn, event = open_event(demo)
    desk = Desk(conn, event, "Tisch 1")
    w = DeskWindow(AppContext(Settings(desk_sound=False)), desk)
    qtbot.addWidget(w)
    w.show()
    guest = next(iter(desk.guests.values()))
    w.show_answer(desk.check_in(guest.id, w.target, force=True))
    assert w.panel.answer is not None and w.panel.answer.kind is Kind.WELCOME
    qtbot.keyClicks(w.search, "Beck")
    assert w.panel.answer is None  # neutral: the green was the previous guest's
    w.close()
    conn.close()


def test_setting_the_pin_and_marking_afterwards_are_confirmed(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kosi_checkin.ui import trust_actions
    from kosi_checkin.ui.report.late_dialog import LateDialog

    monkeypatch.setattr(trust_actions.PinDialog, "exec", lambda self: 1)  # the volunteer typed it twice and pressed OK
    monkeypatch.setattr(trust_actions.PinDialog, "pin", lambda self: "4711")
    assert window.change_pin()
    assert "PIN" in window.statusBar().currentMessage()
    window.table.selectRow(0)
    window.mark_late()
    dialog = window.dialogs["late"]
    assert isinstance(dialog, LateDialog)
    dialog.who.setText("Büro")  # who marks them is recorded with the entry
    dialog.accept()
    assert "nachgetragen" in window.statusBar().currentMessage()


def test_the_welcome_says_what_is_behind_it_and_offers_only_existing_files(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kosi_checkin.ui.welcome_dialog import WelcomeChoices, WelcomeDialog

    set_language("de")
    demo, other, gone = tmp_path / "demo.kosi", tmp_path / "tagung.kosi", tmp_path / "weg.kosi"
    create_demo(demo).close()
    create_demo(other).close()
    opened: list[object] = []
    choices = WelcomeChoices(lambda: None, lambda: None, lambda: None, opened.append)
    first = WelcomeDialog(None, choices, [str(demo), str(gone)], demo, demo)  # type: ignore[arg-type]
    qtbot.addWidget(first)
    text = first.findChildren(__import__("PySide6.QtWidgets", fromlist=["QLabel"]).QLabel)[0].text()
    assert "Demo-Veranstaltung" in text and "hinter diesem Fenster" in text
    assert [first.recent.item(i).text() for i in range(first.recent.count())] == [str(demo)]  # not the deleted one
    later = WelcomeDialog(None, choices, [str(demo)], other, demo)  # type: ignore[arg-type]
    qtbot.addWidget(later)
    text = later.findChildren(__import__("PySide6.QtWidgets", fromlist=["QLabel"]).QLabel)[0].text()
    assert "tagung.kosi" in text and "Demo-Veranstaltung (KoSI-Lab" not in text
    later.findChild(__import__("PySide6.QtWidgets", fromlist=["QPushButton"]).QPushButton, "welcomeDemo").click()
    assert opened == [demo]  # "look at the demo" opens it when another event is behind


def test_an_empty_event_says_to_import_a_list(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kosi_checkin.services.event_config import load_template
    from kosi_checkin.services.events import create_event

    set_language("de")
    path = tmp_path / "neu.kosi"
    create_event(path, load_template("kosi-2019")).close()
    w = MainWindow(AppContext(Settings(desk_sound=False)))
    qtbot.addWidget(w)
    assert w.open_event(path)
    assert "Anmeldeliste importieren" in w.heading.text()


def test_the_desk_results_need_no_sideways_scroll_on_a_laptop(qtbot, demo: Path) -> None:  # type: ignore[no-untyped-def]
    conn, event = open_event(demo)
    desk = Desk(conn, event, "Tisch 1")
    w = DeskWindow(AppContext(Settings(desk_sound=False)), desk)
    qtbot.addWidget(w)
    w.resize(1350, 700)
    w.show()
    qtbot.keyClicks(w.search, "Becker")
    bar = w.results.horizontalScrollBar()
    assert bar.maximum() == 0  # every session column in view
    headers = [w.model.headerData(c, Qt.Orientation.Horizontal) for c in range(2, w.model.columnCount())]
    assert "Arbeitsforum A" in headers and not any(h.startswith("Forum-") for h in headers)
    w.close()
    conn.close()
