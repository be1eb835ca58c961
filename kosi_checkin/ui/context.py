"""What every window of the app is handed explicitly: the app's context (settings, the events
this process owns, the launcher that answers second starts) and the app-wide actions (quit)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QApplication, QWidget

from kosi_checkin.config import Settings, save_settings
from kosi_checkin.domain.values import dataclass
from kosi_checkin.ui.ownership import Owners, registry


class Launcher(Protocol):
    """Opens the app's windows for a second start (ui/app.py's Windows)."""

    def show_main(self, location: Path | str) -> None: ...

    def open_desk(self, location: Path | str, session: str | None, name: str | None, mode: str,
                  fullscreen: bool) -> None: ...


@dataclass
class AppContext:
    """What windows need, passed explicitly (no module globals)."""

    settings: Settings
    windows: Launcher | None = None  # the app's windows opened for second starts (set by the app)

    @property
    def owners(self) -> Owners:
        """The events this process owns (one registry per process, as the locks are)."""
        return registry()

    def save(self) -> None:
        try:
            save_settings(self.settings)
        except OSError:
            logging.getLogger(__name__).warning("settings could not be saved", exc_info=True)


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def quit_app() -> None:
    """File → Quit: every window closes (each closes its connections), then the process ends."""
    app = QApplication.instance()
    if app is None:
        return
    QApplication.closeAllWindows()
    app.quit()


