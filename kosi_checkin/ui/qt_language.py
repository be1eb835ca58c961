"""Qt's own strings (OK, Cancel, Ctrl+Q, the file dialog) in the app's language, switched live:
the translator of the language before is taken out and the new one put in, so a dialog opened
after the switch speaks the new language (Qt sends every widget a LanguageChange)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []  # the translators of the current language, in this process


def use_qt_language(lang: str) -> bool:
    """Qt's translations of ``lang`` (none needed for English, Qt's source language); True when
    Qt's catalogue for it was found."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    while _installed:
        app.removeTranslator(_installed.pop())
    QLocale.setDefault(QLocale(lang))
    if lang == "en":
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(lang), "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
