"""A badge printed before: why again? Lost, typo fixed (then the corrected name goes into the
guest's record first), damaged, or something else. The print log keeps the reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin.domain.model import Attendee
from kosi_checkin.i18n import _
from kosi_checkin.services.badge_on_demand import REASONS, reason_text

BADGE_FIELDS = ("title", "first_name", "last_name", "organisation")


class ReprintDialog(QDialog):
    def __init__(self, guest: Attendee, times: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guest = guest
        self.setWindowTitle(_("Print the badge again"))
        intro = QLabel(_("The badge of {name} has been printed before ({n}×). Why again?").format(
            name=guest.display_name, n=times))
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        labels = {"lost": _("Lost or forgotten"), "typo": _("Typo: correct the name first"),
                  "damaged": _("Damaged"), "other": _("Something else:")}
        box = QVBoxLayout()
        for key in REASONS:
            button = QRadioButton(labels[key])
            button.setObjectName(f"reason-{key}")
            button.setProperty("key", key)
            self.group.addButton(button)
            box.addWidget(button)
        self.group.buttons()[0].setChecked(True)
        self.note = QLineEdit()
        self.note.setObjectName("reasonNote")
        box.addWidget(self.note)
        self.fields: dict[str, QLineEdit] = {}
        self.typo_box = QGroupBox(_("Correct the badge"))
        form = QFormLayout(self.typo_box)
        names = {"title": _("Title"), "first_name": _("First name"), "last_name": _("Last name"),
                 "organisation": _("Organisation")}
        for field in BADGE_FIELDS:
            edit = QLineEdit(str(getattr(guest, field)))
            edit.setObjectName(f"fix-{field}")
            self.fields[field] = edit
            form.addRow(names[field], edit)
        self.typo_box.setVisible(False)
        self.group.buttonToggled.connect(lambda _b, _c: self._update())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Print"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(box)
        layout.addWidget(self.typo_box)
        layout.addWidget(buttons)
        self._update()

    @property
    def key(self) -> str:
        button = self.group.checkedButton()
        return str(button.property("key")) if button is not None else "other"

    def _update(self) -> None:
        self.typo_box.setVisible(self.key == "typo")
        self.note.setEnabled(self.key == "other")
        self.adjustSize()

    def reason(self) -> str:
        return reason_text(self.key, self.note.text().strip() if self.key == "other" else "")

    def changes(self) -> dict[str, object]:
        """The corrected fields (only with "typo fixed")."""
        if self.key != "typo":
            return {}
        return {f: e.text().strip() for f, e in self.fields.items() if e.text().strip() != getattr(self.guest, f)}
