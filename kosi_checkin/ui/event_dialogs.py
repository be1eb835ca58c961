"""The dialogs and windows the main window opens on its event: the desk, badges, export,
statistics, marking present afterwards, the logo, printer set-up, import and the guest editor.
Each opener is handed the open event (and what else it needs) explicitly; the opened ones are
kept by name until they close."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QWidget

from kosi_checkin import formats
from kosi_checkin.checkin.afterwards import Marked
from kosi_checkin.domain.model import Attendee
from kosi_checkin.i18n import _, ngettext
from kosi_checkin.services.attendees import AttendeeRow
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.errors import show_error
from kosi_checkin.ui.file_dialogs import open_file_name
from kosi_checkin.ui.lock import OrganiserLock


class EventDialogs:
    def __init__(self, parent: QMainWindow, app: AppContext, changed: Callable[[], None]) -> None:
        self.parent = parent
        self.app = app
        self.changed = changed  # the event changed: the list reads it again
        self.opened: dict[str, QWidget] = {}

    def _keep(self, name: str, widget: QWidget) -> None:
        self.opened[name] = widget

    def open_desk(self, event: EventContext, mode: str, lock: OrganiserLock | None) -> None:
        """The desk (or a print station, or the kiosk) in its own window, on its own connection."""
        from kosi_checkin.ui.desk.launch import open_desk_window

        try:
            window = open_desk_window(self.app, event.location, mode=mode, lock=lock)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            show_error(self.parent, exc)
            return
        self._keep("desk", window)
        window.destroyed.connect(lambda *_a: self.changed())  # check-ins made at the desk show in the list
        window.show()

    def print_badges(self, event: EventContext, selected_ids: list[str]) -> None:
        from kosi_checkin.ui.badges.batch_dialog import BadgeBatchDialog

        dialog = BadgeBatchDialog(self.app, event, selected_ids, self.parent)
        self._keep("badges", dialog)
        dialog.open()

    def export(self, event: EventContext, kind: str) -> None:
        from kosi_checkin.ui.report.export_dialog import ExportDialog

        dialog = ExportDialog(event, kind, self.parent)
        self._keep("export", dialog)
        dialog.open()

    def certificates(self, event: EventContext, selected_ids: list[str]) -> None:
        from kosi_checkin.ui.report.certificates_dialog import CertificatesDialog

        dialog = CertificatesDialog(event, selected_ids, self.parent)
        self._keep("certificates", dialog)
        dialog.open()

    def show_stats(self, event: EventContext) -> None:
        from kosi_checkin.ui.report.stats_window import StatsWindow

        try:
            own = event.reopened()  # its own connection, refreshed by a timer
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            show_error(self.parent, exc)
            return
        window = StatsWindow(own)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_a: own.close())
        self._keep("stats", window)
        window.show()

    def mark_late(self, event: EventContext, guests: list[Attendee]) -> None:
        from kosi_checkin.ui.report.late_dialog import LateDialog

        if not guests:
            self.parent.statusBar().showMessage(
                _("Select the guests on the signed list first (Ctrl+click, Shift+click)."), 10000)
            return
        dialog = LateDialog(event, guests, self.app.settings.desk_name, self.parent)
        dialog.accepted.connect(self.changed)
        dialog.accepted.connect(lambda: self._say_marked(dialog.marked))
        self._keep("late", dialog)
        dialog.open()

    def _say_marked(self, marked: Marked | None) -> None:
        """The confirmation after marking guests present afterwards."""
        if marked is None:
            return
        text = ngettext("{n} guest marked present afterwards.", "{n} guests marked present afterwards.",
                        len(marked.added)).format(n=len(marked.added))
        if marked.already:
            text += " " + ngettext("{n} was present already.", "{n} were present already.",
                                   len(marked.already)).format(n=len(marked.already))
        self.parent.statusBar().showMessage(text, 15000)

    def choose_logo(self, event: EventContext) -> None:
        from kosi_checkin.services.event_logo import set_logo

        name = open_file_name(self.parent, _("Event logo for badges"), str(Path.home()), _("Images (*.png *.jpg *.jpeg)"))
        if not name:
            return
        try:
            set_logo(event.conn, Path(name))
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            show_error(self.parent, exc)

    def printer_setup(self) -> None:
        from kosi_checkin.ui.badges.printer_setup import PrinterSetupDialog

        dialog = PrinterSetupDialog(self.app, self.parent)
        self._keep("printer", dialog)
        dialog.open()

    def start_import(self, event: EventContext, path: Path) -> None:
        from kosi_checkin.ui.import_dialog import ImportDialog

        dialog = ImportDialog(event, path, self.parent)
        dialog.imported.connect(self.changed)
        self._keep("import", dialog)
        dialog.open()

    def edit(self, event: EventContext, row: AttendeeRow) -> None:
        from kosi_checkin.ui.attendee_editor import AttendeeEditor

        open_one = self.opened.get("editor")
        if isinstance(open_one, AttendeeEditor) and open_one.isVisible() and open_one.row.attendee.id == row.attendee.id:
            open_one.raise_()  # the guest's editor is open already: one, not two
            open_one.activateWindow()
            return
        dialog = AttendeeEditor(event, row, self.parent)
        dialog.saved.connect(lambda _a: self.changed())
        self._keep("editor", dialog)
        dialog.open()

    def show_guide(self, event: EventContext | None) -> None:
        from kosi_checkin.ui.guide_dialog import GuideDialog

        name = f"{event.event.name} — {formats.date(event.event.date)}" if event else ""
        dialog = GuideDialog(name, self.parent)
        self._keep("guide", dialog)
        dialog.open()
