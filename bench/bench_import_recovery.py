"""Benchmark of import recognition (issue 15). Run: .venv/bin/python bench/bench_import_recovery.py [--lists N]

- recovery over N generated registration lists (default 5,000; tests/importers/list_grammar.py,
  seeds from 1,000,000 on, never used while tuning): guests found, and of those with the right
  title, sessions and category; guests imported that are not on the list; the slowest file;
- what recognition costs on a 10,000-row CSV: the whole preview minus reading the table.
The machine is printed first."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "importers"))

from list_grammar import compare, generate  # noqa: E402
from machine import machine  # noqa: E402

from kosi_checkin.importers.read import read_table  # noqa: E402
from kosi_checkin.services.importing import dry_run, preview_import  # noqa: E402


def recognition_cost(folder: Path) -> tuple[float, float]:
    sys.path.insert(0, str(ROOT / "bench"))
    import csv

    from bench_foundation import HEADER, rows

    from kosi_checkin.services.event_config import load_template

    kosi = load_template("kosi-2019")
    path = folder / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([HEADER, *rows(10_000)])
    reads, previews = [], []
    for _ in range(9):
        start = time.perf_counter()
        read_table(path)
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        preview_import(path, kosi)
        previews.append(time.perf_counter() - start)
    return statistics.median(previews), statistics.median(previews) - statistics.median(reads)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lists", type=int, default=5000)
    args = parser.parse_args()
    print(machine())
    totals = {"guests": 0, "found": 0, "titles": 0, "sessions": 0, "categories": 0, "strays": 0}
    category_guests = 0
    perfect = 0
    slowest = (0.0, "")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for seed in range(1_000_000, 1_000_000 + args.lists):
            generated = generate(seed, base)
            start = time.perf_counter()
            report = dry_run(preview_import(generated.path, generated.event), generated.event)  # type: ignore[arg-type]
            took = time.perf_counter() - start
            if took > slowest[0]:
                slowest = (took, f"{generated.path.name} ({len(generated.guests)} guests; {', '.join(generated.shape)})")
            score = compare(generated, report.extraction.people)
            for key in totals:
                totals[key] += score[key]
            if generated.has_category:
                category_guests += score["found"]
            else:
                totals["categories"] -= score["found"]  # no category column: nothing to recover
            perfect += all(score[k] == score["guests"] for k in ("found", "titles", "sessions")) and not score["strays"]
            generated.path.unlink()
        preview, recognition = recognition_cost(base)
    found = totals["found"] or 1
    print(f"{'measure':62} {'figure':>14}")
    print("-" * 78)
    print(f"{'lists generated':62} {args.lists:>14,}")
    print(f"{'lists recovered perfectly':62} {perfect / args.lists:>13.2%}")
    print(f"{'guests found (of ' + format(totals['guests'], ',') + ')':62} {totals['found'] / totals['guests']:>13.2%}")
    print(f"{'  with the right title':62} {totals['titles'] / found:>13.2%}")
    print(f"{'  with the right sessions':62} {totals['sessions'] / found:>13.2%}")
    print(f"{'  with the right category (lists with a category column)':62} "
          f"{(totals['categories'] / category_guests) if category_guests else 1:>13.2%}")
    print(f"{'guests imported that are not on the list':62} {totals['strays']:>14,}")
    print(f"{'slowest list (preview + dry run)':62} {slowest[0] * 1000:>11.0f} ms")
    print(f"  {slowest[1]}")
    print(f"{'10,000-row CSV: preview, median of 9':62} {preview * 1000:>11.0f} ms")
    print(f"{'  of which recognition (preview minus reading the table)':62} {recognition * 1000:>11.0f} ms")


if __name__ == "__main__":
    main()
