"""Benchmark of the one-owner rule (issue 14). Run: .venv/bin/python bench/bench_owner.py [--runs N]

Whole processes, side by side in one run, medians of N (default 21):
- a bare Python start (the reference: `python -c pass`);
- `checkin` on the file with no app running (shared lock, its own connection);
- `checkin` through the running app (the owner: tests/ownership/owner_process.py, the app's
  ownership in a real Qt event loop), target < 300 ms;
- `attendees --format json` through the app (on a copy the app writes with the backup API);
- a second start (`gui EVENT`) handed over to the running app.
The machine is printed first."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from machine import machine  # noqa: E402

from kosi_checkin.services.demo import create_demo  # noqa: E402

CLI = [sys.executable, "-m", "kosi_checkin"]


def timed(args: list[str], env: dict[str, str], expect: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if result.returncode not in expect:
        raise SystemExit(f"{args[3:5]} exited {result.returncode}: {result.stderr}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as folder:
        run = Path(folder) / "run"
        run.mkdir(mode=0o700)
        env = {**os.environ, "XDG_RUNTIME_DIR": str(run), "KOSI_CONFIG_DIR": f"{folder}/cfg",
               "KOSI_DATA_DIR": f"{folder}/data", "KOSI_NOW": "2019-04-02T09:45:00+02:00",
               "QT_QPA_PLATFORM": "offscreen"}
        owned, alone = Path(folder) / "owned.kosi", Path(folder) / "alone.kosi"
        for path in (owned, alone):
            create_demo(path).close()
        conn = __import__("sqlite3").connect(alone)
        guests = [row[0] for row in conn.execute("SELECT id FROM attendees ORDER BY id")]
        conn.close()

        def checkin(event: Path, i: int) -> list[str]:
            return [*CLI, "checkin", str(event), "--attendee", guests[i % len(guests)], "--session", "werkstatt",
                    "--force", "--format", "json"]

        stop = Path(folder) / "stop"
        owner = subprocess.Popen([sys.executable, str(ROOT / "tests" / "ownership" / "owner_process.py"), str(owned),
                                  str(stop)], env=env, stdout=subprocess.PIPE, text=True)
        assert owner.stdout is not None and owner.stdout.readline().startswith("READY")
        rows: dict[str, list[float]] = {k: [] for k in ("bare", "alone", "through", "attendees", "second")}
        try:
            for i in range(args.runs):  # interleaved, so that load on the machine hits all alike
                rows["bare"].append(timed([sys.executable, "-c", "pass"], env))
                rows["alone"].append(timed(checkin(alone, i), env, (0, 3)))
                rows["through"].append(timed(checkin(owned, i), env, (0, 3)))
                rows["attendees"].append(timed([*CLI, "attendees", str(owned), "--format", "json"], env))
                rows["second"].append(timed([*CLI, "gui", str(owned)], env))
        finally:
            stop.touch()
            owner.wait(30)
    bare = statistics.median(rows["bare"])
    table = [
        ("bare Python start (reference)", "bare", "—"),
        ("`checkin` on the file, no app running", "alone", "—"),
        ("`checkin` through the running app", "through", "< 300 ms"),
        ("`attendees --format json` through the app (150 guests)", "attendees", "—"),
        ("second start `gui EVENT`, handed over", "second", "< 1 s"),
    ]
    print(f"{'measure':58} {'median':>9} {'× bare':>7}  target")
    print("-" * 90)
    for label, key, target in table:
        median = statistics.median(rows[key])
        print(f"{label:58} {median * 1000:7.0f} ms {median / bare:6.1f}×  {target}")


if __name__ == "__main__":
    main()
