"""The programme with its counts."""

from __future__ import annotations

import sqlite3

from kosi_checkin.domain.model import Event, Session
from kosi_checkin.domain.values import dataclass
from kosi_checkin.storage.records import CountsRepository
from kosi_checkin.storage.repositories import JournalRepository


@dataclass(frozen=True)
class SessionOverview:
    session: Session
    registered: int
    present: int

    def as_json(self) -> dict[str, object]:
        s = self.session
        return {
            "id": s.id,
            "title": s.title,
            "subtitle": s.subtitle,
            "start": s.start.isoformat() if s.start else None,
            "end": s.end.isoformat() if s.end else None,
            "room": s.room,
            "capacity": s.capacity,
            "registration_required": s.registration_required,
            "group": s.group or None,
            "times_assumed": s.times_assumed,
            "registered": self.registered,
            "present": self.present,
        }


def session_overview(conn: sqlite3.Connection, event: Event) -> list[SessionOverview]:
    registered = CountsRepository(conn).registered_per_session()
    present: dict[str, int] = {}
    for sessions in JournalRepository(conn).presence().values():
        for sid in sessions:
            present[sid] = present.get(sid, 0) + 1
    return [SessionOverview(s, int(registered.get(s.id, 0)), present.get(s.id, 0)) for s in event.sessions]
