"""A guest's details at the desk: sessions with registration and check-in, and undo of any
check-in at any time. E-mail and extra fields are not shown here (desk mode)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin import formats
from kosi_checkin.checkin.answers import Answer
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.domain.model import Attendee
from kosi_checkin.i18n import _


class GuestDialog(QDialog):
    def __init__(self, desk: Desk, guest: Attendee, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.guest = guest
        self.answers: list[Answer] = []
        self.setWindowTitle(guest.display_name)
        self.layout_ = QVBoxLayout(self)
        heading = QLabel(f"<b style='font-size:16pt'>{_escape(guest.display_name)}</b><br>{_escape(guest.organisation)}")
        self.layout_.addWidget(heading)
        if guest.door_note:
            self.layout_.addWidget(QLabel(_("Note: {note}").format(note=guest.door_note)))
        self.rows = QVBoxLayout()
        self.layout_.addLayout(self.rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)
        self.undo_buttons: dict[str, QPushButton] = {}
        self._fill()

    def _fill(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            layout = item.layout() if item is not None else None
            if layout is not None:
                while layout.count():
                    inner = layout.takeAt(0)
                    child = inner.widget() if inner is not None else None
                    if child is not None:
                        child.deleteLater()
        self.undo_buttons.clear()
        present = self.desk.presence.of_guest(self.guest.id)
        for session in self.desk.event.sessions:
            row = QHBoxLayout()
            entry = present.get(session.id)
            registered = session.id in self.guest.sessions
            if entry is not None:
                state = _("present since {time} ({desk})").format(time=formats.time(entry.at), desk=entry.desk)
            elif registered:
                state = _("registered, not yet here")
            else:
                state = _("not registered")
            row.addWidget(QLabel(f"<b>{_escape(session.title)}</b>: {_escape(state)}"), 1)
            if entry is not None:
                button = QPushButton(_("Undo check-in"))
                button.clicked.connect(lambda _checked=False, sid=session.id: self._undo(sid))
                self.undo_buttons[session.id] = button
                row.addWidget(button)
            self.rows.addLayout(row)

    def _undo(self, session_id: str) -> None:
        self.answers.append(self.desk.undo(self.guest.id, session_id))
        self._fill()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
