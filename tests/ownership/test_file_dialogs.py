"""No file dialog of the app opens the event file, its -wal, -shm or lock file while it lists the
event's folder (closing such a descriptor would silently drop SQLite's fcntl locks: README, *One
owner*). inotify sees every open, by any thread of this process."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from file_watch import OpenWatch

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from kosi_checkin.config import Settings
from kosi_checkin.i18n import set_language
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.door_commands import DoorParams, checkin
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.services.events import open_event
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.file_dialogs import file_dialog
from kosi_checkin.ui.main_window import MainWindow

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
PACKAGE = Path(__file__).resolve().parents[2] / "kosi_checkin"


@pytest.fixture
def event(tmp_path: Path) -> Path:
    folder = tmp_path / "Veranstaltung"
    folder.mkdir()
    path = folder / "kosi.kosi"
    create_demo(path).close()
    (folder / "Anmeldungen.csv").write_text("Vorname;Nachname\nAnna;Becker\n", encoding="utf-8")
    return path


def _files(event: Path) -> list[Path]:
    return [event, Path(f"{event}-wal"), Path(f"{event}-shm"), Path(f"{event}.lock")]


def _list_then_cancel(folder: Path, seen: list[str], ms: int = 1500) -> None:
    """When the dialog is up: show the event's folder in both views for ``ms``, then cancel."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, look)
            return
        seen.append(dialog.windowTitle())
        dialog.setDirectory(str(folder))
        QTimer.singleShot(ms // 2, lambda: dialog.setViewMode(QFileDialog.ViewMode.Detail))
        QTimer.singleShot(ms, dialog.reject)

    QTimer.singleShot(50, look)


def test_the_watch_sees_what_qts_default_dialog_does(qtbot, event: Path) -> None:
    """The control: Qt's own dialog with its default icon provider opens the event's files to
    guess their type. If this ever stops, the test below would prove nothing: look again."""
    conn, kosi = open_event(event)
    checkin(EventContext(event, conn, kosi), DoorParams(attendee=conn.execute("SELECT id FROM attendees").fetchone()[0], session="werkstatt",
                                   force=True, now="2019-04-02T10:00:00+02:00"))
    watch = OpenWatch(_files(event)[:3])
    try:
        dialog = QFileDialog(None, "default", str(event.parent), "KoSI (*.kosi);;* (*)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        QTimer.singleShot(1500, dialog.reject)
        dialog.exec()
        assert event in watch.opened()
    finally:
        watch.close()
        conn.close()


def _dialogs(window: MainWindow) -> dict[str, Callable[[], object]]:
    from kosi_checkin.ui.badges.batch_dialog import BadgeBatchDialog
    from kosi_checkin.ui.guide_dialog import GuideDialog
    from kosi_checkin.ui.report.export_dialog import ExportDialog
    from kosi_checkin.ui.report.stats_window import StatsWindow

    assert window.conn is not None and window.kosi_event is not None and window.event_path is not None
    return {
        "import": window.choose_import,
        "open event": window.choose_event,
        "new event": window._save_path,
        "event from TOML": window.new_from_config,
        "logo": window.choose_logo,
        "export": lambda: ExportDialog(window.current, "xlsx", window).start(),
        "signature lists": lambda: ExportDialog(window.current, "signatures", window).start(),
        "badges": lambda: BadgeBatchDialog(window.context, window.current, [], window).start(),
        "statistics chart": lambda: StatsWindow(window.current).save_chart(),
        "door guide": lambda: GuideDialog("", window).save(),
    }


@pytest.mark.parametrize("lang", ["de"])
def test_no_dialog_of_the_app_opens_the_event_files(qtbot, event: Path, lang: str) -> None:
    set_language(lang)
    window = MainWindow(AppContext(Settings(desk_sound=False)))
    qtbot.addWidget(window)
    assert window.open_event(event)
    assert window.conn is not None and window.kosi_event is not None
    assert window.current is not None
    checkin(window.current, DoorParams(  # a WAL with content, as at the door
        attendee=window.conn.execute("SELECT id FROM attendees").fetchone()[0], session="werkstatt", force=True,
        now="2019-04-02T10:00:00+02:00"))
    assert all(p.exists() for p in _files(event))
    for name, show in _dialogs(window).items():
        watch = OpenWatch(_files(event))
        seen: list[str] = []
        try:
            _list_then_cancel(event.parent, seen)
            show()
            opened = watch.opened()
        finally:
            watch.close()
        assert seen, f"the {name} dialog did not appear"
        assert opened == [], f"the {name} dialog ({seen[0]}) opened {[p.name for p in opened]}"
    window.close()


def test_every_file_dialog_is_the_apps_own() -> None:
    """Only ui/file_dialogs.py makes a QFileDialog: no static getOpenFileName & co. (which
    may be the desktop's native dialog, or Qt's with the default icon provider)."""
    offenders = []
    for source in PACKAGE.rglob("*.py"):
        if source.name == "file_dialogs.py":
            continue
        text = source.read_text(encoding="utf-8")
        if re.search(r"\bQFileDialog\b|\bQFileSystemModel\b|\bQFileIconProvider\b", text):
            offenders.append(str(source.relative_to(PACKAGE)))
    assert offenders == []


def test_a_save_dialog_in_the_folder_opens_nothing(qtbot, event: Path) -> None:
    conn, _kosi = open_event(event)
    watch = OpenWatch(_files(event)[:3])
    try:
        dialog = file_dialog(None, "save", str(event.parent / "Export.xlsx"), "Excel (*.xlsx);;* (*)", save=True)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        QTimer.singleShot(1500, dialog.reject)
        dialog.exec()
        assert watch.opened() == []
    finally:
        watch.close()
        conn.close()
