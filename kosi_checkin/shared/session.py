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
from kosi_checkin.storage.db import connect, db_path, transaction
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


class Fetched:
    """A shared event brought into its local copy (a file) with its link to the server, not yet
    opened on the thread that will use it. Either ``attach_shared`` opens it, or ``discard``
    lets it go (the server connection closed, a throw-away copy removed)."""

    def __init__(self, copy: Path, link: SharedLink, scratch: Path | None) -> None:
        self.copy, self.link, self.scratch = copy, link, scratch

    def discard(self) -> None:
        try:
            self.link.close()
        finally:
            if self.scratch is not None:
                shutil.rmtree(self.scratch, ignore_errors=True)


def fetch_shared(url: str, *, desk: bool = False) -> Fetched:
    """The part of opening a shared event that waits on the network (``open_shared``), for any
    thread: the server's event taken into the local copy on a connection of its own, closed
    again (a connection belongs to the thread that made it). ``desk``: the lasting copy, its
    queued check-ins sent first, offline from the start when the server cannot be reached and
    the copy exists."""
    if not desk:
        pg = _server(url)
        scratch = Path(tempfile.mkdtemp(prefix="kosi-shared-"))
        try:
            conn = connect(scratch / "event.kosi", create=True)
            try:
                with reachable(url):
                    snapshot = pull_into(pg, conn)
            finally:
                conn.close()
        except BaseException:
            pg.close()
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        return Fetched(scratch / "event.kosi", SharedLink(url, pg, snapshot, offline_ok=False), scratch)
    path = cache_path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        pg = _server(url)
    except ServerUnreachable:
        if not path.exists():
            raise
        pg = None  # offline from the start: the copy from last time, the outbox kept
    try:
        conn = connect(path, create=not path.exists())
        try:
            link = SharedLink(url, pg, Snapshot.of(conn), offline_ok=True)
            if pg is not None:
                with reachable(url):
                    link.flush(conn)  # check-ins queued last time go first
                    link.snapshot = pull_into(pg, conn)
        finally:
            conn.close()
    except BaseException:
        if pg is not None:
            pg.close()
        raise
    return Fetched(path, link, None)


def attach_shared(fetched: Fetched) -> tuple[sqlite3.Connection, Event]:
    """The fetched copy opened on this thread, its link on the connection (closing it sends what
    changed, see SharedConnection). Nothing here waits on the network."""
    try:
        conn = connect(fetched.copy, factory=SharedConnection)
    except BaseException:
        fetched.discard()
        raise
    assert isinstance(conn, SharedConnection)
    conn.shared, conn.scratch = fetched.link, fetched.scratch
    try:
        return conn, EventRepository(conn).load()
    except BaseException:
        conn.close()
        raise


def open_shared(url: str, *, desk: bool = False) -> tuple[sqlite3.Connection, Event]:
    """A connection to a local copy of the shared event at ``url``. ``desk``: keep the copy,
    go on offline, queue check-ins; else a fresh throw-away copy and exit 7 when unreachable."""
    return attach_shared(fetch_shared(url, desk=desk))


def detach_shared(conn: sqlite3.Connection) -> Fetched | None:
    """Take a throw-away copy's link off its connection, so that closing it sends nothing: the
    copy's changes go to the server by ``send_and_discard``, on any thread (the window's own
    must not wait on the network). None when closing sends nothing anyway (a file, a desk's
    lasting copy)."""
    if not isinstance(conn, SharedConnection) or conn.shared is None or conn.shared.offline_ok:
        return None
    copy = db_path(conn)
    assert copy is not None  # a shared event's copy is a file
    fetched = Fetched(Path(copy), conn.shared, conn.scratch)
    conn.shared = conn.scratch = None
    return fetched


def send_and_discard(fetched: Fetched) -> None:
    """What changed in the copy sent to the server (on a connection of this thread's own to the
    copy), then the copy let go: what SharedConnection.close does for a throw-away copy."""
    try:
        conn = connect(fetched.copy)
        try:
            fetched.link.push(conn)
        finally:
            conn.close()
    finally:
        fetched.discard()


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
