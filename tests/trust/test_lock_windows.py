"""Desk mode and organiser mode in the real windows (offscreen): an event with a PIN opens in
desk mode, organiser actions ask for the PIN, wrong PINs are refused, leaving full screen and the
kiosk need it; backups while the desk runs; deleting a guest and restoring from the window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from kosi_checkin.checkin.desk import Desk
from kosi_checkin.config import Settings
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event
from kosi_checkin.trust.audit import AuditLog
from kosi_checkin.trust.backup import list_backups
from kosi_checkin.trust.pin import set_pin
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk.backups import DeskBackups
from kosi_checkin.ui.desk.desk_window import DeskWindow
from kosi_checkin.ui.desk.kiosk_window import KioskWindow
from kosi_checkin.ui.lock import OrganiserLock
from kosi_checkin.ui.main_window import MainWindow

PIN = "2468"


@pytest.fixture
def locked_event(tmp_path: Path) -> Path:
    path = tmp_path / "locked.kosi"
    create_demo(path).close()
    conn, _event = open_event(path)
    set_pin(conn, PIN)
    conn.close()
    return path


def answer_pin(text: str) -> None:
    """Type into the PIN dialog when it shows, and close the message box a wrong PIN brings."""
    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, step)
            return
        if isinstance(dialog, QMessageBox):
            dialog.accept()
            return
        dialog.findChild(QLineEdit).setText(text)
        dialog.accept()
        QTimer.singleShot(50, close_message)

    def close_message() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.accept()

    QTimer.singleShot(0, step)


def test_event_with_pin_opens_in_desk_mode_and_organiser_actions_ask(qtbot, locked_event: Path) -> None:
    main = MainWindow(AppContext(Settings(desk_name="Tisch 1")))
    qtbot.addWidget(main)
    assert main.open_event(locked_event)
    assert not main.lock.organiser and "Einlassmodus" in main.windowTitle()
    opened: list[str] = []
    answer_pin("0000")  # wrong
    main._guarded(lambda: opened.append("import"))
    assert opened == [] and not main.lock.organiser
    answer_pin(PIN)
    main._guarded(lambda: opened.append("import"))
    assert opened == ["import"] and main.lock.organiser and "Einlassmodus" not in main.windowTitle()
    main.lock_window()  # back to desk mode: no PIN needed
    assert not main.lock.organiser
    modes = [e.detail for e in AuditLog(main.conn).entries() if e.action == "mode"]
    assert modes == ["organiser", "desk"]


def test_demo_without_pin_is_open(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    main = MainWindow(AppContext(Settings()))
    qtbot.addWidget(main)
    assert main.open_event(path) and main.lock.organiser
    ran: list[int] = []
    main._guarded(lambda: ran.append(1))
    assert ran == [1]


def test_leaving_full_screen_and_the_kiosk_need_the_pin(qtbot, locked_event: Path) -> None:
    conn, event = open_event(locked_event)
    moment = dt.datetime(2019, 4, 2, 9, 40, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    lock = OrganiserLock(conn)
    desk = Desk(conn, event, "Tisch 1", lambda: moment)
    window = DeskWindow(AppContext(Settings(desk_sound=False)), desk, lock=lock)
    qtbot.addWidget(window)
    window.show()
    window.toggle_full_screen()
    assert window.isFullScreen()
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    window.toggle_full_screen()  # the volunteer cancels the PIN: stays full screen
    assert window.isFullScreen()
    answer_pin(PIN)
    window.toggle_full_screen()
    assert not window.isFullScreen()
    lock.lock()
    kiosk = KioskWindow(AppContext(Settings(desk_sound=False)), desk, lock)
    qtbot.addWidget(kiosk)
    kiosk.show()
    answer_pin("1111")
    kiosk.leave()
    assert kiosk.isVisible()
    qtbot.wait(5100)  # three tries are free: here one wrong PIN, no waiting yet
    answer_pin(PIN)
    kiosk.leave()
    assert not kiosk.isVisible()
    conn.close()


def test_desk_backups_while_running_and_on_close(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "desk.kosi"
    create_demo(path).close()
    backups = DeskBackups(path, 10, "Tisch 1")
    assert backups.timer.isActive() and backups.timer.interval() == 600_000
    backups.backup_in_background()
    qtbot.waitUntil(lambda: len(backups.made) == 1, timeout=10000)
    backups.stop()
    assert [b.reason for b in list_backups(path)] == ["desk-close", "desk"]


def test_delete_guest_and_restore_from_the_window(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "e.kosi"
    create_demo(path).close()
    main = MainWindow(AppContext(Settings(desk_name="Orga")))
    qtbot.addWidget(main)
    assert main.open_event(path)
    qtbot.waitUntil(lambda: main.model is not None and main.model.rowCount() == 150, timeout=10000)
    backup = main.backup_now()
    assert backup is not None and backup.exists()
    main.table.selectionModel().select(main.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                       | QItemSelectionModel.SelectionFlag.Rows)
    victim = main.model.row(0).attendee
    assert main.delete_selected(confirm=False)
    qtbot.waitUntil(lambda: main.model.rowCount() == 149, timeout=10000)
    assert victim.email.encode() not in backup.read_bytes()
    assert main.restore_backup(backup)
    qtbot.waitUntil(lambda: main.model is not None and main.model.rowCount() == 149, timeout=10000)
    assert victim.id not in {main.model.row(r).attendee.id for r in range(main.model.rowCount())}
