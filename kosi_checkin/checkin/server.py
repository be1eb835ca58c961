"""The server a desk's check-ins are decided by, behind one interface with two implementations:
``LocalServer`` for an event file (the file is the only desk's record: it decides every check-in,
nothing is asked over a network or queued), and a shared event's link (shared/remote.py's
``SharedLink``, PostgreSQL), which admits a guest once across all desks.

``ServerWaits`` is how a desk asks: on a worker thread, waiting at most ``WAIT`` seconds, so a
network that stalls without a reset never holds up a scan; past that the desk decides on its
own copy and queues the check-in in the outbox. A command asks directly (exit 7 when the
server cannot be reached)."""

from __future__ import annotations

import sqlite3

from kosi_checkin import formats
from kosi_checkin.domain.model import JournalEntry
from kosi_checkin.i18n import _

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:  # the interface is a type only: importers name it under TYPE_CHECKING too
    from concurrent.futures import Future
    from typing import Any, Protocol

    from kosi_checkin.checkin.server_calls import ServerCalls

    class Server(Protocol):
        shared: bool  # other desks share the event through it (the desk shows the link's state)
        offline_ok: bool  # a desk goes on offline; a command reports the server unreachable

        def claim(self, entry: JournalEntry) -> JournalEntry | None:
            """Admit ``entry`` (None), or the check-in in force that another desk made first."""

        def release(self, entry: JournalEntry) -> None:
            """Record an undo: the check-in is no longer in force."""


class LocalServer:
    """An event file's server: the file's own journal decides (read and written in one SQLite
    transaction by the desk), so no other desk can have admitted the guest first."""

    shared = False
    offline_ok = False  # asked directly: the answer is immediate, no worker thread

    def claim(self, entry: JournalEntry) -> JournalEntry | None:
        return None

    def release(self, entry: JournalEntry) -> None:
        return None


def server_of(conn: sqlite3.Connection) -> Server:
    """The server of an open event's connection: a shared event's link (its local copy carries
    it, shared/session.py), else the file's own ``LocalServer``."""
    from kosi_checkin.shared.link import shared_link

    link = shared_link(conn)
    return link if link is not None else LocalServer()


class ServerWaits:
    """A desk's questions to its server, answered in time or decided at the desk."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.offline = False
        self.late_notes: list[str] = []  # what the server said after the desk had decided alone
        self._calls: ServerCalls | None = None

    def ask(self, what: str, entry: JournalEntry) -> tuple[JournalEntry | None, bool]:
        """(the check-in in force made elsewhere, or None; whether the entry is queued for later).
        Never call inside a SQLite transaction."""
        call = self.server.claim if what == "claim" else self.server.release
        if not self.server.offline_ok:  # an event file decides at once: no psycopg to load
            return call(entry), False
        # a shared event's desk only: a command and an event file's desk load no worker (nor logging with it)
        import threading
        from concurrent.futures import TimeoutError as FutureTimeout

        from kosi_checkin.checkin.server_calls import WAIT, ServerCalls
        from kosi_checkin.shared.remote import Offline

        if self._calls is None:
            self._calls = ServerCalls()
        if self._calls.busy:  # a call is stuck in the network: do not queue behind it
            self.offline = True
            return None, True
        gave_up = threading.Event()  # set when the desk stops waiting: only then is an answer late
        reported = threading.Lock()

        def late(done: Future[Any]) -> None:
            if gave_up.is_set() and reported.acquire(blocking=False):
                self._late(what, entry, done)

        future = self._calls.submit(call, entry, late=late)
        try:
            taken = future.result(timeout=WAIT)
        except Exception as exc:  # noqa: BLE001 - no answer in time, or a failed call: decided here
            if not isinstance(exc, (FutureTimeout, Offline)):
                import logging  # here only: a command and a healthy desk never load it

                logging.getLogger(__name__).warning("server call failed; decided at the desk", exc_info=True)
            self.offline = True
            gave_up.set()
            if future.done():  # it completed while we gave up: its callback may have run already
                late(future)
            return None, True
        self.offline = False
        return (taken if what == "claim" else None), False

    def _late(self, what: str, entry: JournalEntry, done: Future[Any]) -> None:
        """The server's answer after the desk decided alone (once; on the worker thread): the outbox
        sends the entry again (the server keeps one record per uuid); admitted elsewhere
        meanwhile, both records stay and the guest counts once."""
        if done.cancelled() or done.exception() is not None:
            return
        taken = done.result()
        if what == "claim" and taken is not None and taken.uuid != entry.uuid:
            self.late_notes.append(_("{desk} had admitted this guest already at {time}; both records are kept.").format(
                desk=taken.desk, time=formats.time(taken.at)))

    def close(self) -> None:
        if self._calls is not None:
            self._calls.close()
            self._calls = None
