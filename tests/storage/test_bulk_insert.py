"""insert_rows writes every row once, in order, in statements SQLite of any build accepts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kosi_checkin.storage.bulk_insert import MAX_PARAMETERS, MAX_ROWS, insert_rows


@pytest.mark.parametrize("width", [1, 2, 14, MAX_PARAMETERS + 1])
@pytest.mark.parametrize("count", [0, 1, 70, 71, 99, 100, 101, 250])
def test_every_row_lands_once_in_order(tmp_path: Path, width: int, count: int) -> None:
    conn = sqlite3.connect(tmp_path / "t.sqlite")
    columns = [f"c{k}" for k in range(width)]
    conn.execute(f"CREATE TABLE t(n INTEGER PRIMARY KEY, {', '.join(columns)})")
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    rows = [tuple(f"{r}.{k}" for k in range(width)) for r in range(count)]
    insert_rows(conn, "t", columns, rows)
    conn.set_trace_callback(None)
    assert conn.execute(f"SELECT {', '.join(columns)} FROM t ORDER BY n").fetchall() == rows
    inserts = [s for s in statements if s.startswith("INSERT")]
    per = max(1, min(MAX_ROWS, MAX_PARAMETERS // width))
    assert len(inserts) == -(-count // per)  # ceiling: one statement per chunk


def test_a_row_of_the_wrong_width_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "t.sqlite")
    conn.execute("CREATE TABLE t(a, b)")
    with pytest.raises(ValueError, match="2 values each"):
        insert_rows(conn, "t", ("a", "b"), [("1", "2"), ("3",)])


def test_the_verb_can_ignore_rows_already_there(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "t.sqlite")
    conn.execute("CREATE TABLE t(a TEXT PRIMARY KEY)")
    insert_rows(conn, "t", ("a",), [("x",)])
    insert_rows(conn, "t", ("a",), [("x",), ("y",)], verb="INSERT OR IGNORE")
    assert conn.execute("SELECT a FROM t ORDER BY a").fetchall() == [("x",), ("y",)]
