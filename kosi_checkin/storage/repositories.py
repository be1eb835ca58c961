"""Repositories: SQL in, domain objects out. Each takes an open ``sqlite3.Connection``."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date, datetime, timezone
from functools import lru_cache

from kosi_checkin.domain.model import (
    LATE_NOTE,
    Action,
    Attendee,
    AttendeeId,
    CertificateText,
    Event,
    JournalEntry,
    Movement,
    Sector,
    Session,
    SessionGroup,
    SessionId,
)
from kosi_checkin.domain.values import asdict, dataclass, fields

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    import random  # only named in annotations: a command that makes no id does not load it
    from collections.abc import Sequence
    from typing import Any

    from kosi_checkin.tokens.badge_code import BadgeCodec

_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps with options builds one per call


def _extra_text(extra: dict[str, str]) -> str:
    """A guest's extra fields as stored: encoded once per combination (an import's guests share
    a few: "Frau", "vegetarisch"; encoding each took a tenth of writing them)."""
    if not extra:
        return "{}"
    try:
        return _extra_json(tuple(extra.items()))
    except TypeError:  # a value that is not text (a file edited by hand) is no key: encoded as it is
        return _JSON.encode(extra)


@lru_cache(maxsize=4096)
def _extra_json(items: tuple[tuple[str, str], ...]) -> str:
    return _JSON.encode(dict(items))


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class EventRepository:
    """The event's settings and programme, stored in ``meta`` and ``sessions``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def save(self, event: Event) -> None:
        """Write the settings and the programme (call inside a transaction)."""
        meta = {
            "name": event.name,
            "subtitle": event.subtitle,
            "date": event.date.isoformat(),
            "venue": event.venue,
            "timezone": event.timezone,
            "organiser": event.organiser,
            "funder": event.funder,
            "registration_closed": event.registration_closed.isoformat() if event.registration_closed else "",
            "groups": json.dumps([[g.id, g.label] for g in event.groups], ensure_ascii=False),
            "sectors": json.dumps([[s.name, list(s.synonyms), s.english] for s in event.sectors],
                                  ensure_ascii=False),
            "categories": json.dumps(list(event.categories), ensure_ascii=False),
            "allow_day_checkin": "1" if event.allow_day_checkin else "0",
            **_certificate_meta(event.certificate),
        }
        self.conn.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", meta.items())
        self.conn.execute("DELETE FROM sessions")
        self.conn.executemany(
            """INSERT INTO sessions(id, position, title, subtitle, start, "end", room, capacity,
               registration_required, grp, aliases, times_assumed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
            [
                (
                    s.id,
                    i,
                    s.title,
                    s.subtitle,
                    s.start.isoformat() if s.start else None,
                    s.end.isoformat() if s.end else None,
                    s.room,
                    s.capacity,
                    int(s.registration_required),
                    s.group,
                    json.dumps(list(s.aliases), ensure_ascii=False),
                    int(s.times_assumed),
                )
                for i, s in enumerate(event.sessions)
            ],
        )

    def save_certificate(self, text: CertificateText) -> None:
        """Only the certificates' text (call inside a transaction)."""
        self.conn.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                              _certificate_meta(text).items())

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def badge_codec(self) -> BadgeCodec:
        """The codec of this event's badge codes: its prefix and secret, kept in the event."""
        from kosi_checkin.tokens.badge_code import BadgeCodec  # here: a read command makes no code

        return BadgeCodec(self.meta("code_prefix"), self.meta("secret"))

    def load(self) -> Event:
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

        def when(text: str | None) -> datetime | None:
            if not text:
                return None
            value = datetime.fromisoformat(text)
            if value.tzinfo:  # as saved: zoneinfo (3 ms of a command's start) only for an older file's bare times
                return value
            from zoneinfo import ZoneInfo

            return value.replace(tzinfo=ZoneInfo(meta.get("timezone") or "Europe/Berlin"))

        sessions = tuple(
            Session(
                id=SessionId(r[0]),
                title=r[1],
                subtitle=r[2],
                start=when(r[3]),
                end=when(r[4]),
                room=r[5],
                capacity=r[6],
                registration_required=bool(r[7]),
                group=r[8],
                aliases=tuple(json.loads(r[9])),
                times_assumed=bool(r[10]),
            )
            for r in self.conn.execute(
                """SELECT id, title, subtitle, start, "end", room, capacity, registration_required,
                   grp, aliases, times_assumed FROM sessions ORDER BY position"""
            )
        )
        closed = meta.get("registration_closed") or ""
        return Event(
            name=meta.get("name", ""),
            subtitle=meta.get("subtitle", ""),
            date=date.fromisoformat(meta["date"]) if meta.get("date") else date.today(),
            venue=meta.get("venue", ""),
            timezone=meta.get("timezone") or "Europe/Berlin",
            organiser=meta.get("organiser", ""),
            funder=meta.get("funder", ""),
            registration_closed=date.fromisoformat(closed) if closed else None,
            sessions=sessions,
            groups=tuple(SessionGroup(g[0], g[1]) for g in json.loads(meta.get("groups") or "[]")),
            sectors=tuple(Sector(s[0], tuple(s[1]), s[2] if len(s) > 2 else "")
                          for s in json.loads(meta.get("sectors") or "[]")),
            categories=tuple(json.loads(meta.get("categories") or "[]")),
            allow_day_checkin=meta.get("allow_day_checkin") == "1",
            certificate=CertificateText(**{f.name: meta.get(f"certificate_{f.name}", "")
                                           for f in fields(CertificateText)}),
        )


def _certificate_meta(text: CertificateText) -> dict[str, str]:
    return {f"certificate_{key}": value for key, value in asdict(text).items()}


_ATTENDEE_COLUMNS = (
    "id, first_name, last_name, title, organisation, sector, email, category, door_note, extra, walk_in, edited"
)
_ATTENDEE_ROW = (*_ATTENDEE_COLUMNS.split(", "), "created_at", "updated_at")  # what add_many writes


_NOTHING_EDITED: frozenset[str] = frozenset()


class AttendeeRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- reading ---------------------------------------------------------------------------
    def all(self) -> list[Attendee]:
        # one row per guest, its registrations joined into it (session ids hold no spaces:
        # event_config checks them): a query and 1,000 rows fewer than reading them apart;
        # guests share a handful of session sets: one frozenset per set, not per guest
        shared: dict[str, frozenset[SessionId]] = {}
        nobody: frozenset[SessionId] = frozenset()

        def session_set(joined: str | None) -> frozenset[SessionId]:
            if joined is None:
                return nobody
            found = shared.get(joined)
            if found is None:
                found = shared[joined] = frozenset(map(SessionId, joined.split(" ")))
            return found

        codes: dict[str, list[str]] = defaultdict(list)
        for attendee_id, raw in self.conn.execute("SELECT attendee_id, raw FROM ticket_codes ORDER BY raw"):
            codes[attendee_id].append(raw)
        rows = self.conn.execute(  # a row at a time: each freed when made
            f"SELECT {_ATTENDEE_COLUMNS}, (SELECT group_concat(session_id, ' ') FROM registrations"
            " WHERE attendee_id = attendees.id) FROM attendees")
        return Attendee.from_many(self._fields(r, session_set(r[12]), codes.get(r[0], ())) for r in rows)

    def get(self, attendee_id: str) -> Attendee | None:
        row = self.conn.execute(f"SELECT {_ATTENDEE_COLUMNS} FROM attendees WHERE id = ?", (attendee_id,)).fetchone()
        if row is None:
            return None
        sessions = frozenset(SessionId(r[0]) for r in self.conn.execute(
            "SELECT session_id FROM registrations WHERE attendee_id = ?", (attendee_id,)))
        codes = [r[0] for r in self.conn.execute(
            "SELECT raw FROM ticket_codes WHERE attendee_id = ? ORDER BY raw", (attendee_id,))]
        return Attendee.from_fields(self._fields(row, sessions, codes))

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM attendees").fetchone()[0])

    def by_code(self, text: str) -> list[AttendeeId]:
        """Attendees holding an imported ticket or order code, compared in normalised form."""
        from kosi_checkin.tokens.normalize import normalize_code  # see _write_links

        code = normalize_code(text)
        rows = self.conn.execute("SELECT attendee_id FROM ticket_codes WHERE code = ? ORDER BY attendee_id", (code,))
        return [AttendeeId(r[0]) for r in rows]

    def id_used(self, candidate: str) -> bool:
        return self.conn.execute("SELECT 1 FROM used_ids WHERE id = ?", (candidate,)).fetchone() is not None

    @staticmethod
    def _fields(row: tuple[Any, ...], sessions: frozenset[SessionId], codes: Sequence[str]) -> dict[str, Any]:
        # the columns are TEXT NOT NULL (schema): no conversions; most guests have no extras
        extra, edited = row[9], row[11]
        return {
            "id": row[0],
            "first_name": row[1],
            "last_name": row[2],
            "title": row[3],
            "organisation": row[4],
            "sector": row[5],
            "email": row[6],
            "category": row[7],
            "door_note": row[8],
            "extra": {} if extra == "{}" else json.loads(extra),
            "walk_in": bool(row[10]),
            "edited": _NOTHING_EDITED if edited == "[]" else frozenset(json.loads(edited)),
            "sessions": sessions,
            "ticket_codes": tuple(codes),
        }

    # -- writing (inside a transaction) --------------------------------------------------------
    def add(
        self, attendee: Attendee, *, code_kinds: dict[str, str] | None = None, rng: random.Random | None = None
    ) -> Attendee:
        """Insert a guest; an empty ``id`` gets a fresh one. Returns the stored guest."""
        return self.add_many([(attendee, code_kinds or {})], rng=rng)[0]

    def fresh_ids(self, count: int, *, rng: random.Random | None = None) -> list[AttendeeId]:
        """``count`` ids never given out in this event (for guests about to be added)."""
        from kosi_checkin.domain.ids import new_attendee_ids  # see _write_links

        taken = {r[0] for r in self.conn.execute("SELECT id FROM used_ids")}
        return new_attendee_ids(count, taken.__contains__, rng)

    def add_many(
        self, new: list[tuple[Attendee, dict[str, str]]], *, rng: random.Random | None = None
    ) -> list[Attendee]:
        """Insert guests in one go (an import); those without an id get a fresh one.
        ``code_kinds`` per guest says which ticket codes are order codes."""
        from kosi_checkin.storage.bulk_insert import insert_rows  # see _write_links

        now = utc_now_iso()
        wanted = sum(1 for a, _kinds in new if not a.id)
        fresh = iter(self.fresh_ids(wanted, rng=rng) if wanted else ())
        stored = [a if a.id else a.with_id(next(fresh)) for a, _kinds in new]
        # inserted in id order: B-tree appends instead of random page splits (about twice as fast)
        ordered = sorted(zip(stored, (kinds for _attendee, kinds in new)), key=lambda pair: pair[0].id)
        insert_rows(self.conn, "used_ids", ("id",), [(a.id,) for a, _kinds in ordered])
        insert_rows(self.conn, "attendees", _ATTENDEE_ROW, [(*self._values(a), now, now) for a, _kinds in ordered])
        self._write_links(ordered)
        return stored

    def update(self, attendee: Attendee, *, code_kinds: dict[str, str] | None = None) -> None:
        values = self._values(attendee)
        self.conn.execute(
            """UPDATE attendees SET first_name=?, last_name=?, title=?, organisation=?, sector=?, email=?,
               category=?, door_note=?, extra=?, walk_in=?, edited=?, updated_at=? WHERE id=?""",
            (*values[1:], utc_now_iso(), attendee.id),
        )
        self.conn.execute("DELETE FROM registrations WHERE attendee_id = ?", (attendee.id,))
        self.conn.execute("DELETE FROM ticket_codes WHERE attendee_id = ?", (attendee.id,))
        self._write_links([(attendee, code_kinds or {})])

    @staticmethod
    def _values(a: Attendee) -> tuple[object, ...]:
        return (
            a.id,
            a.first_name,
            a.last_name,
            a.title,
            a.organisation,
            a.sector,
            a.email,
            a.category,
            a.door_note,
            _extra_text(a.extra),
            int(a.walk_in),
            _JSON.encode(sorted(a.edited)) if a.edited else "[]",
        )

    def _write_links(self, guests: list[tuple[Attendee, dict[str, str]]]) -> None:
        """Registrations and ticket codes of freshly written guests; ``code_kinds`` per guest
        says which codes are order codes (default: ticket)."""
        # imported by the writes that use them: a read command loads no id maker, code
        # normaliser or bulk writer (0.5 ms of its start)
        from kosi_checkin.storage.bulk_insert import insert_rows
        from kosi_checkin.tokens.normalize import normalize_code

        registrations: list[tuple[str, str]] = []
        codes: list[tuple[str, str, str, str]] = []
        in_order: dict[frozenset[SessionId], list[SessionId]] = {}  # guests share a few session sets
        for a, code_kinds in guests:
            sessions = in_order.get(a.sessions)
            if sessions is None:
                sessions = in_order[a.sessions] = sorted(a.sessions)
            registrations += [(a.id, s) for s in sessions]
            seen: set[str] = set()
            for raw in a.ticket_codes:
                code = normalize_code(raw)
                if code and code not in seen:
                    seen.add(code)
                    codes.append((code, a.id, raw, code_kinds.get(raw, "ticket")))
        insert_rows(self.conn, "registrations", ("attendee_id", "session_id"), registrations)
        insert_rows(self.conn, "ticket_codes", ("code", "attendee_id", "raw", "kind"), codes)

_JOURNAL_COLUMNS = "uuid, attendee_id, session_id, at, desk, action, forced, note"


_ACTIONS = {action.value: action for action in Action}


def _journal_fields(r: tuple[Any, ...] | sqlite3.Row) -> dict[str, Any]:
    # TEXT NOT NULL columns (schema): read as they are; a dict finds the action faster than Enum()
    return {
        "uuid": r[0],
        "attendee_id": r[1],
        "session_id": r[2],
        "at": datetime.fromisoformat(r[3]),
        "desk": r[4],
        "action": _ACTIONS[r[5]],
        "forced": bool(r[6]),
        "note": r[7],
    }


class JournalRepository:
    """The append-only check-in journal."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def append(self, entry: JournalEntry) -> None:
        self.conn.execute(
            """INSERT OR IGNORE INTO journal(uuid, attendee_id, session_id, at, at_utc, desk, action, forced, note)
               VALUES (?,?,?,?,?,?,?,?,?)""",
            (
                entry.uuid,
                entry.attendee_id,
                entry.session_id,
                entry.at.isoformat(timespec="milliseconds"),
                entry.at.astimezone(timezone.utc).isoformat(timespec="milliseconds"),
                entry.desk,
                entry.action.value,
                int(entry.forced),
                entry.note,
            ),
        )

    def entries(self, attendee_id: str | None = None) -> list[JournalEntry]:
        sql = f"SELECT {_JOURNAL_COLUMNS} FROM journal"
        args: tuple[str, ...] = ()
        if attendee_id is not None:
            sql += " WHERE attendee_id = ?"
            args = (attendee_id,)
        sql += " ORDER BY at_utc, seq"
        return JournalEntry.from_many(map(_journal_fields, self.conn.execute(sql, args)))

    def since(self, seq: int) -> list[tuple[int, JournalEntry]]:
        """Entries written after ``seq`` (by this desk or another one on the same file)."""
        return [(int(r[0]), JournalEntry.from_fields(_journal_fields(r[1:]))) for r in self.conn.execute(
            f"SELECT seq, {_JOURNAL_COLUMNS} FROM journal WHERE seq > ? ORDER BY seq", (seq,))]

    def last(self, attendee_id: str, session_id: str) -> JournalEntry | None:
        """The newest entry for one guest and session: the check-in in force, or its undo."""
        row = self.conn.execute(
            f"SELECT {_JOURNAL_COLUMNS} FROM journal WHERE attendee_id = ? AND session_id = ? "
            "ORDER BY at_utc DESC, seq DESC LIMIT 1", (attendee_id, session_id)).fetchone()
        return None if row is None else JournalEntry.from_fields(_journal_fields(row))

    def log_refused(self, at: datetime, desk: str, text: str, reason: str) -> None:
        self.conn.execute("INSERT INTO refused_scans(at, desk, input, reason) VALUES (?,?,?,?)",
                          (at.isoformat(timespec="milliseconds"), desk, text[:200], reason))

    def refused(self) -> list[tuple[str, str, str, str]]:
        """(time, desk, input, reason) of every refused scan, oldest first."""
        return [tuple(r) for r in self.conn.execute("SELECT at, desk, input, reason FROM refused_scans ORDER BY seq")]

    def presence(self) -> dict[AttendeeId, dict[SessionId, datetime]]:
        """attendee -> session -> time of the check-in in force (undone ones are not)."""
        return self.standing()[0]

    def standing(self) -> tuple[dict[AttendeeId, dict[SessionId, datetime]], dict[AttendeeId, set[SessionId]]]:
        """The check-ins in force, read in one pass over the journal: attendee -> session -> its
        time (undone ones are not there), and attendee -> the sessions whose check-in in force
        was marked afterwards (LATE_NOTE)."""
        state: dict[tuple[AttendeeId, SessionId], tuple[str, str] | None] = {}
        for attendee_id, session_id, at, action, note in self.conn.execute(
            "SELECT attendee_id, session_id, at, action, note FROM journal ORDER BY at_utc, seq"
        ):
            state[attendee_id, session_id] = (at, note) if action == "checkin" else None
        presence: dict[AttendeeId, dict[SessionId, datetime]] = {}
        late: dict[AttendeeId, set[SessionId]] = {}
        parse = datetime.fromisoformat
        for (attendee_id, session_id), standing in state.items():
            if standing is not None:
                presence.setdefault(attendee_id, {})[session_id] = parse(standing[0])
                if standing[1] == LATE_NOTE:
                    late.setdefault(attendee_id, set()).add(session_id)
        return presence, late


@dataclass(frozen=True)
class BadgePrint:
    attendee_id: AttendeeId
    at: str  # ISO 8601, UTC
    layout: str
    reason: str
    desk: str
    fingerprint: str
    printer: str
    job: str


class BadgePrintRepository:
    """The log of printed badges: one row per badge printed (a reprint is another row)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def print_counts(self) -> dict[AttendeeId, int]:
        return {
            AttendeeId(r[0]): int(r[1])
            for r in self.conn.execute("SELECT attendee_id, count(*) FROM badge_prints GROUP BY attendee_id")
        }

    def last_prints(self) -> dict[AttendeeId, BadgePrint]:
        rows = self.conn.execute(
            "SELECT attendee_id, at, layout, reason, desk, fingerprint, printer, job FROM badge_prints "
            "WHERE seq IN (SELECT max(seq) FROM badge_prints GROUP BY attendee_id)")
        return {AttendeeId(r[0]): BadgePrint(AttendeeId(r[0]), *r[1:]) for r in rows}

    def history(self, attendee_id: str) -> list[BadgePrint]:
        rows = self.conn.execute(
            "SELECT attendee_id, at, layout, reason, desk, fingerprint, printer, job FROM badge_prints "
            "WHERE attendee_id = ? ORDER BY seq", (attendee_id,))
        return [BadgePrint(AttendeeId(r[0]), *r[1:]) for r in rows]

    def record(self, prints: list[BadgePrint]) -> None:
        """Caller holds the transaction."""
        self.conn.executemany(
            "INSERT INTO badge_prints(attendee_id, at, layout, reason, desk, fingerprint, printer, job) "
            "VALUES (?,?,?,?,?,?,?,?)",
            [(p.attendee_id, p.at, p.layout, p.reason, p.desk, p.fingerprint, p.printer, p.job) for p in prints])


class MovementRepository:
    """Exits from and re-entries into a session's room (append-only, apart from the journal)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, movement: Movement) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO movements(uuid, attendee_id, session_id, at, at_utc, desk, direction) "
            "VALUES (?,?,?,?,?,?,?)",
            (movement.uuid, movement.attendee_id, movement.session_id, movement.at.isoformat(timespec="milliseconds"),
             movement.at.astimezone(timezone.utc).isoformat(timespec="milliseconds"), movement.desk,
             movement.direction))

    def since(self, seq: int) -> list[tuple[int, Movement]]:
        rows = self.conn.execute(
            "SELECT seq, uuid, attendee_id, session_id, at, desk, direction FROM movements WHERE seq > ? ORDER BY seq",
            (seq,))
        return [(r[0], Movement(r[1], AttendeeId(r[2]), SessionId(r[3]), datetime.fromisoformat(r[4]), r[5], r[6]))
                for r in rows]

    def all(self) -> list[Movement]:
        return [m for _seq, m in self.since(0)]
