"""Value classes side by side (issue 19): kosi_checkin.domain.values against the standard
library's dataclasses. Run: .venv/bin/python bench/bench_values.py [--pairs N]

- importing the module in a fresh interpreter (python -c "import …"), interleaved pairs;
- defining a frozen class of 14 fields (the size of Attendee) and a mutable one of 10 (Settings);
- making 100,000 values of the frozen class by keyword (what the app does when it builds guests),
  comparing and hashing them.
Medians of the pairs; the machine is named.
"""

from __future__ import annotations

import argparse
import dataclasses as std
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_foundation import machine  # noqa: E402

from kosi_checkin.domain import values as ours  # noqa: E402

NAMES = [f"f{i}" for i in range(14)]


def frozen_class(module: Any) -> type:
    body: dict[str, Any] = {"__annotations__": dict.fromkeys(NAMES, "str"), **dict.fromkeys(NAMES[1:], "")}
    body["f13"] = module.field(default_factory=dict, hash=False)
    return module.dataclass(frozen=True)(type("Guest", (), body))  # type: ignore[no-any-return]  # a class


def mutable_class(module: Any) -> type:
    body: dict[str, Any] = {"__annotations__": dict.fromkeys(NAMES[:10], "str"), **dict.fromkeys(NAMES[:10], "")}
    body["f1"] = module.field(default_factory=list)
    return module.dataclass(type("Settings", (), body))  # type: ignore[no-any-return]  # a class


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def side_by_side(mine: Callable[[], object], theirs: Callable[[], object], n: int, repeat: int = 1) -> tuple[float, float]:
    a, b = [], []
    for _ in range(n + 1):  # the first pair warms up
        a.append(timed(mine, repeat))
        b.append(timed(theirs, repeat))
    return statistics.median(a[1:]), statistics.median(b[1:])


def values_of(cls: type) -> Callable[[], object]:
    def run() -> object:
        made = [cls(f0=str(i), f1="Ada", f2="Lovelace", f5="x") for i in range(100_000)]
        return len({*made}), made[0] == made[1]
    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=11)
    n = parser.parse_args().pairs
    print(machine())
    print(f"Medians of {n} interleaved pairs\n")
    rows = []
    run = subprocess.run
    imp = side_by_side(lambda: run([sys.executable, "-c", "import kosi_checkin.domain.values"], check=True),
                       lambda: run([sys.executable, "-c", "import dataclasses"], check=True), n)
    bare = statistics.median(timed(lambda: run([sys.executable, "-c", "pass"], check=True)) for _ in range(n))
    rows.append(("import, whole process (a bare start: %.1f ms)" % (bare * 1000), *imp))
    rows.append(("define a frozen class of 14 fields", *side_by_side(lambda: frozen_class(ours), lambda: frozen_class(std),
                                                                      n, repeat=50)))
    rows.append(("define a mutable class of 10 fields", *side_by_side(lambda: mutable_class(ours),
                                                                       lambda: mutable_class(std), n, repeat=50)))
    rows.append(("100,000 frozen values made, hashed, compared",
                 *side_by_side(values_of(frozen_class(ours)), values_of(frozen_class(std)), max(3, n // 3))))
    print(f"{'measure':50} {'values':>10} {'dataclasses':>12} {'ratio':>7}")
    for name, mine, theirs in rows:
        print(f"{name:50} {mine * 1000:8.2f} ms {theirs * 1000:9.2f} ms {mine / theirs:6.2f}x")


if __name__ == "__main__":
    main()
