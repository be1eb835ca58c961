"""Opening a shared event: a local SQLite copy of the server's event, behind the same connection
type every command already uses, so `attendees`, `stats`, `export`, `badges`, `checkin`, the desk …
work on a PostgreSQL URL unchanged. Closing the connection sends what changed.

Commands use a throw-away copy. A desk keeps its copy (in the data folder, one per server and
database) so that it can go on when the network drops, and its outbox survives a crash."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from kosi_checkin.domain.errors import EventFileError, ServerUnreachable
from kosi_checkin.domain.model import Event
from kosi_checkin.i18n import _
from kosi_checkin.shared.mirror import APPEND, MUTABLE, Snapshot, publish_from, pull_into
from kosi_checkin.shared.pg import connect as pg_connect
from kosi_checkin.shared.pg import has_event, migrate, reachable
from kosi_checkin.shared.remote import SharedLink
from kosi_checkin.shared.url import (  # noqa: F401 (cache_path: where desks find it)
    cache_path,
    display,
    without_password,
)
from kosi_checkin.storage.db import connect, transaction
from kosi_checkin.storage.repositories import EventRepository


class SharedConnection(sqlite3.Connection):
    """A local copy's connection; ``shared`` is its link to the server."""

    shared: SharedLink | None = None
    scratch: Path | None = None  # a throw-away copy's folder, removed on close

    def close(self) -> None:
        link, scratch = self.shared, self.scratch
        self.shared = None
        try:
            if link is not None:
                try:
                    if not link.offline_ok:
                        link.push(self)
                finally:
                    link.close()
        finally:
            super().close()
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)


def _server(url: str) -> Any:
    pg = pg_connect(url)
    with reachable(url):
        migrate(pg)
        if not has_event(pg):
            pg.close()
            raise EventFileError(_("There is no event on {server} yet: publish one with "
                                   "`kosi-checkin publish EVENT.kosi {url}`.").format(server=display(url),
                                                                                      url=without_password(url)))
    return pg


def open_shared(url: str, *, desk: bool = False) -> tuple[sqlite3.Connection, Event]:
    """A connection to a local copy of the shared event at ``url``. ``desk``: keep the copy,
    go on offline, queue check-ins; else a fresh throw-away copy and exit 7 when unreachable."""
    if not desk:
        pg = _server(url)
        scratch = Path(tempfile.mkdtemp(prefix="kosi-shared-"))
        conn = connect(scratch / "event.kosi", create=True, factory=SharedConnection)
        assert isinstance(conn, SharedConnection)
        with reachable(url):
            snapshot = pull_into(pg, conn)
        conn.shared, conn.scratch = SharedLink(url, pg, snapshot, offline_ok=False), scratch
        return conn, EventRepository(conn).load()
    path = cache_path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        pg = _server(url)
    except ServerUnreachable:
        if not path.exists():
            raise
        pg = None  # offline from the start: the copy from last time, the outbox kept
    conn = connect(path, create=not path.exists(), factory=SharedConnection)
    assert isinstance(conn, SharedConnection)
    link = SharedLink(url, pg, Snapshot.of(conn), offline_ok=True)
    if pg is not None:
        with reachable(url):
            link.flush(conn)  # check-ins queued last time go first
            link.snapshot = pull_into(pg, conn)
    conn.shared = link
    return conn, EventRepository(conn).load()


def publish(path: Path, url: str, replace: bool = False) -> int:
    """Upload a prepared event file (guests, sessions, secret, printed state, check-ins)."""
    source = connect(path)
    pg = pg_connect(url)
    try:
        with reachable(url):
            migrate(pg)
            if has_event(pg) and not replace:
                raise EventFileError(_("{server} holds an event already; use --replace to overwrite it.").format(
                    server=display(url)))
            with pg.transaction():  # the old event goes only if the new one lands
                for table in (*MUTABLE, *APPEND, "presence"):
                    pg.execute(f"DELETE FROM {table}")
                return publish_from(source, pg)
    finally:
        pg.close()
        source.close()


def pull(url: str, path: Path) -> int:
    """Bring the shared event back into one file (a new file: never overwrites)."""
    pg = _server(url)
    conn = connect(path, create=True)
    try:
        with reachable(url):
            pull_into(pg, conn)
        with transaction(conn):
            conn.execute("DELETE FROM outbox")
        return int(conn.execute("SELECT count(*) FROM attendees").fetchone()[0])
    except BaseException:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    finally:
        pg.close()
        try:
            conn.close()
        except sqlite3.ProgrammingError:
            pass
