"""The organisers' editor for one guest's record. Hand edits win over later re-imports."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin import formats
from kosi_checkin.i18n import N_, _
from kosi_checkin.services.attendees import AttendeeRow, edit_attendee
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.ui.errors import show_error
from kosi_checkin.ui.screen_fit import fit_on_screen

TEXT_FIELDS = (
    ("title", N_("Title")),
    ("first_name", N_("First name")),
    ("last_name", N_("Last name")),
    ("organisation", N_("Organisation")),
    ("email", N_("E-mail")),
    ("door_note", N_("Door note")),
)


class AttendeeEditor(QDialog):
    saved = Signal(object)

    def __init__(self, opened: EventContext, row: AttendeeRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn, self.kosi_event, self.row = opened.conn, opened.event, row
        event = opened.event
        a = row.attendee
        self.setWindowTitle(_("Guest: {name}").format(name=a.display_name))
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for name, label in TEXT_FIELDS:
            edit = QLineEdit(getattr(a, name))
            edit.setObjectName(name)
            self.edits[name] = edit
            form.addRow(_(label) + ":", edit)
        self.sector = QComboBox()
        self.sector.setEditable(True)
        self.sector.addItems(["", *event.sector_names])
        self.sector.setCurrentText(a.sector)
        form.addRow(_("Sector") + ":", self.sector)
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(list(event.categories))
        self.category.setCurrentText(a.category)
        form.addRow(_("Category") + ":", self.category)

        sessions_box = QGroupBox(_("Registered for"))
        sessions_layout = QVBoxLayout(sessions_box)
        self.sessions: dict[str, QCheckBox] = {}
        for s in event.sessions:
            present = row.checkins.get(s.id)
            label = s.title + (_(" — present since {time}").format(time=formats.time(present)) if present else "")
            box = QCheckBox(label)
            box.setChecked(s.id in a.sessions)
            box.setObjectName(f"session-{s.id}")
            self.sessions[s.id] = box
            sessions_layout.addWidget(box)

        fields = QWidget()  # the fields scroll; Save and Cancel stay on the screen (a 30-field guest)
        layout = QVBoxLayout(fields)
        layout.addLayout(form)
        layout.addWidget(sessions_box)
        details = [f"{_('Id')}: {a.id}"]
        if a.ticket_codes:
            details.append(f"{_('Ticket codes')}: {', '.join(a.ticket_codes)}")
        details += [f"{k}: {v}" for k, v in sorted(a.extra.items())]
        if a.edited:
            details.append(_("Edited by hand: {fields}").format(fields=", ".join(sorted(a.edited))))
        info = QLabel("\n".join(details))
        info.setWordWrap(True)
        layout.addWidget(QGroupBox(_("Details")))
        layout.addWidget(info)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(buttons)
        fit_on_screen(self, max(640, fields.sizeHint().width() + 40), fields.sizeHint().height() + 80)

    def changes(self) -> dict[str, object]:
        values: dict[str, object] = {name: edit.text().strip() for name, edit in self.edits.items()}
        values["email"] = str(values["email"]).lower()
        values["sector"] = self.sector.currentText().strip()
        values["category"] = self.category.currentText().strip()
        values["sessions"] = frozenset(sid for sid, box in self.sessions.items() if box.isChecked())
        current = self.row.attendee
        return {k: v for k, v in values.items() if getattr(current, k) != v}

    def save(self) -> None:
        try:
            updated = edit_attendee(self.conn, self.kosi_event, self.row.attendee.id, self.changes())
        except Exception as exc:
            show_error(self, exc)
            return
        self.saved.emit(updated)
        self.accept()
