"""The event file's smaller records: the audit log, the outbox of a shared event's desk, the
import history and the counts a few windows show."""

from __future__ import annotations

import sqlite3

from kosi_checkin.domain.model import AttendeeId, SessionId
from kosi_checkin.domain.values import dataclass
from kosi_checkin.storage.repositories import utc_now_iso


@dataclass(frozen=True)
class AuditEntry:
    at: str
    who: str
    action: str
    detail: str


CERTIFICATE = "certificate"  # the audit action of one issued certificate; its detail starts with the guest's id


class AuditRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, entry: AuditEntry) -> None:
        self.conn.execute("INSERT INTO audit(at, who, action, detail) VALUES (?,?,?,?)",
                          (entry.at, entry.who, entry.action, entry.detail))

    def entries(self) -> list[AuditEntry]:
        return [AuditEntry(*row) for row in self.conn.execute("SELECT at, who, action, detail FROM audit ORDER BY seq")]

    def certified(self) -> set[str]:
        """The ids of the guests who were issued a certificate of attendance."""
        return {str(row[0]).split(" ", 1)[0]
                for row in self.conn.execute("SELECT detail FROM audit WHERE action = ?", (CERTIFICATE,))}

    def add_missing(self, history: list[AuditEntry]) -> None:
        """Put back entries of an earlier log that this one lacks (the log outlives a restore)."""
        known = set(self.entries())
        self.conn.executemany("INSERT INTO audit(at, who, action, detail) VALUES (?,?,?,?)",
                              [(e.at, e.who, e.action, e.detail) for e in history if e not in known])


class OutboxRepository:
    """A shared event's check-ins decided at the desk while the server did not answer."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def queue(self, uuid: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO outbox(uuid) VALUES (?)", (uuid,))

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM outbox").fetchone()[0])


class CountsRepository:
    """Numbers read in one query each (windows that only show totals)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def last_journal_seq(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(seq), 0) FROM journal").fetchone()[0])

    def registered_per_session(self) -> dict[SessionId, int]:
        return {SessionId(sid): int(n) for sid, n in self.conn.execute(
            "SELECT session_id, count(*) FROM registrations GROUP BY session_id")}

    def has_attendee(self, attendee_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM attendees WHERE id = ?", (attendee_id,)).fetchone() is not None


class TicketCodeRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def holders(self) -> dict[str, list[AttendeeId]]:
        """Normalised ticket or order code → the guests holding it (a group's order code: several)."""
        result: dict[str, list[AttendeeId]] = {}
        for code, attendee_id in self.conn.execute("SELECT code, attendee_id FROM ticket_codes ORDER BY attendee_id"):
            result.setdefault(code, []).append(AttendeeId(attendee_id))
        return result


class ImportHistory:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, file: str, format: str, added: int, updated: int, unchanged: int) -> None:
        self.conn.execute(
            "INSERT INTO imports(at, file, format, added, updated, unchanged) VALUES (?,?,?,?,?,?)",
            (utc_now_iso(), file, format, added, updated, unchanged))
