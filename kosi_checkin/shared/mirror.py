"""Copying an event between a SQLite file and the shared PostgreSQL schema: publish (file →
server), pull (server → file), and push (what changed in a local copy since it was pulled →
server). Every command and the desk work on a local SQLite copy; check-ins are decided by the
server as they happen (see remote.py); everything else goes up as a diff when the work is done.

Tables that change (guests, sessions, settings) are compared row by row against the snapshot taken
at the pull; append-only tables (journal, badge prints, audit, …) send the rows added since."""

from __future__ import annotations

import sqlite3
from typing import Any

import psycopg

from kosi_checkin.domain.values import dataclass, field
from kosi_checkin.shared.pg import notify
from kosi_checkin.storage.db import transaction

MUTABLE: dict[str, tuple[str, ...]] = {
    "meta": ("key",),
    "sessions": ("id",),
    "attendees": ("id",),
    "registrations": ("attendee_id", "session_id"),
    "ticket_codes": ("code", "attendee_id"),
    "used_ids": ("id",),
    "erasures": ("attendee_id",),
    "kept_counts": ("session_id", "measure"),
}
APPEND = ("journal", "badge_prints", "imports", "refused_scans", "audit")
PERSONAL_APPEND = ("journal", "badge_prints", "imports", "refused_scans")
LOCAL_META = ("pg_journal_seq",)  # a local copy's own bookkeeping, never sent

Row = tuple[Any, ...]
Table = tuple[str, list[str], list[Row]]  # a table read from the server: its name, columns and rows


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "seq"]


@dataclass
class Snapshot:
    """What the local copy held when it was pulled (or last pushed)."""

    rows: dict[str, dict[Row, Row]] = field(default_factory=dict)
    seqs: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, conn: sqlite3.Connection) -> Snapshot:
        snap = cls()
        for table, key in MUTABLE.items():
            cols = columns(conn, table)
            index = [cols.index(k) for k in key]
            snap.rows[table] = {tuple(r[i] for i in index): tuple(r) for r in
                                conn.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM {table}")
                                if not (table == "meta" and r[0] in LOCAL_META)}
        for table in APPEND:
            snap.seqs[table] = int(conn.execute(f"SELECT coalesce(max(seq), 0) FROM {table}").fetchone()[0])
        return snap


def _q(column: str) -> str:
    return f'"{column}"'


def read_tables(pg: psycopg.Connection[Any], conn: sqlite3.Connection, tables: tuple[str, ...]) -> list[Table]:
    """The server's rows of ``tables`` (the caller holds a server transaction), read before the
    local copy is written: the copy is never locked while the network is waited on (a stalled
    link held its lock for seconds, and an edit in the window waited on it)."""
    found = []
    for table in tables:
        cols = columns(conn, table)
        with pg.cursor() as cur:
            order = " ORDER BY seq" if table in APPEND else ""
            cur.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM {table}{order}")
            found.append((table, cols, cur.fetchall()))
    return found


def write_tables(conn: sqlite3.Connection, found: list[Table]) -> None:
    """Replace the local rows of the tables read by ``read_tables`` (the caller holds the local
    transaction)."""
    for table, cols, rows in found:
        conn.execute(f"DELETE FROM {table}")
        conn.executemany(f"INSERT INTO {table}({', '.join(_q(c) for c in cols)}) "
                         f"VALUES ({', '.join('?' * len(cols))})", rows)


def pull_into(pg: psycopg.Connection[Any], conn: sqlite3.Connection) -> Snapshot:
    """Replace the local copy's content with the server's: one consistent read on the server,
    then one short local transaction."""
    pulled = pull_unless_changed(pg, conn, None)
    assert pulled is not None  # nothing to compare with: always pulled
    return pulled


def pull_unless_changed(pg: psycopg.Connection[Any], conn: sqlite3.Connection,
                        unchanged_since: Snapshot | None) -> Snapshot | None:
    """``pull_into``, but only if the copy still holds what ``unchanged_since`` saw: None (and
    nothing written) when it changed meanwhile — what was not sent yet is sent first, never
    overwritten."""
    with pg.transaction():
        pg.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        found = read_tables(pg, conn, (*MUTABLE, *APPEND))
        with pg.cursor() as cur:
            cur.execute("SELECT coalesce(max(seq), 0) FROM journal")
            last = cur.fetchone()[0]  # type: ignore[index]  # psycopg types fetchone() as optional; max() always returns a row
    with transaction(conn):
        if unchanged_since is not None and Snapshot.of(conn) != unchanged_since:
            return None
        write_tables(conn, found)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (LOCAL_META[0], str(last)))
    return Snapshot.of(conn)


def publish_from(conn: sqlite3.Connection, pg: psycopg.Connection[Any]) -> int:
    """Copy a whole local event to an empty shared schema; returns the number of guests."""
    with pg.transaction():
        for table in (*MUTABLE, *APPEND):
            cols = columns(conn, table)
            rows = [r for r in conn.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM {table}"
                                            + (" ORDER BY seq" if table in APPEND else ""))
                    if not (table == "meta" and r[0] in LOCAL_META)]
            _insert(pg, table, cols, rows)
        _presence_from_journal(pg)
        notify(pg, "all")
    return int(conn.execute("SELECT count(*) FROM attendees").fetchone()[0])


def _insert(pg: psycopg.Connection[Any], table: str, cols: list[str], rows: list[Row], conflict: str = "") -> None:
    if not rows:
        return
    sql = (f"INSERT INTO {table}({', '.join(_q(c) for c in cols)}) VALUES ({', '.join(['%s'] * len(cols))})"
           + (f" ON CONFLICT {conflict}" if conflict else ""))
    with pg.cursor() as cur:
        cur.executemany(sql, rows)


def _presence_from_journal(pg: psycopg.Connection[Any]) -> None:
    """The check-ins in force, derived from the whole journal (after publish or a purge)."""
    pg.execute("DELETE FROM presence")
    pg.execute("""
        INSERT INTO presence(attendee_id, session_id, uuid)
        SELECT DISTINCT ON (attendee_id, session_id) attendee_id, session_id, uuid
        FROM journal ORDER BY attendee_id, session_id, at_utc DESC, seq DESC""")
    pg.execute("""DELETE FROM presence p USING journal j WHERE j.uuid = p.uuid AND j.action <> 'checkin'""")


def push_journal_rows(pg: psycopg.Connection[Any], rows: list[dict[str, Any]]) -> None:
    """Journal entries made elsewhere (offline, on the command line): kept all; the presence
    table admits a guest once (a second check-in from another desk is a record, not a count)."""
    for row in rows:
        with pg.cursor() as cur:
            cur.execute("INSERT INTO journal(uuid, attendee_id, session_id, at, at_utc, desk, action, forced, note) "
                        "VALUES (%(uuid)s, %(attendee_id)s, %(session_id)s, %(at)s, %(at_utc)s, %(desk)s, %(action)s, "
                        "%(forced)s, %(note)s) ON CONFLICT (uuid) DO NOTHING", row)
            if cur.rowcount == 0:
                continue
            if row["action"] == "checkin":
                cur.execute("INSERT INTO presence(attendee_id, session_id, uuid) VALUES (%s, %s, %s) "
                            "ON CONFLICT DO NOTHING", (row["attendee_id"], row["session_id"], row["uuid"]))
            else:
                cur.execute("DELETE FROM presence WHERE attendee_id = %s AND session_id = %s",
                            (row["attendee_id"], row["session_id"]))


def push_changes(conn: sqlite3.Connection, pg: psycopg.Connection[Any], snapshot: Snapshot) -> Snapshot:
    """Send what changed locally since ``snapshot``; returns the new snapshot."""
    now = Snapshot.of(conn)
    with pg.transaction():
        for table, key in MUTABLE.items():
            cols = columns(conn, table)
            before, after = snapshot.rows.get(table, {}), now.rows[table]
            changed = [row for pk, row in after.items() if before.get(pk) != row]
            gone = [pk for pk in before if pk not in after]
            others = [c for c in cols if c not in key]
            update = ", ".join(f"{_q(c)} = EXCLUDED.{_q(c)}" for c in others)
            _insert(pg, table, cols, changed,
                    f"({', '.join(_q(k) for k in key)}) " + (f"DO UPDATE SET {update}" if others else "DO NOTHING"))
            with pg.cursor() as cur:
                for pk in gone:
                    cur.execute(f"DELETE FROM {table} WHERE " + " AND ".join(f"{_q(k)} = %s" for k in key), pk)
        erased = [pk[0] for pk in now.rows["erasures"] if pk not in snapshot.rows.get("erasures", {})]
        with pg.cursor() as cur:
            for attendee_id in erased:  # a guest deleted on request: their records everywhere
                for table in ("journal", "presence", "badge_prints"):
                    cur.execute(f"DELETE FROM {table} WHERE attendee_id = %s", (attendee_id,))
        purged = now.rows["meta"].get(("purged_at",)) != snapshot.rows.get("meta", {}).get(("purged_at",))
        if purged and now.rows["meta"].get(("purged_at",)):
            for table in (*PERSONAL_APPEND, "presence"):
                pg.execute(f"DELETE FROM {table}")
        for table in APPEND:
            cols = columns(conn, table)
            rows = conn.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM {table} WHERE seq > ? ORDER BY seq",
                                (snapshot.seqs.get(table, 0),)).fetchall()
            if table == "journal":
                push_journal_rows(pg, [dict(zip(cols, r)) for r in rows])
            elif not (purged and table in PERSONAL_APPEND):
                _insert(pg, table, cols, rows)
        notify(pg, "data")
    return now
