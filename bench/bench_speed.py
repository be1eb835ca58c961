"""Speed side by side (issue 19). Run: .venv/bin/python bench/bench_speed.py [--pairs N] [--installed]

Each figure is measured as interleaved pairs with its reference, in the same run, and given as
the ratio of the medians:
- read commands and `checkin` on a 1,000-guest event (and the guest list once more with every
  guest checked in), whole process, against a bare
  `python -c "import sqlite3, json"` of the same interpreter (goal: <= 2x);
- importing 10,000 CSV rows into a new event against the csv module alone reading the file
  (goal: < 0.2 s);
- the Excel workbook of 10,000 guests x 6 sessions against openpyxl's write-only mode writing
  the same cells as plain values (goal: < 1 s);
- the signature list after the event for one session of 10,000 guests (goal: < 3 s).

``--installed`` runs the commands as a user's install does: the project's wheel in a venv of its
own (built and installed here, from pip's cache), its console script and its interpreter for the
bare start. The development venv's editable install makes every Python start of it, the bare one
too, load pathlib and re for its import finder: there the bare start is heavier and the ratios
are lower than a user's.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_desk import generated_people  # noqa: E402
from bench_export import build  # noqa: E402
from bench_foundation import HEADER, machine, rows  # noqa: E402

from kosi_checkin.domain.model import SessionId  # noqa: E402
from kosi_checkin.services.event_config import load_template  # noqa: E402
from kosi_checkin.services.events import create_event, open_event  # noqa: E402
from kosi_checkin.storage.db import transaction  # noqa: E402
from kosi_checkin.storage.repositories import AttendeeRepository  # noqa: E402

# The console script an install puts beside the interpreter (what a user types), else -m.
_SCRIPT = Path(sys.executable).with_name("kosi-checkin")
CLI = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "kosi_checkin"]


def user_env(home: Path) -> dict[str, str]:
    """A user's environment: a home folder and nothing of ours or XDG's set, so the settings
    are found where a user's are (no KOSI_CONFIG_DIR shortcut the tests take), and Python's
    output buffered as in a shell (this machine sets PYTHONUNBUFFERED and PYTHONDONTWRITEBYTECODE)."""
    home.mkdir(parents=True, exist_ok=True)
    keep = {k: v for k, v in os.environ.items()
            if not k.startswith(("KOSI_", "XDG_")) and k not in ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE")}
    return {**keep, "HOME": str(home)}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pairs(ours: Callable[[], object], reference: Callable[[], object], n: int) -> tuple[float, float]:
    """Medians of ``n`` interleaved pairs (ours, reference), after one warm-up of each."""
    ours(), reference()
    mine, theirs = [], []
    for _ in range(n):
        mine.append(timed(ours))
        theirs.append(timed(reference))
    return statistics.median(mine), statistics.median(theirs)


def run(args: list[str], env: dict[str, str]) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def installed_venv(folder: Path) -> Path:
    """A venv of its own holding the project's wheel (and its dependencies), as a user installs it."""
    project = HERE.parent
    wheels = folder / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(project)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)  # on the base interpreter, as venv does
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *map(str, wheels.glob("*.whl"))],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return venv


def small_event(path: Path) -> str:
    """1,000 guests, each registered for the Werkstatt; returns one guest's id."""
    conn = create_event(path, load_template("kosi-2019"))
    people = [p.__class__(**{**p.__dict__, "sessions": frozenset({SessionId("werkstatt"), SessionId("konferenz")})})
              for p in generated_people(1000)]
    with transaction(conn):
        stored = AttendeeRepository(conn).add_many([(p, {}) for p in people])
    conn.close()
    return stored[0].id


def all_checked_in(source: Path, path: Path) -> None:
    """A copy of ``source`` with every guest checked in for the Werkstatt, a second apart, by one desk."""
    from datetime import datetime, timedelta, timezone

    from kosi_checkin.checkin.desk import Desk
    from kosi_checkin.checkin.targets import resolve_target

    shutil.copy(source, path)
    conn, event = open_event(path)
    start = datetime(2019, 4, 2, 9, 20, tzinfo=timezone(timedelta(hours=2)))
    ticks = iter(range(10**6))
    desk = Desk(conn, event, "Tisch 1", lambda: start + timedelta(seconds=next(ticks)))
    target = resolve_target(event, "werkstatt", start)
    for guest in AttendeeRepository(conn).all():
        desk.check_in(guest.id, target)
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--installed", action="store_true", help="the commands from the wheel in a venv of its own")
    options = parser.parse_args()
    n = options.pairs
    results: list[tuple[str, float, str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        env = user_env(base / "home")
        small = base / "k1000.kosi"
        guest = small_event(small)
        present = base / "k1000-present.kosi"
        all_checked_in(small, present)
        cli, python = CLI, sys.executable
        if options.installed:
            venv = installed_venv(base)
            cli, python = [str(venv / "bin" / "kosi-checkin")], str(venv / "bin" / "python")
        bare = [python, "-c", "import sqlite3, json"]
        commands = {
            "attendees --format json": ["attendees", str(small), "--format", "json"],
            "attendees --format json, all checked in": ["attendees", str(present), "--format", "json"],
            "sessions": ["sessions", str(small)],
            "stats --format json": ["stats", str(small), "--format", "json"],
            "code": ["code", str(small), "--attendee", guest],
            "checkin (then undone)": ["checkin", str(small), "--attendee", guest, "--session", "werkstatt"],
        }
        for name, command in commands.items():
            mine, theirs = [], []
            for _ in range(n + 1):  # the first pair warms up
                mine.append(timed(lambda command=command: run([*cli, *command], env)))
                if command[0] == "checkin":  # the next pair checks in again (the undo is not timed)
                    run([*cli, "undo", str(small), "--attendee", guest, "--session", "werkstatt"], env)
                theirs.append(timed(lambda: run(bare, env)))
            m, t = statistics.median(mine[1:]), statistics.median(theirs[1:])
            results.append((f"`{name}`, 1,000 guests, whole process", m, "bare python -c 'import sqlite3, json'", t,
                            "<= 2x"))

        csv_path = base / "rows.csv"
        with csv_path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(HEADER)
            writer.writerows(rows(10_000))
        kosi = load_template("kosi-2019")
        counter = iter(range(10_000))

        def import_csv() -> None:
            from kosi_checkin.services.importing import apply_import, preview_import

            conn = create_event(base / f"i{next(counter)}.kosi", kosi)
            apply_import(conn, preview_import(csv_path, kosi), kosi)
            conn.close()

        def csv_alone() -> None:
            with csv_path.open(encoding="utf-8", newline="") as handle:
                [[cell.strip() for cell in row] for row in csv.reader(handle, delimiter=";")]

        m, t = pairs(import_csv, csv_alone, n)
        results.append(("import CSV, 10,000 rows, into a new event", m, "csv module alone reading it", t, "< 0.2 s"))

        big = base / "big.kosi"
        build(big)
        conn, event = open_event(big)
        from kosi_checkin.report.attendance import Attendance
        from kosi_checkin.report.signatures import write_signature_lists
        from kosi_checkin.services.export import export_attendance

        def workbook() -> None:
            export_attendance(conn, event, base / "a.xlsx")

        cells = [[f"Zelle {r}-{c}" for c in range(12)] for r in range(10_000)]

        def write_only() -> None:
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet()
            for row in cells:
                ws.append(row)
            wb.save(base / "w.xlsx")

        m, t = pairs(workbook, write_only, max(3, n // 2))
        results.append(("Excel workbook, 10,000 guests x 6 sessions", m, "openpyxl write-only, 10,000 x 12 cells", t,
                         "< 1 s"))
        attendance = Attendance.load(conn, event)
        konferenz = event.session("konferenz")
        assert konferenz is not None
        times = [timed(lambda: write_signature_lists(base / "s.pdf", attendance, [konferenz], after=False))
                 for _ in range(3)]
        results.append(("signature list, one session of 10,000 guests (before: all registered)",
                        statistics.median(times), "", 0.0, "< 3 s"))
        conn.close()
        shutil.rmtree(base / "data", ignore_errors=True)
    print(f"Machine: {machine()}")
    print("Commands: " + ("the wheel installed in a venv of its own" if options.installed else
                          "this environment's install (an editable one: its bare start loads pathlib and re)"))
    print(f"Medians of {n} interleaved pairs (the workbook: {max(3, n // 2)}; the signature list: 3 runs)\n")
    print(f"{'measure':<62} {'ours':>8} {'reference':>10} {'ratio':>7}  target  (reference)")
    for name, mine, what, theirs, target in results:
        ratio = f"{mine / theirs:>6.2f}x" if theirs else "      -"
        ref = f"{theirs * 1000:>8.0f} ms" if theirs else "         -"
        print(f"{name:<62} {mine * 1000:>6.0f} ms {ref} {ratio}  {target:<7} {what}")


if __name__ == "__main__":
    main()
