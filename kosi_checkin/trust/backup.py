"""Rotating backups of an event file with SQLite's online backup API (a consistent copy while
desks keep writing), in a folder next to the event file. Made before every import, every few
minutes while a desk runs, on closing the desk, and on request; restored on request.

Deletions reach the backups: erasing a guest or purging the event cleans every backup too, and
the event file remembers what was erased, so restoring a backup made earlier erases it again."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kosi_checkin.domain.errors import EventFileError, UsageError
from kosi_checkin.i18n import _
from kosi_checkin.config import data_dir
from kosi_checkin.services.events import open_event
from kosi_checkin.shared.url import is_shared, stem
from kosi_checkin.storage.db import APPLICATION_ID, connect, transaction
from kosi_checkin.storage.repositories import EventRepository
from kosi_checkin.trust.audit import BACKUP, RESTORE, AuditLog
from kosi_checkin.trust.erase import PURGED_KEY, compact, erase_rows, purge_rows, purged_at

KEEP = 30  # backups kept per event; the oldest go first
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.kosi$")


def backups_dir(event_path: Path) -> Path:
    """Next to the event file; for a shared event in the data folder, one per server."""
    if is_shared(str(event_path)):
        return data_dir() / "backups" / stem(event_path)
    event_path = Path(event_path)
    return event_path.with_name(event_path.stem + ".backups")


@dataclass(frozen=True)
class Backup:
    path: Path
    made: dt.datetime  # UTC
    reason: str


def list_backups(event_path: Path) -> list[Backup]:
    """Newest first."""
    folder = backups_dir(event_path)
    found = []
    for path in folder.glob("*.kosi") if folder.is_dir() else []:
        match = _NAME.match(path.name)
        if match:
            made = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f").replace(tzinfo=dt.timezone.utc)
            found.append(Backup(path, made, match["reason"]))
    return sorted(found, key=lambda b: b.made, reverse=True)


def _new_backup(place: Path | str, reason: str) -> Path:
    """Where the next backup of ``place`` (a file or a server) goes: the folder, a UTC stamp, the reason."""
    folder = backups_dir(place)  # type: ignore[arg-type]
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{stem(place)}-{stamp}-{reason}.kosi"


def _rotate(place: Path | str, keep: int) -> None:
    for old in list_backups(place)[keep:]:  # type: ignore[arg-type]
        old.path.unlink(missing_ok=True)


def make_backup(event_path: Path, reason: str = "manual", keep: int = KEEP, who: str = "") -> Path:
    """A consistent copy of the event file as it is now (other connections may keep writing).
    For a shared event: a pull of the server's event into a file."""
    target = _new_backup(event_path, reason)
    if is_shared(str(event_path)):
        _pull_backup(str(event_path), target)
    else:
        _copy_backup(Path(event_path), target, reason, who)
    _rotate(event_path, keep)
    return target


def _copy_backup(event_path: Path, target: Path, reason: str, who: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".backup-", suffix=".kosi")
    os.close(fd)
    source = sqlite3.connect(event_path, timeout=10)
    try:
        copy = sqlite3.connect(tmp)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
        os.replace(tmp, target)
        with transaction(source):
            AuditLog(source).add(BACKUP, f"{reason}: {target.name}", who)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        source.close()


def _pull_backup(url: str, target: Path) -> None:
    from kosi_checkin.shared.session import pull

    pull(url, target)
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    conn.close()


def _check_backup(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise EventFileError(_("{path} is not a backup of an event file ({reason}).").format(path=path, reason=exc)) from exc
    if app_id != APPLICATION_ID:
        raise EventFileError(_("{path} is not a backup of an event file.").format(path=path))
    if ok != "ok":
        raise EventFileError(_("The backup {path} is damaged ({reason}).").format(path=path, reason=ok))


def restore(event_path: Path, backup: Path, who: str = "") -> Path:
    """Put the backup's content into the event file (after a backup of the file as it is now,
    returned). Guests erased since, or a purge since, are applied to the restored content."""
    backup = Path(backup)
    if not backup.is_file():
        raise UsageError(_("Backup not found: {path}").format(path=backup))
    _check_backup(backup)
    if is_shared(str(event_path)):  # a shared event: the backup replaces what the server holds
        from kosi_checkin.shared.session import publish

        safety = make_backup(event_path, "before-restore", who=who)
        publish(backup, str(event_path), replace=True)
        return safety
    event_path = Path(event_path)
    conn, _event = open_event(event_path)
    try:
        erased = [row[0] for row in conn.execute("SELECT attendee_id FROM erasures")]
        purged = purged_at(conn)
        history = conn.execute("SELECT at, who, action, detail FROM audit ORDER BY seq").fetchall()
    finally:
        conn.close()
    safety = make_backup(event_path, "before-restore", who=who)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    target = sqlite3.connect(event_path, timeout=10)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    conn, event = open_event(event_path)  # migrates a backup made by an older version
    try:
        conn.execute("PRAGMA secure_delete = ON")
        with transaction(conn):
            if purged and not purged_at(conn):
                purge_rows(conn, event, keep_counts=False)
                EventRepository(conn).set_meta(PURGED_KEY, purged)
            elif erased:
                erase_rows(conn, erased)
            known = set(conn.execute("SELECT at, who, action, detail FROM audit").fetchall())
            conn.executemany("INSERT INTO audit(at, who, action, detail) VALUES (?,?,?,?)",
                             [row for row in history if tuple(row) not in known])  # the log outlives a restore
            AuditLog(conn).add(RESTORE, backup.name, who)
        if erased or purged:
            compact(conn)
    finally:
        conn.close()
    return safety


def reach_backups(event_path: Path, erased: list[str] | None = None, purge: bool = False) -> int:
    """Apply an erasure (or a purge) to every backup of the event; returns how many were cleaned."""
    cleaned = 0
    for backup in list_backups(event_path):
        conn = connect(backup.path)  # a backup made by an older version is migrated first
        try:
            conn.execute("PRAGMA secure_delete = ON")
            event = EventRepository(conn).load()
            with transaction(conn):
                if purge:
                    purge_rows(conn, event, keep_counts=True)
                elif erased:
                    erase_rows(conn, erased)
            compact(conn)
            conn.execute("PRAGMA journal_mode = DELETE")
            cleaned += 1
        finally:
            conn.close()
    return cleaned

