"""What the desk answers a scan, a search pick or an undo: a kind (which fixes colour, icon and
exit code), the guest, and the words."""

from __future__ import annotations

import enum

from kosi_checkin.domain.model import Attendee, JournalEntry, Session
from kosi_checkin.domain.values import dataclass, field


class Tone(enum.Enum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NEUTRAL = "neutral"
    BLUE = "blue"  # a badge printed: done, but no one was checked in (never the check-in's green)


class Kind(enum.Enum):
    #                  tone        exit code of `checkin` / `undo`
    WELCOME = ("welcome", Tone.GREEN, 0)
    ALREADY = ("already", Tone.AMBER, 3)
    NOT_REGISTERED = ("not-registered", Tone.AMBER, 5)
    UNKNOWN = ("unknown", Tone.RED, 4)
    ALTERED = ("altered", Tone.RED, 4)
    FOREIGN = ("foreign", Tone.RED, 4)
    CHOOSE = ("choose", Tone.NEUTRAL, 6)
    UNDONE = ("undone", Tone.NEUTRAL, 0)
    NOTHING_TO_UNDO = ("nothing-to-undo", Tone.NEUTRAL, 3)
    PROMPT = ("prompt", Tone.NEUTRAL, 0)  # nothing happened; what to do next
    PRINTING = ("printing", Tone.NEUTRAL, 0)  # a badge on its way to the printer
    PRINTED = ("printed", Tone.BLUE, 0)
    ALREADY_PRINTED = ("already-printed", Tone.AMBER, 3)  # the kiosk prints each badge once
    PRINT_FAILED = ("print-failed", Tone.RED, 8)
    ROOM_FULL = ("room-full", Tone.AMBER, 10)  # the session's room is at its capacity; nothing changed
    EXITED = ("exit", Tone.GREEN, 0)  # an exit desk: out of the room (still present for the report)
    NOT_INSIDE = ("not-inside", Tone.AMBER, 3)  # an exit desk: the guest is not in the room
    REENTRY = ("reentry", Tone.GREEN, 0)  # back into the room after an exit: an entry, not a second check-in

    @property
    def code(self) -> str:
        """The kind's name in files and JSON ("welcome", "not-registered", …)."""
        return self.value[0]

    @property
    def tone(self) -> Tone:
        return self.value[1]

    @property
    def exit_code(self) -> int:
        return self.value[2]


@dataclass(frozen=True)
class Answer:
    kind: Kind
    title: str  # the big line: "Willkommen, Dr. Özlem Çelik — Stadt Wuppertal"
    detail: str = ""  # the line below: sessions, time and desk of the earlier check-in, reason
    attendee: Attendee | None = None
    sessions: tuple[Session, ...] = ()  # checked into (WELCOME) / undone (UNDONE) / refused for
    earlier: JournalEntry | None = None  # ALREADY: the check-in in force
    candidates: tuple[Attendee, ...] = ()  # CHOOSE
    door_note: str = ""
    can_force: bool = False  # NOT_REGISTERED: "trotzdem einlassen" is possible
    force_choices: tuple[Session, ...] = field(default=())  # parallel sessions to admit into

    @property
    def tone(self) -> Tone:
        return self.kind.tone

    @property
    def exit_code(self) -> int:
        return self.kind.exit_code

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "result": self.kind.code,
            "tone": self.tone.value,
            "message": self.title,
            "detail": self.detail,
            "attendee": self.attendee.id if self.attendee else None,
            "name": self.attendee.display_name if self.attendee else None,
            "sessions": [s.id for s in self.sessions],
            "door_note": self.door_note,
        }
        if self.earlier is not None:
            data["earlier"] = {"at": self.earlier.at.isoformat(timespec="seconds"), "desk": self.earlier.desk,
                               "session": self.earlier.session_id}
        if self.candidates:
            data["candidates"] = [{"id": a.id, "name": a.display_name, "organisation": a.organisation}
                                  for a in self.candidates]
        return data
