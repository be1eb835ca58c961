"""One desk at the door: resolves what was scanned or picked, checks guests in and out of the
journal (durably, before answering), registers walk-ins, and keeps counts. The desk view and the
command line both drive it; it never touches Qt."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
import uuid
from collections import defaultdict
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from kosi_checkin.checkin.answers import Answer, Kind
from kosi_checkin.checkin.clock import Clock, event_clock
from kosi_checkin.checkin.presence import Presence
from kosi_checkin.checkin.room import Room
from kosi_checkin.checkin.server_calls import WAIT, ServerCalls
from kosi_checkin.checkin.targets import Target
from kosi_checkin.domain.errors import UnknownAttendee, UsageError
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
from kosi_checkin.search.index import SearchIndex
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import (
    AttendeeRepository,
    EventRepository,
    JournalRepository,
    MovementRepository,
)
from kosi_checkin.tokens.badge_code import BadgeCodec, CodeKind
from kosi_checkin.tokens.normalize import normalize_code

log = logging.getLogger(__name__)
UNDO_WINDOW = dt.timedelta(minutes=2)  # the one-key undo of the desk's last check-in
_RATE_WINDOW = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class SessionCount:
    session: Session
    present: int
    registered: int
    walk_ins: int


class Desk:
    def __init__(self, conn: sqlite3.Connection, event: Event, name: str = "", clock: Clock | None = None) -> None:
        self.conn = conn
        self.event = event
        self.name = name or _("Desk 1")
        self.clock = clock or event_clock(event.timezone)
        meta = EventRepository(conn)
        self.codec = BadgeCodec(meta.meta("code_prefix"), meta.meta("secret"))
        self.journal = JournalRepository(conn)
        self._movements = MovementRepository(conn)
        self._attendees = AttendeeRepository(conn)
        self.guests: dict[AttendeeId, Attendee] = {}
        self._codes: dict[str, list[AttendeeId]] = defaultdict(list)
        self._index: SearchIndex | None = None
        self._registered: dict[SessionId, int] | None = None  # counts cache, see counts()
        self._walk_ins: set[AttendeeId] = set()
        self.presence = Presence()
        self._seq = 0
        self._last: tuple[dt.datetime, list[JournalEntry]] | None = None  # this desk's last check-in
        # a shared (PostgreSQL) event: the server decides check-ins; offline, the outbox keeps them
        self.remote: Any = getattr(conn, "shared", None)
        self.offline = False
        self._calls: ServerCalls | None = None  # a desk's server calls, on a worker (see server_calls.py)
        self.late_notes: list[str] = []  # what the server said after the desk had decided alone
        self.reload()

    # -- state ----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read guests and journal again (after an import or edit elsewhere)."""
        self.guests = {a.id: a for a in self._attendees.all()}
        self._codes = defaultdict(list)
        for row in self.conn.execute("SELECT code, attendee_id FROM ticket_codes ORDER BY attendee_id"):
            self._codes[row[0]].append(AttendeeId(row[1]))
        self._index = None
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
        for seq, movement in self._movements.since(self._moves_seq):
            self.room.apply(movement)
            self._moves_seq = seq
        return [entry for _seq, entry in new]

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex(self.guests.values())
        return self._index

    def code_of(self, attendee_id: str) -> str:
        self._guest(attendee_id)
        return self.codec.encode(attendee_id)

    def _guest(self, attendee_id: str) -> Attendee:
        guest = self.guests.get(AttendeeId(attendee_id))
        if guest is None:
            raise UnknownAttendee(_("No guest with id {id} in this event.").format(id=attendee_id))
        return guest

    # -- scanning -------------------------------------------------------------------------------
    def reads_as_code(self, text: str) -> bool:
        """Whether a fast burst of keys is a code (else it was someone typing quickly): a known
        ticket code, or a token of at least 6 letters/digits with a digit in it."""
        stripped = text.strip()
        if not stripped or any(c.isspace() for c in stripped):
            return False
        code = normalize_code(stripped)
        if code in self._codes or self.codec.looks_like_badge(stripped):
            return True
        return len(code) >= 6 and any(c.isdigit() for c in code)

    def names_a_code(self, text: str) -> bool:
        """Whether text typed by hand (slowly, then Enter) is meant as a code: a known ticket
        code or the shape of a badge code. Unlike a fast burst, no guess from the look of it."""
        stripped = text.strip()
        if not stripped or any(c.isspace() for c in stripped):
            return False
        return normalize_code(stripped) in self._codes or self.codec.looks_like_badge(stripped)

    def scan(self, text: str, target: Target, *, force: bool = False, force_session: str | None = None) -> Answer:
        """The answer to a scanned code (badge, ticket or order code)."""
        found = self.identify(text)
        if isinstance(found, Answer):
            return found
        return self.check_in(found.id, target, force=force, force_session=force_session)

    def identify(self, text: str) -> Attendee | Answer:
        """The guest a scanned code belongs to, or the answer why there is none (unknown, altered
        or foreign codes are logged as refused; a code shared by several guests asks to choose)."""
        code = normalize_code(text)
        holders = self._codes.get(code, []) if code else []
        if len(holders) == 1 and holders[0] in self.guests:
            return self.guests[holders[0]]
        if len(holders) > 1:
            guests = tuple(sorted((self.guests[h] for h in holders if h in self.guests), key=lambda a: a.sort_key))
            return Answer(Kind.CHOOSE, _("This code belongs to {count} guests: who is it?").format(count=len(guests)),
                          _("Pick the guest from the list."), candidates=guests)
        decoded = self.codec.decode(text)
        if decoded.kind is CodeKind.VALID and decoded.attendee_id in self.guests:
            assert decoded.attendee_id is not None
            return self.guests[decoded.attendee_id]
        if decoded.kind is CodeKind.FOREIGN:
            return self._refuse(text, Kind.FOREIGN, _("Code of another event"),
                                _("This badge was made for another event. Please check the guest's name by hand."))
        if decoded.kind is CodeKind.ALTERED:
            return self._refuse(text, Kind.ALTERED, _("Unknown or invalid code"),
                                _("The code does not check out (damaged, mistyped or forged). Search the name instead."))
        return self._refuse(text, Kind.UNKNOWN, _("Unknown or invalid code"),
                            _("No guest has this code. Search the name instead."))

    def replace_guest(self, guest: Attendee) -> None:
        """Take in a guest edited at the desk (a typo fixed before a reprint)."""
        self.guests[guest.id] = guest
        self._index = None

    def _refuse(self, text: str, kind: Kind, title: str, detail: str) -> Answer:
        clean = "".join(c if c.isprintable() else "?" for c in text)
        with transaction(self.conn):
            self.journal.log_refused(self.clock(), self.name, clean, kind.code)
        return Answer(kind, title, detail)

    def find(self, query: str) -> Answer | Attendee:
        """A name query from the command line: the one guest it means, or an answer (none or
        several matches)."""
        found = self.index.best_matches(query, limit=20)
        if len(found) == 1:
            return found[0]
        if not found:
            return Answer(Kind.UNKNOWN, _("No guest matches {query!r}.").format(query=query))
        return Answer(Kind.CHOOSE, _("{count} guests match {query!r}: who is it?").format(count=len(found), query=query),
                      candidates=tuple(found))

    # -- checking in ----------------------------------------------------------------------------
    def check_in(self, attendee_id: str, target: Target, *, force: bool = False,
                 force_session: str | None = None, over_capacity: bool = False) -> Answer:
        """``force``: admit without registration; ``over_capacity``: admit into a full room."""
        guest = self._guest(attendee_id)
        sessions, refused = self._sessions_for(guest, target, force, force_session)
        if refused is not None:
            return refused
        self.refresh()  # who is inside now, with other desks' check-ins and exits (two indexed reads)
        back = [s for s in sessions if self.presence.entry(guest.id, s.id) and self.room.is_out(guest.id, s.id)]
        entering = [s for s in sessions if not self.presence.entry(guest.id, s.id) or s in back]
        full = [s for s in entering if self._is_full(s)]
        if full and not over_capacity:
            return self._room_full(guest, full[0])
        if back:  # out of the room before: coming back is an entry, not a second check-in
            return self._move(guest, tuple(back), "in")
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
                uuid=str(uuid.uuid4()), attendee_id=guest.id, session_id=session.id, at=now, desk=self.name,
                action=Action.CHECK_IN, forced=force and session.id not in guest.sessions and session.registration_required,
                note=OVER_CAPACITY_NOTE if session in full else "",
            ))
        verdicts = [self._ask_server("claim", entry) for entry in candidates]  # never inside a SQLite transaction
        with transaction(self.conn):
            for entry, (taken, queued) in zip(candidates, verdicts):
                last = self.journal.last(guest.id, entry.session_id)  # another desk on this file meanwhile
                if last is not None and last.uuid == entry.uuid:  # ours, back from the server through the sync
                    written.append(entry)
                    continue
                if last is not None and last.action is Action.CHECK_IN:
                    earlier = earlier or last
                    continue
                if taken is not None:  # another desk was first: the server says so
                    self.journal.append(taken)
                    earlier = earlier or taken
                    continue
                self.journal.append(entry)
                if queued:  # decided here: the server hears of it when it is back
                    self.conn.execute("INSERT OR IGNORE INTO outbox(uuid) VALUES (?)", (entry.uuid,))
                written.append(entry)
        self.refresh()
        if not written:
            assert earlier is not None
            return self._already(guest, earlier)
        self._last = (now, written)
        return self._welcome(guest, tuple(self._session(e.session_id) for e in written), forced=any(e.forced for e in written))

    def _ask_server(self, what: str, entry: JournalEntry) -> tuple[JournalEntry | None, bool]:
        """A shared event: (the check-in in force made elsewhere, or None; whether the entry is
        queued for later). A desk waits for the server at most server_calls.WAIT seconds, on its
        worker; a command (no offline) asks directly and fails with exit 7 when unreachable."""
        from kosi_checkin.shared.remote import Offline

        if self.remote is None:
            return None, False
        call = self.remote.claim if what == "claim" else self.remote.release
        if not getattr(self.remote, "offline_ok", False):
            return call(entry), False
        if self._calls is None:
            self._calls = ServerCalls()
        if self._calls.busy:  # a call is stuck in the network: do not queue behind it
            self.offline = True
            return None, True
        gave_up = threading.Event()  # set when the desk stops waiting: only then is an answer late
        reported = threading.Lock()

        def late(done: Future[Any]) -> None:
            if gave_up.is_set() and reported.acquire(blocking=False):
                self._late(what, entry, done)

        future = self._calls.submit(call, entry, late=late)
        try:
            taken = future.result(timeout=WAIT)
        except Exception as exc:  # noqa: BLE001 - no answer in time, or a failed call: decided here
            if not isinstance(exc, (FutureTimeout, Offline)):
                log.warning("server call failed; decided at the desk", exc_info=True)
            self.offline = True
            gave_up.set()
            if future.done():  # it completed while we gave up: its callback may have run already
                late(future)
            return None, True
        self.offline = False
        return (taken if what == "claim" else None), False

    def _late(self, what: str, entry: JournalEntry, done: Future[Any]) -> None:
        """The server's answer after the desk decided alone (once; on the worker thread): the outbox
        sends the entry again (the server keeps one record per uuid); admitted elsewhere
        meanwhile, both records stay and the guest counts once."""
        if done.cancelled() or done.exception() is not None:
            return
        taken = done.result()
        if what == "claim" and taken is not None and taken.uuid != entry.uuid:
            self.late_notes.append(_("{desk} had admitted this guest already at {time}; both records are kept.").format(
                desk=taken.desk, time=taken.at.strftime("%H:%M")))

    def close(self) -> None:
        """Stop the server worker (the connection stays the caller's)."""
        if self._calls is not None:
            self._calls.close()
            self._calls = None

    def _sessions_for(self, guest: Attendee, target: Target, force: bool,
                      force_session: str | None) -> tuple[list[Session], Answer | None]:
        """The sessions a check-in goes into, or the answer refusing it."""
        open_to_all = [s for s in target.sessions if not s.registration_required]
        registered = [s for s in target.sessions if s.id in guest.sessions]
        present = [s for s in target.sessions if self.presence.entry(guest.id, s.id)]
        if present and target.kind != "day":
            return [present[0]], None  # answers "already checked in", whatever the registration
        if target.kind == "session":
            if registered or open_to_all or force:
                return [target.sessions[0]], None
        elif target.kind == "group":
            if registered:
                return [registered[0]], None
            if force:
                if force_session:
                    named = next((s for s in target.sessions if s.id == force_session), None)
                    if named is None:
                        raise UsageError(_("{id} is not one of {label}: {ids}.").format(
                            id=force_session, label=target.label, ids=", ".join(target.ids)))
                    return [named], None
                if len(target.sessions) == 1:
                    return [target.sessions[0]], None
            elif open_to_all:
                return [open_to_all[0]], None
        else:  # the whole day: every session the guest registered for, and the open ones
            day = [s for s in target.sessions if s.id in guest.sessions or not s.registration_required]
            day += [s for s in present if s not in day]
            if day:
                return day, None
            if force:
                return [s for s in target.sessions if not s.group], None
        return [], self._not_registered(guest, target)

    def inside(self, session: Session) -> int:
        """How many are in the session's room now: present, less those who went out."""
        return self.room.inside(self.presence, session.id)

    def exit(self, attendee_id: str, target: Target) -> Answer:
        """An exit desk: the guest leaves the room of the target's session they are in. Present
        stays present (the report counts attendance); only the room count goes down."""
        guest = self._guest(attendee_id)
        self.refresh()  # other desks on this file: the room as it is now
        inside = tuple(s for s in target.sessions
                       if self.presence.entry(guest.id, s.id) and not self.room.is_out(guest.id, s.id))
        if not inside:
            return Answer(Kind.NOT_INSIDE, _("{name}: not in the room").format(name=guest.display_name),
                          _("Not checked in for {label}, or out already.").format(label=target.label), attendee=guest)
        return self._move(guest, inside[:1], "out")

    def _move(self, guest: Attendee, sessions: tuple[Session, ...], direction: str) -> Answer:
        now = self.clock()
        with transaction(self.conn):
            for session in sessions:
                self._movements.add(Movement(str(uuid.uuid4()), guest.id, session.id, now, self.name, direction))
        self.refresh()
        rooms = ", ".join(_("{title}: {inside} in the room").format(title=s.title, inside=self.inside(s))
                          for s in sessions)
        if direction == "out":
            return Answer(Kind.EXITED, _("Goodbye, {name}").format(name=guest.display_name), rooms,
                          attendee=guest, sessions=sessions)
        return Answer(Kind.REENTRY, _("Welcome back, {name}").format(name=guest.display_name), rooms,
                      attendee=guest, sessions=sessions, door_note=guest.door_note)

    def _is_full(self, session: Session) -> bool:
        return session.capacity is not None and self.inside(session) >= session.capacity

    def _room_full(self, guest: Attendee, session: Session) -> Answer:
        return Answer(
            Kind.ROOM_FULL,
            _("Room full ({capacity})").format(capacity=session.capacity),
            _("{title}: {inside} of {capacity} in the room. Admit anyway only if the room allows it (F2).").format(
                title=session.title, inside=self.inside(session), capacity=session.capacity),
            attendee=guest, sessions=(session,), door_note=guest.door_note, can_force=True,
        )

    def _not_registered(self, guest: Attendee, target: Target) -> Answer:
        choices = target.sessions if target.kind == "group" and len(target.sessions) > 1 else ()
        return Answer(
            Kind.NOT_REGISTERED,
            _("{name}: not registered for this session").format(name=guest.display_name),
            _("Registered for: {sessions}").format(sessions=self._registered_text(guest)),
            attendee=guest, sessions=target.sessions, door_note=guest.door_note, can_force=True,
            force_choices=choices,
        )

    def _welcome(self, guest: Attendee, sessions: tuple[Session, ...], forced: bool) -> Answer:
        organisation = f" — {guest.organisation}" if guest.organisation else ""
        detail = _("Checked in for: {sessions}").format(sessions=", ".join(s.title for s in sessions))
        if forced:
            detail += " " + _("(admitted without registration)")
        detail += "\n" + _("Registered for: {sessions}").format(sessions=self._registered_text(guest))
        return Answer(Kind.WELCOME, _("Welcome, {name}").format(name=guest.display_name) + organisation, detail,
                      attendee=guest, sessions=sessions, door_note=guest.door_note)

    def _already(self, guest: Attendee, earlier: JournalEntry) -> Answer:
        at = earlier.at.astimezone(self.clock().tzinfo)
        return Answer(
            Kind.ALREADY,
            _("{name}: already checked in at {time} ({desk})").format(
                name=guest.display_name, time=at.strftime("%H:%M"), desk=earlier.desk),
            _("{session}; nothing was changed.").format(session=self._session(earlier.session_id).title),
            attendee=guest, sessions=(self._session(earlier.session_id),), earlier=earlier, door_note=guest.door_note,
        )

    def _registered_text(self, guest: Attendee) -> str:
        titles = [s.title for s in self.event.sessions if s.id in guest.sessions]
        return ", ".join(titles) if titles else _("no session")

    def _session(self, session_id: str) -> Session:
        session = self.event.session(session_id)
        return session if session is not None else Session(SessionId(session_id), session_id)

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
            return Answer(Kind.NOTHING_TO_UNDO, _("Nothing to undo"),
                          _("Only the last check-in of this desk can be undone with one key, for two minutes. "
                            "Older ones: open the guest and undo there."))
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
            undo = JournalEntry(uuid=str(uuid.uuid4()), attendee_id=guest.id, session_id=entry.session_id,
                                at=now, desk=self.name, action=Action.UNDO)
            undos.append((undo, self._ask_server("release", undo)[1]))  # never inside a SQLite transaction
        with transaction(self.conn):
            for undo, queued in undos:
                last = self.journal.last(guest.id, undo.session_id)
                if last is None or last.action is not Action.CHECK_IN:
                    continue
                self.journal.append(undo)
                if queued:
                    self.conn.execute("INSERT OR IGNORE INTO outbox(uuid) VALUES (?)", (undo.uuid,))
                undone.append(self._session(undo.session_id))
        self.refresh()
        if not undone:
            return Answer(Kind.NOTHING_TO_UNDO, _("{name}: nothing to undo").format(name=guest.display_name),
                          _("The guest is not checked in there."), attendee=guest)
        return Answer(Kind.UNDONE, _("Check-in of {name} undone").format(name=guest.display_name),
                      ", ".join(s.title for s in undone), attendee=guest, sessions=tuple(undone))

    # -- walk-ins -------------------------------------------------------------------------------
    def walk_in(self, guest: Attendee, target: Target) -> Answer:
        """Register a guest at the door (marked as walk-in) and check them in at once."""
        if not (guest.first_name.strip() or guest.last_name.strip()):
            raise UsageError(_("A walk-in needs a name."))
        sessions = set(guest.sessions)
        if target.kind == "session":
            sessions |= {target.sessions[0].id}
        elif not sessions & set(target.ids):
            sessions |= {target.sessions[0].id} if target.kind == "group" else set(target.ids)
        with transaction(self.conn):
            stored = self._attendees.add(Attendee(
                id=AttendeeId(""), first_name=guest.first_name.strip(), last_name=guest.last_name.strip(),
                title=guest.title.strip(), organisation=guest.organisation.strip(), sector=guest.sector,
                email=guest.email.strip(), category=guest.category, door_note=guest.door_note,
                sessions=frozenset(SessionId(s) for s in sessions), walk_in=True,
            ))
        self.guests[stored.id] = stored
        self._registered = None
        if self._index is not None:
            self._index.add(stored)
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

    def arrivals_per_minute(self) -> float:
        """Check-ins of the last ten minutes, per minute."""
        since = self.clock() - _RATE_WINDOW
        return self.presence.arrivals_since(since) / (_RATE_WINDOW.total_seconds() / 60)
