"""`checkin` and `undo` as replies: the same function answers a command run on the file and one
the running app runs for a command on its behalf, so both print the same and exit the same.

A reply is data: the exit code, the JSON object of ``--format json`` and the lines of the text
format, worded in the language the command asked for."""

from __future__ import annotations

from kosi_checkin.checkin.answers import Answer, Kind
from kosi_checkin.checkin.clock import event_clock
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import resolve_target
from kosi_checkin.domain.errors import UnknownAttendee, UsageError
from kosi_checkin.domain.values import dataclass, fields
from kosi_checkin.i18n import _
from kosi_checkin.services.door_reply import Reply
from kosi_checkin.services.event_context import EventContext

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from typing import Any

EXIT_UNKNOWN = 4


@dataclass(frozen=True)
class DoorParams:
    """What `checkin` / `undo` were asked; ``now`` is the command's KOSI_NOW (its clock)."""

    scan: str | None = None
    attendee: str | None = None
    name: str | None = None
    session: str | None = None
    desk: str = ""
    force: bool = False
    now: str | None = None
    exit: bool = False  # an exit desk: out of the room, not in

    def to_wire(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> DoorParams:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def _desk(opened: EventContext, params: DoorParams) -> Desk:
    return Desk(opened.conn, opened.event, params.desk, event_clock(opened.event.timezone, params.now),
                server=opened.server)


def _reply(answer: Answer) -> Reply:
    out = [answer.title]
    if answer.detail:
        out.append(answer.detail)
    if answer.door_note:
        out.append(_("Note: {note}").format(note=answer.door_note))
    for guest in answer.candidates:
        organisation = f" — {guest.organisation}" if guest.organisation else ""
        out.append(f"  {guest.id}  {guest.display_name}{organisation}")
    if answer.kind in (Kind.NOT_REGISTERED, Kind.ROOM_FULL):
        out.append(_("Use --force to admit the guest anyway."))
    return Reply(answer.exit_code, answer.as_json(), out)


def checkin(opened: EventContext, params: DoorParams) -> Reply:
    given = [x for x in (params.scan, params.attendee, params.name) if x is not None]
    if len(given) != 1:
        raise UsageError(_("Give exactly one of --scan, --attendee or --name."))
    desk = _desk(opened, params)
    target = resolve_target(desk.event, params.session, desk.clock())
    force_session = params.session if params.session and target.kind == "group" else None
    who = _named_guest(desk, params)
    if isinstance(who, Answer):
        answer = who
    else:
        try:
            answer = desk.exit(who, target) if params.exit else desk.check_in(
                who, target, force=params.force, force_session=force_session, over_capacity=params.force)
        except UnknownAttendee as exc:
            return Reply(EXIT_UNKNOWN, err=[_("Error: {message}").format(message=exc)])
    if answer.kind is Kind.NOT_REGISTERED and params.force and answer.force_choices:
        raise UsageError(_("{name} is registered for none of {label}; name the one to admit into with --session ({ids}).").format(
            name=answer.attendee.display_name if answer.attendee else "", label=target.label,
            ids=", ".join(s.id for s in answer.force_choices)))
    return _reply(answer)


def _named_guest(desk: Desk, params: DoorParams) -> str | Answer:
    """The id of the guest the command names (a scanned code, an id, a name query), or the
    answer why there is none (unknown code, no match, several matches)."""
    if params.attendee is not None:
        return params.attendee
    found = desk.identify(params.scan) if params.scan is not None else desk.find(params.name or "")
    return found if isinstance(found, Answer) else found.id


def undo(opened: EventContext, params: DoorParams) -> Reply:
    if params.attendee is None:
        raise UsageError(_("Give the guest's id with --attendee."))
    return _reply(_desk(opened, params).undo(params.attendee, params.session))


COMMANDS = {"checkin": checkin, "undo": undo}
