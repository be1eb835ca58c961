"""One open event, as the windows, dialogs and door commands are handed it: its location (a file
or a server URL), the connection, the event, the server that decides its check-ins, and the hold
on its lock (the app's ownership of the event, ui/ownership.py). Built once per open event
(``open_event_context``) and passed explicitly; closing it closes the connection, then gives the
lock back."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from kosi_checkin.checkin.server import server_of
from kosi_checkin.domain.errors import Cancelled
from kosi_checkin.domain.model import Event
from kosi_checkin.domain.values import dataclass
from kosi_checkin.services.events import open_event
from kosi_checkin.shared.link import shared_link
from kosi_checkin.shared.url import is_shared, location
from kosi_checkin.storage.db import connect, db_path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Protocol

    from kosi_checkin.checkin.server import Server
    from kosi_checkin.shared.remote import SharedLink
    from kosi_checkin.shared.session import Fetched

    class Hold(Protocol):
        """This process's claim on an event's lock, given back once with ``release``."""

        def release(self) -> None: ...

    Claim = Callable[[Path | str], Hold]  # takes the lock of the event at a location (or raises)


@dataclass
class EventContext:
    location: Path | str  # the event file, or the shared event's URL
    conn: sqlite3.Connection
    event: Event
    hold: Hold | None = None  # the lock this context holds (None: a command's short use, or a test)

    @property
    def link(self) -> SharedLink | None:
        """The shared event's server link (None for an event file)."""
        return shared_link(self.conn)

    @property
    def server(self) -> Server:
        """Who decides this event's check-ins: the shared event's link, or the file itself."""
        return server_of(self.conn)

    def resync_job(self) -> Callable[[], None] | None:
        """A shared event's resync with its server, to run on a worker (it waits on the network):
        what changed in this copy is sent, the server's state taken in, on a connection of the
        worker's own to the same copy. None for an event file."""
        link = self.link
        if link is None:
            return None
        copy = db_path(self.conn)  # asked here: the connection belongs to the calling thread
        assert copy is not None  # a shared event's copy is a file (shared/session.py)

        def resync() -> None:
            conn = connect(copy)
            try:
                link.resync(conn)
            finally:
                conn.close()

        return resync

    def reopened(self) -> EventContext:
        """The same event on a connection of its own (a window that refreshes on a timer); it
        holds no lock (this context's hold covers the process)."""
        return open_event_context(self.location)

    def sending_job(self) -> Callable[[], None] | None:
        """Take the sending of a shared event's changes off ``close``: the job that sends them
        (it waits on the network: run it on a worker once ``close`` has returned), or None when
        closing sends nothing (an event file, a desk's lasting copy)."""
        if self.link is None:
            return None
        from kosi_checkin.shared.session import detach_shared, send_and_discard  # loaded with the link already

        fetched = detach_shared(self.conn)
        if fetched is None:
            return None
        return lambda: send_and_discard(fetched)

    def close(self) -> None:
        """Close the connection, then give the lock back (in this order: the lock guards the
        file until SQLite has let go of it)."""
        try:
            self.conn.close()
        finally:
            if self.hold is not None:
                hold, self.hold = self.hold, None
                hold.release()


class Opening:
    """Opening the event at ``place`` in steps, for a window that must not wait on the network:
    made on the thread that will use the event (with ``claim``: the event's lock taken first,
    before SQLite opens the file); ``fetch`` brings a shared event's server state into its local
    copy (it waits on the network: any thread); ``open`` makes the context (this thread).
    ``abandon`` lets everything go when the open does not go ahead. ``desk``: a shared event's
    lasting local copy that goes on offline."""

    def __init__(self, place: Path | str, *, desk: bool = False, claim: Claim | None = None) -> None:
        self.where = location(str(place))
        self.desk = desk
        self.hold = claim(place) if claim is not None else None
        self._fetched: Fetched | None = None

    @property
    def waits(self) -> bool:
        """Its fetch waits on the network (a shared event)."""
        return is_shared(str(self.where))

    def fetch(self) -> None:
        if self.waits:
            from kosi_checkin.shared.session import fetch_shared  # psycopg only for a shared event

            self._fetched = fetch_shared(str(self.where), desk=self.desk)

    def open(self) -> EventContext:
        try:
            if self.waits:
                from kosi_checkin.shared.session import attach_shared

                fetched, self._fetched = self._fetched, None
                if fetched is None:
                    raise RuntimeError("a shared event is fetched before it is opened")
                conn, event = attach_shared(fetched)
            else:
                conn, event = open_event(self.where, desk=self.desk)
        except BaseException:
            self.abandon()
            raise
        hold, self.hold = self.hold, None
        return EventContext(self.where, conn, event, hold)

    def abandon(self) -> None:
        fetched, self._fetched = self._fetched, None
        hold, self.hold = self.hold, None
        try:
            if fetched is not None:
                fetched.discard()
        finally:
            if hold is not None:
                hold.release()


def open_event_context(place: Path | str, *, desk: bool = False, claim: Claim | None = None,
                       fetch_with: Callable[[Opening], None] | None = None) -> EventContext:
    """Open the event at ``place``; with ``claim``, take its lock first (before SQLite opens the
    file) and give it back if the event cannot be opened. ``desk``: a shared event's lasting
    local copy that goes on offline. ``fetch_with``: how a shared event's fetch runs (a window
    runs it on a thread of its own, ui/waiting.py); when it raises Cancelled the fetch goes on,
    and whoever cancelled it abandons the opening once it is done."""
    opening = Opening(place, desk=desk, claim=claim)
    try:
        if fetch_with is not None and opening.waits:
            fetch_with(opening)
        else:
            opening.fetch()
    except Cancelled:
        raise
    except BaseException:
        opening.abandon()
        raise
    return opening.open()
