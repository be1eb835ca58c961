"""The one place that finds a shared event's link on the connection of its local copy
(shared/session.py's SharedConnection carries it). Importing this module loads no psycopg."""

from __future__ import annotations

import sqlite3

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from kosi_checkin.shared.remote import SharedLink


def shared_link(conn: sqlite3.Connection) -> SharedLink | None:
    """The link to the server for a shared event's copy; None for an event file."""
    link: SharedLink | None = getattr(conn, "shared", None)
    return link
