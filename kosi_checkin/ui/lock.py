"""Desk mode and organiser mode for the windows of one event. Desk mode: check in, search, undo
recent check-ins, walk-ins, reprint a badge; guests' e-mail and extra fields hidden. Organiser
mode (behind the event's PIN, if one is set): import, edit, delete, export, settings, leaving full
screen or the kiosk. Switching to desk mode needs no PIN; wrong PINs are rate-limited; every
switch is written to the audit log. The PIN locks the window, not the file."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from kosi_checkin.i18n import _
from kosi_checkin.trust.audit import MODE, AuditLog
from kosi_checkin.trust.pin import PinGate


class OrganiserLock(QObject):
    changed = Signal(bool)  # True: organiser mode

    def __init__(self, conn: sqlite3.Connection, who: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.who = who
        self.gate = PinGate(conn)
        self.organiser = self.gate.open  # with a PIN set, the windows start in desk mode

    def _set(self, organiser: bool) -> None:
        if organiser == self.organiser:
            return
        self.organiser = organiser
        try:
            AuditLog(self.conn).record(MODE, "organiser" if organiser else "desk", self.who)
        except sqlite3.Error:
            pass  # a read-only or full file must not stop the switch; the desk shows its own error
        self.changed.emit(organiser)

    def lock(self) -> None:
        """To desk mode: no PIN needed."""
        self._set(False)

    def try_unlock(self, pin: str) -> tuple[bool, float]:
        """(unlocked, seconds to wait before the next try)."""
        attempt = self.gate.try_pin(pin)
        if attempt.ok:
            self._set(True)
        return attempt.ok, attempt.wait

    def unlock(self, parent: QWidget | None) -> bool:
        """Organiser mode: at once without a PIN, else after asking for it."""
        if self.organiser:
            return True
        if self.gate.open:
            self._set(True)
            return True
        wait = self.gate.wait()
        if wait > 0:
            QMessageBox.warning(parent, _("Organiser mode"), _("Too many wrong PINs. Try again in {s} seconds.").format(
                s=int(wait + 0.999)))
            return False
        pin, ok = QInputDialog.getText(parent, _("Organiser mode"), _("Organiser PIN:"), QLineEdit.EchoMode.Password)
        if not ok:
            return False
        unlocked, wait = self.try_unlock(pin)
        if not unlocked:
            message = _("Wrong PIN.")
            if wait > 0:
                message += " " + _("Try again in {s} seconds.").format(s=int(wait + 0.999))
            QMessageBox.warning(parent, _("Organiser mode"), message)
        return unlocked

    def require(self, parent: QWidget | None) -> bool:
        """Guard for an organiser action: True if allowed now (asking for the PIN if needed)."""
        return self.organiser or self.unlock(parent)
