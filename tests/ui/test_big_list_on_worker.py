"""A guest list above QUICK_INDEX guests is read and made on a worker, on a connection of its own:
the window is back at once (and shows that the list is loading), the list arrives in its order
with the filter typed meanwhile applied, a reload asked for while a load runs comes after it (one
load at a time) and shows what changed, and a list loading for an event closed meanwhile is not
shown. The threshold is lowered so the 150-guest demo takes the worker's way (at 100,000 guests
the same load took the window for 2.6 s: bench/bench_main_window.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_checkin.config import Settings
from kosi_checkin.domain.model import Attendee, AttendeeId
from kosi_checkin.i18n import set_language
from kosi_checkin.services.attendees import list_attendees
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import AttendeeRepository
from kosi_checkin.ui import main_window
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.main_window import MainWindow
from kosi_checkin.ui.models.attendee_table import AttendeeTableModel


@pytest.fixture
def window(qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(main_window, "QUICK_INDEX", 100)
    set_language("de")
    w = MainWindow(AppContext(Settings(desk_sound=False)))
    qtbot.addWidget(w)
    w.show()
    return w


def loaded(window: MainWindow, qtbot, guests: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.loading and window.model is not None and window.model.total == guests,
                    timeout=20_000)


def test_the_list_loads_on_a_worker_and_arrives_in_order(window: MainWindow, qtbot, demo: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_event(demo)
    assert window.loading and window.model is not None and window.model.total == 0  # back at once
    assert "geladen" in window.statusBar().currentMessage()
    window.search.setText("Becker")  # typed while it loads
    loaded(window, qtbot, 150)
    shown = [window.model.row(i).attendee for i in range(window.model.rowCount())]
    assert shown and all("becker" in (a.last_name + a.organisation + a.email).lower() for a in shown)
    window.search.clear()
    conn, event = open_event(demo)
    here = AttendeeTableModel(event, list_attendees(conn))  # the list as loaded on the GUI thread
    conn.close()
    assert [window.model.row(i).attendee.id for i in range(window.model.rowCount())] == [
        here.row(i).attendee.id for i in range(here.rowCount())]
    assert window.table.columnWidth(0) > 50  # fitted to the rows once they came


def test_reloads_meanwhile_come_after_the_load_and_show_what_changed(window: MainWindow, qtbot, demo: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_event(demo)
    conn, _event = open_event(demo)
    with transaction(conn):
        AttendeeRepository(conn).add_many([(Attendee(id=AttendeeId(""), first_name="Neu", last_name="Zuletzt"), {})])
    conn.close()
    window.reload()  # while the first load runs: after it, once
    window.reload()
    loaded(window, qtbot, 151)
    assert any(window.model.row(i).attendee.last_name == "Zuletzt" for i in range(151))  # type: ignore[union-attr]


def test_a_list_loading_for_an_event_closed_meanwhile_is_not_shown(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "a.kosi", tmp_path / "b.kosi"
    create_demo(first).close()
    create_demo(second).close()
    conn, _event = open_event(second)
    with transaction(conn):
        AttendeeRepository(conn).add_many([(Attendee(id=AttendeeId(""), first_name="Nur", last_name="Zweite"), {})])
    conn.close()
    assert window.open_event(first)
    assert window.open_event(second)  # the first event's load may still run
    loaded(window, qtbot, 151)
    qtbot.wait(200)  # anything of the first event's load that might still come
    assert window.model is not None and window.model.total == 151
