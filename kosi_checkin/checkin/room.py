"""Who is inside a session's room now, and the most who were: presence (from the journal) less
those whose last movement was out of the room (an exit desk). Pure: fed with entries and
movements, no database."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from kosi_checkin.checkin.presence import Presence
from kosi_checkin.domain.model import Action, AttendeeId, JournalEntry, Movement, SessionId


class Room:
    def __init__(self, movements: Iterable[Movement] = ()) -> None:
        self._out: dict[SessionId, set[AttendeeId]] = defaultdict(set)
        for movement in movements:
            self.apply(movement)

    def apply(self, movement: Movement) -> None:
        if movement.direction == "out":
            self._out[movement.session_id].add(movement.attendee_id)
        else:
            self._out[movement.session_id].discard(movement.attendee_id)

    def is_out(self, attendee_id: str, session_id: str) -> bool:
        return AttendeeId(attendee_id) in self._out.get(SessionId(session_id), ())

    def inside(self, presence: Presence, session_id: str) -> int:
        present = presence.present(session_id)
        return len(present - self._out.get(SessionId(session_id), set()))


def peak_inside(entries: Iterable[JournalEntry], movements: Iterable[Movement], session_id: str) -> int:
    """The most guests inside the session's room at any moment: check-ins in force and
    re-entries raise the count, undos and exits lower it (in the order they happened)."""
    # (time, journal before movements, order of arrival, what, who): the first three decide the
    # order, so the tuples sort as they are (no key function) and the sort stays stable
    # an Action is a str (its value): compared as one, it costs no Enum attribute lookup per event
    events: list[tuple[dt.datetime, int, int, str, str]] = []
    for entry in entries:
        if entry.session_id == session_id:
            events.append((entry.at, 0, len(events), entry.action, entry.attendee_id))
    for movement in movements:
        if movement.session_id == session_id:
            events.append((movement.at, 1, len(events), movement.direction, movement.attendee_id))
    events.sort()
    present: set[str] = set()
    out: set[str] = set()  # always within ``present``: inside = len(present) - len(out)
    peak = 0
    check_in, undo = Action.CHECK_IN.value, Action.UNDO.value
    for _at, _order, _arrival, what, guest in events:
        if what == check_in:
            present.add(guest)
        elif what == undo:
            present.discard(guest)
            out.discard(guest)
            continue  # fewer inside: no new peak
        elif what == "out":
            if guest in present:
                out.add(guest)
            continue
        elif what == "in":
            out.discard(guest)
        inside = len(present) - len(out)
        if inside > peak:
            peak = inside
    return peak
