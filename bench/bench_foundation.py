"""Benchmarks of the foundation (issue 3). Run: .venv/bin/python bench/bench_foundation.py

Prints medians of several runs for: importing 10,000 rows from CSV and from XLSX into a new
event, opening a 10,000-guest event and showing its list in the window (offscreen), and the
read-only `attendees` command (which must not import Qt). Targets: CSV < 0.5 s, XLSX < 1.5 s,
open + list < 1 s.
"""

from __future__ import annotations

import csv
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl  # noqa: E402

from kosi_checkin.services.demo import FIRST_NAMES, LAST_NAMES, ORGANISATIONS  # noqa: E402
from kosi_checkin.services.event_config import load_template  # noqa: E402
from kosi_checkin.services.events import create_event  # noqa: E402
from kosi_checkin.services.importing import apply_import, preview_import  # noqa: E402

ROWS = 10_000
RUNS = 9
HEADER = ["Anrede", "Titel", "Vorname", "Nachname", "Organisation", "Bereich", "E-Mail", "Werkstatt", "Konferenz",
          "Arbeitsforum", "Podium", "Bemerkungen"]


def rows(n: int) -> list[list[str]]:
    rng = random.Random(1)
    orgs = [(o, s) for s, items in ORGANISATIONS.items() for o, _d in items]
    out = []
    for i in range(n):
        org, sector = rng.choice(orgs)
        out.append([rng.choice(["Frau", "Herr", ""]), rng.choice(["", "", "Dr."]), rng.choice(FIRST_NAMES),
                    rng.choice(LAST_NAMES), org, sector, f"guest{i}@bench.example", rng.choice(["ja", "nein"]),
                    "ja", rng.choice(["Forum A", "Forum B", "Forum C", ""]), rng.choice(["ja", "nein"]),
                    rng.choice(["", "vegan", "Rollstuhl"])])
    return out


def median_time(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> None:
    kosi = load_template("kosi-2019")
    data = rows(ROWS)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        csv_path = base / "list.csv"
        with csv_path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows([HEADER, *data])
        xlsx_path = base / "list.xlsx"
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("Anmeldungen")
        for row in [HEADER, *data]:
            sheet.append(row)
        workbook.save(xlsx_path)
        shared_path = base / "shared.xlsx"  # as Excel and LibreOffice write it: shared strings
        workbook = openpyxl.Workbook()
        for row in [HEADER, *data]:
            workbook.active.append(row)
        workbook.save(shared_path)

        counter = iter(range(1000))

        def import_file(path: Path) -> None:
            conn = create_event(base / f"e{next(counter)}.kosi", kosi)
            report = apply_import(conn, preview_import(path, kosi), kosi)
            assert report.added == ROWS, report.added
            conn.close()

        results = [
            ("import CSV, 10,000 rows", median_time(lambda: import_file(csv_path)), 0.5),
            ("import XLSX, 10,000 rows x 12 (inline strings)", median_time(lambda: import_file(xlsx_path)), 1.5),
            ("import XLSX, 10,000 rows x 12 (shared strings)", median_time(lambda: import_file(shared_path)), 1.5),
        ]

        big = base / "big.kosi"
        import_file_conn = create_event(big, kosi)
        apply_import(import_file_conn, preview_import(csv_path, kosi), kosi)
        import_file_conn.close()

        from kosi_checkin.config import Settings
        from kosi_checkin.ui.app import create_application
        from kosi_checkin.ui.context import AppContext
        from kosi_checkin.ui.main_window import MainWindow

        app = create_application("de")

        def open_and_show() -> None:
            window = MainWindow(AppContext(Settings()))
            window.show()
            window.open_event(big)
            app.processEvents()
            assert window.model.rowCount() == ROWS
            window.close()
            window.deleteLater()
            app.processEvents()

        os.environ["KOSI_CONFIG_DIR"] = str(base / "cfg")
        results.append(("open 10,000-guest event + show list", median_time(open_and_show), 1.0))

        command = [sys.executable, "-c",
                   "import sys; from kosi_checkin.cli.main import main; rc = main(['attendees', sys.argv[1], '--format', 'json']);"
                   "assert 'PySide6' not in sys.modules; sys.exit(rc)", str(big)]
        results.append(("`attendees --format json`, 10,000 guests (no Qt)",
                        median_time(lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL)), None))

    print(f"Machine: {machine()}")
    print(f"Median of {RUNS} runs each\n")
    print(f"{'measure':<52} {'median':>9} {'target':>9}  ok")
    for name, seconds, target in results:
        verdict = "" if target is None else ("yes" if seconds < target else "NO")
        target_text = "-" if target is None else f"< {target:.1f} s"
        print(f"{name:<52} {seconds:>7.3f} s {target_text:>9}  {verdict}")


if __name__ == "__main__":
    main()
