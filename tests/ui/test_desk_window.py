"""The desk window driven with key clicks like a scanner and a volunteer (offscreen platform)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog

from kosi_checkin.checkin.answers import Kind, Tone
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.config import Settings
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.repositories import AttendeeRepository, JournalRepository
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk.desk_window import DeskWindow
from kosi_checkin.ui.desk.walk_in_dialog import WalkInDialog

BERLIN = ZoneInfo("Europe/Berlin")


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2019, 4, 2, 9, 42, tzinfo=BERLIN)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def window(qtbot, tmp_path: Path, clock: Clock) -> DeskWindow:
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    conn, event = open_event(path)
    desk = Desk(conn, event, "Tisch 1", clock)
    w = DeskWindow(AppContext(Settings(desk_sound=False)), desk)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    w.close()
    conn.close()


def celik(window: DeskWindow):
    return next(g for g in window.desk.guests.values() if g.first_name == "Özlem" and g.last_name == "Çelik")


def scan(qtbot, window: DeskWindow, text: str, enter: bool = True, widget=None) -> None:
    """A scanner: all keys in one burst, then Enter. Synthetic key events carry no time stamp,
    so the filter's clock stands still during the burst (a loaded CI machine must not stretch
    the gaps); the timing rule itself is tested in tests/checkin/test_burst.py and, with real
    key times from the X server, in the end-to-end test."""
    target = widget or QApplication.focusWidget() or window.search
    real_clock = window.scanner.clock
    window.scanner.clock = lambda: 1000.0
    try:
        qtbot.keyClicks(target, text)
        if enter:
            qtbot.keyClick(target, Qt.Key.Key_Return)
        else:
            qtbot.wait(150)  # the pause that ends a burst without Enter
    finally:
        window.scanner.clock = real_clock


def test_scan_checks_in_with_green_answer_and_returns_to_ready(qtbot, window: DeskWindow) -> None:
    guest = celik(window)
    scan(qtbot, window, window.desk.code_of(guest.id))
    answer = window.panel.answer
    assert answer is not None and answer.kind is Kind.WELCOME and answer.tone is Tone.GREEN
    assert window.panel.title.text() == "Willkommen, Dr. Özlem Çelik — Stadt Wuppertal"
    assert window.panel.icon.text() == "✔" and window.panel.palette().window().color().name() == "#1b6e34"
    assert "Referent*in – bitte zum Podium" in window.panel.note.text() and window.panel.note.isVisible()
    assert window.search.text() == "" and window.search.hasFocus()  # scan-ready
    assert JournalRepository(window.desk.conn).entries(guest.id)[0].desk == "Tisch 1"
    scan(qtbot, window, window.desk.code_of(guest.id).lower())
    assert window.panel.answer.kind is Kind.ALREADY
    assert "bereits eingecheckt um 09:42 (Tisch 1)" in window.panel.title.text()


def test_scan_is_taken_wherever_the_focus_is(qtbot, window: DeskWindow) -> None:
    window.results.setFocus()
    scan(qtbot, window, window.desk.code_of(celik(window).id), widget=window.results)
    assert window.panel.answer.kind is Kind.WELCOME
    window.target_box.setFocus()
    scan(qtbot, window, "BOGUS1234567", widget=window.target_box)
    assert window.panel.answer.kind is Kind.UNKNOWN and window.panel.icon.text() == "✖"
    assert window.target_box.currentIndex() == 0  # the keys did not go into the drop-down


def test_scanner_without_enter_suffix(qtbot, window: DeskWindow) -> None:
    scan(qtbot, window, window.desk.code_of(celik(window).id), enter=False)
    assert window.panel.answer is not None and window.panel.answer.kind is Kind.WELCOME


def test_fast_typist_is_not_a_scanner(qtbot, window: DeskWindow) -> None:
    qtbot.keyClicks(window.search, "Mueller")  # a burst, but not a code: goes to the search box
    qtbot.wait(100)
    assert window.search.text() == "Mueller"
    assert window.panel.answer is None
    assert window.model.rowCount() > 0 and all("Müller" in g.last_name for g in window.model.guests)


def test_slow_typing_reaches_the_search_box_in_order(qtbot, window: DeskWindow) -> None:
    for char in "K0SI12":  # looks like a code, but typed by a person: gaps over the threshold
        qtbot.keyClick(window.search, char)
        qtbot.wait(60)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.search.text() == "K0SI12"
    assert window.panel.answer is None  # no scan was taken


def test_a_code_typed_by_hand_is_taken_with_enter(qtbot, window: DeskWindow) -> None:
    code = window.desk.code_of(celik(window).id)
    for char in code:  # a volunteer reads the code off the badge: gaps far over the threshold
        qtbot.keyClick(window.search, char)
        qtbot.wait(40)
    assert window.panel.answer is None and window.search.text() == code  # no burst, so no scan yet
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.panel.answer.kind is Kind.WELCOME and window.panel.answer.attendee.id == celik(window).id
    assert window.search.text() == ""
    forged = code[:-1] + ("2" if code[-1] != "2" else "3")
    for char in forged:
        qtbot.keyClick(window.search, char)
        qtbot.wait(40)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.panel.answer.kind is Kind.ALTERED and window.panel.icon.text() == "✖"  # refused as loudly as a scan


def test_search_arrows_and_enter_check_in(qtbot, window: DeskWindow) -> None:
    for char in "Celik":
        qtbot.keyClick(window.search, char)
        qtbot.wait(50)
    qtbot.wait(50)
    names = [g.display_name for g in window.model.guests]
    assert "Dr. Özlem Çelik" in names
    target_row = names.index("Dr. Özlem Çelik")
    for _ in range(target_row):
        qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.panel.answer.kind is Kind.WELCOME and window.panel.answer.attendee.id == celik(window).id


def test_not_registered_then_one_key_admit(qtbot, window: DeskWindow) -> None:
    someone = next(g for g in window.desk.guests.values() if "werkstatt" not in g.sessions)
    scan(qtbot, window, window.desk.code_of(someone.id))
    assert window.panel.answer.kind is Kind.NOT_REGISTERED and window.panel.icon.text() == "⚠"
    assert "nicht für diese Session angemeldet" in window.panel.title.text()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.panel.answer.kind is Kind.WELCOME
    assert window.desk.presence.entry(someone.id, "werkstatt").forced


def test_parallel_forum_admit_asks_which(qtbot, window: DeskWindow, clock: Clock, monkeypatch) -> None:
    clock.now = clock.now.replace(hour=16, minute=10)
    window.tick()
    assert window.target.key == "arbeitsforen"
    nobody = next(g for g in window.desk.guests.values() if not g.sessions & {"forum-a", "forum-b", "forum-c"})
    scan(qtbot, window, window.desk.code_of(nobody.id))
    assert window.panel.answer.kind is Kind.NOT_REGISTERED
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][1], True)))  # no modal loop in tests
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert [s.id for s in window.panel.answer.sessions] == ["forum-b"]


def test_one_key_undo(qtbot, window: DeskWindow) -> None:
    guest = celik(window)
    scan(qtbot, window, window.desk.code_of(guest.id))
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert window.panel.answer.kind is Kind.UNDONE
    assert window.desk.presence.entry(guest.id, "werkstatt") is None
    assert [e.action.value for e in JournalRepository(window.desk.conn).entries(guest.id)] == ["checkin", "undo"]


def test_refused_codes_red_and_logged(qtbot, window: DeskWindow) -> None:
    code = window.desk.code_of(celik(window).id)
    scan(qtbot, window, code[:-1] + ("A" if code[-1] != "A" else "B"))
    assert window.panel.answer.tone is Tone.RED
    assert window.panel.title.text() == "Unbekannter oder ungültiger Code"
    assert JournalRepository(window.desk.conn).refused()[0][3] == "altered"


def test_walk_in(qtbot, window: DeskWindow, monkeypatch) -> None:
    def fill(dialog: WalkInDialog) -> int:
        dialog.first_name.setText("Ngozi")
        dialog.last_name.setText("Okafor")
        dialog.organisation.setText("Quartiersbüro Ost")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WalkInDialog, "exec", fill)  # the modal loop itself is Qt's; the form is ours
    qtbot.keyClick(window, Qt.Key.Key_F5)
    answer = window.panel.answer
    assert answer.kind is Kind.WELCOME and answer.attendee.walk_in
    stored = AttendeeRepository(window.desk.conn).get(answer.attendee.id)
    assert stored.walk_in and "werkstatt" in stored.sessions
    assert "1 Nachmeldung" in window.counts_label.text()


def test_session_changeable_and_counts_shown(qtbot, window: DeskWindow) -> None:
    assert "Werkstatt" in window.session_label.text()
    index = window.target_box.findData("podium")
    window.target_box.setCurrentIndex(index)
    assert window.target.key == "podium" and "Podiumsdiskussion" in window.session_label.text()
    scan(qtbot, window, window.desk.code_of(celik(window).id))
    assert [s.id for s in window.panel.answer.sessions] == ["podium"]
    assert "1 von" in window.counts_label.text()


def test_readable_at_1366x768(qtbot, window: DeskWindow) -> None:
    window.resize(1366, 768)
    scan(qtbot, window, window.desk.code_of(celik(window).id))
    qtbot.wait(50)
    assert window.panel.title.font().pointSizeF() >= 24 or window.panel.title.fontInfo().pixelSize() >= 28
    assert window.panel.height() >= 250
    title = window.panel.title
    assert title.sizeHint().width() <= window.width() or title.wordWrap()


def test_undo_from_guest_details_at_any_time(qtbot, window: DeskWindow, clock: Clock) -> None:
    from kosi_checkin.ui.desk.guest_dialog import GuestDialog

    guest = celik(window)
    scan(qtbot, window, window.desk.code_of(guest.id))
    clock.now += dt.timedelta(hours=1)  # long after the one-key undo
    dialog = GuestDialog(window.desk, guest, window)
    qtbot.addWidget(dialog)
    assert set(dialog.undo_buttons) == {"werkstatt"}
    dialog.undo_buttons["werkstatt"].click()
    assert dialog.answers[-1].kind is Kind.UNDONE and window.desk.presence.entry(guest.id, "werkstatt") is None
    assert dialog.undo_buttons == {}


def test_desk_opens_from_the_main_window(qtbot, tmp_path: Path) -> None:
    from kosi_checkin.ui.main_window import MainWindow

    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    main = MainWindow(AppContext(Settings(desk_sound=False)))
    qtbot.addWidget(main)
    main.show()
    assert main.open_event(path)
    main.menu_actions["desk"].trigger()
    desk_window = main.dialogs["desk"]
    assert isinstance(desk_window, DeskWindow) and desk_window.isVisible()
    guest = next(g for g in desk_window.desk.guests.values() if g.first_name == "Özlem")
    desk_window.on_scan(desk_window.desk.code_of(guest.id))
    with qtbot.waitSignal(desk_window.destroyed, timeout=5000):
        desk_window.close()
    row = next(r for r in main.model.all_rows() if r.attendee.id == guest.id)
    assert "werkstatt" in row.checkins  # the list shows the check-in made at the desk


def test_a_big_event_scans_at_once_while_the_name_search_is_built_on_a_worker(
        qtbot, tmp_path: Path, clock: Clock, monkeypatch) -> None:
    """Above QUICK_INDEX guests the window does not wait for the search index: the panel
    says it is on its way, a scan is answered meanwhile, a name typed meanwhile finds its guest
    once the index is there (the limit is lowered here so the demo counts as big)."""
    from kosi_checkin.ui.desk import desk_window

    monkeypatch.setattr(desk_window, "QUICK_INDEX", 0)
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    conn, event = open_event(path)
    desk = Desk(conn, event, "Tisch 1", clock)
    built = threading.Event()
    real_index = desk_window.SearchIndex

    def slow_index(guests):  # held until the test has typed: the worker is surely not done yet
        built.wait(10)
        return real_index(guests)

    monkeypatch.setattr(desk_window, "SearchIndex", slow_index)
    w = DeskWindow(AppContext(Settings(desk_sound=False)), desk)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    try:
        assert not desk.index_ready
        assert "Namenssuche" in w.panel.hint.text() and w.panel.hint.isVisibleTo(w)
        guest = celik(w)
        scan(qtbot, w, desk.code_of(guest.id))  # scanning works before the search is there
        assert w.last_answer is not None and w.last_answer.tone is Tone.GREEN
        qtbot.keyClicks(w.search, "Oezlem Celik")
        assert w.model.guests == []
        built.set()
        qtbot.waitUntil(lambda: desk.index_ready and bool(w.model.guests), timeout=10_000)
        assert w.model.guests[0].id == guest.id  # what was typed meanwhile
        assert not w.panel.hint.isVisibleTo(w)
    finally:
        built.set()
        w.close()
        conn.close()


def test_an_index_of_guests_that_changed_since_is_not_taken(tmp_path: Path, clock: Clock) -> None:
    from kosi_checkin.search.index import SearchIndex

    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    conn, event = open_event(path)
    desk = Desk(conn, event, "Tisch 1", clock)
    version, guests = desk.index_source()
    desk.reload()  # another desk's import, say
    assert not desk.adopt_index(version, SearchIndex(guests))
    version, guests = desk.index_source()
    assert desk.adopt_index(version, SearchIndex(guests)) and desk.index_ready
    conn.close()
