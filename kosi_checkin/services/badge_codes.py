"""A guest's badge code from the event file alone: the codec (prefix and secret kept in the
event) without the door service or the badge renderer, for `kosi-checkin code`."""

from __future__ import annotations

import sqlite3

from kosi_checkin.domain.errors import UnknownAttendee
from kosi_checkin.storage.repositories import AttendeeRepository, EventRepository

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from kosi_checkin.tokens.badge_code import BadgeCodec


def codec_of(conn: sqlite3.Connection) -> BadgeCodec:
    return EventRepository(conn).badge_codec()


def badge_code(conn: sqlite3.Connection, attendee_id: str) -> str:
    """The code on the guest's badge; UnknownAttendee when no guest has this id."""
    if AttendeeRepository(conn).get(attendee_id) is None:
        raise UnknownAttendee.of(attendee_id)
    return codec_of(conn).encode(attendee_id)
