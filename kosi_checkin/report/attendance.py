"""Attendance as the report to the funder counts it, read from the check-in journal.

Per session: *registered* are the guests who signed up for it (walk-ins are not); *present* are
the guests with a check-in in force (an undone check-in does not count; a guest admitted with
force, a walk-in and a guest marked present afterwards from a signed paper list do); *no-shows*
are registered guests who are not present; *by sector* counts present guests per sector of the
event, anything else under "Sonstige"."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from functools import cached_property
from operator import attrgetter

from kosi_checkin.checkin.presence import Presence
from kosi_checkin.checkin.room import peak_inside
from kosi_checkin.domain.model import Attendee, Event, JournalEntry, Movement, Session, SessionId, list_order
from kosi_checkin.domain.values import dataclass, field
from kosi_checkin.i18n import _, language
from kosi_checkin.storage.records import AuditRepository
from kosi_checkin.storage.repositories import AttendeeRepository, JournalRepository, MovementRepository

OTHER_SECTOR = "Sonstige"  # the key of guests in no sector of the event (JSON, counts); shown as sector_label says


def sector_label(event: Event, key: str, lang: str | None = None) -> str:
    """A sector as the UI's language shows it: the event's English label, "Other"/"Sonstige"."""
    chosen = lang or language()
    if key == OTHER_SECTOR:
        return _("Other (no sector)")
    found = next((s for s in event.sectors if s.name == key), None)
    return found.label(chosen) if found is not None else key
BUCKET_MINUTES = 10


@dataclass(frozen=True)
class SessionStats:
    session: Session
    registered: int
    present: int
    walk_ins: int
    forced: int
    late: int  # marked present afterwards
    no_shows: int
    by_sector: dict[str, int] = field(default_factory=dict)
    peak_inside: int = 0  # the most in the room at once (exits at an exit desk lower it)

    def as_json(self) -> dict[str, object]:
        return {"title": self.session.title, "registered": self.registered, "present": self.present,
                "walk_ins": self.walk_ins, "no_shows": self.no_shows, "by_sector": dict(self.by_sector),
                "forced": self.forced, "marked_afterwards": self.late, "peak_inside": self.peak_inside}


@dataclass(slots=True)  # not frozen: a workbook makes 40,000, and a frozen __init__ takes three times as long
class Row:
    """A guest in a session's list: registered, present, or both (read, never changed)."""

    guest: Attendee
    registered: bool
    entry: JournalEntry | None  # the check-in in force
    late: bool  # that check-in was marked afterwards (entry.is_late, read once: a workbook asks four times)


_NONE: frozenset[SessionId] = frozenset()
_REGISTERED, _WALK_IN, _LATE, _SECTOR = (attrgetter(name) for name in ("registered", "guest.walk_in", "late",
                                                                         "guest.sector"))


class Attendance:
    def __init__(self, event: Event, guests: list[Attendee], entries: list[JournalEntry],
                 generated: dt.datetime | None = None, movements: list[Movement] | None = None,
                 certified: frozenset[str] = frozenset(), *, ordered: bool = True) -> None:
        """``ordered=False``: the caller counts (``stats``) and asks for no list, so the counts
        are made without sorting the guests by name first (a list asked for all the same is
        made again, in order)."""
        self.event = event
        self._generated = generated
        self._given = guests
        self._sorted: list[Attendee] | None = None
        self._ordered = ordered
        self.by_id = {a.id: a for a in guests}
        self.presence = Presence(entries)
        self.entries = entries
        self.movements = movements or []
        self.certified = certified  # ids of guests who were issued a certificate of attendance
        self._sectors = frozenset(event.sector_names)
        self._rows: dict[str, list[Row]] | None = None  # per session, in name order
        self._counted: dict[str, list[Row]] | None = None  # the same in any order, for counting
        self._entries_of: dict[str, list[JournalEntry]] = defaultdict(list)  # per session, for the peak
        for entry in entries:
            self._entries_of[entry.session_id].append(entry)
        self._movements_of: dict[str, list[Movement]] = defaultdict(list)
        for movement in self.movements:
            self._movements_of[movement.session_id].append(movement)

    @cached_property
    def tz(self) -> dt.tzinfo:
        """The event's time zone, loaded when a time is shown: counting (``stats``) needs none,
        and zoneinfo takes 3 ms of a command's start."""
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.event.timezone)

    @cached_property
    def generated(self) -> dt.datetime:
        """When this report was made (as given, else now), in the event's time zone."""
        return (self._generated or dt.datetime.now(dt.timezone.utc)).astimezone(self.tz)

    @classmethod
    def load(cls, conn: sqlite3.Connection, event: Event, *, ordered: bool = True) -> Attendance:
        certified = frozenset(AuditRepository(conn).certified())
        return cls(event, AttendeeRepository(conn).all(), JournalRepository(conn).entries(),
                   movements=MovementRepository(conn).all(), certified=certified, ordered=ordered)

    @property
    def guests(self) -> list[Attendee]:
        """Every guest, sorted by name (sorted once, when first asked: counting needs no order,
        and the fold of 1,000 names was a tenth of what `stats` computes)."""
        if self._sorted is None:
            self._sorted = sorted(self._given, key=list_order)
        return self._sorted

    # -- per session ----------------------------------------------------------------------------
    @staticmethod
    def registered_sessions(guest: Attendee) -> frozenset[SessionId]:
        """The sessions a guest registered for; a walk-in registered for none."""
        return _NONE if guest.walk_in else guest.sessions

    def rows(self, session: Session) -> list[Row]:
        """The guests registered for or present in the session, sorted by name (computed once)."""
        if self._rows is None:
            self._rows = self._rows_over(self.guests)
        return self._rows.get(session.id, [])

    def _rows_in_any_order(self, session: Session) -> list[Row]:
        if self._rows is not None or self._ordered:  # lists will be asked for: made once, in order
            return self.rows(session)
        if self._counted is None:
            self._counted = self._rows_over(self._given)
        return self._counted.get(session.id, [])

    def _rows_over(self, guests: list[Attendee]) -> dict[str, list[Row]]:
        """Every session's rows in one pass over ``guests`` (in their order): each guest goes to
        the sessions they registered for and those they are present in."""
        rows: dict[str, list[Row]] = {s.id: [] for s in self.event.sessions}
        by_guest = self.presence.by_guest()
        for g in guests:
            present = by_guest.get(g.id, {})
            registered = self.registered_sessions(g)
            for sid in (registered if not present else {*registered, *present}):
                found = rows.get(sid)
                if found is not None:
                    entry = present.get(sid)
                    found.append(Row(g, sid in registered, entry, entry is not None and entry.is_late))
        return rows

    def stats(self, session: Session) -> SessionStats:
        # counted by C-level map and sum over the rows (10,000 rows a session); a walk-in is never
        # registered (registered_sessions): whoever is present is registered, a walk-in or admitted anyway
        rows = self._rows_in_any_order(session)
        here = [row for row in rows if row.entry is not None]
        registered, present = sum(map(_REGISTERED, rows)), len(here)
        shows, walk_ins = sum(map(_REGISTERED, here)), sum(map(_WALK_IN, here))
        late = sum(map(_LATE, here))
        sectors: Counter[str] = Counter({name: 0 for name in (*self.event.sector_names, OTHER_SECTOR)})
        for sector, count in Counter(map(_SECTOR, here)).items():  # a sector the event does not name: other
            sectors[sector if sector in self._sectors else OTHER_SECTOR] += count
        return SessionStats(session, registered, present, walk_ins, present - shows - walk_ins, late, registered - shows,
                            dict(sectors), peak_inside(self._entries_of.get(session.id, ()),
                                                       self._movements_of.get(session.id, ()), session.id))

    def all_stats(self) -> list[SessionStats]:
        return [self.stats(s) for s in self.event.sessions]

    def local(self, moment: dt.datetime) -> dt.datetime:
        """A time in the event's time zone (not the laptop's), without tzinfo, for Excel."""
        return moment.astimezone(self.tz).replace(tzinfo=None)

    # -- over time ------------------------------------------------------------------------------
    def arrivals(self, minutes: int = BUCKET_MINUTES) -> list[tuple[dt.datetime, int]]:
        """Arrivals (first check-in of a guest that day, marked-afterwards ones left out) per
        ``minutes``, from the first to the last, gaps included; times in the event's zone."""
        first: dict[str, dt.datetime] = {}
        for entry in self.presence.in_force():
            if entry.attendee_id in self.by_id and not entry.is_late:
                known = first.get(entry.attendee_id)
                if known is None or entry.at < known:
                    first[entry.attendee_id] = entry.at
        first = {guest: at.astimezone(self.tz) for guest, at in first.items()}
        if not first:
            return []
        counts = Counter(_floor(t, minutes) for t in first.values())
        start, end = min(counts), max(counts)
        result = []
        while start <= end:
            result.append((start.replace(tzinfo=None), counts.get(start, 0)))
            start += dt.timedelta(minutes=minutes)
        return result


def _floor(moment: dt.datetime, minutes: int) -> dt.datetime:
    return moment.replace(minute=moment.minute - moment.minute % minutes, second=0, microsecond=0)
