"""The link from a local copy to the shared event: the server decides every check-in as it happens
(an insert into the table of check-ins in force, whose key is guest + session: two desks scanning
the same badge within milliseconds get one green and one amber with the other desk's name).
When the server cannot be reached, a desk goes on against its local copy and keeps its check-ins
in a durable outbox (local SQLite, same transaction) that ``flush`` sends when the server is back;
a command-line call reports the server as unreachable instead (exit 7)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from kosi_checkin.domain.errors import ServerUnreachable
from kosi_checkin.domain.model import Action, AttendeeId, JournalEntry, SessionId
from kosi_checkin.shared.mirror import Snapshot, columns, pull_unless_changed, push_changes, push_journal_rows
from kosi_checkin.shared.pg import connect, notify, unreachable

RETRY_AFTER = 3.0  # seconds a desk answers from its copy before trying the server again
RESYNC_TRIES = 3  # a window that keeps changing its copy during resyncs: sent by the next push
_FIELDS = ("uuid", "attendee_id", "session_id", "at", "at_utc", "desk", "action", "forced", "note")


class Offline(Exception):
    """The server did not answer; the caller decides locally and queues."""


def _row(entry: JournalEntry) -> dict[str, Any]:
    return {"uuid": entry.uuid, "attendee_id": entry.attendee_id, "session_id": entry.session_id,
            "at": entry.at.isoformat(timespec="milliseconds"),
            "at_utc": entry.at.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds"),
            "desk": entry.desk, "action": entry.action.value, "forced": int(entry.forced), "note": entry.note}


def _entry(row: tuple[Any, ...]) -> JournalEntry:
    uuid, attendee, session, at, _at_utc, desk, action, forced, note = row
    return JournalEntry(uuid=uuid, attendee_id=AttendeeId(attendee), session_id=SessionId(session),
                        at=dt.datetime.fromisoformat(at), desk=desk, action=Action(action), forced=bool(forced), note=note)


class SharedLink:
    shared = True  # the Server interface (checkin/server.py): other desks share the event through it

    def __init__(self, url: str, pg: psycopg.Connection[Any] | None, snapshot: Snapshot, *, offline_ok: bool) -> None:
        self.url = url
        self.pg = pg
        self.retry_at = 0.0  # offline: no new connection before this (monotonic) time; scans stay quick
        self.snapshot = snapshot
        self.offline_ok = offline_ok  # a desk goes on offline; a command reports exit 7
        # one exchange at a time: the main window resyncs on a worker while its own thread may
        # push on closing, and a psycopg connection keeps one transaction at a time
        self._exchange = threading.RLock()

    @property
    def online(self) -> bool:
        return self.pg is not None and not self.pg.closed

    def connection(self) -> psycopg.Connection[Any]:
        """The link's server connection, made again if it was lost (a desk: not more often
        than every few seconds while the server is unreachable)."""
        if self.online:
            return self.pg  # type: ignore[return-value]  # online means pg is an open connection
        if self.offline_ok and time.monotonic() < self.retry_at:
            raise Offline("waiting before the next try")
        try:
            self.pg = connect(self.url)
        except ServerUnreachable as exc:
            if self.offline_ok:
                self.retry_at = time.monotonic() + RETRY_AFTER
                raise Offline(str(exc)) from exc
            raise
        return self.pg

    def _failed(self, exc: BaseException) -> Exception:
        try:
            if self.pg is not None:
                self.pg.close()
        finally:
            self.pg = None
        if self.offline_ok:
            self.retry_at = time.monotonic() + RETRY_AFTER
            return Offline(str(exc))
        return unreachable(self.url, exc)

    @contextmanager
    def _talking(self) -> Iterator[psycopg.Connection[Any]]:
        """The server connection for one exchange; a dropped server becomes Offline (a desk)
        or ServerUnreachable (a command). Exchanges from several threads take turns."""
        with self._exchange:
            pg = self.connection()
            try:
                yield pg
            except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
                raise self._failed(exc) from exc

    def _send_journal(self, rows: list[dict[str, Any]]) -> None:
        with self._talking() as pg, pg.transaction():
            push_journal_rows(pg, rows)
            notify(pg, "journal")

    # -- check-ins decided by the server --------------------------------------------------------
    def claim(self, entry: JournalEntry) -> JournalEntry | None:
        """Admit ``entry`` (None), or the check-in in force made elsewhere first."""
        with self._talking() as pg, pg.transaction(), pg.cursor() as cur:
            cur.execute("INSERT INTO presence(attendee_id, session_id, uuid) VALUES (%s, %s, %s) "
                        "ON CONFLICT DO NOTHING", (entry.attendee_id, entry.session_id, entry.uuid))
            if cur.rowcount == 1:
                cur.execute(f"INSERT INTO journal({', '.join(_FIELDS)}) VALUES "
                            f"({', '.join('%(' + f + ')s' for f in _FIELDS)})", _row(entry))
                notify(pg, "journal")
                return None
            cur.execute(f"SELECT j.{', j.'.join(_FIELDS)} FROM presence p JOIN journal j ON j.uuid = p.uuid "
                        "WHERE p.attendee_id = %s AND p.session_id = %s", (entry.attendee_id, entry.session_id))
            row = cur.fetchone()
        return _entry(row) if row else None

    def release(self, entry: JournalEntry) -> None:
        """Record an undo on the server (the check-in is no longer in force)."""
        self._send_journal([_row(entry)])

    # -- the outbox and the rest ----------------------------------------------------------------
    def flush(self, conn: sqlite3.Connection) -> int:
        """Send the check-ins queued while offline; returns how many went."""
        uuids = [r[0] for r in conn.execute("SELECT uuid FROM outbox")]
        if not uuids:
            return 0
        cols = columns(conn, "journal")
        self._send_journal([dict(zip(cols, r)) for r in conn.execute(
            f"SELECT {', '.join(cols)} FROM journal WHERE uuid IN ({', '.join('?' * len(uuids))}) ORDER BY at_utc, seq",
            uuids)])
        conn.executemany("DELETE FROM outbox WHERE uuid = ?", [(u,) for u in uuids])
        return len(uuids)

    def push(self, conn: sqlite3.Connection) -> None:
        """Everything else that changed locally (guests, prints, audit …)."""
        with self._talking() as pg:
            self.snapshot = push_changes(conn, pg, self.snapshot)

    def resync(self, conn: sqlite3.Connection) -> None:
        """Send what changed here, then take the server's current state (a window's reload, on a
        worker). A change the window made in between (its thread goes on meanwhile) is sent
        first: the server's state never overwrites what was not sent. Should the copy keep
        changing, what is left is sent by the next push (the next reload, or closing)."""
        for _attempt in range(RESYNC_TRIES):
            self.push(conn)
            with self._talking() as pg:
                pulled = pull_unless_changed(pg, conn, self.snapshot)
            if pulled is not None:
                self.snapshot = pulled
                return

    def close(self) -> None:
        with self._exchange:  # not in the middle of another thread's exchange
            if self.pg is not None:
                self.pg.close()
                self.pg = None
