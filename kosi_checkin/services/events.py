"""Create and open event files."""

from __future__ import annotations

import sqlite3

from kosi_checkin.domain.model import Event
from kosi_checkin.shared.url import is_shared
from kosi_checkin.storage.db import connect, transaction
from kosi_checkin.storage.event_file import open_event_file
from kosi_checkin.storage.repositories import EventRepository

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from pathlib import Path


def create_event(path: str | Path, event: Event, *, signature: Path | None = None) -> sqlite3.Connection:
    """A new event file with the event's settings and a fresh per-event secret for badge
    codes (and the certificates' signature image, if given). Refuses to overwrite an existing file."""
    from pathlib import Path

    path = Path(path)
    image = None
    if signature is not None:
        from kosi_checkin.services.certificate_settings import read_signature, store_signature

        image = read_signature(signature)  # a bad image says so before any file is made
    conn = connect(path, create=True)
    try:
        with transaction(conn):
            repo = EventRepository(conn)
            repo.save(event)
            import secrets  # only here: a read command need not load hashlib and hmac

            from kosi_checkin.domain.ids import ID_ALPHABET

            repo.set_meta("secret", secrets.token_hex(32))
            repo.set_meta("code_prefix", "".join(secrets.choice(ID_ALPHABET) for _ in range(3)))
        if image is not None:
            store_signature(conn, image)
    except BaseException:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    return conn


def open_event(path: str | Path, *, desk: bool = False) -> tuple[sqlite3.Connection, Event]:
    """An event file, or a shared event at a ``postgresql://`` URL (a local copy that sends its
    changes when closed; ``desk``: a lasting copy that goes on offline)."""
    if is_shared(path):
        from kosi_checkin.shared.session import open_shared  # psycopg only when needed

        return open_shared(str(path), desk=desk)
    return open_event_file(path)
