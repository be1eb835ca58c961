"""Every main window and dialog of the app, built on a demo event, one after the other: what the
window check (tests/ui/window_fit_probe.py) measures and tools/screenshots.py photographs.

    for name, widget in each_window(folder, lang): ...

Needs a QApplication; the language is set before the windows are made."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtWidgets import QWidget

from kosi_checkin.config import Settings
from kosi_checkin.domain.values import replace
from kosi_checkin.i18n import _, set_language
from kosi_checkin.services.attendees import AttendeeRow
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.event_context import open_event_context

NAMES = ("main", "desk", "print station", "kiosk", "editor, 30 fields", "badges, back side, a4-8up-90x55",
         "badges, back side, a4-fold-90x55", "badges, back side, a6", "printer set-up", "export", "signatures",
         "certificates", "statistics", "late marking", "guide", "welcome", "import", "PIN", "server address", "server password")


def each_window(folder: Path, lang: str) -> Iterator[tuple[str, QWidget]]:
    from kosi_checkin.checkin.desk import Desk
    from kosi_checkin.ui.attendee_editor import AttendeeEditor
    from kosi_checkin.ui.badges.batch_dialog import BadgeBatchDialog
    from kosi_checkin.ui.badges.printer_setup import PrinterSetupDialog
    from kosi_checkin.ui.context import AppContext
    from kosi_checkin.ui.desk.desk_window import DeskWindow
    from kosi_checkin.ui.desk.kiosk_window import KioskWindow
    from kosi_checkin.ui.guide_dialog import GuideDialog
    from kosi_checkin.ui.import_dialog import ImportDialog
    from kosi_checkin.ui.main_window import MainWindow
    from kosi_checkin.ui.qt_language import use_qt_language
    from kosi_checkin.ui.report.certificates_dialog import CertificatesDialog
    from kosi_checkin.ui.report.export_dialog import SIGNATURES, ExportDialog
    from kosi_checkin.ui.report.late_dialog import LateDialog
    from kosi_checkin.ui.report.stats_window import StatsWindow
    from kosi_checkin.ui.welcome_dialog import WelcomeChoices, WelcomeDialog

    set_language(lang)
    use_qt_language(lang)
    demo = folder / f"demo-{lang}.kosi"
    create_demo(demo).close()
    context = AppContext(Settings(desk_sound=False))
    opened = open_event_context(demo)
    main = MainWindow(context)
    main.open_event(demo)
    yield "main", main
    desk = Desk(opened.conn, opened.event, "Tisch 1")
    yield "desk", DeskWindow(context, desk)
    yield "print station", DeskWindow(context, desk, mode="print")
    yield "kiosk", KioskWindow(context, desk)
    guest = next(iter(desk.guests.values()))
    many = replace(guest, extra={f"Frage {n:02d} aus dem Anmeldeformular": f"Antwort {n}" for n in range(30)})
    yield "editor, 30 fields", AttendeeEditor(opened, AttendeeRow(many, {}), main)
    for layout in ("a4-8up-90x55", "a4-fold-90x55", "a6"):
        badges = BadgeBatchDialog(context, opened, [], main)
        badges.layout_box.setCurrentIndex(badges.layout_box.findData(layout))
        badges.back_check.setChecked(True)
        yield f"badges, back side, {layout}", badges
    yield "printer set-up", PrinterSetupDialog(context, main)
    yield "export", ExportDialog(opened, parent=main)
    yield "signatures", ExportDialog(opened, SIGNATURES, main)
    yield "certificates", CertificatesDialog(opened, [guest.id], main)
    yield "statistics", StatsWindow(opened)
    yield "late marking", LateDialog(opened, list(desk.guests.values())[:3], "Büro", main)
    yield "guide", GuideDialog(opened.event.name, main)
    choices = WelcomeChoices(lambda: None, lambda: None, lambda: None, lambda _p: None)
    yield "welcome", WelcomeDialog(main, choices, [str(demo)], demo, demo)
    csv = folder / f"liste-{lang}.csv"
    csv.write_text("Vorname;Nachname;Organisation;E-Mail\nAda;Lovelace;Stadt;ada@example.org\n", encoding="utf-8")
    yield "import", ImportDialog(opened, csv, main)
    from kosi_checkin.ui.event_files import server_url_dialog
    from kosi_checkin.ui.server_password import password_dialog
    from kosi_checkin.ui.trust_actions import PinDialog

    yield "PIN", PinDialog(main)
    yield "server address", server_url_dialog(main, _("Open a shared event"))
    yield "server password", password_dialog(main, "postgresql://kosi@desk-server.example/kosi_2019")
