"""Opens every main window and dialog of the app on a 1366×768 offscreen screen and prints, as
JSON, where each one is and whether its buttons are reachable. Run by test_window_fit.py in a
process of its own (the screen size is fixed when Qt starts).

    python tests/ui/window_fit_probe.py LANG FOLDER"""

from __future__ import annotations

import json
import sys
from pathlib import Path

lang, folder = sys.argv[1], Path(sys.argv[2])

from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget  # noqa: E402

from kosi_checkin.config import Settings  # noqa: E402
from kosi_checkin.i18n import set_language  # noqa: E402
from kosi_checkin.services.attendees import AttendeeRow  # noqa: E402
from kosi_checkin.services.demo import create_demo  # noqa: E402
from kosi_checkin.services.event_context import open_event_context  # noqa: E402

app = QApplication.instance() or QApplication([])
set_language(lang)
from kosi_checkin.ui.qt_language import use_qt_language  # noqa: E402

use_qt_language(lang)
demo = folder / f"demo-{lang}.kosi"
create_demo(demo).close()
context = __import__("kosi_checkin.ui.context", fromlist=["AppContext"]).AppContext(Settings(desk_sound=False))
opened = open_event_context(demo)
screen = app.primaryScreen().availableGeometry()
results = []


def check(name: str, widget: QWidget) -> None:
    widget.show()
    for _ in range(5):
        app.processEvents()
    frame = widget.frameGeometry()
    inside = screen.contains(frame)
    hint = widget.minimumSizeHint()
    cut = [b.text() or b.objectName() for b in widget.findChildren(QAbstractButton)
           if b.isVisibleTo(widget) and not widget.rect().contains(b.geometry().translated(b.parentWidget().mapTo(widget, b.pos()) - b.pos()))]
    results.append({"name": name, "x": frame.x(), "y": frame.y(), "width": frame.width(), "height": frame.height(),
                    "inside": inside, "min_width": hint.width(), "min_height": hint.height(), "cut_buttons": cut})
    widget.close()


from kosi_checkin.ui.main_window import MainWindow  # noqa: E402

main = MainWindow(context)
main.open_event(demo)
check("main", main)

from kosi_checkin.checkin.desk import Desk  # noqa: E402
from kosi_checkin.ui.desk.desk_window import DeskWindow  # noqa: E402
from kosi_checkin.ui.desk.kiosk_window import KioskWindow  # noqa: E402

desk = Desk(opened.conn, opened.event, "Tisch 1")
check("desk", DeskWindow(context, desk))
check("print station", DeskWindow(context, desk, mode="print"))
check("kiosk", KioskWindow(context, desk))

from dataclasses import replace  # noqa: E402

from kosi_checkin.ui.attendee_editor import AttendeeEditor  # noqa: E402

guest = next(iter(desk.guests.values()))
many = replace(guest, extra={f"Frage {n:02d} aus dem Anmeldeformular": f"Antwort {n}" for n in range(30)})
check("editor, 30 fields", AttendeeEditor(opened, AttendeeRow(many, {}), main))

from kosi_checkin.ui.badges.batch_dialog import BadgeBatchDialog  # noqa: E402

for layout in ("a4-8up-90x55", "a4-fold-90x55", "a6"):
    badges = BadgeBatchDialog(context, opened, [], main)
    badges.layout_box.setCurrentIndex(badges.layout_box.findData(layout))
    badges.back_check.setChecked(True)
    check(f"badges, back side, {layout}", badges)

from kosi_checkin.ui.badges.printer_setup import PrinterSetupDialog  # noqa: E402
from kosi_checkin.ui.guide_dialog import GuideDialog  # noqa: E402
from kosi_checkin.ui.report.export_dialog import SIGNATURES, ExportDialog  # noqa: E402
from kosi_checkin.ui.report.late_dialog import LateDialog  # noqa: E402
from kosi_checkin.ui.report.stats_window import StatsWindow  # noqa: E402
from kosi_checkin.ui.welcome_dialog import WelcomeChoices, WelcomeDialog  # noqa: E402

check("printer set-up", PrinterSetupDialog(context, main))
check("export", ExportDialog(opened, parent=main))
check("signatures", ExportDialog(opened, SIGNATURES, main))
check("statistics", StatsWindow(opened))
check("late marking", LateDialog(opened, list(desk.guests.values())[:3], "Büro", main))
check("guide", GuideDialog(opened.event.name, main))
check("welcome", WelcomeDialog(main, WelcomeChoices(lambda: None, lambda: None, lambda: None, lambda _p: None),
                               [str(demo)]))
csv = folder / f"liste-{lang}.csv"
csv.write_text("Vorname;Nachname;Organisation;E-Mail\nAda;Lovelace;Stadt;ada@example.org\n", encoding="utf-8")
from kosi_checkin.ui.import_dialog import ImportDialog  # noqa: E402

check("import", ImportDialog(opened, csv, main))
print(json.dumps({"screen": [screen.width(), screen.height()], "windows": results}))
