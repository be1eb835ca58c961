"""The door service: where a scan goes. One desk at the door reads what it needs from the
event (through the storage port), decides with the pure rules (identification.py, admission.py),
asks the server when the event is shared (server.py), writes durably (one transaction, before
answering) and answers in words (wording.py). The desk window, kiosk, print station, the
command line's `checkin`/`undo`/walk-ins and a second start's hand-over all drive it; it never
touches Qt.

A scan: ``scan`` → ``identify`` (identification.identify) → ``check_in``: admission.sessions_for
→ admission.entry (back into the room? full?) → server claim (outside the transaction) →
journal and outbox in one transaction → wording.welcome / already / …"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict

from kosi_checkin.checkin import admission, wording
from kosi_checkin.checkin.admission import SessionCount
from kosi_checkin.checkin.answers import Answer
from kosi_checkin.checkin.clock import Clock, event_clock
from kosi_checkin.checkin.guests import Guests
from kosi_checkin.checkin.identification import Found, Refused, identify, names_a_code, reads_as_code
from kosi_checkin.checkin.presence import Presence
from kosi_checkin.checkin.room import Room
from kosi_checkin.checkin.server import ServerWaits, server_of
from kosi_checkin.checkin.targets import Target
from kosi_checkin.domain.errors import UnknownAttendee, UsageError
from kosi_checkin.domain.ids import new_uuid
from kosi_checkin.domain.model import (
    OVER_CAPACITY_NOTE,
    Action,
    Attendee,
    AttendeeId,
    Event,
    JournalEntry,
    Movement,
    Session,
    SessionId,
)
from kosi_checkin.i18n import _
from kosi_checkin.storage.store import Store

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from kosi_checkin.checkin.server import Server
    from kosi_checkin.search.index import SearchIndex  # loaded when a name is searched: a scan needs none

UNDO_WINDOW = dt.timedelta(minutes=2)  # the one-key undo of the desk's last check-in
_RATE_WINDOW = dt.timedelta(minutes=10)


class Desk:
    def __init__(self, conn: sqlite3.Connection, event: Event, name: str = "", clock: Clock | None = None,
                 server: Server | None = None) -> None:
        """``server``: who decides check-ins (checkin/server.py). The app's callers pass their
        event context's (``EventContext.server``); None, for scripts and tests, takes the one the
        connection came with (``server_of``)."""
        self.store = Store(conn)
        self.conn = conn
        self.event = event
        self.name = name or _("Desk 1")
        self.clock = clock or event_clock(event.timezone)
        self.codec = self.store.events.badge_codec()
        self.journal = self.store.journal
        self.guests: Guests = Guests(list, lambda _id: None)  # read by reload()
        self._codes: dict[str, list[AttendeeId]] = {}
        self._index: SearchIndex | None = None
        self._index_version = 0  # counts changes of the guests: an index of an older snapshot is not taken
        self._registered: dict[SessionId, int] | None = None  # counts cache, see counts()
        self._walk_ins: set[AttendeeId] = set()
        self.presence = Presence()
        self.room = Room()
        self._seq = 0
        self._moves_seq = 0
        self._last: tuple[dt.datetime, list[JournalEntry]] | None = None  # this desk's last check-in
        # a shared (PostgreSQL) event: the server decides check-ins; offline, the outbox keeps them
        self.waits = ServerWaits(server if server is not None else server_of(conn))
        self.reload()

    # -- the server (a shared event) ----------------------------------------------------------
    @property
    def remote(self) -> Server | None:
        """The shared event's server (None for an event file, decided by its LocalServer)."""
        return self.waits.server if self.waits.server.shared else None

    @remote.setter
    def remote(self, server: Server) -> None:
        self.waits.server = server

    @property
    def offline(self) -> bool:
        """The server did not answer the last question: this desk decides on its own copy."""
        return self.waits.offline

    @offline.setter
    def offline(self, value: bool) -> None:
        self.waits.offline = value

    @property
    def late_notes(self) -> list[str]:
        return self.waits.late_notes

    def queued(self) -> int:
        """Check-ins decided here that wait to be sent to the server."""
        return self.store.outbox.count()

    def close(self) -> None:
        """Stop the server worker (the connection stays the caller's)."""
        self.waits.close()

    # -- state ----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read guests and journal again (after an import or edit elsewhere)."""
        self.guests = Guests(self.store.attendees.all, self.store.attendees.get)  # read when first needed
        self._codes = self.store.ticket_codes.holders()
        self._guests_changed()
        self._registered = None
        self.presence = Presence()
        self.room = Room()
        self._seq = 0
        self._moves_seq = 0
        self.refresh()

    def refresh(self) -> list[JournalEntry]:
        """Apply journal entries (and room exits) written since the last look (by any desk on
        this file)."""
        new = self.journal.since(self._seq)
        for seq, entry in new:
            self.presence.apply(entry)
            self._seq = seq
        for seq, movement in self.store.movements.since(self._moves_seq):
            self.room.apply(movement)
            self._moves_seq = seq
        return [entry for _seq, entry in new]

    @property
    def index(self) -> SearchIndex:
        """The name search over the guests, built here if nobody built it yet."""
        if self._index is None:
            from kosi_checkin.search.index import SearchIndex

            self._index = SearchIndex(self.guests.values())
        return self._index

    @property
    def index_ready(self) -> bool:
        return self._index is not None

    def index_source(self) -> tuple[int, list[Attendee]]:
        """What to build the search index from elsewhere (a worker, at 100,000 guests): the
        guests now, and the version to hand back with the index to ``adopt_index``."""
        return self._index_version, list(self.guests.values())

    def adopt_index(self, version: int, index: SearchIndex) -> bool:
        """Take an index built from ``index_source``; refused (False) when the guests changed
        since (reload, a walk-in, an edit) or an index is already there."""
        if version != self._index_version or self._index is not None:
            return False
        self._index = index
        return True

    def _guests_changed(self) -> None:
        self._index = None
        self._index_version += 1

    def code_of(self, attendee_id: str) -> str:
        self._guest(attendee_id)
        return self.codec.encode(attendee_id)

    def _guest(self, attendee_id: str) -> Attendee:
        guest = self.guests.get(AttendeeId(attendee_id))
        if guest is None:
            raise UnknownAttendee.of(attendee_id)
        return guest

    def replace_guest(self, guest: Attendee) -> None:
        """Take in a guest edited at the desk (a typo fixed before a reprint)."""
        self.guests[guest.id] = guest
        self._guests_changed()

    # -- identifying ----------------------------------------------------------------------------
    def reads_as_code(self, text: str) -> bool:
        return reads_as_code(text, self._codes, self.codec)

    def names_a_code(self, text: str) -> bool:
        return names_a_code(text, self._codes, self.codec)

    def scan(self, text: str, target: Target, *, force: bool = False, force_session: str | None = None) -> Answer:
        """The answer to a scanned code (badge, ticket or order code)."""
        found = self.identify(text)
        if isinstance(found, Answer):
            return found
        return self.check_in(found.id, target, force=force, force_session=force_session)

    def identify(self, text: str) -> Attendee | Answer:
        """The guest a scanned code belongs to, or the answer why there is none (unknown, altered
        or foreign codes are logged as refused; a code shared by several guests asks to choose)."""
        found = identify(text, self._codes, self.guests, self.codec)
        if isinstance(found, Found):
            return found.guest
        if isinstance(found, Refused):
            with self.store.transaction():
                self.journal.log_refused(self.clock(), self.name, found.text, found.kind.code)
            return wording.refused(found.kind)
        return wording.code_shared(found.guests)

    def find(self, query: str) -> Answer | Attendee:
        """A name query from the command line: the one guest it means, or an answer (none or
        several matches)."""
        found = self.index.best_matches(query, limit=20)
        if len(found) == 1:
            return found[0]
        if not found:
            return wording.no_match(query)
        return wording.several_match(query, found)

    # -- checking in ----------------------------------------------------------------------------
    def check_in(self, attendee_id: str, target: Target, *, force: bool = False,
                 force_session: str | None = None, over_capacity: bool = False) -> Answer:
        """``force``: admit without registration; ``over_capacity``: admit into a full room."""
        guest = self._guest(attendee_id)
        sessions = admission.sessions_for(guest, target, self.presence, force, force_session)
        if sessions is None:
            return wording.not_registered(self.event, guest, target)
        self.refresh()  # who is inside now, with other desks' check-ins and exits (two indexed reads)
        entry = admission.entry(guest, sessions, self.presence, self.room)
        if entry.full and not over_capacity:
            return wording.room_full(guest, entry.full[0], self.inside(entry.full[0]))
        if entry.back:  # out of the room before: coming back is an entry, not a second check-in
            return self._move(guest, entry.back, "in")
        now = self.clock()
        written: list[JournalEntry] = []
        earlier: JournalEntry | None = None
        candidates: list[JournalEntry] = []
        for session in sessions:
            last = self.journal.last(guest.id, session.id)  # the file decides, not our memory
            if last is not None and last.action is Action.CHECK_IN:
                earlier = earlier or last
                continue
            candidates.append(JournalEntry(
                uuid=new_uuid(), attendee_id=guest.id, session_id=session.id, at=now, desk=self.name,
                action=Action.CHECK_IN, forced=force and session.id not in guest.sessions and session.registration_required,
                note=OVER_CAPACITY_NOTE if session in entry.full else "",
            ))
        verdicts = [self.waits.ask("claim", e) for e in candidates]  # never inside a SQLite transaction
        with self.store.transaction():
            for candidate, (taken, queued) in zip(candidates, verdicts):
                last = self.journal.last(guest.id, candidate.session_id)  # another desk on this file meanwhile
                if last is not None and last.uuid == candidate.uuid:  # ours, back from the server through the sync
                    written.append(candidate)
                    continue
                if last is not None and last.action is Action.CHECK_IN:
                    earlier = earlier or last
                    continue
                if taken is not None:  # another desk was first: the server says so
                    self.journal.append(taken)
                    earlier = earlier or taken
                    continue
                self.journal.append(candidate)
                if queued:  # decided here: the server hears of it when it is back
                    self.store.outbox.queue(candidate.uuid)
                written.append(candidate)
        self.refresh()
        if not written:
            assert earlier is not None
            return wording.already(self.event, guest, earlier, self.clock().tzinfo)
        self._last = (now, written)
        return wording.welcome(self.event, guest, tuple(wording.session_of(self.event, e.session_id) for e in written),
                               forced=any(e.forced for e in written))

    def inside(self, session: Session) -> int:
        """How many are in the session's room now: present, less those who went out."""
        return admission.inside(self.presence, self.room, session)

    def exit(self, attendee_id: str, target: Target) -> Answer:
        """An exit desk: the guest leaves the room of the target's session they are in. Present
        stays present (the report counts attendance); only the room count goes down."""
        guest = self._guest(attendee_id)
        self.refresh()  # other desks on this file: the room as it is now
        inside = admission.inside_rooms(guest, target, self.presence, self.room)
        if not inside:
            return wording.not_inside(guest, target)
        return self._move(guest, inside[:1], "out")

    def _move(self, guest: Attendee, sessions: tuple[Session, ...], direction: str) -> Answer:
        now = self.clock()
        with self.store.transaction():
            for session in sessions:
                self.store.movements.add(Movement(new_uuid(), guest.id, session.id, now, self.name, direction))
        self.refresh()
        return wording.moved(guest, sessions, direction, self.inside)

    # -- undo -----------------------------------------------------------------------------------
    def undo(self, attendee_id: str, session_id: str | None = None) -> Answer:
        """Take back a guest's check-in (the newest one, or that of one session): a journal
        entry of its own, nothing is deleted."""
        guest = self._guest(attendee_id)
        self.refresh()
        in_force = self.presence.of_guest(guest.id)
        if session_id is not None:
            if self.event.session(session_id) is None:
                raise UsageError(_("The event has no session {id!r}; its sessions are: {ids}.").format(
                    id=session_id, ids=", ".join(self.event.session_ids)))
            entries = [in_force[SessionId(session_id)]] if SessionId(session_id) in in_force else []
        else:
            entries = sorted(in_force.values(), key=lambda e: e.at)[-1:]
        return self._undo_entries(guest, entries)

    def undo_last(self) -> Answer:
        """The one-key undo: this desk's last check-in, for a short while after it."""
        if self._last is None or self.clock() - self._last[0] > UNDO_WINDOW:
            return wording.nothing_to_undo_here()
        entries = self._last[1]
        self._last = None
        return self._undo_entries(self._guest(entries[0].attendee_id), entries)

    def _undo_entries(self, guest: Attendee, entries: list[JournalEntry]) -> Answer:
        now = self.clock()
        undone: list[Session] = []
        undos = []
        for entry in entries:
            last = self.journal.last(guest.id, entry.session_id)
            if last is None or last.action is not Action.CHECK_IN:
                continue
            undo = JournalEntry(uuid=new_uuid(), attendee_id=guest.id, session_id=entry.session_id,
                                at=now, desk=self.name, action=Action.UNDO)
            undos.append((undo, self.waits.ask("release", undo)[1]))  # never inside a SQLite transaction
        with self.store.transaction():
            for undo, queued in undos:
                last = self.journal.last(guest.id, undo.session_id)
                if last is None or last.action is not Action.CHECK_IN:
                    continue
                self.journal.append(undo)
                if queued:
                    self.store.outbox.queue(undo.uuid)
                undone.append(wording.session_of(self.event, undo.session_id))
        self.refresh()
        return wording.undone(guest, undone)

    # -- walk-ins -------------------------------------------------------------------------------
    def walk_in(self, guest: Attendee, target: Target) -> Answer:
        """Register a guest at the door (marked as walk-in) and check them in at once."""
        if not (guest.first_name.strip() or guest.last_name.strip()):
            raise UsageError(_("A walk-in needs a name."))
        sessions = admission.walk_in_sessions(guest, target)
        with self.store.transaction():
            stored = self.store.attendees.add(Attendee(
                id=AttendeeId(""), first_name=guest.first_name.strip(), last_name=guest.last_name.strip(),
                title=guest.title.strip(), organisation=guest.organisation.strip(), sector=guest.sector,
                email=guest.email.strip(), category=guest.category, door_note=guest.door_note,
                sessions=frozenset(SessionId(s) for s in sessions), walk_in=True,
            ))
        self.guests[stored.id] = stored
        self._registered = None
        if self._index is not None:
            self._index.add(stored)
        else:
            self._index_version += 1  # an index being built elsewhere lacks this guest
        return self.check_in(stored.id, target)

    # -- counts ---------------------------------------------------------------------------------
    def counts(self) -> list[SessionCount]:
        """Present / registered / walk-ins per session (called after every answer: the
        registrations are counted once per reload, not on each call)."""
        if self._registered is None:
            self._walk_ins = {a.id for a in self.guests.values() if a.walk_in}
            self._registered = defaultdict(int)
            for guest in self.guests.values():
                if guest.walk_in:
                    continue  # registered at the door, not before it: counted apart, as the statistics do
                for session_id in guest.sessions:
                    self._registered[session_id] += 1
        registered, walk_ins = self._registered, self._walk_ins
        return [
            SessionCount(s, self.presence.count(s.id), registered[s.id], len(self.presence.present(s.id) & walk_ins))
            for s in self.event.sessions
        ]

    def counts_line(self, target: Target) -> str:
        """The desk's counts for the sessions of ``target``, in words."""
        return wording.counts_line(target, self.counts(), self.inside, self.arrivals_per_minute())

    def arrivals_per_minute(self) -> float:
        """Check-ins of the last ten minutes, per minute."""
        since = self.clock() - _RATE_WINDOW
        return self.presence.arrivals_since(since) / (_RATE_WINDOW.total_seconds() / 60)
