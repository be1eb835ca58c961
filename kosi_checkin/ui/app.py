"""Build the application: QApplication, translations, the context, the main window."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from kosi_checkin.config import Settings, load_settings, save_settings
from kosi_checkin.i18n import LANGUAGES, set_language
from kosi_checkin.paths import resource_path


@dataclass
class AppContext:
    """What windows need, passed explicitly (no module globals)."""

    settings: Settings

    def save(self) -> None:
        try:
            save_settings(self.settings)
        except OSError:
            logging.getLogger(__name__).warning("settings could not be saved", exc_info=True)


def install_qt_translations(app: QApplication, lang: str) -> QTranslator | None:
    """Qt's own strings (OK, Cancel, file dialogs) in the app's language."""
    if lang == "en":
        return None
    translator = QTranslator(app)
    if translator.load(QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        return translator
    return None


def create_application(lang: str) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("KoSI Check-in")
    app.setOrganizationName("KoSI")
    app.setDesktopFileName("de.kosi_lab.KosiCheckin")
    app.setWindowIcon(QIcon(str(resource_path("icons", "kosi-checkin-256.png"))))
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 11.0))
    app.setFont(font)
    install_qt_translations(app, lang)
    return app


def main(event: Path | None, lang: str | None = None) -> int:
    settings = load_settings()
    language = lang if lang in LANGUAGES else settings.language
    set_language(language)
    app = create_application(language)
    from kosi_checkin.ui.main_window import MainWindow

    context = AppContext(settings)
    window = MainWindow(context)
    window.show()
    if event is not None:
        window.open_event(event)
    if not settings.welcomed:  # first start: the demo behind, the welcome in front
        settings.welcomed = True
        context.save()
        window.show_welcome()
    return app.exec()


def main_desk(event: Path, lang: str | None, session: str | None, name: str | None, fullscreen: bool,
              mode: str = "desk") -> int:
    """`kosi-checkin desk`: straight into the desk view."""
    settings = load_settings()
    language = lang if lang in LANGUAGES else settings.language
    set_language(language)
    app = create_application(language)
    from kosi_checkin.ui.desk.launch import open_desk_window

    window = open_desk_window(AppContext(settings), event, session, name, mode)
    window.showFullScreen() if fullscreen or mode == "kiosk" else window.show()
    return app.exec()
