"""One open event, as the windows and dialogs are handed it: its location (a file or a server
URL), the connection, the event, and the link to the server of a shared
event. Built once per open event (``open_event_context``) and passed explicitly."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kosi_checkin.domain.model import Event
from kosi_checkin.services.events import open_event
from kosi_checkin.shared.link import shared_link
from kosi_checkin.shared.url import location

if TYPE_CHECKING:
    from kosi_checkin.shared.remote import SharedLink


@dataclass
class EventContext:
    location: Path | str  # the event file, or the shared event's URL
    conn: sqlite3.Connection
    event: Event

    @property
    def link(self) -> SharedLink | None:
        """The shared event's server link (None for an event file)."""
        return shared_link(self.conn)

    def reopened(self) -> EventContext:
        """The same event on a connection of its own (a window that refreshes on a timer)."""
        return open_event_context(self.location)

    def close(self) -> None:
        self.conn.close()


def open_event_context(place: Path | str, *, desk: bool = False) -> EventContext:
    where = location(str(place))
    conn, event = open_event(where, desk=desk)
    return EventContext(where, conn, event)
