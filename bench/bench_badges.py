"""Benchmark of the badges (issue 5). Run: .venv/bin/python bench/bench_badges.py

1,000 badges with vector QR codes on the A4 8-up layout: time, peak memory (of the process,
ru_maxrss) and PDF size. Target: < 4 s and < 200 MB."""

from __future__ import annotations

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


def main() -> None:
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


if __name__ == "__main__":
    main()
