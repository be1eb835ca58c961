"""The only deletions the app ever makes: one guest on request (GDPR), or all personal data
after the event (purge). Deleted content is overwritten in the file (secure_delete), the file is
compacted and its write-ahead log emptied, so the data is really gone from the file."""

from __future__ import annotations

import sqlite3

from kosi_checkin.domain.model import Event
from kosi_checkin.report.attendance import Attendance
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.erasure import (
    compact,
    delete_personal_rows,
    erase_rows,
    kept_count_rows,
    overwrite_deleted,
)
from kosi_checkin.storage.repositories import EventRepository, utc_now_iso
from kosi_checkin.trust.audit import DELETE, PURGE, AuditLog

PURGED_KEY = "purged_at"
COUNT_MEASURES = ("registered", "present", "walk_ins", "no_shows")


def erase_guest(conn: sqlite3.Connection, attendee_id: str, who: str = "") -> bool:
    """Delete one guest with their check-ins and prints; the audit log says that a guest was
    deleted (by whom, when), not who it was."""
    overwrite_deleted(conn)
    with transaction(conn):
        found = erase_rows(conn, [attendee_id]) > 0
        if found:
            AuditLog(conn).add(DELETE, "1 guest", who)
    if found:
        compact(conn)
    return found


def purge_rows(conn: sqlite3.Connection, event: Event, keep_counts: bool) -> None:
    """Caller holds the transaction."""
    kept: list[tuple[str, str, int]] = []
    if keep_counts:
        for stats in Attendance.load(conn, event, ordered=False).all_stats():
            rows = [(m, int(getattr(stats, m))) for m in COUNT_MEASURES]
            rows += [(f"sector:{name}", value) for name, value in stats.by_sector.items()]
            kept += [(stats.session.id, m, v) for m, v in rows]
    delete_personal_rows(conn, kept)
    EventRepository(conn).set_meta(PURGED_KEY, utc_now_iso())


def purge(conn: sqlite3.Connection, event: Event, keep_counts: bool, who: str = "") -> None:
    overwrite_deleted(conn)
    with transaction(conn):
        purge_rows(conn, event, keep_counts)
        AuditLog(conn).add(PURGE, "counts kept" if keep_counts else "counts not kept", who)
    compact(conn)


def purged_at(conn: sqlite3.Connection) -> str:
    return EventRepository(conn).meta(PURGED_KEY)


def kept_counts(conn: sqlite3.Connection) -> dict[str, dict[str, object]]:
    """session id → the counts kept by a purge ({} if none were kept)."""
    result: dict[str, dict[str, object]] = {}
    for session_id, measure, value in kept_count_rows(conn):
        entry = result.setdefault(session_id, {})
        sectors = entry.setdefault("by_sector", {})
        if measure.startswith("sector:"):
            assert isinstance(sectors, dict)
            sectors[measure[7:]] = value
        else:
            entry[measure] = value
    return result
