"""What the desk says: every answer of the door in words (German or English, through i18n),
built from the decision and the guest. No database, no rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from kosi_checkin import formats
from kosi_checkin.checkin.admission import SessionCount
from kosi_checkin.checkin.answers import Answer, Kind
from kosi_checkin.checkin.targets import Target
from kosi_checkin.domain.model import Attendee, Event, JournalEntry, Session, SessionId
from kosi_checkin.i18n import _, ngettext

InsideCount = Callable[[Session], int]


def session_of(event: Event, session_id: str) -> Session:
    session = event.session(session_id)
    return session if session is not None else Session(SessionId(session_id), session_id)


def registered_text(event: Event, guest: Attendee) -> str:
    titles = [s.title for s in event.sessions if s.id in guest.sessions]
    return ", ".join(titles) if titles else _("no session")


def refused(kind: Kind) -> Answer:
    if kind is Kind.FOREIGN:
        return Answer(kind, _("Code of another event"),
                      _("This badge was made for another event. Please check the guest's name by hand."))
    if kind is Kind.ALTERED:
        return Answer(kind, _("Unknown or invalid code"),
                      _("The code does not check out (damaged, mistyped or forged). Search the name instead."))
    return Answer(Kind.UNKNOWN, _("Unknown or invalid code"), _("No guest has this code. Search the name instead."))


def code_shared(guests: tuple[Attendee, ...]) -> Answer:
    return Answer(Kind.CHOOSE, _("This code belongs to {count} guests: who is it?").format(count=len(guests)),
                  _("Pick the guest from the list."), candidates=guests)


def no_match(query: str) -> Answer:
    return Answer(Kind.UNKNOWN, _("No guest matches {query!r}.").format(query=query))


def several_match(query: str, found: Sequence[Attendee]) -> Answer:
    return Answer(Kind.CHOOSE, _("{count} guests match {query!r}: who is it?").format(count=len(found), query=query),
                  candidates=tuple(found))


def welcome(event: Event, guest: Attendee, sessions: tuple[Session, ...], forced: bool) -> Answer:
    organisation = f" — {guest.organisation}" if guest.organisation else ""
    detail = _("Checked in for: {sessions}").format(sessions=", ".join(s.title for s in sessions))
    if forced:
        detail += " " + _("(admitted without registration)")
    detail += "\n" + _("Registered for: {sessions}").format(sessions=registered_text(event, guest))
    return Answer(Kind.WELCOME, _("Welcome, {name}").format(name=guest.display_name) + organisation, detail,
                  attendee=guest, sessions=sessions, door_note=guest.door_note)


def already(event: Event, guest: Attendee, earlier: JournalEntry, tz: dt.tzinfo | None) -> Answer:
    at = earlier.at.astimezone(tz)
    session = session_of(event, earlier.session_id)
    return Answer(
        Kind.ALREADY,
        _("{name}: already checked in at {time} ({desk})").format(
            name=guest.display_name, time=formats.time(at), desk=earlier.desk),
        _("{session}; nothing was changed.").format(session=session.title),
        attendee=guest, sessions=(session,), earlier=earlier, door_note=guest.door_note,
    )


def not_registered(event: Event, guest: Attendee, target: Target) -> Answer:
    choices = target.sessions if target.kind == "group" and len(target.sessions) > 1 else ()
    return Answer(
        Kind.NOT_REGISTERED,
        _("{name}: not registered for this session").format(name=guest.display_name),
        _("Registered for: {sessions}").format(sessions=registered_text(event, guest)),
        attendee=guest, sessions=target.sessions, door_note=guest.door_note, can_force=True,
        force_choices=choices,
    )


def room_full(guest: Attendee, session: Session, inside: int) -> Answer:
    return Answer(
        Kind.ROOM_FULL,
        _("Room full ({capacity})").format(capacity=session.capacity),
        _("{title}: {inside} of {capacity} in the room. Admit anyway only if the room allows it (F2).").format(
            title=session.title, inside=inside, capacity=session.capacity),
        attendee=guest, sessions=(session,), door_note=guest.door_note, can_force=True,
    )


def moved(guest: Attendee, sessions: tuple[Session, ...], direction: str, inside: InsideCount) -> Answer:
    rooms = ", ".join(_("{title}: {inside} in the room").format(title=s.title, inside=inside(s)) for s in sessions)
    if direction == "out":
        return Answer(Kind.EXITED, _("Goodbye, {name}").format(name=guest.display_name), rooms,
                      attendee=guest, sessions=sessions)
    return Answer(Kind.REENTRY, _("Welcome back, {name}").format(name=guest.display_name), rooms,
                  attendee=guest, sessions=sessions, door_note=guest.door_note)


def not_inside(guest: Attendee, target: Target) -> Answer:
    return Answer(Kind.NOT_INSIDE, _("{name}: not in the room").format(name=guest.display_name),
                  _("Not checked in for {label}, or out already.").format(label=target.label), attendee=guest)


def undone(guest: Attendee, sessions: list[Session]) -> Answer:
    if not sessions:
        return Answer(Kind.NOTHING_TO_UNDO, _("{name}: nothing to undo").format(name=guest.display_name),
                      _("The guest is not checked in there."), attendee=guest)
    return Answer(Kind.UNDONE, _("Check-in of {name} undone").format(name=guest.display_name),
                  ", ".join(s.title for s in sessions), attendee=guest, sessions=tuple(sessions))


def nothing_to_undo_here() -> Answer:
    return Answer(Kind.NOTHING_TO_UNDO, _("Nothing to undo"),
                  _("Only the last check-in of this desk can be undone with one key, for two minutes. "
                    "Older ones: open the guest and undo there."))


def counts_line(target: Target, counts: Sequence[SessionCount], inside: InsideCount, rate: float) -> str:
    """The desk's head line: present of registered, walk-ins, who is in the room, for each
    session of ``target`` (titles, never ids), and the arrivals per minute."""
    by_id = {c.session.id: c for c in counts}
    parts = []
    for session in target.sessions:
        c = by_id[session.id]
        text = _("{title}: {present} of {registered} present").format(
            title=session.title if len(target.sessions) == 1 else session.short_title,
            present=formats.number(c.present), registered=formats.number(c.registered))
        if c.walk_ins:
            text += " · " + ngettext("{n} walk-in", "{n} walk-ins", c.walk_ins).format(n=formats.number(c.walk_ins))
        in_room = inside(session)
        if session.capacity is not None:
            text += " · " + _("{inside} of {capacity} in the room").format(
                inside=formats.number(in_room), capacity=formats.number(session.capacity))
        elif in_room != c.present:  # some went out at an exit desk
            text += " · " + _("{inside} in the room").format(inside=formats.number(in_room))
        parts.append(text)
    parts.append(_("arrivals: {rate} per minute (last 10 minutes)").format(rate=formats.number(rate, 1)))
    return "   ·   ".join(parts)
