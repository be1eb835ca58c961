"""Which session(s) a desk checks guests into: chosen from the clock and the programme, or
named. A target is one session, a group of parallel sessions (each guest goes into the one they
registered for) or, where the organiser allows it, the whole day."""

from __future__ import annotations

import datetime as dt

from kosi_checkin.domain.errors import UsageError
from kosi_checkin.domain.model import Event, Session, SessionId
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _


@dataclass(frozen=True)
class Target:
    sessions: tuple[Session, ...]
    label: str
    kind: str = "session"  # "session" | "group" | "day"
    group: str = ""  # the group's id for a group target

    @property
    def ids(self) -> tuple[SessionId, ...]:
        return tuple(s.id for s in self.sessions)

    @property
    def key(self) -> str:
        """Stable name of the target for settings and the command line."""
        if self.kind == "session":
            return self.sessions[0].id
        return self.group if self.kind == "group" else "day"


def session_target(session: Session) -> Target:
    return Target((session,), session.title)


def group_target(event: Event, group_id: str) -> Target:
    sessions = tuple(s for s in event.sessions if s.group == group_id)
    label = next((g.label for g in event.groups if g.id == group_id), group_id)
    return Target(sessions, label, "group", group_id)


def day_target(event: Event) -> Target:
    return Target(event.sessions, _("Whole day"), "day")


def target_of(event: Event, session: Session) -> Target:
    """A session's target: its whole group when it runs in parallel with others."""
    return group_target(event, session.group) if session.group else session_target(session)


def targets(event: Event) -> list[Target]:
    """Everything a desk can choose, in programme order: each session, a group of parallel ones
    first as a whole (one door for all forums), then each of them (a door of its own)."""
    found: list[Target] = []
    seen_groups: set[str] = set()
    for session in event.sessions:
        if session.group:
            if session.group not in seen_groups:
                seen_groups.add(session.group)
                found.append(group_target(event, session.group))
                found.extend(session_target(s) for s in event.sessions if s.group == session.group)
        else:
            found.append(session_target(session))
    if event.allow_day_checkin:
        found.append(day_target(event))
    return found


def by_key(event: Event, key: str) -> Target | None:
    for target in targets(event):
        if target.key == key:
            return target
    session = event.session(key)
    return session_target(session) if session else None


def target_at(event: Event, now: dt.datetime) -> Target | None:
    """The session running at ``now``; if none is, the next one that day; None if the event is
    not on that day or nothing comes any more (then every session stays selectable by hand)."""
    local = now.astimezone(_zone(event))
    if local.date() != event.date:
        return None
    timed = [s for s in event.sessions if s.start is not None]
    running = [s for s in timed if s.start <= local and (s.end is None or local < s.end)]  # type: ignore[operator]  # timed holds only sessions whose start is set
    if running:
        return target_of(event, running[0])
    coming = sorted((s for s in timed if s.start > local), key=lambda s: s.start)  # type: ignore[operator,arg-type,return-value]  # timed holds only sessions whose start is set
    if coming:
        return target_of(event, coming[0])
    return None


def resolve_target(event: Event, session_id: str | None, now: dt.datetime) -> Target:
    """The target for a command: ``--session`` if given (a session, a group's id or "day"),
    else by the clock; exit 2 with a request for ``--session`` when the clock cannot say."""
    if session_id:
        if session_id == "day" and not event.allow_day_checkin:
            raise UsageError(_("Checking in for the whole day is not enabled for this event."))
        found = by_key(event, session_id)
        if found is None:
            raise UsageError(_("The event has no session {id!r}; its sessions are: {ids}.").format(
                id=session_id, ids=", ".join(event.session_ids)))
        return found
    found = target_at(event, now)
    if found is None:
        raise UsageError(_("No session of {event} runs or comes on {day}; name one with --session ({ids}).").format(
            event=event.name, day=now.date().isoformat(), ids=", ".join(event.session_ids)))
    return found


def _zone(event: Event) -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(event.timezone)
