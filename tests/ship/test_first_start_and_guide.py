"""First start and help: the welcome over the demo event (also from the File menu), the one-page
door guide as a PDF in German and English and in the Help menu."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2

from kosi_checkin.config import Settings
from kosi_checkin.services.demo import create_demo
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.guide_dialog import GuideDialog
from kosi_checkin.ui.main_window import MainWindow
from kosi_checkin.ui.welcome_dialog import WelcomeDialog

CLI = [sys.executable, "-m", "kosi_checkin"]


def pdf_pages(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def test_door_guide_is_one_page_in_both_languages(tmp_path: Path) -> None:
    demo = tmp_path / "demo.kosi"
    create_demo(demo).close()
    de, en = tmp_path / "de.pdf", tmp_path / "en.pdf"
    assert subprocess.run([*CLI, "guide", "-o", str(de), "--event", str(demo)], capture_output=True).returncode == 0
    assert subprocess.run([*CLI, "--lang", "en", "guide", "-o", str(en)], capture_output=True).returncode == 0
    german, english = pdf_pages(de), pdf_pages(en)
    assert len(german) == 1 and len(english) == 1
    assert "Einlass-Anleitung" in german[0] and "F4" in german[0] and "Soziale Innovationen" in german[0]
    assert "Door guide" in english[0] and "What to do when" in english[0]
    flat = " ".join(english[0].split())
    assert "Not saved" in flat and "Nicht" not in flat  # the English guide quotes the English desk
    assert "Nicht gespeichert" in " ".join(german[0].split())


def test_welcome_dialog_and_help_menu(qtbot, tmp_path: Path) -> None:
    demo = tmp_path / "demo.kosi"
    create_demo(demo).close()
    context = AppContext(Settings(recent_files=[str(demo)]))
    main = MainWindow(context)
    qtbot.addWidget(main)
    main.open_event(demo)
    main.show_welcome()
    dialog: WelcomeDialog = main.dialogs["welcome"]
    assert dialog.recent.count() == 1 and dialog.isVisible()
    dialog.accept()
    menus = [a.text() for a in main.menuBar().actions()]
    assert "&Hilfe" in menus and "&Datei" in menus
    guide = GuideDialog("Demo", main)
    qtbot.addWidget(guide)
    assert "Einlass-Anleitung" in guide.text.toPlainText()
    saved = guide.save(tmp_path / "guide.pdf")
    assert saved is not None and len(pdf_pages(saved)) == 1
