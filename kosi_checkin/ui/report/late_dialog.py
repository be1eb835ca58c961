"""After the event: mark the guests selected in the list present for one session, from a signed
paper list. Recorded as "nachgetragen" with who did it and when."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kosi_checkin.checkin.afterwards import Marked, mark_present_afterwards
from kosi_checkin.domain.errors import KosiError
from kosi_checkin.domain.model import Attendee
from kosi_checkin.i18n import _, ngettext
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.ui.errors import show_error


class LateDialog(QDialog):
    def __init__(self, opened: EventContext, guests: list[Attendee], who: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn, self.kosi_event, self.guests = opened.conn, opened.event, guests
        event = opened.event
        self.marked: Marked | None = None
        self.setWindowTitle(_("Mark present afterwards"))
        names = ", ".join(g.display_name for g in guests[:8]) + (" …" if len(guests) > 8 else "")
        intro = QLabel(ngettext("{n} guest selected: {names}", "{n} guests selected: {names}", len(guests)).format(
            n=len(guests), names=names))
        intro.setWordWrap(True)
        self.session_box = QComboBox()
        self.session_box.setObjectName("lateSession")
        for session in event.sessions:
            self.session_box.addItem(session.title, session.id)
        self.who = QLineEdit(who)
        self.who.setObjectName("lateWho")
        self.who.setPlaceholderText(_("your name, for the record"))
        form = QFormLayout()
        form.addRow(_("Present in:"), self.session_box)
        form.addRow(_("Marked by:"), self.who)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Recorded as \u201cnachgetragen\u201d with your name and the time; shown so in the export.")))
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.marked = mark_present_afterwards(self.conn, self.kosi_event, [g.id for g in self.guests],
                                                  str(self.session_box.currentData()), self.who.text())
        except KosiError as exc:
            show_error(self, exc)
            return
        super().accept()
