"""Marking guests present after the event, from a signed paper list: one journal entry per guest,
recorded as "nachgetragen" with who did it and when (the journal keeps the desk's check-ins
apart from these). Guests already present stay as they are."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from kosi_checkin.domain.errors import UnknownAttendee, UsageError
from kosi_checkin.domain.ids import new_uuid
from kosi_checkin.domain.model import LATE_NOTE, Action, AttendeeId, Event, JournalEntry, SessionId
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import AttendeeRepository, JournalRepository


@dataclass(frozen=True)
class Marked:
    added: list[str]
    already: list[str]


def mark_present_afterwards(conn: sqlite3.Connection, event: Event, attendee_ids: Sequence[str], session_id: str,
                            who: str, now: dt.datetime | None = None) -> Marked:
    if event.session(session_id) is None:
        raise UsageError(_("There is no session {id!r}; the sessions are: {ids}.").format(
            id=session_id, ids=", ".join(event.session_ids)))
    if not who.strip():
        raise UsageError(_("Say who marks the guests present (a name), for the record."))
    moment = now or dt.datetime.now(dt.timezone.utc)
    journal, attendees = JournalRepository(conn), AttendeeRepository(conn)
    added: list[str] = []
    already: list[str] = []
    with transaction(conn):
        for attendee_id in dict.fromkeys(attendee_ids):
            guest = attendees.get(attendee_id)
            if guest is None:
                raise UnknownAttendee.of(attendee_id)
            last = journal.last(attendee_id, session_id)
            if last is not None and last.action is Action.CHECK_IN:
                already.append(attendee_id)
                continue
            journal.append(JournalEntry(
                uuid=new_uuid(), attendee_id=AttendeeId(attendee_id), session_id=SessionId(session_id),
                at=moment, desk=who.strip(), action=Action.CHECK_IN,
                forced=session_id not in guest.sessions and bool(event.session(session_id).registration_required),  # type: ignore[union-attr]  # the session ids were checked against the event above
                note=LATE_NOTE))
            added.append(attendee_id)
    return Marked(added, already)
