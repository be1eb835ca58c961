"""The welcome over the demo event on first start (and from File → Welcome): look at the demo,
create an event from the template or a TOML file, open an event file, or a recent one. Nothing
here needs the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from kosi_checkin.i18n import _
from kosi_checkin.shared.url import location

if TYPE_CHECKING:
    from kosi_checkin.ui.main_window import MainWindow


class WelcomeDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(_("Welcome to KoSI Check-in"))
        intro = QLabel(_("KoSI Check-in runs the entrance desk of a one-day event: import the registration list, "
                         "check guests in at the door, print badges, export attendance. The demo event (KoSI-Lab, "
                         "2 April 2019, 150 fictional guests) is open behind this window to try everything."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for name, text, slot in (
            ("welcomeDemo", _("Look at the demo event"), self.accept),
            ("welcomeTemplate", _("Create an event from the template …"), lambda: self._then(window.new_from_template)),
            ("welcomeToml", _("Create an event from a TOML file …"), lambda: self._then(window.new_from_config)),
            ("welcomeOpen", _("Open an event file …"), lambda: self._then(window.choose_event)),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setMinimumHeight(36)
            button.clicked.connect(slot)
            layout.addWidget(button)
        self.recent = QListWidget()
        self.recent.setObjectName("welcomeRecent")
        for path in window.context.settings.recent_files:
            QListWidgetItem(path, self.recent)
        self.recent.itemActivated.connect(lambda item: self._then(lambda: window.open_event(location(item.text()))))
        if self.recent.count():
            layout.addWidget(QLabel(_("Recent events (double-click to open):")))
            layout.addWidget(self.recent)
        else:
            self.recent.hide()
        self.resize(620, 420)

    def _then(self, action: object) -> None:
        self.accept()
        action()  # type: ignore[operator]
