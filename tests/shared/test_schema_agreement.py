"""The event file's schema (storage/db.py) and the shared event's (shared/pg.py) agree, table for
table and column for column: names and order, type, NOT NULL, default and primary key. A real
PostgreSQL cluster; the few tables only one side has are listed with the reason."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from kosi_checkin.shared.pg import connect as pg_connect
from kosi_checkin.shared.pg import migrate
from kosi_checkin.storage.db import connect

LOCAL_ONLY = {
    "outbox": "a desk's own queue of check-ins the server has not heard of yet",
    "movements": "room exits are kept in each desk's file (not mirrored to the server)",
}
SERVER_ONLY = {
    "presence": "the check-ins in force: the server's constraint that admits a guest once",
    "kosi_schema": "the server schema's version (a file has PRAGMA user_version)",
}
_TYPES = {"INTEGER": "integer", "BIGINT": "integer", "BIGSERIAL": "integer", "TEXT": "text"}


def _default(text: str | None) -> str | None:
    if text is None or text.startswith("nextval("):
        return None  # a serial's sequence: SQLite's INTEGER PRIMARY KEY counts by itself
    return re.sub(r"::[a-z ]+$", "", text).strip("()")


def sqlite_schema(path: Path) -> dict[str, list[tuple[str, str, bool, str | None, bool]]]:
    conn = connect(path, create=not path.exists())
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: [(name, _TYPES[kind.upper()], bool(notnull) or bool(pk), _default(default), bool(pk))
                    for _cid, name, kind, notnull, default, pk in conn.execute(f"PRAGMA table_info({t})")]
                for t in tables}
    finally:
        conn.close()


def pg_schema(url: str) -> dict[str, list[tuple[str, str, bool, str | None, bool]]]:
    pg = pg_connect(url)
    try:
        migrate(pg)
        keys = {(t, c) for t, c in pg.execute(
            "SELECT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name "
            "WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public'")}
        result: dict[str, list[tuple[str, str, bool, str | None, bool]]] = {}
        for table, column, kind, nullable, default in pg.execute(
                "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns "
                "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"):
            result.setdefault(table, []).append((column, _TYPES[{"bigint": "BIGINT", "text": "TEXT"}[kind]],
                                                 nullable == "NO", _default(default), (table, column) in keys))
        return result
    finally:
        pg.close()


def test_sqlite_and_postgresql_schemas_agree(tmp_path: Path, pg_url: str) -> None:
    local = sqlite_schema(tmp_path / "event.kosi")
    server = pg_schema(pg_url)
    assert set(local) - set(server) == set(LOCAL_ONLY)
    assert set(server) - set(local) == set(SERVER_ONLY)
    for table in sorted(set(local) & set(server)):
        assert local[table] == server[table], table


def test_the_comparison_sees_a_difference(tmp_path: Path) -> None:
    path = tmp_path / "event.kosi"
    before = sqlite_schema(path)
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE audit ADD COLUMN extra TEXT NOT NULL DEFAULT ''")
    conn.commit()
    conn.close()
    assert sqlite_schema(path)["audit"] != before["audit"]
