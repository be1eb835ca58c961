"""Who is present where, derived from the journal and kept in memory for the desk: each
(guest, session) maps to the check-in in force. Fed with every entry in journal order."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from kosi_checkin.domain.model import Action, AttendeeId, JournalEntry, SessionId


class Presence:
    def __init__(self, entries: Iterable[JournalEntry] = ()) -> None:
        self._in_force: dict[tuple[AttendeeId, SessionId], JournalEntry] = {}
        self._by_session: dict[SessionId, set[AttendeeId]] = defaultdict(set)
        self._by_guest: dict[AttendeeId, dict[SessionId, JournalEntry]] = defaultdict(dict)
        self._arrivals: list[dt.datetime] = []  # times of check-ins in force, for the arrival rate
        for entry in entries:
            self.apply(entry)

    def apply(self, entry: JournalEntry) -> None:
        key = (entry.attendee_id, entry.session_id)
        if entry.action is Action.CHECK_IN:
            if key in self._in_force:
                return  # a second check-in (two desks offline) counts once
            self._in_force[key] = entry
            self._by_session[entry.session_id].add(entry.attendee_id)
            self._by_guest[entry.attendee_id][entry.session_id] = entry
            self._arrivals.append(entry.at)
        else:
            old = self._in_force.pop(key, None)
            if old is not None:
                self._by_session[entry.session_id].discard(entry.attendee_id)
                self._by_guest[entry.attendee_id].pop(entry.session_id, None)
                try:
                    self._arrivals.remove(old.at)
                except ValueError:
                    pass

    def entry(self, attendee_id: str, session_id: str) -> JournalEntry | None:
        return self._in_force.get((AttendeeId(attendee_id), SessionId(session_id)))

    def of_guest(self, attendee_id: str) -> dict[SessionId, JournalEntry]:
        return dict(self._by_guest.get(AttendeeId(attendee_id), {}))

    def by_guest(self) -> dict[AttendeeId, dict[SessionId, JournalEntry]]:
        """Each guest's check-ins in force by session (the live mapping: read, never change)."""
        return self._by_guest

    def in_force(self) -> Iterable[JournalEntry]:
        """Every check-in in force (one per guest and session)."""
        return self._in_force.values()

    def present(self, session_id: str) -> set[AttendeeId]:
        return set(self._by_session.get(SessionId(session_id), set()))

    def count(self, session_id: str) -> int:
        return len(self._by_session.get(SessionId(session_id), ()))

    def arrivals_since(self, moment: dt.datetime) -> int:
        return sum(1 for at in self._arrivals if at >= moment)
