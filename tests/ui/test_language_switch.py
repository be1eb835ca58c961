"""Switching the language in the running app: the app's texts and Qt's own (buttons of standard
dialogs, the shortcut names in the menus) change at once, no restart."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from kosi_checkin.config import Settings
from kosi_checkin.i18n import set_language
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.main_window import MainWindow
from kosi_checkin.ui.qt_language import use_qt_language


def cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    button = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert button is not None
    return button.text()


def quit_shortcut(window: MainWindow) -> str:
    """How a menu writes Ctrl+Q (the offscreen platform binds no key to the standard Quit)."""
    from PySide6.QtGui import QKeySequence

    return QKeySequence("Ctrl+Q").toString(QKeySequence.SequenceFormat.NativeText)


def test_qt_texts_follow_the_language_live(qtbot) -> None:  # type: ignore[no-untyped-def]
    set_language("de")
    assert use_qt_language("de"), "Qt's German catalogue (qtbase_de.qm) was not found"
    window = MainWindow(AppContext(Settings(desk_sound=False)))
    qtbot.addWidget(window)
    assert cancel_text() == "Abbrechen" and quit_shortcut(window) == "Strg+Q"
    window.set_language("en")
    assert cancel_text() == "Cancel" and quit_shortcut(window) == "Ctrl+Q"
    assert window.menuBar().actions()[0].text().replace("&", "") == "File"
    window.set_language("de")
    assert cancel_text() == "Abbrechen" and quit_shortcut(window) == "Strg+Q"
    assert window.menuBar().actions()[0].text().replace("&", "") == "Datei"
