"""The welcome over the demo event on first start (and from File → Welcome): look at the demo,
create an event from the template or a TOML file, open an event file, or a recent one. Nothing
here needs the command line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _
from kosi_checkin.shared.url import is_shared, location


@dataclass(frozen=True)
class WelcomeChoices:
    """What the welcome's buttons do (the main window's actions)."""

    new_from_template: Callable[[], object]
    new_from_config: Callable[[], object]
    choose_event: Callable[[], object]
    open_event: Callable[[Path | str], object]


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget, choices: WelcomeChoices, recent: Sequence[str],
                 behind: Path | str | None = None, demo: Path | None = None) -> None:
        """``behind``: the name of the event open behind the dialog (None: none); ``demo``: the
        demo event's file (opened by "Look at the demo event" when it is not the one behind)."""
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to KoSI Check-in"))
        text = _("KoSI Check-in runs the entrance desk of a one-day event: import the registration list, "
                 "check guests in at the door, print badges, export attendance.")
        showing_demo = demo is not None and behind is not None and not is_shared(str(behind)) and (
            Path(behind).resolve() == demo.resolve())
        if showing_demo or (behind is None and demo is None):
            text += " " + _("The demo event (KoSI-Lab, 2 April 2019, 150 fictional guests) is open behind this "
                            "window to try everything.")
        elif behind is not None:
            text += " " + _("Open behind this window: {event}.").format(
                event=behind if is_shared(str(behind)) else Path(behind).name)
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for name, text, slot in (
            ("welcomeDemo", _("Look at the demo event"),
             self.accept if showing_demo or demo is None else lambda: self._then(lambda: choices.open_event(demo))),
            ("welcomeTemplate", _("Create an event from the template …"), lambda: self._then(choices.new_from_template)),
            ("welcomeToml", _("Create an event from a TOML file …"), lambda: self._then(choices.new_from_config)),
            ("welcomeOpen", _("Open an event file …"), lambda: self._then(choices.choose_event)),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setMinimumHeight(36)
            button.clicked.connect(slot)
            layout.addWidget(button)
        self.recent = QListWidget()
        self.recent.setObjectName("welcomeRecent")
        for path in recent:
            if is_shared(path) or Path(path).is_file():  # a file moved or deleted since is not offered
                QListWidgetItem(path, self.recent)
        self.recent.itemActivated.connect(lambda item: self._then(lambda: choices.open_event(location(item.text()))))
        if self.recent.count():
            layout.addWidget(QLabel(_("Recent events (double-click to open):")))
            layout.addWidget(self.recent)
        else:
            self.recent.hide()
        self.resize(620, 420)

    def _then(self, action: Callable[[], object]) -> None:
        self.accept()
        action()
