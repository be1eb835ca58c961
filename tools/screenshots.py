"""Screenshots for the README, made from the real app: the desk after a scan, a badge sheet, the
Excel export as LibreOffice shows it, and the statistics window; and every main window and dialog
(tools/app_windows.py) as it opens on a 1366×768 screen, in German and English, in
docs/screenshots/windows/. Regenerate with

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py

(under Xvfb the windows are real X windows; without a display Qt's offscreen platform is used).
Writes docs/screenshots/*.png. Needs LibreOffice (libreoffice-calc-nogui) for the Excel picture."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtWidgets import QApplication  # noqa: E402

from kosi_checkin.checkin.desk import Desk  # noqa: E402
from kosi_checkin.checkin.targets import by_key  # noqa: E402
from kosi_checkin.config import Settings  # noqa: E402
from kosi_checkin.i18n import set_language  # noqa: E402
from kosi_checkin.services.demo import create_demo  # noqa: E402
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.services.events import open_event  # noqa: E402
from kosi_checkin.services.export import export_attendance  # noqa: E402
from kosi_checkin.ui.app import AppContext, create_application  # noqa: E402
from kosi_checkin.ui.desk.desk_window import DeskWindow  # noqa: E402
from kosi_checkin.ui.report.stats_window import StatsWindow  # noqa: E402

BERLIN = dt.timezone(dt.timedelta(hours=2))


def settle(app: QApplication, seconds: float = 0.5) -> None:
    end = dt.datetime.now() + dt.timedelta(seconds=seconds)
    while dt.datetime.now() < end:
        app.processEvents()


def pdf_page_png(pdf: Path, png: Path, dpi: int = 80) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    document[0].render(scale=dpi / 72).to_pil().save(png)
    document.close()


def windows(app: QApplication, base: Path) -> None:
    """Every window as it opens on the screen (sized by the app itself), both languages."""
    sys.path.insert(0, str(ROOT / "tools"))
    from app_windows import each_window

    folder = OUT / "windows"
    folder.mkdir(parents=True, exist_ok=True)
    for lang in ("de", "en"):
        for name, widget in each_window(base, lang):
            widget.show()
            settle(app, 0.3)
            slug = name.replace(", ", "-").replace(" ", "-")
            widget.grab().save(str(folder / f"{lang}-{slug}.png"))
            widget.close()
    set_language("de")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    set_language("de")
    app = create_application("de")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        create_demo(base / "demo.kosi").close()
        conn, event = open_event(base / "demo.kosi")
        moments = iter(dt.datetime(2019, 4, 2, 9, 5 + n // 3, n % 60, tzinfo=BERLIN) for n in range(1000))
        clock_now = [dt.datetime(2019, 4, 2, 9, 40, tzinfo=BERLIN)]
        desk = Desk(conn, event, "Tisch 1", lambda: clock_now[0])
        werkstatt = by_key(event, "werkstatt")
        for guest in [g for g in desk.guests.values() if "werkstatt" in g.sessions][:40]:
            clock_now[0] = next(moments)
            desk.check_in(guest.id, werkstatt)
        clock_now[0] = dt.datetime(2019, 4, 2, 9, 41, tzinfo=BERLIN)
        window = DeskWindow(AppContext(Settings(desk_sound=False)), desk)
        window.resize(1280, 800)
        window.show()
        guest = next(g for g in sorted(desk.guests.values(), key=lambda a: a.id)
                     if "werkstatt" in g.sessions and g.door_note and not desk.presence.entry(g.id, "werkstatt"))
        window.on_scan(desk.code_of(guest.id))  # a green welcome with a door note
        settle(app)
        window.grab().save(str(OUT / "desk.png"))
        stats = StatsWindow(EventContext(base / "demo.kosi", conn, event))
        stats.resize(1100, 650)
        stats.show()
        settle(app)
        stats.grab().save(str(OUT / "statistics.png"))
        window.close()
        stats.close()
        subprocess.run([sys.executable, "-m", "kosi_checkin", "badges", str(base / "demo.kosi"), "-o",
                        str(base / "badges.pdf"), "--preview"], check=True, capture_output=True)
        pdf_page_png(base / "badges.pdf", OUT / "badges.png")
        subprocess.run([sys.executable, "-m", "kosi_checkin", "certificates", str(base / "demo.kosi"), "-o",
                        str(base / "certificates.pdf")], check=True, capture_output=True)
        pdf_page_png(base / "certificates.pdf", OUT / "certificate.png", dpi=60)
        export_attendance(conn, event, base / "Anwesenheit.xlsx")
        conn.close()
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{base}/lo", "--convert-to", "pdf",
                        "--outdir", str(base), str(base / "Anwesenheit.xlsx")], check=True, capture_output=True,
                       timeout=240)
        pdf_page_png(base / "Anwesenheit.pdf", OUT / "excel.png", dpi=100)
        windows(app, base)
    print("Screenshots written to", OUT)


if __name__ == "__main__":
    main()
