"""The main window's trust actions: backups and restore, deleting a guest on request, the
organiser PIN. Kept apart from the window itself; each acts on the window's open event."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QInputDialog, QLineEdit, QMessageBox, QVBoxLayout

from kosi_checkin.domain.errors import KosiError, UsageError
from kosi_checkin.i18n import _
from kosi_checkin.trust.backup import list_backups, make_backup, reach_backups, restore
from kosi_checkin.trust.erase import erase_guest
from kosi_checkin.trust.pin import set_pin, valid_pin
from kosi_checkin.ui.errors import show_error

if TYPE_CHECKING:
    from kosi_checkin.ui.main_window import MainWindow


def backup_now(window: MainWindow) -> Path | None:
    if window.event_path is None:
        return None
    try:
        path = make_backup(window.event_path, "manual", who=window.context.settings.desk_name)
    except (KosiError, OSError) as exc:
        show_error(window, exc)
        return None
    window.statusBar().showMessage(_("Backup written: {path}").format(path=path), 10000)
    return path


def restore_from_backup(window: MainWindow, choice: Path | None = None) -> bool:
    """Pick a backup (newest first) and restore it; the file as it was is kept as a backup."""
    if window.event_path is None:
        return False
    path = window.event_path
    if choice is None:
        backups = list_backups(path)
        if not backups:
            QMessageBox.information(window, _("Restore"), _("There are no backups of this event yet."))
            return False
        labels = [f"{b.made.astimezone().strftime('%d.%m.%Y %H:%M:%S')} — {b.reason}" for b in backups]
        label, ok = QInputDialog.getItem(window, _("Restore"), _("Restore the event from the backup of:"), labels, 0, False)
        if not ok:
            return False
        choice = backups[labels.index(label)].path
    owners = window.context.owners
    owners.claim(path)  # this app stays the file's owner while its content is replaced
    try:
        window.close_event_file()  # the restore replaces the file's content: no connection of ours in the way
        try:
            restore(path, choice, who=window.context.settings.desk_name)
        except (KosiError, OSError) as exc:
            show_error(window, exc)
        return window.open_event(path)
    finally:
        owners.release(path)


def delete_guest(window: MainWindow, confirm: bool = True) -> bool:
    """Delete the selected guest on request (GDPR), with their check-ins, also from the backups."""
    if window.conn is None or window.model is None or window.event_path is None:
        return False
    rows = window.table.selectionModel().selectedRows() if window.table.selectionModel() else []
    if len(rows) != 1:
        window.statusBar().showMessage(_("Select the one guest to delete."), 10000)
        return False
    guest = window.model.row(rows[0].row()).attendee
    if confirm:
        answer = QMessageBox.question(window, _("Delete guest"), _(
            "Delete {name} with all their check-ins, from this file and its backups? This cannot be undone. "
            "The audit log keeps only that a guest was deleted, by whom and when.").format(name=guest.display_name))
        if answer != QMessageBox.StandardButton.Yes:
            return False
    try:
        erase_guest(window.conn, guest.id, who=window.context.settings.desk_name)
        reach_backups(window.event_path, erased=[guest.id])
    except (KosiError, OSError) as exc:
        show_error(window, exc)
        return False
    window.reload()
    return True


class PinDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(_("Organiser PIN"))
        self.first = QLineEdit()
        self.second = QLineEdit()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(_("New PIN (at least 4 digits, empty: no PIN):"), self.first)
        form.addRow(_("Once more:"), self.second)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = _("The PIN locks this window, not the file: the event file is not encrypted. "
                 "Use disk encryption on desk laptops.")
        from PySide6.QtWidgets import QLabel

        label = QLabel(note)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(buttons)

    def pin(self) -> str | None:
        if self.first.text() != self.second.text():
            raise UsageError(_("The two PINs differ; nothing was changed."))
        if not self.first.text():
            return None
        valid_pin(self.first.text())
        return self.first.text()


def change_pin(window: MainWindow) -> bool:
    if window.conn is None:
        return False
    dialog = PinDialog(window)
    if not dialog.exec():
        return False
    try:
        set_pin(window.conn, dialog.pin(), who=window.context.settings.desk_name)
    except KosiError as exc:
        show_error(window, exc)
        return False
    return True
