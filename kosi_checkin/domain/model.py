"""The event, its sessions, its guests and the check-in journal as plain values."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from kosi_checkin.domain.folding import fold
from kosi_checkin.domain.name_parts import sortable_surname
from kosi_checkin.domain.values import dataclass, field, fields

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any, NewType, Self

    AttendeeId = NewType("AttendeeId", str)
    SessionId = NewType("SessionId", str)
else:  # at run time a NewType hands back what it is given; typing costs a read command 2 ms to load
    def AttendeeId(value: str) -> str:  # noqa: N802  # the NewType's name
        return value

    SessionId = AttendeeId

DEFAULT_CATEGORY = "Teilnehmende"
DEFAULT_CATEGORIES = ("Teilnehmende", "Referent*in", "Podium", "Team", "Presse")
DEFAULT_SECTORS = ("Verwaltung", "Wissenschaft", "Unternehmen", "Zivilgesellschaft")

# Attendee fields an organiser can edit and an import can fill.
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "title",
    "organisation",
    "sector",
    "email",
    "category",
    "door_note",
    "sessions",
)


@dataclass(frozen=True)
class Session:
    id: SessionId
    title: str
    start: dt.datetime | None = None  # aware, in the event's time zone
    end: dt.datetime | None = None
    room: str = ""
    capacity: int | None = None
    registration_required: bool = True
    group: str = ""  # sessions sharing a group run in parallel: a guest attends at most one
    subtitle: str = ""
    aliases: tuple[str, ...] = ()  # other names registration forms use for it
    times_assumed: bool = False  # start/end are our assumption, not the published programme

    @property
    def short_title(self) -> str:
        """The title up to its colon ("Arbeitsforum A"): what a narrow column or a list shows."""
        head = self.title.split(":", 1)[0].strip()
        return head or self.title


@dataclass(frozen=True)
class SessionGroup:
    id: str
    label: str  # e.g. "Arbeitsforum": a column named like this holds a choice among the group


@dataclass(frozen=True)
class Sector:
    name: str
    synonyms: tuple[str, ...] = ()
    english: str = ""  # the name shown in English (the event TOML's ``label_en``); empty: ``name``

    def label(self, lang: str) -> str:
        return self.english if lang == "en" and self.english else self.name


CERTIFICATE_FIELDS = ("name", "event", "subtitle", "date", "venue", "organiser")  # what its text may name


@dataclass(frozen=True)
class CertificateText:
    """What a certificate of attendance says beyond the facts it states (guest, event, sessions):
    a closing paragraph in German and English (empty: the app's default; ``{name}``, ``{event}``,
    ``{subtitle}``, ``{date}``, ``{venue}``, ``{organiser}`` are filled in), who signs, where it is
    issued. The signature image is kept in the event file beside the logo."""

    text: str = ""
    text_en: str = ""
    signer: str = ""
    signer_role: str = ""
    place: str = ""


@dataclass(frozen=True)
class Event:
    name: str
    date: dt.date
    venue: str = ""
    timezone: str = "Europe/Berlin"
    subtitle: str = ""
    organiser: str = ""
    funder: str = ""
    registration_closed: dt.date | None = None
    sessions: tuple[Session, ...] = ()
    groups: tuple[SessionGroup, ...] = ()
    sectors: tuple[Sector, ...] = ()
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    allow_day_checkin: bool = False  # a desk may check a guest into all their sessions at once
    certificate: CertificateText = CertificateText()

    def session(self, session_id: str) -> Session | None:
        for s in self.sessions:
            if s.id == session_id:
                return s
        return None

    @property
    def session_ids(self) -> tuple[SessionId, ...]:
        return tuple(s.id for s in self.sessions)

    @property
    def sector_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sectors)


class Stored:
    """A frozen dataclass that storage builds from a value for each of its fields without the
    dataclass ``__init__`` (one attribute set per field): 100,000 guests load in 0.03 s instead
    of 0.17 s. The values are taken as they are; a missing or unknown field is refused."""

    @classmethod
    def from_fields(cls, values: dict[str, Any]) -> Self:
        return cls.from_many((values,))[0]

    @classmethod
    def from_many(cls, many: Iterable[dict[str, Any]]) -> list[Self]:
        """``from_fields`` for each of ``many`` in one loop (a journal of 32,000 entries loads in
        40 ms instead of 53)."""
        names = _FIELD_NAMES.get(cls) or _FIELD_NAMES.setdefault(cls, frozenset(f.name for f in fields(cls)))
        made: list[Self] = []
        new, put, keep = object.__new__, object.__setattr__, made.append
        for values in many:
            if values.keys() != names:
                raise TypeError(f"{cls.__name__} fields expected, got {sorted(values)}")
            one = new(cls)
            put(one, "__dict__", values)
            keep(one)
        return made


_FIELD_NAMES: dict[type, frozenset[str]] = {}


@dataclass(frozen=True)
class Attendee(Stored):
    id: AttendeeId
    first_name: str = ""
    last_name: str = ""
    title: str = ""
    organisation: str = ""
    sector: str = ""
    email: str = ""
    sessions: frozenset[SessionId] = frozenset()
    category: str = DEFAULT_CATEGORY
    door_note: str = ""
    ticket_codes: tuple[str, ...] = ()  # as given by the registration tool
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=True)
    walk_in: bool = False
    edited: frozenset[str] = frozenset()  # fields an organiser changed by hand

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    @property
    def sort_key(self) -> tuple[str, str]:
        """Family name first, its particles skipped ("von Bülow" under B), then the given name."""
        family, given, _id = list_order(self)
        return (family, given)

    def with_id(self, new_id: AttendeeId) -> Attendee:
        """The same guest under another id (a fresh guest getting its id); much cheaper than
        ``replace``, which matters when an import stores 10,000 guests."""
        return self.from_many(({**self.__dict__, "id": new_id},))[0]


def list_order(a: Attendee) -> tuple[str, str, str]:
    """The key lists sort guests by: ``sort_key`` (made from it), then the id. One flat tuple
    made by one call (1,000 guests sort in 0.5 ms instead of 0.8 through the property and a
    tuple in a tuple)."""
    return (fold(sortable_surname(a.last_name)), fold(a.first_name), a.id)


LATE_NOTE = "late"  # the note of a check-in marked afterwards from a signed paper list
OVER_CAPACITY_NOTE = "über Kapazität"  # the note of an admission into a full room (not *forced*: that is registration)


class Action(str, Enum):
    CHECK_IN = "checkin"
    UNDO = "undo"


@dataclass(frozen=True)
class JournalEntry(Stored):
    """One line of the append-only check-in journal."""

    uuid: str
    attendee_id: AttendeeId
    session_id: SessionId
    at: dt.datetime  # aware
    desk: str
    action: Action
    forced: bool = False
    note: str = ""

    @property
    def is_late(self) -> bool:
        """Marked present afterwards (``desk`` then names who did it, ``at`` when)."""
        return self.note == LATE_NOTE



@dataclass(frozen=True)
class Movement:
    """A guest leaving a session's room (``out``, at an exit desk) or coming back (``in``)."""

    uuid: str
    attendee_id: AttendeeId
    session_id: SessionId
    at: dt.datetime
    desk: str
    direction: str  # "out" | "in"
