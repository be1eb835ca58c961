"""The audit log: who did what when (imports, exports, edits, deletions, purges, mode changes,
backups, restores). It records that something happened, never the personal data concerned."""

from __future__ import annotations

import sqlite3

from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.records import CERTIFICATE as CERTIFICATE  # re-exported beside the other actions
from kosi_checkin.storage.records import AuditEntry, AuditRepository
from kosi_checkin.storage.repositories import utc_now_iso

IMPORT, EXPORT, EDIT, DELETE, PURGE, MODE, PIN, BACKUP, RESTORE, BADGES = (
    "import", "export", "edit", "delete", "purge", "mode", "pin", "backup", "restore", "badges")


def actor(name: str = "") -> str:
    """Who acts: the name given (desk name, --by), else the computer's login name."""
    if name.strip():
        return name.strip()
    import getpass  # here: it loads termios, and a read command that only reads the log needs neither

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


class AuditLog:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.repository = AuditRepository(conn)

    def add(self, action: str, detail: str = "", who: str = "") -> None:
        """Record inside the caller's transaction."""
        self.repository.add(AuditEntry(utc_now_iso(), actor(who), action, detail))

    def record(self, action: str, detail: str = "", who: str = "") -> None:
        """Record in a transaction of its own."""
        with transaction(self.conn):
            self.add(action, detail, who)

    def entries(self) -> list[AuditEntry]:
        return self.repository.entries()
