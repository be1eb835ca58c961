"""The audit log: who did what when (imports, exports, edits, deletions, purges, mode changes,
backups, restores). It records that something happened, never the personal data concerned."""

from __future__ import annotations

import datetime as dt
import getpass
import sqlite3
from dataclasses import dataclass

from kosi_checkin.storage.db import transaction

IMPORT, EXPORT, EDIT, DELETE, PURGE, MODE, PIN, BACKUP, RESTORE, BADGES = (
    "import", "export", "edit", "delete", "purge", "mode", "pin", "backup", "restore", "badges")


def actor(name: str = "") -> str:
    """Who acts: the name given (desk name, --by), else the computer's login name."""
    if name.strip():
        return name.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


@dataclass(frozen=True)
class AuditEntry:
    at: str
    who: str
    action: str
    detail: str


class AuditLog:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, action: str, detail: str = "", who: str = "") -> None:
        """Record inside the caller's transaction."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self.conn.execute("INSERT INTO audit(at, who, action, detail) VALUES (?,?,?,?)",
                          (now, actor(who), action, detail))

    def record(self, action: str, detail: str = "", who: str = "") -> None:
        """Record in a transaction of its own."""
        with transaction(self.conn):
            self.add(action, detail, who)

    def entries(self) -> list[AuditEntry]:
        return [AuditEntry(*row) for row in self.conn.execute("SELECT at, who, action, detail FROM audit ORDER BY seq")]
