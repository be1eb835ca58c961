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
from pathlib import Path

from kosi_checkin.domain.errors import EventFileError, UsageError
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _
from kosi_checkin.places import data_dir
from kosi_checkin.shared.url import is_shared, stem
from kosi_checkin.storage.db import APPLICATION_ID, connect, transaction
from kosi_checkin.storage.erasure import compact, erase_rows, erased_ids, overwrite_deleted, self_contained
from kosi_checkin.storage.event_file import connect_plain, open_event_file
from kosi_checkin.storage.file_copy import copy_file, copy_into, file_marks, make_self_contained
from kosi_checkin.storage.records import AuditRepository
from kosi_checkin.storage.repositories import EventRepository
from kosi_checkin.trust.audit import BACKUP, RESTORE, AuditLog
from kosi_checkin.trust.erase import PURGED_KEY, purge_rows, purged_at

KEEP = 30  # backups kept per event; the oldest go first
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.kosi$")


def backups_dir(event_path: Path | str) -> Path:
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


def list_backups(event_path: Path | str) -> list[Backup]:
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
    folder = backups_dir(place)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{stem(place)}-{stamp}-{reason}.kosi"


def _rotate(place: Path | str, keep: int) -> None:
    for old in list_backups(place)[keep:]:
        old.path.unlink(missing_ok=True)


def make_backup(event_path: Path | str, reason: str = "manual", keep: int = KEEP, who: str = "") -> Path:
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
    source = connect_plain(event_path)
    try:
        copy_into(source, Path(tmp))
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
    make_self_contained(target)


def _check_backup(path: Path) -> None:
    try:
        app_id, ok = file_marks(path)
    except sqlite3.DatabaseError as exc:
        raise EventFileError(_("{path} is not a backup of an event file ({reason}).").format(path=path, reason=exc)) from exc
    if app_id != APPLICATION_ID:
        raise EventFileError(_("{path} is not a backup of an event file.").format(path=path))
    if ok != "ok":
        raise EventFileError(_("The backup {path} is damaged ({reason}).").format(path=path, reason=ok))


def restore(event_path: Path | str, backup: Path, who: str = "") -> Path:
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
    file = Path(event_path)
    conn, _event = open_event_file(file)
    try:
        erased = erased_ids(conn)
        purged = purged_at(conn)
        history = AuditRepository(conn).entries()
    finally:
        conn.close()
    safety = make_backup(file, "before-restore", who=who)
    copy_file(backup, file)
    conn, event = open_event_file(file)  # migrates a backup made by an older version
    try:
        overwrite_deleted(conn)
        with transaction(conn):
            if purged and not purged_at(conn):
                purge_rows(conn, event, keep_counts=False)
                EventRepository(conn).set_meta(PURGED_KEY, purged)
            elif erased:
                erase_rows(conn, erased)
            AuditRepository(conn).add_missing(history)  # the log outlives a restore
            AuditLog(conn).add(RESTORE, backup.name, who)
        if erased or purged:
            compact(conn)
    finally:
        conn.close()
    return safety


def reach_backups(event_path: Path | str, erased: list[str] | None = None, purge: bool = False) -> int:
    """Apply an erasure (or a purge) to every backup of the event; returns how many were cleaned."""
    cleaned = 0
    for backup in list_backups(event_path):
        conn = connect(backup.path)  # a backup made by an older version is migrated first
        try:
            overwrite_deleted(conn)
            event = EventRepository(conn).load()
            with transaction(conn):
                if purge:
                    purge_rows(conn, event, keep_counts=True)
                elif erased:
                    erase_rows(conn, erased)
            compact(conn)
            self_contained(conn)
            cleaned += 1
        finally:
            conn.close()
    return cleaned

