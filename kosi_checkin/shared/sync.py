"""Keeping a desk's local copy live (no Qt: the desk window runs this on a thread of its own, the
tests and benchmarks in plain processes). The server pushes: every change sends a NOTIFY, the loop
LISTENs and fetches what is new within milliseconds, not by polling. Each round also sends the
check-ins queued while offline and the desk's other changes (walk-ins, prints). When the server
is gone the loop says so and retries; the desk goes on against its copy meanwhile."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

from kosi_checkin.domain.errors import ServerUnreachable
from kosi_checkin.domain.values import dataclass
from kosi_checkin.shared.mirror import Snapshot, _q, columns, read_tables, write_tables
from kosi_checkin.shared.pg import NOTIFY_CHANNEL
from kosi_checkin.shared.pg import connect as pg_connect
from kosi_checkin.shared.remote import SharedLink
from kosi_checkin.storage.db import connect, transaction
from kosi_checkin.storage.repositories import EventRepository

SEQ_KEY = "pg_journal_seq"
# Sequence numbers are handed out when a row is inserted, but transactions commit in their own
# order: a row with a lower number can become visible after one with a higher number. Each fetch
# therefore looks this many numbers back (inserting what is new, ignoring what is known).
LOOKBACK = 64
RETRY = 1.0  # seconds between tries while the server is unreachable


@dataclass
class Round:
    online: bool
    journal: int = 0  # entries fetched from other desks
    guests_changed: bool = False
    sent: int = 0  # queued check-ins sent


class SyncLoop:
    def __init__(self, url: str, cache: Path) -> None:
        self.url, self.cache = url, cache
        self._conn: sqlite3.Connection | None = None  # opened on the thread that runs the loop
        self._link: SharedLink | None = None
        self.listener: psycopg.Connection[Any] | None = None
        self._pushed: tuple[Any, ...] | None = None  # the local data's fingerprint when last sent
        self._guests_wanted = False  # the server's guests are still to be taken (the copy changed meanwhile)

    def fingerprint(self) -> tuple[Any, ...]:
        """Cheap sign that the desk changed something besides check-ins (a walk-in, a print, an
        edit): counts and newest stamps of the tables, read from their indexes."""
        row = self.conn.execute("""SELECT
            (SELECT count(*) FROM attendees), (SELECT max(updated_at) FROM attendees),
            (SELECT count(*) FROM registrations), (SELECT count(*) FROM ticket_codes),
            (SELECT count(*) FROM erasures), (SELECT count(*) FROM meta), (SELECT count(*) FROM kept_counts),
            (SELECT max(seq) FROM badge_prints), (SELECT max(seq) FROM audit), (SELECT max(seq) FROM refused_scans),
            (SELECT max(seq) FROM imports)""").fetchone()
        return tuple(row)

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.cache)  # this thread's own connection to the desk's copy
        return self._conn

    @property
    def link(self) -> SharedLink:
        if self._link is None:
            self._link = SharedLink(self.url, None, Snapshot.of(self.conn), offline_ok=False)
        return self._link

    # -- the server side ------------------------------------------------------------------------
    def _listen(self) -> psycopg.Connection[Any]:
        if self.listener is None or self.listener.closed:
            self.listener = pg_connect(self.url, autocommit=True)
            self.listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
        return self.listener

    def _last_seq(self) -> int:
        return int(EventRepository(self.conn).meta(SEQ_KEY, "0") or 0)

    def fetch_journal(self, pg: psycopg.Connection[Any]) -> int:
        """Entries the server has that this copy lacks (by the server's sequence, looking back a
        little for transactions that committed out of order)."""
        cols = columns(self.conn, "journal")
        with pg.cursor() as cur:
            cur.execute(f"SELECT seq, {', '.join(_q(c) for c in cols)} FROM journal WHERE seq > %s ORDER BY seq",
                        (self._last_seq() - LOOKBACK,))
            rows = cur.fetchall()
        if not rows:
            return 0
        with transaction(self.conn):
            before = self.conn.total_changes
            self.conn.executemany(f"INSERT OR IGNORE INTO journal({', '.join(_q(c) for c in cols)}) "
                                  f"VALUES ({', '.join('?' * len(cols))})", [r[1:] for r in rows])
            added = self.conn.total_changes - before
            EventRepository(self.conn).set_meta(SEQ_KEY, str(max(rows[-1][0], self._last_seq())))
        return added

    def fetch_guests(self, pg: psycopg.Connection[Any]) -> bool:
        """Guests, registrations and codes as the server has them (walk-ins at other desks). Read
        first (the desk's copy is not locked while the network is waited on), then written only
        over a copy unchanged since it was last sent: False, and nothing written, when the desk
        changed it meanwhile (a walk-in registered here goes to the server first, never lost)."""
        with pg.transaction():
            found = read_tables(pg, self.conn, ("attendees", "registrations", "ticket_codes", "used_ids", "erasures"))
        with transaction(self.conn):
            if self._pushed is not None and self.fingerprint() != self._pushed:
                return False
            write_tables(self.conn, found)
        self.link.snapshot = Snapshot.of(self.conn)
        return True

    def _send_changes(self) -> None:
        """The desk's own changes (walk-ins, prints, edits) sent when its fingerprint says so."""
        if self.fingerprint() != self._pushed:
            self.link.push(self.conn)
            self._pushed = self.fingerprint()

    def step(self, wait: float = 1.0) -> Round:
        """One round: send what is queued, fetch what is new, then wait up to ``wait`` s for
        the next notification. Never raises for a dropped server: the round says offline."""
        try:
            listener = self._listen()
            pg = self.link.connection()
            sent = self.link.flush(self.conn)
            if self._pushed is None:
                self._pushed = self.fingerprint()
            else:
                self._send_changes()
            journal = self.fetch_journal(pg)
            guests = False
            payloads = [n.payload for n in listener.notifies(timeout=wait, stop_after=1)] if wait > 0 else []
            for n in listener.notifies(timeout=0.0):  # whatever else arrived meanwhile
                payloads.append(n.payload)
            if self._guests_wanted or any(p in ("data", "all") for p in payloads):
                self._send_changes()  # changed here meanwhile (a walk-in): sent first
                guests = self.fetch_guests(pg)
                self._guests_wanted = not guests  # changed here again meanwhile: next round, once sent
                if guests:
                    self._pushed = self.fingerprint()
            if payloads:
                journal += self.fetch_journal(pg)
            return Round(True, journal, guests, sent)
        except (ServerUnreachable, psycopg.OperationalError, psycopg.InterfaceError):
            self._drop()
            time.sleep(min(wait, RETRY) if wait > 0 else 0)
            return Round(False)

    def _drop(self) -> None:
        for connection in (self.listener, self._link.pg if self._link else None):
            try:
                if connection is not None:
                    connection.close()
            except psycopg.Error:
                pass
        self.listener = None
        if self._link is not None:
            self._link.pg = None

    def run(self, on_round: Callable[[Round], None], stop: Callable[[], bool]) -> None:
        try:
            while not stop():
                on_round(self.step())
        finally:
            self.close()

    def close(self) -> None:
        """On the loop's own thread (after ``run`` returned)."""
        self._drop()
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
