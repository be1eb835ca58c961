"""The big answer: colour AND icon AND words, readable across a table. Colours are chosen so
that the icon and words alone carry the meaning (colour-blind safe)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from kosi_checkin.checkin.answers import Answer, Tone
from kosi_checkin.i18n import _

# background, text; contrast >= 4.5:1 for white text
COLOURS = {
    Tone.GREEN: ("#1b6e34", "#ffffff"),
    Tone.AMBER: ("#f2b705", "#1a1a1a"),
    Tone.RED: ("#b3261e", "#ffffff"),
    Tone.NEUTRAL: ("#37474f", "#ffffff"),
    Tone.BLUE: ("#0d47a1", "#ffffff"),
}
ICONS = {Tone.GREEN: "✔", Tone.AMBER: "⚠", Tone.RED: "✖", Tone.NEUTRAL: "↺", Tone.BLUE: "⎙"}


def _centred(name: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class AnswerPanel(QFrame):
    def __init__(self, invitation: str = "") -> None:
        super().__init__()
        self.invitation = invitation  # what the idle panel says ("" = the desk's words)
        self.waiting = ""  # what the idle panel adds while something is still on its way
        self.setObjectName("answer")
        self.setMinimumHeight(260)
        self.icon = _centred("answerIcon", wrap=False)
        self.title = _centred("answerTitle")
        self.detail = _centred("answerDetail")
        self.note = _centred("answerNote")
        self.hint = _centred("answerHint")
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#answerIcon { font-size: 56pt; }"
            "#answerTitle { font-size: 28pt; font-weight: bold; }"
            "#answerDetail { font-size: 15pt; }"
            "#answerNote { font-size: 18pt; font-weight: bold; background: #ffffff; color: #1a1a1a;"
            " border-radius: 6px; padding: 6px; }"
            "#answerHint { font-size: 13pt; }"
        )
        layout = QVBoxLayout(self)
        for widget in (self.icon, self.title, self.detail, self.note, self.hint):
            layout.addWidget(widget)
        self.answer: Answer | None = None
        self.setAccessibleName(_("Answer"))  # a screen reader reads the answer (its description)
        self.ready()

    def ready(self) -> None:
        """Nothing answered yet: invite the next scan."""
        self.answer = None
        self._style(Tone.NEUTRAL, "#eceff1", "#263238")
        self.icon.setText("⌁")
        self.title.setText(_("Ready to scan"))
        self.detail.setText(self.invitation or _("Scan a badge or e-ticket, or type a name."))
        self.note.hide()
        self.hint.setText(self.waiting)
        self.hint.setVisible(bool(self.waiting))
        self.setAccessibleDescription(" ".join(t for t in (self.title.text() + ".", self.detail.text(), self.waiting) if t))

    def set_waiting(self, text: str) -> None:
        """A line under the idle panel ("the name search is being prepared"); "" removes it."""
        self.waiting = text
        if self.answer is None:
            self.ready()

    def show_answer(self, answer: Answer, hint: str = "") -> None:
        self.answer = answer
        background, text = COLOURS[answer.tone]
        self._style(answer.tone, background, text)
        self.icon.setText(ICONS[answer.tone])
        self.title.setText(answer.title)
        self.detail.setText(answer.detail)
        self.note.setVisible(bool(answer.door_note))
        self.note.setText(_("Note: {note}").format(note=answer.door_note) if answer.door_note else "")
        self.hint.setVisible(bool(hint))
        self.hint.setText(hint)
        spoken = [answer.title, answer.detail, self.note.text() if answer.door_note else "", hint]
        self.setAccessibleDescription(". ".join(part for part in spoken if part))
        self.repaint()  # at once: the volunteer is waiting for it

    def _style(self, tone: Tone, background: str, text: str) -> None:
        """Colours by palette (cheap: no style sheet is re-parsed on each answer)."""
        self.setProperty("tone", tone.value)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
        self.setPalette(palette)
        for label in (self.icon, self.title, self.detail, self.hint):
            label.setStyleSheet(f"color: {text};")
