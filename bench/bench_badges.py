"""Benchmark of the badges (issue 5). Run: .venv/bin/python bench/bench_badges.py

1,000 badges with vector QR codes on the A4 8-up layout: time, peak memory (of the process,
ru_maxrss) and PDF size. Target: < 4 s and < 200 MB. Also one badge on demand, as the desk's
"Badge drucken" does it (render, hand to CUPS with `lp`, record in the event file): target
< 300 ms. With a CUPS queue (`--printer NAME`, e.g. a cups-pdf queue) the job really is sent;
without one the badge is saved as a PDF instead and the figure says so."""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_desk import generated_people  # noqa: E402
from bench_foundation import machine  # noqa: E402

from kosi_checkin.badges.layouts import layout_named  # noqa: E402
from kosi_checkin.badges.sheet import write_badges  # noqa: E402
from kosi_checkin.domain.model import AttendeeId  # noqa: E402
from kosi_checkin.services.event_config import load_template  # noqa: E402
from kosi_checkin.tokens.badge_code import BadgeCodec  # noqa: E402


def on_demand(printer: str, runs: int = 40) -> tuple[list[float], str]:
    """Seconds from "print this guest" to the job handed to CUPS and logged, per badge."""
    from kosi_checkin.services.badge_on_demand import OnDemandBadges
    from kosi_checkin.services.demo import create_demo
    from kosi_checkin.services.events import open_event
    from kosi_checkin.storage.repositories import AttendeeRepository

    with tempfile.TemporaryDirectory() as folder:
        create_demo(Path(folder) / "demo.kosi").close()
        conn, event = open_event(Path(folder) / "demo.kosi")
        guests = AttendeeRepository(conn).all()[:runs]
        badges = OnDemandBadges(conn, event, "Bench", printer=printer, layout=layout_named("brother-62mm"),
                                folder=Path(folder) / "out")
        times = []
        for guest in guests:
            start = time.perf_counter()
            badges.print_badge(guest)
            times.append(time.perf_counter() - start)
        conn.close()
    return times, (f"sent to CUPS queue {printer}" if printer else "saved as PDF (no printer given)")


def on_demand_keypress(printer: str, runs: int = 20) -> list[float]:
    """Seconds from F8 pressed in the real desk window (offscreen Qt) to the answer "printed"
    shown: render, `lp`, log, repaint, as the volunteer experiences it."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kosi_checkin.checkin.desk import Desk
    from kosi_checkin.config import Settings
    from kosi_checkin.services.demo import create_demo
    from kosi_checkin.services.events import open_event
    from kosi_checkin.ui.context import AppContext
    from kosi_checkin.ui.desk.desk_window import DeskWindow

    app = QApplication.instance() or QApplication([])
    times: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["KOSI_DATA_DIR"] = folder
        create_demo(Path(folder) / "demo.kosi").close()
        conn, event = open_event(Path(folder) / "demo.kosi")
        desk = Desk(conn, event, "Bench")
        window = DeskWindow(AppContext(Settings(badge_printer=printer, badge_layout="brother-62mm", desk_sound=False)), desk)
        window.show()
        window.activateWindow()
        for guest in list(desk.guests.values())[:runs]:
            while not window.isActiveWindow():
                app.processEvents()
            window.model.set_guests([guest])
            window.results.selectRow(0)
            done: list[float] = []
            window.printing.finished.connect(lambda _a, _s: done.append(time.perf_counter()))
            start = time.perf_counter()
            QTest.keyClick(window, Qt.Key.Key_F8)
            while not done:
                app.processEvents()
            window.printing.finished.disconnect()
            times.append(done[0] - start)
        window.close()
        conn.close()
    return times


def side_by_side(folder: Path, pairs: int = 3) -> tuple[float, float]:
    """Medians of whole `kosi-checkin badges` processes for 1,000 guests (A4 8-up), ours and the
    pretix way (bench/pretix_way.py), run as interleaved pairs on the same event file."""
    import os
    import subprocess

    from bench_desk import make_event

    event = folder / "b1000.kosi"
    make_event(event, 1000)
    env = {**os.environ, "KOSI_CONFIG_DIR": str(folder / "cfg"), "KOSI_DATA_DIR": str(folder / "data")}
    ours, theirs = [], []
    for _ in range(pairs):
        for runner, times in ((["-m", "kosi_checkin"], ours), ([str(Path(__file__).parent / "pretix_way.py")], theirs)):
            start = time.perf_counter()
            subprocess.run([sys.executable, *runner, "badges", str(event), "-o", str(folder / "side.pdf")],
                           check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(theirs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--printer", default="", help="a CUPS queue for the on-demand figure (e.g. a cups-pdf queue)")
    args = parser.parse_args()
    event = load_template("kosi-2019")
    people = [p.with_id(AttendeeId(f"{i:09d}".replace("0", "A"))) for i, p in enumerate(generated_people(1000))]
    codec = BadgeCodec("K7Q", "ab" * 32)
    layout = layout_named("a4-8up-90x55")
    times = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "badges.pdf"
        for _ in range(3):
            start = time.perf_counter()
            write_badges(out, layout, event, people, codec.encode)
            times.append(time.perf_counter() - start)
        size = out.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Machine: {machine()}\n")
    print(f"{'measure':<52} {'value':>10}  target")
    print(f"{'1,000 badges, A4 8-up, vector QR (median of 3)':<52} {statistics.median(times):>8.2f} s  < 4 s")
    print(f"{'peak memory of the process':<52} {peak:>7.0f} MB  < 200 MB")
    print(f"{'PDF size per 1,000 badges':<52} {size / 1e6:>7.2f} MB  -")
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = side_by_side(Path(folder))
    print(f"{'1,000 badges, whole `kosi-checkin badges` (median)':<52} {ours:>8.2f} s  -")
    print(f"{'  the same, QR drawn the pretix way (median)':<52} {theirs:>8.2f} s  reference")
    print(f"{'  ratio: times faster than the pretix way':<52} {theirs / ours:>8.1f} ×  >= 25 ×")
    single, how = on_demand(args.printer)
    print(f"{'one badge on demand, median of 40 (' + how + ')':<52} {statistics.median(single) * 1000:>7.0f} ms  < 300 ms")
    print(f"{'one badge on demand, slowest of 40':<52} {max(single) * 1000:>7.0f} ms  -")
    pressed = on_demand_keypress(args.printer)
    print(f"{'F8 at the desk to answer shown, median of 20':<52} {statistics.median(pressed) * 1000:>7.0f} ms  < 300 ms")
    print(f"{'F8 at the desk to answer shown, slowest of 20':<52} {max(pressed) * 1000:>7.0f} ms  -")


if __name__ == "__main__":
    main()
