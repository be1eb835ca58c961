"""List, search and edit guests."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from kosi_checkin.domain.errors import UnknownAttendee, UsageError
from kosi_checkin.domain.folding import fold, fold_words
from kosi_checkin.domain.model import EDITABLE_FIELDS, Attendee, Event, SessionId, list_order
from kosi_checkin.domain.values import dataclass, replace
from kosi_checkin.i18n import _
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import AttendeeRepository, JournalRepository


@dataclass(frozen=True)
class AttendeeRow:
    """A guest with where they are present: what lists and tables show."""

    attendee: Attendee
    checkins: dict[SessionId, datetime]
    late: frozenset[SessionId] = frozenset()  # of ``checkins``, those marked present afterwards

    def as_json(self, **more: object) -> dict[str, object]:
        """The guest's fields and presence as the command line's JSON has them, then ``more``."""
        a = self.attendee
        return {
            "id": a.id,
            "first_name": a.first_name,
            "last_name": a.last_name,
            "title": a.title,
            "organisation": a.organisation,
            "sector": a.sector,
            "email": a.email,
            "sessions": sorted(a.sessions),
            "category": a.category,
            "door_note": a.door_note,
            "checkins": {s: t.isoformat() for s, t in sorted(self.checkins.items())} if self.checkins else {},
            "walk_in": a.walk_in,
            "ticket_codes": list(a.ticket_codes),
            "extra": a.extra,
            **more,
        }


def haystack(a: Attendee) -> str:
    return fold_words((a.title, a.first_name, a.last_name, a.organisation, a.email))


def matches(a: Attendee, query: str) -> bool:
    """Every word of the query occurs in the guest's name, organisation or e-mail, ignoring
    case and accents (Müller = Mueller = Muller)."""
    text = haystack(a)
    return all(word in text for word in fold(query).split())


def guest_count(conn: sqlite3.Connection) -> int:
    return AttendeeRepository(conn).count()


def list_attendees(conn: sqlite3.Connection, query: str = "") -> list[AttendeeRow]:
    presence, late = JournalRepository(conn).standing()
    people = AttendeeRepository(conn).all()
    if query.strip():
        people = [a for a in people if matches(a, query)]
    people.sort(key=list_order)
    on_time: frozenset[SessionId] = frozenset()
    return [AttendeeRow(a, presence.get(a.id, {}), frozenset(late[a.id]) if a.id in late else on_time)
            for a in people]


def validate(attendee: Attendee, event: Event) -> None:
    unknown = sorted(set(attendee.sessions) - set(event.session_ids))
    if unknown:
        raise UsageError(_("Unknown session(s): {ids}.").format(ids=", ".join(unknown)))
    for group in event.groups:
        chosen = [s.id for s in event.sessions if s.group == group.id and s.id in attendee.sessions]
        if len(chosen) > 1:
            raise UsageError(
                _("A guest can attend only one of {sessions} (they run in parallel).").format(sessions=", ".join(chosen))
            )
    if not (attendee.first_name or attendee.last_name):
        raise UsageError(_("A guest needs a name."))


def edit_attendee(conn: sqlite3.Connection, event: Event, attendee_id: str, changes: dict[str, object],
                  who: str = "") -> Attendee:
    """An organiser's hand edit: the fields changed are remembered, and a later re-import
    does not overwrite them (it reports the conflict instead)."""
    repo = AttendeeRepository(conn)
    with transaction(conn):
        current = repo.get(attendee_id)
        if current is None:
            raise UnknownAttendee.of(attendee_id)
        bad = sorted(set(changes) - set(EDITABLE_FIELDS))
        if bad:
            raise UsageError(_("These fields cannot be edited: {fields}.").format(fields=", ".join(bad)))
        if "sessions" in changes:
            changes = {**changes, "sessions": frozenset(SessionId(str(s)) for s in changes["sessions"])}  # type: ignore[attr-defined]  # the edit's values arrive untyped from the form
        changed = {k for k, v in changes.items() if getattr(current, k) != v}
        if not changed:
            return current
        updated = replace(current, **changes, edited=current.edited | changed)
        validate(updated, event)
        repo.update(updated)
        from kosi_checkin.trust.audit import EDIT, AuditLog  # only on an edit: read commands skip it

        AuditLog(conn).add(EDIT, "1 guest: " + ", ".join(sorted(changed)), who)  # the fields, not their values
    return updated
