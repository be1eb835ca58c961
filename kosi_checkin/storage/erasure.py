"""Deleting rows for good: one guest's (GDPR), or every personal row of a purge; the counts a
purge keeps; compacting the file so deleted content is gone from it. The policy (what is
counted, what the audit log says) is trust/erase.py's."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from kosi_checkin.storage.repositories import utc_now_iso

PERSONAL_TABLES = ("journal", "movements", "badge_prints", "ticket_codes", "registrations", "attendees",
                   "refused_scans", "erasures", "imports")
_GUEST_TABLES = ("journal", "movements", "badge_prints", "ticket_codes", "registrations")


def overwrite_deleted(conn: sqlite3.Connection) -> None:
    """Deleted content is overwritten with zeros in the file (outside a transaction)."""
    conn.execute("PRAGMA secure_delete = ON")


def erase_rows(conn: sqlite3.Connection, ids: Sequence[str]) -> int:
    """Delete the guests and everything that names them; remember their ids as erased.
    Caller holds the transaction; returns how many guests were still there."""
    conn.execute("PRAGMA foreign_keys = ON")
    found = 0
    for attendee_id in ids:
        found += conn.execute("SELECT count(*) FROM attendees WHERE id = ?", (attendee_id,)).fetchone()[0]
        for table in _GUEST_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE attendee_id = ?", (attendee_id,))  # noqa: S608 - fixed names
        conn.execute("DELETE FROM attendees WHERE id = ?", (attendee_id,))
        conn.execute("INSERT OR IGNORE INTO erasures(attendee_id, at) VALUES (?, ?)", (attendee_id, utc_now_iso()))
    return found


def erased_ids(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT attendee_id FROM erasures")]


def delete_personal_rows(conn: sqlite3.Connection, kept: list[tuple[str, str, int]]) -> None:
    """A purge (caller holds the transaction): every personal row deleted; ``kept`` (session id,
    measure, value) replaces the counts kept before."""
    conn.execute("DELETE FROM kept_counts")
    conn.executemany("INSERT INTO kept_counts(session_id, measure, value) VALUES (?,?,?)", kept)
    for table in PERSONAL_TABLES:
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names


def kept_count_rows(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    return [(str(s), str(m), int(v)) for s, m, v in conn.execute("SELECT session_id, measure, value FROM kept_counts")]


def compact(conn: sqlite3.Connection) -> None:
    """Rewrite the file without free pages and empty the write-ahead log."""
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def self_contained(conn: sqlite3.Connection) -> None:
    """One file without a write-ahead log beside it (a backup)."""
    conn.execute("PRAGMA journal_mode = DELETE")
