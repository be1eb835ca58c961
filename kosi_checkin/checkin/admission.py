"""The admission rules, pure: which sessions a check-in goes into, who is coming back into a
room, which rooms are full. Plain data in (the guest, the target, presence and room as they are
now), a decision out; no database, no clock, no words (see wording.py)."""

from __future__ import annotations

from kosi_checkin.checkin.presence import Presence
from kosi_checkin.checkin.room import Room
from kosi_checkin.checkin.targets import Target
from kosi_checkin.domain.errors import UsageError
from kosi_checkin.domain.model import Attendee, Session
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _


@dataclass(frozen=True)
class SessionCount:
    """Present / registered before the day / walk-ins of one session."""

    session: Session
    present: int
    registered: int
    walk_ins: int


def sessions_for(guest: Attendee, target: Target, presence: Presence, force: bool,
                 force_session: str | None) -> list[Session] | None:
    """The sessions a check-in goes into, or None: not registered for the target."""
    open_to_all = [s for s in target.sessions if not s.registration_required]
    registered = [s for s in target.sessions if s.id in guest.sessions]
    present = [s for s in target.sessions if presence.entry(guest.id, s.id)]
    if present and target.kind != "day":
        return [present[0]]  # answers "already checked in", whatever the registration
    if target.kind == "session":
        if registered or open_to_all or force:
            return [target.sessions[0]]
    elif target.kind == "group":
        if registered:
            return [registered[0]]
        if force:
            if force_session:
                named = next((s for s in target.sessions if s.id == force_session), None)
                if named is None:
                    raise UsageError(_("{id} is not one of {label}: {ids}.").format(
                        id=force_session, label=target.label, ids=", ".join(target.ids)))
                return [named]
            if len(target.sessions) == 1:
                return [target.sessions[0]]
        elif open_to_all:
            return [open_to_all[0]]
    else:  # the whole day: every session the guest registered for, and the open ones
        day = [s for s in target.sessions if s.id in guest.sessions or not s.registration_required]
        day += [s for s in present if s not in day]
        if day:
            return day
        if force:
            return [s for s in target.sessions if not s.group]
    return None


def inside(presence: Presence, room: Room, session: Session) -> int:
    """How many are in the session's room now: present, less those who went out."""
    return room.inside(presence, session.id)


def is_full(presence: Presence, room: Room, session: Session) -> bool:
    return session.capacity is not None and inside(presence, room, session) >= session.capacity


@dataclass(frozen=True)
class Entry:
    """What admitting a guest into ``sessions`` means right now."""

    back: tuple[Session, ...]  # out of the room before: coming back is a movement, not a check-in
    full: tuple[Session, ...]  # rooms at capacity the guest would enter


def entry(guest: Attendee, sessions: list[Session], presence: Presence, room: Room) -> Entry:
    back = tuple(s for s in sessions if presence.entry(guest.id, s.id) and room.is_out(guest.id, s.id))
    entering = [s for s in sessions if not presence.entry(guest.id, s.id) or s in back]
    return Entry(back, tuple(s for s in entering if is_full(presence, room, s)))


def inside_rooms(guest: Attendee, target: Target, presence: Presence, room: Room) -> tuple[Session, ...]:
    """The target's sessions whose room the guest is in (an exit desk lets them out of the first)."""
    return tuple(s for s in target.sessions if presence.entry(guest.id, s.id) and not room.is_out(guest.id, s.id))


def walk_in_sessions(guest: Attendee, target: Target) -> set[str]:
    """A walk-in's registrations: theirs, and the door's session (one forum of a group)."""
    sessions: set[str] = set(guest.sessions)
    if target.kind == "session":
        sessions |= {target.sessions[0].id}
    elif not sessions & set(target.ids):
        sessions |= {target.sessions[0].id} if target.kind == "group" else set(target.ids)
    return sessions
