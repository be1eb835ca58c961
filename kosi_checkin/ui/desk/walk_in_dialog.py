"""A guest registered at the door: a short form (name, organisation, sector, sessions)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin.checkin.targets import Target
from kosi_checkin.domain.model import Attendee, AttendeeId, Event, SessionId
from kosi_checkin.i18n import _


class WalkInDialog(QDialog):
    def __init__(self, event: Event, target: Target, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Walk-in"))
        self.title = QLineEdit()
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        words = name.split()
        if words:
            self.first_name.setText(" ".join(words[:-1]) if len(words) > 1 else "")
            self.last_name.setText(words[-1])
        self.organisation = QLineEdit()
        self.sector = QComboBox()
        self.sector.addItem("", "")
        for sector in event.sector_names:
            self.sector.addItem(sector, sector)
        self.sessions: dict[SessionId, QCheckBox] = {}
        form = QFormLayout()
        form.addRow(_("Title"), self.title)
        form.addRow(_("First name"), self.first_name)
        form.addRow(_("Last name"), self.last_name)
        form.addRow(_("Organisation"), self.organisation)
        form.addRow(_("Sector"), self.sector)
        chosen = set(target.ids) if target.kind != "group" else {target.ids[0]}
        for session in event.sessions:
            box = QCheckBox(session.title)
            box.setChecked(session.id in chosen)
            self.sessions[session.id] = box
            form.addRow("", box)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Register and check in"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Register a guest at the door; they are marked as walk-in for the report.")))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        (self.first_name if not words else self.organisation).setFocus()

    def _accept(self) -> None:
        if not (self.first_name.text().strip() or self.last_name.text().strip()):
            self.problem.setText(_("Please enter a name."))
            self.problem.show()
            return
        self.accept()

    def attendee(self) -> Attendee:
        return Attendee(
            id=AttendeeId(""),
            title=self.title.text().strip(),
            first_name=self.first_name.text().strip(),
            last_name=self.last_name.text().strip(),
            organisation=self.organisation.text().strip(),
            sector=str(self.sector.currentData() or ""),
            sessions=frozenset(s for s, box in self.sessions.items() if box.isChecked()),
            walk_in=True,
        )
