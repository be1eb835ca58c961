"""Badges from the window (offscreen Qt, real CUPS queue, real PDFs): the batch dialog with its
preview, progress and cancel; "Badge drucken" (F8) at the desk, the reprint dialog with a typo
fixed into the record first; the print station; the self-service kiosk."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from badge_helpers import decoded_codes, pdftotext, printed_file

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLineEdit, QRadioButton

from kosi_checkin.checkin.answers import Kind
from kosi_checkin.checkin.clock import Clock
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.config import Settings
from kosi_checkin.services.badge_codes import codec_of
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.services.events import open_event
from kosi_checkin.ui.badges.batch_dialog import CHANGED, BadgeBatchDialog
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk.desk_window import DeskWindow
from kosi_checkin.ui.desk.kiosk_window import KioskWindow
from kosi_checkin.ui.printing import print_pdf_raster

NOON = "2019-04-02T10:00:00+02:00"


def fixed_clock() -> Clock:
    import datetime as dt

    moment = dt.datetime.fromisoformat(NOON)
    return lambda: moment


def prints(path: Path) -> list[tuple[str, str, str, str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT attendee_id, reason, printer, job FROM badge_prints ORDER BY seq").fetchall()
    conn.close()
    return rows


def checkins(path: Path) -> int:
    conn = sqlite3.connect(path)
    count = conn.execute("SELECT count(*) FROM journal WHERE action = 'checkin'").fetchone()[0]
    conn.close()
    return int(count)


@pytest.fixture
def desk_parts(demo: Path, cups_queue: str):
    conn, event = open_event(demo)
    desk = Desk(conn, event, "Tisch 1", clock=fixed_clock())
    context = AppContext(Settings(badge_printer=cups_queue, badge_layout="brother-62mm", desk_sound=False))
    yield context, desk
    conn.close()


def shown(qtbot, window) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # shortcuts (F8) go to the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def guest_named(desk: Desk, first: str):
    return next(g for g in desk.guests.values() if g.first_name == first)


def test_f8_prints_the_current_guest_and_a_reprint_fixes_the_typo_first(qtbot, demo: Path, desk_parts) -> None:
    context, desk = desk_parts
    window = DeskWindow(context, desk)
    qtbot.addWidget(window)
    shown(qtbot, window)
    guest = next(g for g in desk.guests.values() if "werkstatt" in g.sessions)
    window.on_scan(desk.code_of(guest.id))
    assert window.last_answer is not None and window.last_answer.kind is Kind.WELCOME
    with qtbot.waitSignal(window.printing.finished, timeout=20000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F8)
    answer = blocker.args[0]
    assert answer.kind is Kind.PRINTED and guest.display_name in answer.title
    (row,) = prints(demo)
    assert row[0] == guest.id and row[2] == context.settings.badge_printer and row[3]
    assert decoded_codes(printed_file(row[3])) == [desk.code_of(guest.id)]

    def fix_typo() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.findChild(QRadioButton, "reason-typo").setChecked(True)
        dialog.findChild(QLineEdit, "fix-last_name").setText("Korrigiert")
        dialog.accept()

    QTimer.singleShot(0, fix_typo)
    with qtbot.waitSignal(window.printing.finished, timeout=20000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F8)
    assert blocker.args[0].kind is Kind.PRINTED
    rows = prints(demo)
    assert len(rows) == 2 and rows[1][1] == "Tippfehler korrigiert"
    assert desk.guests[guest.id].last_name == "Korrigiert"  # the record first, then the badge
    conn = sqlite3.connect(demo)
    assert conn.execute("SELECT last_name FROM attendees WHERE id = ?", (guest.id,)).fetchone() == ("Korrigiert",)
    conn.close()
    assert "Korrigiert" in pdftotext(printed_file(rows[1][3]))

    window.activateWindow()  # back from the dialog
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # a reprint can be called off
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert len(prints(demo)) == 2


def test_print_station_prints_without_checking_in(qtbot, demo: Path, desk_parts) -> None:
    context, desk = desk_parts
    window = DeskWindow(context, desk, mode="print")
    qtbot.addWidget(window)
    shown(qtbot, window)
    guest = guest_named(desk, "Özlem")
    with qtbot.waitSignal(window.printing.finished, timeout=20000) as blocker:
        window.on_scan(desk.code_of(guest.id))
    assert blocker.args[0].kind is Kind.PRINTED
    assert checkins(demo) == 0 and [r[0] for r in prints(demo)] == [guest.id]
    window.on_scan("K7Q-NOT-A-CODE-123")  # refused loudly, nothing printed
    assert window.last_answer.tone.value == "red" and len(prints(demo)) == 1
    assert not window.force_button.isVisible()


def test_kiosk_prints_once_checks_in_and_cannot_be_left_but_by_its_keys(qtbot, demo: Path, desk_parts) -> None:
    context, desk = desk_parts
    window = KioskWindow(context, desk)
    qtbot.addWidget(window)
    shown(qtbot, window)
    guest = next(g for g in desk.guests.values() if "werkstatt" in g.sessions)
    with qtbot.waitSignal(window.printing.finished, timeout=20000) as blocker:
        qtbot.keyClicks(window.field, desk.code_of(guest.id))
        qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert blocker.args[0].kind is Kind.PRINTED
    assert window.panel.answer.kind is Kind.PRINTED and guest.first_name in window.panel.answer.title
    assert checkins(demo) == 1 and len(prints(demo)) == 1
    qtbot.keyClicks(window.field, desk.code_of(guest.id))
    qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert window.panel.answer.kind is Kind.ALREADY_PRINTED and len(prints(demo)) == 1
    qtbot.keyClicks(window.field, "Mueller")  # names are not searched at the kiosk (QTest types ASCII only)
    qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert window.panel.answer.kind is Kind.UNKNOWN and "Mueller" not in window.panel.answer.title
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    window.close()  # what Alt+F4 asks for
    assert window.isVisible()
    qtbot.keyClick(window.field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)


def test_batch_dialog_previews_saves_prints_and_cancels(qtbot, demo: Path, tmp_path: Path, cups_queue: str) -> None:
    conn, event = open_event(demo)
    context = AppContext(Settings())
    dialog = BadgeBatchDialog(context, EventContext(demo, conn, event), [])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.count_label.text().startswith("150 Namensschilder")
    assert dialog.preview.images and not dialog.preview.back.isVisible()
    dialog.back_check.setChecked(True)
    assert len(dialog.preview.images) == 2 and dialog.preview.back.isVisible()  # front and programme
    dialog.guest_box.setCurrentIndex(5)
    preview_codes = {r for r in __import__("zxingcpp").read_barcodes(dialog.preview.images[0])}
    assert [r.text for r in preview_codes] == [codec_of(conn).encode(dialog.guests[5].id)]

    out = tmp_path / "all.pdf"  # cancelled: no file, nobody marked
    dialog.start(out)
    dialog.cancel_or_close()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20000)
    assert not out.exists() and prints(demo) == [] and "abgebrochen" in dialog.status.text()

    dialog.start(out)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert dialog.outcome is not None and dialog.outcome.badges == 150 and len(decoded_codes(out)) == 150
    assert len(prints(demo)) == 150

    dialog.printer_box.setCurrentIndex(dialog.printer_box.findData(cups_queue))  # straight to CUPS
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("avery-l4785"))
    dialog.which.buttons()[0].setChecked(True)
    dialog.reason.setText("Test")
    for button in dialog.which.buttons():
        if button.property("key") == CHANGED:
            button.click()
    assert dialog.count_label.text().startswith("0 ") and not dialog.start_button.isEnabled()
    dialog.which.buttons()[0].click()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert dialog.outcome.job and len(decoded_codes(printed_file(dialog.outcome.job))) == 150
    conn.close()


def test_qt_raster_path_keeps_size_and_codes(qtbot, demo: Path, tmp_path: Path) -> None:
    """Where there is no CUPS the pages are rendered with QtPdf and painted onto the printer; a
    QPrinter writing a PDF file stands in for a printer Qt drives directly (there is none here)."""
    conn, event = open_event(demo)
    from kosi_checkin.badges.layouts import layout_named
    from kosi_checkin.badges.sheet import write_badges

    guests = sorted(Desk(conn, event).guests.values(), key=lambda g: g.id)[:8]
    source = tmp_path / "source.pdf"
    write_badges(source, layout_named("a4-8up-90x55"), event, guests, codec_of(conn).encode)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf_raster(source, printer) == 1
    assert sorted(decoded_codes(tmp_path / "printed.pdf", dpi=200)) == sorted(codec_of(conn).encode(g.id) for g in guests)
    import pypdfium2

    document = pypdfium2.PdfDocument(str(tmp_path / "printed.pdf"))
    width, height = document[0].get_size()
    document.close()
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    conn.close()


def test_main_window_badge_menu_and_printer_setup(qtbot, demo: Path, cups_queue: str) -> None:
    from kosi_checkin.ui.badges.printer_setup import PrinterSetupDialog
    from kosi_checkin.ui.main_window import MainWindow

    context = AppContext(Settings())
    main = MainWindow(context)
    qtbot.addWidget(main)
    assert main.open_event(demo)
    qtbot.waitUntil(lambda: main.model is not None and main.model.rowCount() == 150, timeout=10000)
    from PySide6.QtCore import QItemSelectionModel

    main.table.selectionModel().select(main.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                       | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.waitUntil(lambda: len(main.selected_ids()) == 1, timeout=5000)
    main.print_badges()
    dialog = main.dialogs["badges"]
    assert dialog.which.checkedButton().property("key") == "selected" and dialog.count_label.text().startswith("1 ")
    dialog.reject()
    assert main.menu_actions["badges"].isEnabled() and main.menu_actions["kiosk"].isEnabled() and main.menu_actions["station"].isEnabled()

    setup = PrinterSetupDialog(context)
    qtbot.addWidget(setup)
    setup.printer_box.setCurrentIndex(setup.printer_box.findData(cups_queue))
    setup.layout_box.setCurrentIndex(setup.layout_box.findData("brother-62mm"))
    assert setup.length.value() == 37  # the line on a 62 mm roll is shorter
    setup.left.setValue(21)
    setup.top.setValue(19)
    setup.length.setValue(37.5)
    setup.apply_measurements()
    setup.save()
    saved = context.settings
    assert saved.badge_printer == cups_queue and saved.badge_layout == "brother-62mm"
    calibration = saved.printer_calibration[cups_queue]
    assert calibration["scale"] < 1 and calibration["dx"] < 0 and calibration["dy"] > 0


def test_the_dialog_counts_the_pages_the_pdf_has_with_the_back_side(qtbot, demo: Path, tmp_path: Path) -> None:
    """With the personal programme on the back (duplex), the count says as many pages as the PDF has."""
    import re

    from kosi_checkin.badges.layouts import layout_named
    from kosi_checkin.badges.sheet import page_count, write_badges
    from kosi_checkin.services.badge_codes import codec_of

    conn, event = open_event(demo)
    dialog = BadgeBatchDialog(AppContext(Settings()), EventContext(demo, conn, event), [])
    qtbot.addWidget(dialog)
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("a4-8up-90x55"))
    dialog.back_check.setChecked(True)
    said = int(re.search(r"(\d+) (Seiten|pages)", dialog.count_label.text()).group(1))  # type: ignore[union-attr]
    guests = dialog.guests
    pages = write_badges(tmp_path / "b.pdf", layout_named("a4-8up-90x55"), event, guests, codec_of(conn).encode,
                         back=True)
    assert said == pages == page_count(layout_named("a4-8up-90x55"), len(guests), True) == 2 * -(-len(guests) // 8)
    dialog.back_check.setChecked(False)
    assert f"{pages // 2} " in dialog.count_label.text()
    conn.close()


def test_calibration_fields_take_a_comma_or_a_point(qtbot) -> None:
    """ "21,5" typed from a ruler is 21.5 mm in either language, never 21.0 without a word."""
    from kosi_checkin.i18n import set_language
    from kosi_checkin.ui.badges.printer_setup import PrinterSetupDialog
    from kosi_checkin.ui.qt_language import use_qt_language

    for lang in ("de", "en"):
        set_language(lang)
        use_qt_language(lang)
        dialog = PrinterSetupDialog(AppContext(Settings()))
        qtbot.addWidget(dialog)
        for typed in ("21,5", "21.5"):
            dialog.left.lineEdit().selectAll()
            qtbot.keyClicks(dialog.left.lineEdit(), typed)
            dialog.left.interpretText()
            assert dialog.left.value() == pytest.approx(21.5), (lang, typed)
    set_language("de")
    use_qt_language("de")


def test_the_calibration_page_names_the_printer_and_the_dialog(tmp_path: Path) -> None:
    from kosi_checkin.badges.calibration import write_calibration_page
    from kosi_checkin.badges.layouts import layout_named
    from kosi_checkin.i18n import set_language

    set_language("de")
    page = tmp_path / "kal.pdf"
    write_calibration_page(page, layout_named("a4-8up-90x55"), "Buero-Laser")
    text = " ".join(pdftotext(page).split())
    assert 'calibrate "Buero-Laser"' in text and "PRINTER" not in text
    assert "Namensschilder → Drucker einrichten und kalibrieren" in text
