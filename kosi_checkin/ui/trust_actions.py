"""The main window's trust actions: backups and restore, deleting a guest on request, the
organiser PIN. Each is handed what it acts on (the open event, the guest, who acts) and the
window to show its dialogs and messages over; none reaches into a window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin import formats
from kosi_checkin.domain.errors import KosiError, UsageError
from kosi_checkin.domain.model import Attendee
from kosi_checkin.i18n import _
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.trust.backup import list_backups, make_backup, reach_backups, restore
from kosi_checkin.trust.erase import erase_guest
from kosi_checkin.trust.pin import set_pin, valid_pin
from kosi_checkin.ui.errors import show_error
from kosi_checkin.ui.ownership import Owners


def backup_now(parent: QMainWindow, event: EventContext, who: str) -> Path | None:
    try:
        path = make_backup(event.location, "manual", who=who)
    except (KosiError, OSError) as exc:
        show_error(parent, exc)
        return None
    parent.statusBar().showMessage(_("Backup written: {path}").format(path=path), 10000)
    return path


def restore_from_backup(parent: QWidget, path: Path, owners: Owners, who: str, close: Callable[[], None],
                        reopen: Callable[[Path], bool], choice: Path | None = None) -> bool:
    """Pick a backup (newest first) and restore it; the file as it was is kept as a backup.
    ``close`` gives up the window's connection first, ``reopen`` opens the restored event."""
    if choice is None:
        backups = list_backups(path)
        if not backups:
            QMessageBox.information(parent, _("Restore"), _("There are no backups of this event yet."))
            return False
        labels = [f"{formats.date_time(b.made.astimezone(), seconds=True)} — {b.reason}" for b in backups]
        label, ok = QInputDialog.getItem(parent, _("Restore"), _("Restore the event from the backup of:"), labels, 0, False)
        if not ok:
            return False
        choice = backups[labels.index(label)].path
    hold = owners.hold(path)  # this app stays the file's owner while its content is replaced
    try:
        close()  # the restore replaces the file's content: no connection of ours in the way
        try:
            restore(path, choice, who=who)
        except (KosiError, OSError) as exc:
            show_error(parent, exc)
        return reopen(path)
    finally:
        hold.release()


def delete_guest(parent: QMainWindow, event: EventContext, guest: Attendee | None, who: str,
                 confirm: bool = True) -> bool:
    """Delete one guest on request (GDPR), with their check-ins, also from the backups."""
    if guest is None:
        parent.statusBar().showMessage(_("Select the one guest to delete."), 10000)
        return False
    if confirm:
        answer = QMessageBox.question(parent, _("Delete guest"), _(
            "Delete {name} with all their check-ins, from this file and its backups? This cannot be undone. "
            "The audit log keeps only that a guest was deleted, by whom and when.").format(name=guest.display_name))
        if answer != QMessageBox.StandardButton.Yes:
            return False
    try:
        erase_guest(event.conn, guest.id, who=who)
        reach_backups(Path(event.location), erased=[guest.id])
    except (KosiError, OSError) as exc:
        show_error(parent, exc)
        return False
    return True


class PinDialog(QDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
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


def change_pin(parent: QWidget, event: EventContext, who: str) -> bool:
    dialog = PinDialog(parent)
    if not dialog.exec():
        return False
    try:
        set_pin(event.conn, dialog.pin(), who=who)
    except KosiError as exc:
        show_error(parent, exc)
        return False
    say(parent, _("The PIN is set: desk mode now asks for it to leave."))
    return True


def say(parent: QWidget, text: str) -> None:
    """A confirmation in the window's status bar (a dialog's parent may be a plain widget)."""
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 15000)
