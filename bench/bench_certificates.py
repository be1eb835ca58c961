"""Benchmark of the certificates of attendance (issue 21). Run: .venv/bin/python bench/bench_certificates.py

Events of 150 and 10,000 guests (each registered for four sessions, about 80 % checked in to
each, as in bench_export.py); all certificates into one PDF through the service the command and
the window use (select, draw, write atomically, audit entries). Targets: 150 < 2 s, 10,000 < 60 s.
Medians of 5 runs (150) and 3 runs (10,000), each on a fresh copy of the event."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_export import build  # noqa: E402
from bench_foundation import machine  # noqa: E402

from kosi_checkin.services.certificates import issue  # noqa: E402
from kosi_checkin.services.events import open_event  # noqa: E402


def run(source: Path, work: Path, n: int) -> tuple[float, int]:
    copy = work / f"run{n}.kosi"
    shutil.copy(source, copy)
    conn, event = open_event(copy)
    start = time.perf_counter()
    issued = issue(conn, event, work / f"run{n}.pdf")
    took = time.perf_counter() - start
    conn.close()
    return took, issued.certificates


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for guests, runs, target in ((150, 5, 2.0), (10_000, 3, 60.0)):
            source = base / f"e{guests}.kosi"
            build(source, guests)
            times, made = [], 0
            for n in range(runs):
                took, made = run(source, base, n)
                times.append(took)
            times.sort()
            rows.append((f"{made:,} certificates ({guests:,} guests), one PDF", times[len(times) // 2],
                         (base / "run0.pdf").stat().st_size, target))
    print(f"Machine: {machine()}\n")
    print(f"{'measure (median)':<52} {'value':>9}  {'size':>9}  target")
    for name, seconds, size, target in rows:
        verdict = "ok" if seconds < target else "MISSED"
        print(f"{name:<52} {seconds:>7.2f} s  {size / 1e6:>6.2f} MB  < {target:.0f} s {verdict}")


if __name__ == "__main__":
    main()
