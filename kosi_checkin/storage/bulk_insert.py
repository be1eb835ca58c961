"""Many rows into one table in few statements. One ``INSERT … VALUES (…),(…),…`` of up to a hundred
rows costs SQLite one statement step where ``executemany`` costs one per row: a 10,000-guest
import writes its three big tables in two thirds of the time (bench/bench_speed.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from itertools import chain

MAX_PARAMETERS = 999  # the lowest limit SQLite was ever built with (SQLITE_MAX_VARIABLE_NUMBER before 3.32)
MAX_ROWS = 100  # past this a longer statement saves nothing (measured: 50 → 100 → 200 rows)


def insert_rows(conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[object]],
                *, verb: str = "INSERT") -> None:
    """``verb INTO table(columns) VALUES`` each of ``rows`` (each as long as ``columns``), in order."""
    width = len(columns)
    per = max(1, min(MAX_ROWS, MAX_PARAMETERS // width))
    head = f"{verb} INTO {table}({', '.join(columns)}) VALUES "
    one = "(" + ",".join("?" * width) + ")"
    full = head + ",".join([one] * per)  # the same text each time: sqlite3 prepares it once
    for start in range(0, len(rows), per):
        chunk = rows[start:start + per]
        values = list(chain.from_iterable(chunk))
        if len(values) != width * len(chunk):
            raise ValueError(f"rows for {table} must have {width} values each")
        conn.execute(full if len(chunk) == per else head + ",".join([one] * len(chunk)), values)
