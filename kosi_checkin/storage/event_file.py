"""Opening an event file as a whole: the connection (configured and migrated) and its event."""

from __future__ import annotations

import sqlite3

from kosi_checkin.domain.model import Event
from kosi_checkin.storage.db import connect
from kosi_checkin.storage.repositories import EventRepository

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from pathlib import Path


def open_event_file(path: str | Path) -> tuple[sqlite3.Connection, Event]:
    conn = connect(path)
    try:
        return conn, EventRepository(conn).load()
    except BaseException:
        conn.close()
        raise


def connect_plain(path: Path, timeout: float = 10) -> sqlite3.Connection:
    """A connection without the app's settings (to copy the file while other connections write)."""
    return sqlite3.connect(path, timeout=timeout)
