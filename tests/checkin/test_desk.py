"""The desk service: every answer, undo, walk-ins, counts, refused-scan log, durability."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kosi_checkin.checkin.answers import Kind, Tone
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import Target, by_key, day_target, session_target
from kosi_checkin.domain.model import Attendee, AttendeeId, SessionId
from kosi_checkin.services.demo import create_demo
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import AttendeeRepository, EventRepository, JournalRepository
from kosi_checkin.tokens.badge_code import BadgeCodec

BERLIN = ZoneInfo("Europe/Berlin")


class FakeClock:
    """An injectable clock (the real one is tested with KOSI_NOW in test_targets)."""

    def __init__(self, hhmm: str) -> None:
        self.now = dt.datetime(2019, 4, 2, *map(int, hhmm.split(":")), tzinfo=BERLIN)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += dt.timedelta(minutes=minutes)


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    return path


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock("09:42")


@pytest.fixture
def desk(demo_path: Path, clock: FakeClock):
    from kosi_checkin.services.events import open_event

    conn, event = open_event(demo_path)
    yield Desk(conn, event, "Tisch 1", clock)
    conn.close()


def guest(desk: Desk, last: str, first: str) -> Attendee:
    return next(a for a in desk.guests.values() if a.last_name == last and a.first_name == first)


def target(desk: Desk, key: str) -> Target:
    found = by_key(desk.event, key)
    assert found is not None
    return found


def test_welcome_then_already_with_time_and_desk(desk: Desk, clock: FakeClock, demo_path: Path) -> None:
    celik = guest(desk, "Çelik", "Özlem")
    answer = desk.scan(desk.code_of(celik.id), target(desk, "werkstatt"))
    assert answer.kind is Kind.WELCOME and answer.tone is Tone.GREEN and answer.exit_code == 0
    assert answer.title == "Willkommen, Dr. Özlem Çelik — Stadt Wuppertal"
    assert "Referent*in – bitte zum Podium" == answer.door_note
    assert "Abschlusskonferenz" in answer.detail  # the sessions the guest registered for
    # durable before the answer: another connection sees it
    other = sqlite3.connect(demo_path)
    assert other.execute("SELECT count(*) FROM journal WHERE attendee_id = ?", (celik.id,)).fetchone()[0] == 1
    other.close()
    clock.advance(5)
    second = Desk(desk.conn, desk.event, "Tisch 2", clock)
    again = second.scan(desk.code_of(celik.id).lower(), target(desk, "werkstatt"))
    assert again.kind is Kind.ALREADY and again.exit_code == 3 and again.tone is Tone.AMBER
    assert "bereits eingecheckt um 09:42 (Tisch 1)" in again.title


def test_not_registered_then_forced(desk: Desk) -> None:
    someone = next(a for a in desk.guests.values() if "werkstatt" not in a.sessions)
    answer = desk.check_in(someone.id, target(desk, "werkstatt"))
    assert answer.kind is Kind.NOT_REGISTERED and answer.can_force and answer.exit_code == 5
    assert "nicht für diese Session angemeldet" in answer.title
    assert desk.presence.entry(someone.id, "werkstatt") is None
    forced = desk.check_in(someone.id, target(desk, "werkstatt"), force=True)
    assert forced.kind is Kind.WELCOME
    entry = desk.presence.entry(someone.id, "werkstatt")
    assert entry is not None and entry.forced and entry.desk == "Tisch 1"
    assert entry.at.utcoffset() == dt.timedelta(hours=2)


def test_parallel_forums_check_into_the_registered_one(desk: Desk, clock: FakeClock) -> None:
    celik = guest(desk, "Çelik", "Özlem")  # registered for forum-a
    clock.now = clock.now.replace(hour=16, minute=5)
    answer = desk.scan(desk.code_of(celik.id), target(desk, "arbeitsforen"))
    assert answer.kind is Kind.WELCOME and [s.id for s in answer.sessions] == ["forum-a"]
    assert desk.scan(desk.code_of(celik.id), target(desk, "arbeitsforen")).kind is Kind.ALREADY
    nobody = next(a for a in desk.guests.values() if not a.sessions & {"forum-a", "forum-b", "forum-c"})
    refused = desk.check_in(nobody.id, target(desk, "arbeitsforen"))
    assert refused.kind is Kind.NOT_REGISTERED and [s.id for s in refused.force_choices] == ["forum-a", "forum-b", "forum-c"]
    admitted = desk.check_in(nobody.id, target(desk, "arbeitsforen"), force=True, force_session="forum-c")
    assert [s.id for s in admitted.sessions] == ["forum-c"]


def test_whole_day_checks_into_every_registered_session(desk: Desk) -> None:
    celik = guest(desk, "Çelik", "Özlem")
    answer = desk.check_in(celik.id, day_target(desk.event))
    assert {s.id for s in answer.sessions} == {"werkstatt", "konferenz", "forum-a", "podium"}


def test_refused_codes_are_logged_with_reason(desk: Desk) -> None:
    code = desk.code_of(guest(desk, "Çelik", "Özlem").id)
    altered = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert desk.scan(altered, target(desk, "werkstatt")).kind is Kind.ALTERED
    foreign = BadgeCodec("X9X" if desk.codec.prefix != "X9X" else "X8X", "00" * 32).encode("ABCDEFGH1")
    answer = desk.scan(foreign, target(desk, "werkstatt"))
    assert answer.kind is Kind.FOREIGN and answer.title == "Code einer anderen Veranstaltung"
    unknown = desk.scan("4006381333931", target(desk, "werkstatt"))
    assert unknown.kind is Kind.UNKNOWN and unknown.tone is Tone.RED and unknown.title == "Unbekannter oder ungültiger Code"
    assert [r[3] for r in JournalRepository(desk.conn).refused()] == ["altered", "foreign", "unknown"]
    assert all(a.exit_code == 4 for a in (answer, unknown))


def test_imported_ticket_codes_and_shared_order_code(desk: Desk) -> None:
    celik = guest(desk, "Çelik", "Özlem")
    others = [a for a in desk.guests.values() if a.id != celik.id][:2]
    with transaction(desk.conn):
        repo = AttendeeRepository(desk.conn)
        repo.update(Attendee(**{**celik.__dict__, "ticket_codes": ("pz7-abcd",)}))
        for other in others:
            repo.update(Attendee(**{**other.__dict__, "ticket_codes": ("ORDER-77",)}), code_kinds={"ORDER-77": "order"})
    desk.reload()
    # typed by a scanner on the other keyboard layout: y for z, "ß" for "-", lower case
    assert desk.scan("PY7ßABCD", target(desk, "werkstatt")).attendee == desk.guests[celik.id]
    group = desk.scan("order77", target(desk, "werkstatt"))
    assert group.kind is Kind.CHOOSE and group.exit_code == 6
    assert {a.id for a in group.candidates} == {o.id for o in others}


def test_undo_last_and_undo_from_details(desk: Desk, clock: FakeClock) -> None:
    celik = guest(desk, "Çelik", "Özlem")
    desk.check_in(celik.id, target(desk, "werkstatt"))
    undone = desk.undo_last()
    assert undone.kind is Kind.UNDONE and desk.presence.entry(celik.id, "werkstatt") is None
    assert desk.undo_last().kind is Kind.NOTHING_TO_UNDO
    desk.check_in(celik.id, target(desk, "werkstatt"))
    clock.advance(3)  # too late for the one-key undo ...
    assert desk.undo_last().kind is Kind.NOTHING_TO_UNDO
    assert desk.undo(celik.id).kind is Kind.UNDONE  # ... but from the guest's details at any time
    assert desk.undo(celik.id).exit_code == 3
    actions = [e.action.value for e in JournalRepository(desk.conn).entries(celik.id)]
    assert actions == ["checkin", "undo", "checkin", "undo"]  # an undo is an entry, nothing deleted


def test_walk_in_registered_marked_and_checked_in(desk: Desk) -> None:
    answer = desk.walk_in(Attendee(id=AttendeeId(""), first_name="Ngozi", last_name="Okafor",
                                   organisation="Quartiersbüro Ost", sector="Zivilgesellschaft"), target(desk, "konferenz"))
    assert answer.kind is Kind.WELCOME
    stored = AttendeeRepository(desk.conn).get(answer.attendee.id)
    assert stored is not None and stored.walk_in and stored.sessions == {SessionId("konferenz")}
    assert desk.index.search("Okafor")[0].id == stored.id
    konferenz = next(c for c in desk.counts() if c.session.id == "konferenz")
    assert (konferenz.present, konferenz.walk_ins) == (1, 1)


def test_counts_and_arrival_rate(desk: Desk, clock: FakeClock) -> None:
    werkstatt = [a for a in desk.guests.values() if "werkstatt" in a.sessions][:12]
    for a in werkstatt:
        desk.check_in(a.id, target(desk, "werkstatt"))
        clock.advance(1)
    count = next(c for c in desk.counts() if c.session.id == "werkstatt")
    assert count.present == 12 and count.registered == sum(1 for a in desk.guests.values() if "werkstatt" in a.sessions)
    assert desk.arrivals_per_minute() == pytest.approx(1.0)  # 10 of them in the last 10 minutes


def test_two_desks_on_one_file_admit_once(demo_path: Path, clock: FakeClock) -> None:
    from kosi_checkin.services.events import open_event

    (c1, event), (c2, _e) = open_event(demo_path), open_event(demo_path)
    one, two = Desk(c1, event, "Tisch 1", clock), Desk(c2, event, "Tisch 2", clock)
    celik = guest(one, "Çelik", "Özlem")
    assert one.check_in(celik.id, session_target(event.session("werkstatt"))).kind is Kind.WELCOME
    # desk two has not refreshed: the file decides, not its memory
    assert two.check_in(celik.id, session_target(event.session("werkstatt"))).kind is Kind.ALREADY
    c1.close()
    c2.close()


def test_badge_codes_use_the_events_secret(desk: Desk) -> None:
    meta = EventRepository(desk.conn)
    codec = BadgeCodec(meta.meta("code_prefix"), meta.meta("secret"))
    celik = guest(desk, "Çelik", "Özlem")
    assert desk.code_of(celik.id) == codec.encode(celik.id)
