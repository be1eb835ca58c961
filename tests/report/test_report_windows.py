"""The report from the window (offscreen Qt): export and signature lists in the background with
cancel, the statistics window refreshing while a desk checks guests in, its chart saved as PNG,
and guests marked present afterwards from the list."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QImage

from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import by_key
from kosi_checkin.config import Settings
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.repositories import JournalRepository
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.main_window import MainWindow
from kosi_checkin.ui.report.export_dialog import CSV, SIGNATURES, ExportDialog
from kosi_checkin.ui.report.late_dialog import LateDialog
from kosi_checkin.ui.report.stats_window import StatsWindow


def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    return path


def test_export_dialog_saves_each_kind_and_cancels(qtbot, tmp_path: Path) -> None:
    path = demo(tmp_path)
    conn, event = open_event(path)
    conn.close()
    dialog = ExportDialog(EventContext(path, conn, event))
    qtbot.addWidget(dialog)
    out = tmp_path / "a.xlsx"
    dialog.start(out)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert dialog.written == out and openpyxl.load_workbook(out).sheetnames[0] == "Übersicht"
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(CSV))
    dialog.start(tmp_path / "a.csv")
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbf") and b";" in (tmp_path / "a.csv").read_bytes()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(SIGNATURES))
    dialog.start(tmp_path / "s.pdf")
    dialog.cancel_or_close()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert not (tmp_path / "s.pdf").exists() and "abgebrochen" in dialog.status.text()
    dialog.start(tmp_path / "s.pdf")
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")


def stats_window(qtbot, tmp_path: Path) -> tuple[StatsWindow, Path, sqlite3.Connection]:  # type: ignore[no-untyped-def]
    """The statistics window, shown, on a fresh demo event: (window, its file, its connection)."""
    path = demo(tmp_path)
    conn, event = open_event(path)
    window = StatsWindow(EventContext(path, conn, event))
    qtbot.addWidget(window)
    window.show()
    return window, path, conn


def test_stats_window_refreshes_while_a_desk_works_and_saves_the_chart(qtbot, tmp_path: Path) -> None:
    window, path, conn = stats_window(qtbot, tmp_path)
    assert window.table.item(0, 1).text() == "0"
    desk_conn, desk_event = open_event(path)  # another desk on the same file
    moment = dt.datetime(2019, 4, 2, 9, 31, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    desk = Desk(desk_conn, desk_event, "Tisch 2", lambda: moment)
    guests = [g for g in desk.guests.values() if "werkstatt" in g.sessions][:5]
    for guest in guests:
        desk.check_in(guest.id, by_key(desk_event, "werkstatt"))
    qtbot.waitUntil(lambda: window.table.item(0, 1).text() == "5", timeout=10000)
    assert window.chart.data and sum(count for _t, count in window.chart.data) == 5
    png = window.save_chart(tmp_path / "chart.png")
    image = QImage(str(png))
    assert image.width() == 1200 and image.height() == 600
    desk_conn.close()
    window.close()
    conn.close()


def test_mark_present_afterwards_from_the_list(qtbot, tmp_path: Path) -> None:
    path = demo(tmp_path)
    main = MainWindow(AppContext(Settings(desk_name="Anna Orga")))
    qtbot.addWidget(main)
    assert main.open_event(path)
    qtbot.waitUntil(lambda: main.model is not None and main.model.rowCount() == 150, timeout=10000)
    selection = main.table.selectionModel()
    for row in (0, 3, 7):
        selection.select(main.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    chosen = [main.model.row(r).attendee.id for r in (0, 3, 7)]
    main.mark_late()
    dialog: LateDialog = main.dialogs["late"]
    dialog.session_box.setCurrentIndex(dialog.session_box.findData("podium"))
    assert dialog.who.text() == "Anna Orga"
    dialog.accept()
    entries = [e for e in JournalRepository(main.conn).entries() if e.session_id == "podium"]
    assert sorted(e.attendee_id for e in entries) == sorted(chosen)
    assert all(e.is_late and e.desk == "Anna Orga" for e in entries)
    assert main.menu_actions["export"].isEnabled() and main.menu_actions["stats"].isEnabled()


def test_signature_list_after_the_event_lists_those_present_only(qtbot, tmp_path: Path) -> None:
    """From the dialog, "after the event": the guests who were there (three checked in), not the
    42 registered for the Werkstatt; and no CSV delimiter on the way."""
    import subprocess

    path = demo(tmp_path)
    conn, event = open_event(path)
    desk = Desk(conn, event, "Tisch 1")
    registered = [g for g in desk.guests.values() if "werkstatt" in g.sessions]
    for guest in registered[:3]:
        desk.check_in(guest.id, by_key(event, "werkstatt"))  # type: ignore[arg-type]
    conn.close()
    dialog = ExportDialog(EventContext(path, conn, event), SIGNATURES)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.delimiter.isVisibleTo(dialog) and dialog.after.isVisibleTo(dialog)
    dialog.session_box.setCurrentIndex(dialog.session_box.findData("werkstatt"))
    dialog.after.setChecked(True)
    dialog.start(tmp_path / "after.pdf")
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "after.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    listed = [g for g in registered if g.last_name in text and g.first_name in text]
    assert {g.id for g in registered[:3]} <= {g.id for g in listed} and len(registered) > 10
    assert len([g for g in listed if g not in registered[:3]]) <= 2  # namesakes at most, not the 39 absent
    assert text.count("✓") >= 3


def test_statistics_tell_the_sessions_apart_at_their_default_size(qtbot, tmp_path: Path) -> None:
    window, _path, conn = stats_window(qtbot, tmp_path)
    qtbot.waitExposed(window)
    table = window.table
    shown = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert len(set(shown)) == len(shown) and "Arbeitsforum A" in shown  # three forums apart
    metrics = table.fontMetrics()
    assert all(metrics.horizontalAdvance(text) <= table.columnWidth(0) for text in shown)  # none cut with "…"
    assert table.item(shown.index("Arbeitsforum A"), 0).toolTip().startswith("Arbeitsforum A:")
    conn.close()
