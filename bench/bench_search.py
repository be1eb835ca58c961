"""Search quality and speed of the guest search (issue 19), no window:

- top-5 recall: a query "first name + last name" with one typo or a missing accent finds the
  guest among the first five results, at 10,000 and 100,000 guests, on --queries queries drawn
  with --seed (the default seed was not used while tuning the index; tuning used seed 7);
- side by side: the same queries against an index of folded keys only (the index before issue
  19), so the gain is measured in the same run;
- the time of one query (median, p99).

    .venv/bin/python bench/bench_search.py [--queries 5000] [--seed 20261202]
Target: recall >= 99 % at both sizes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from kosi_checkin.domain.values import replace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_desk import generated_people, percentile, typo  # noqa: E402
from bench_foundation import machine  # noqa: E402

from kosi_checkin.domain.model import Attendee, AttendeeId  # noqa: E402
from kosi_checkin.search import index as search_index  # noqa: E402
from kosi_checkin.search.index import SearchIndex  # noqa: E402


def recall(index: SearchIndex, trials: list[tuple[Attendee, str]]) -> tuple[float, list[float]]:
    hits, times = 0, []
    for guest, query in trials:
        start = time.perf_counter()
        found = [a.id for a in index.search(query, 5)]
        times.append((time.perf_counter() - start) * 1000)
        hits += guest.id in found
    return 100 * hits / len(trials), times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20261202)
    args = parser.parse_args()
    rows = []
    for n in (10_000, 100_000):
        people = [replace(p, id=AttendeeId(f"G{i:06d}")) for i, p in enumerate(generated_people(n))]
        rng = random.Random(args.seed)
        trials = [(g, f"{g.first_name} {typo(g.last_name, rng)}") for g in rng.sample(people, args.queries)]
        index = SearchIndex(people)
        both, times = recall(index, trials)
        keys = search_index.word_keys
        search_index.word_keys = lambda text: [k[:1] for k in keys(text)]  # type: ignore[assignment]
        try:
            folded, _times = recall(SearchIndex(people), trials)
        finally:
            search_index.word_keys = keys  # type: ignore[assignment]
        rows.append((f"top-5 recall, {n:,} guests, {args.queries} queries (seed {args.seed})", f"{both:.2f} %",
                     f"folded key only: {folded:.2f} %", ">= 99 %", both >= 99))
        rows.append((f"one query, {n:,} guests (median / p99)", f"{statistics.median(times):.2f} ms",
                     f"p99 {percentile(times, 99):.2f} ms", "-", True))
    print(f"Machine: {machine()}\n")
    print(f"{'measure':<64} {'value':>10}  {'reference':<26} target")
    for name, value, reference, target, ok in rows:
        print(f"{name:<64} {value:>10}  {reference:<26} {target} {'ok' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
