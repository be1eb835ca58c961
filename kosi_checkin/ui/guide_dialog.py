"""Help → the door guide: the same text as the one-page PDF, with a button to save the PDF for
printing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from kosi_checkin.i18n import _
from kosi_checkin.report.guide import guide_text, write_guide
from kosi_checkin.ui.file_dialogs import save_file_name
from kosi_checkin.ui.screen_fit import fit_on_screen


class GuideDialog(QDialog):
    def __init__(self, event_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.event_name = event_name
        self.setWindowTitle(_("Door guide"))
        self.text = QTextBrowser()
        self.text.setObjectName("guideText")
        self.text.setHtml(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        save = buttons.addButton(_("Save as PDF for printing …"), QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(lambda: self.save())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        fit_on_screen(self, 760, 680)

    def save(self, path: Path | None = None) -> Path | None:
        if path is None:
            name = save_file_name(self, _("Door guide"), str(Path.home() / "Einlass-Anleitung.pdf"),
                                                        "PDF (*.pdf)")
            if not name:
                return None
            path = Path(name)
        write_guide(path, self.event_name)
        return path
