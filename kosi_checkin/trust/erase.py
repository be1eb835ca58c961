"""The only deletions the app ever makes: one guest on request (GDPR), or all personal data
after the event (purge). Deleted content is overwritten in the file (secure_delete), the file is
compacted and its write-ahead log emptied, so the data is really gone from the file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from kosi_checkin.domain.model import Event
from kosi_checkin.report.attendance import Attendance
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import EventRepository
from kosi_checkin.trust.audit import DELETE, PURGE, AuditLog

PURGED_KEY = "purged_at"
PERSONAL_TABLES = ("journal", "movements", "badge_prints", "ticket_codes", "registrations", "attendees",
                   "refused_scans", "erasures", "imports")
COUNT_MEASURES = ("registered", "present", "walk_ins", "no_shows")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def erase_rows(conn: sqlite3.Connection, ids: Sequence[str]) -> int:
    """Delete the guests and everything that names them; remember their ids as erased.
    Caller holds the transaction; returns how many guests were still there."""
    conn.execute("PRAGMA foreign_keys = ON")
    found = 0
    for attendee_id in ids:
        found += conn.execute("SELECT count(*) FROM attendees WHERE id = ?", (attendee_id,)).fetchone()[0]
        conn.execute("DELETE FROM journal WHERE attendee_id = ?", (attendee_id,))
        conn.execute("DELETE FROM movements WHERE attendee_id = ?", (attendee_id,))
        conn.execute("DELETE FROM badge_prints WHERE attendee_id = ?", (attendee_id,))
        conn.execute("DELETE FROM ticket_codes WHERE attendee_id = ?", (attendee_id,))
        conn.execute("DELETE FROM registrations WHERE attendee_id = ?", (attendee_id,))
        conn.execute("DELETE FROM attendees WHERE id = ?", (attendee_id,))
        conn.execute("INSERT OR IGNORE INTO erasures(attendee_id, at) VALUES (?, ?)", (attendee_id, _now()))
    return found


def compact(conn: sqlite3.Connection) -> None:
    """Rewrite the file without free pages and empty the write-ahead log."""
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def erase_guest(conn: sqlite3.Connection, attendee_id: str, who: str = "") -> bool:
    """Delete one guest with their check-ins and prints; the audit log says that a guest was
    deleted (by whom, when), not who it was."""
    conn.execute("PRAGMA secure_delete = ON")
    with transaction(conn):
        found = erase_rows(conn, [attendee_id]) > 0
        if found:
            AuditLog(conn).add(DELETE, "1 guest", who)
    if found:
        compact(conn)
    return found


def purge_rows(conn: sqlite3.Connection, event: Event, keep_counts: bool) -> None:
    """Caller holds the transaction."""
    conn.execute("DELETE FROM kept_counts")
    if keep_counts:
        for stats in Attendance.load(conn, event).all_stats():
            rows = [(m, getattr(stats, m)) for m in COUNT_MEASURES]
            rows += [(f"sector:{name}", value) for name, value in stats.by_sector.items()]
            conn.executemany("INSERT INTO kept_counts(session_id, measure, value) VALUES (?,?,?)",
                             [(stats.session.id, m, v) for m, v in rows])
    for table in PERSONAL_TABLES:
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    EventRepository(conn).set_meta(PURGED_KEY, _now())


def purge(conn: sqlite3.Connection, event: Event, keep_counts: bool, who: str = "") -> None:
    conn.execute("PRAGMA secure_delete = ON")
    with transaction(conn):
        purge_rows(conn, event, keep_counts)
        AuditLog(conn).add(PURGE, "counts kept" if keep_counts else "counts not kept", who)
    compact(conn)


def purged_at(conn: sqlite3.Connection) -> str:
    return EventRepository(conn).meta(PURGED_KEY)


def kept_counts(conn: sqlite3.Connection) -> dict[str, dict[str, object]]:
    """session id → the counts kept by a purge ({} if none were kept)."""
    result: dict[str, dict[str, object]] = {}
    for session_id, measure, value in conn.execute("SELECT session_id, measure, value FROM kept_counts"):
        entry = result.setdefault(session_id, {"by_sector": {}})
        if measure.startswith("sector:"):
            entry["by_sector"][measure[7:]] = value  # type: ignore[index]
        else:
            entry[measure] = value
    return result
