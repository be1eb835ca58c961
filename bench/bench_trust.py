"""Benchmark of trust at the door (issue 7). Run: .venv/bin/python bench/bench_trust.py [--kills N]

- kill cycles: check-in workers killed with SIGKILL at random moments (as in
  tests/trust/test_crash_safety.py, as many times as you like); reports cycles survived and
  acknowledged check-ins lost (must be 0);
- backup of a 10,000-guest event with SQLite's online backup API (target < 1 s), and the desk's
  check-in time while backups run in another thread (the desk keeps answering).
Medians; the machine is printed first."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "trust"))

# Each worker re-imports this module (multiprocessing prepares the main module in every child):
# keep the imports here light, the heavy ones (the 10,000-guest builder) are inside functions.
from crash_workers import check_in_forever, context, kill_after, verify_checkins  # noqa: E402

from kosi_checkin.checkin.desk import Desk  # noqa: E402
from kosi_checkin.checkin.targets import by_key  # noqa: E402
from kosi_checkin.services.demo import create_demo  # noqa: E402
from kosi_checkin.services.events import open_event  # noqa: E402
from kosi_checkin.trust.backup import make_backup  # noqa: E402


def kills(cycles: int) -> tuple[int, int, int]:
    ctx = context()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        event, acks = Path(folder) / "door.kosi", Path(folder) / "acks.log"
        create_demo(event).close()
        survived = lost = 0
        for cycle in range(cycles):
            kill_after(ctx, check_in_forever, (str(event), str(acks), cycle), rng.uniform(0.02, 0.25))
            verdict = verify_checkins(str(event), str(acks))
            survived += verdict.integrity == "ok" and not verdict.lost
            lost += len(verdict.lost)
        acked = sum(1 for line in acks.read_text().splitlines() if line.startswith("ACK "))
        return survived, lost, acked


def scan_times(desk: Desk, guests: list[str], target_key: str) -> list[float]:
    target = by_key(desk.event, target_key)
    times = []
    for guest in guests:
        start = time.perf_counter()
        desk.check_in(guest, target, force=True)
        times.append(time.perf_counter() - start)
    return times


def backups(path: Path) -> tuple[float, list[float], list[float], int]:
    conn, _event = open_event(path)
    conn.execute("DELETE FROM journal")  # the desk below checks everyone in afresh (writes, fsyncs)
    conn.close()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        make_backup(path, "bench", keep=3)
        times.append(time.perf_counter() - start)
    conn, event = open_event(path)
    moment = dt.datetime(2019, 4, 2, 9, 40, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    desk = Desk(conn, event, "Bench", lambda: moment)
    ids = sorted(desk.guests)
    quiet = scan_times(desk, ids[:1000], "werkstatt")
    stop = threading.Event()
    made = [0]

    def keep_backing_up() -> None:
        while not stop.is_set():
            make_backup(path, "bench", keep=3)
            made[0] += 1

    worker = threading.Thread(target=keep_backing_up)
    worker.start()
    busy = scan_times(desk, ids[1000:4000], "werkstatt")
    stop.set()
    worker.join()
    conn.close()
    return statistics.median(times), quiet, busy, made[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=300, help="kill cycles (default 300)")
    args = parser.parse_args()
    start = time.perf_counter()
    survived, lost, acknowledged = kills(args.kills)
    kill_seconds = time.perf_counter() - start
    from bench_export import build
    from bench_foundation import machine

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.kosi"
        build(path)
        size = path.stat().st_size
        backup, quiet, busy, made = backups(path)
    ms = 1000
    print(f"Machine: {machine()}\n")
    print(f"{'measure':<62} {'value':>12}  target")
    print(f"{'kill cycles survived (SIGKILL at random moments)':<62} {survived:>6} of {args.kills:<4} all")
    print(f"{'acknowledged check-ins lost':<62} {lost:>12}  0")
    print(f"{'check-ins acknowledged over all cycles (each one checked)':<62} {acknowledged:>12}  -")
    print(f"{'  time for the cycles':<62} {kill_seconds:>10.1f} s  -")
    print(f"{'backup of a 10,000-guest event (' + f'{size / 1e6:.1f} MB' + '), median of 5':<62} {backup:>10.2f} s  < 1 s")
    print(f"{'check-in, median, no backup running':<62} {statistics.median(quiet) * ms:>9.1f} ms  -")
    print(f"{'check-in, median, backups running back to back (' + str(made) + ' made)':<62} "
          f"{statistics.median(busy) * ms:>9.1f} ms  keeps answering")
    print(f"{'check-in, slowest, backups running':<62} {max(busy) * ms:>9.1f} ms  -")


if __name__ == "__main__":
    main()
