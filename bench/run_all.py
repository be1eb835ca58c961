"""Run every benchmark and print one table of every figure against its target.

    .venv/bin/python bench/run_all.py [--quick] [--printer QUEUE]

Each benchmark runs as its own process (clean memory figures, no Qt left over between them).
--quick shortens the long ones (kill cycles 50, the multi-desk run 30 s). The multi-desk run needs
root and Debian's postgresql (it starts its own cluster); without them it is listed as skipped."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benches(quick: bool, printer: str) -> list[tuple[str, list[str]]]:
    runs = [("foundation (issue 3)", ["bench_foundation.py"]),
            ("door desk (issue 4)", ["bench_desk.py"]),
            (f"main window at {'30,000' if quick else '100,000'} guests (issue 19)",
             ["bench_main_window.py", *(["--guests", "30000"] if quick else [])]),
            ("badges (issue 5)", ["bench_badges.py", *(["--printer", printer] if printer else [])]),
            ("export (issue 6)", ["bench_export.py"]),
            ("certificates (issue 21)", ["bench_certificates.py"]),
            ("speed side by side (issue 19)", ["bench_speed.py"]),
            ("speed side by side, commands as installed from the wheel (issue 19)", ["bench_speed.py", "--installed"]),
            ("trust (issue 7)", ["bench_trust.py", "--kills", "50" if quick else "300"]),
            ("one owner (issue 14)", ["bench_owner.py", "--runs", "7" if quick else "21"]),
            ("import recognition (issue 15)", ["bench_import_recovery.py", "--lists", "500" if quick else "5000"])]
    if os.geteuid() == 0 and Path("/usr/lib/postgresql").exists() and shutil.which("runuser"):
        runs.append(("several desks (issue 8)", ["bench_desks.py", "--seconds", "30" if quick else "120"]))
    return runs


def figures(output: str) -> tuple[str, list[str]]:
    """The machine line and the table rows (lines after a header that starts with "measure")."""
    machine, rows, in_table = "", [], False
    for line in output.splitlines():
        if line.startswith("Machine:"):
            machine = line
        elif line.lstrip().startswith("measure"):
            in_table = True
        elif in_table and line.strip() and not line.startswith("-"):
            rows.append(line.rstrip())
        elif in_table and not line.strip():
            in_table = False
    return machine, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--printer", default="", help="a CUPS queue for the on-demand badge figure")
    args = parser.parse_args()
    results = []
    machine = ""
    for title, command in benches(args.quick, args.printer):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]], capture_output=True, text=True)
        took = time.perf_counter() - start
        found_machine, rows = figures(done.stdout)
        machine = machine or found_machine
        if done.returncode != 0:
            rows = [f"FAILED (exit {done.returncode}): {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ''}"]
        results.append((title, took, rows))
    print(machine or "Machine: ?")
    print()
    for title, took, rows in results:
        print(f"== {title} ({took:.0f} s)")
        for row in rows:
            print("   " + row)
        print()
    if not any(t.startswith("several desks") for t, _took, _rows in results):
        print("== several desks (issue 8): skipped (needs root and Debian's postgresql)")


if __name__ == "__main__":
    main()
