"""A desk reads its guests one by one while it only looks them up by id, and all at once for
anything that walks over them; either way it answers the same."""

from __future__ import annotations

from pathlib import Path

from kosi_checkin.checkin.answers import Kind
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.guests import Guests
from kosi_checkin.checkin.targets import by_key
from kosi_checkin.domain.model import Attendee, AttendeeId
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event

from .test_desk import FakeClock


def test_the_mapping_reads_one_guest_per_id_until_all_are_needed() -> None:
    people = {AttendeeId(f"G{n}"): Attendee(id=AttendeeId(f"G{n}"), last_name=f"Gast {n}") for n in range(5)}
    asked: list[str] = []
    walks: list[int] = []

    def one(key: str) -> Attendee | None:
        asked.append(key)
        return people.get(AttendeeId(key))

    guests = Guests(lambda: walks.append(1) or people.values(), one)
    assert guests[AttendeeId("G1")].last_name == "Gast 1" and guests.get(AttendeeId("G1")) is people[AttendeeId("G1")]
    assert guests.get(AttendeeId("nobody")) is None and "nobody" not in guests and AttendeeId("G2") in guests
    assert asked == ["G1", "nobody", "G2"] and walks == [] and not guests.all_read  # each id read once
    assert len(guests) == 5 and sorted(guests) == sorted(people) and walks == [1]  # one walk reads all
    guests[AttendeeId("G9")] = Attendee(id=AttendeeId("G9"), last_name="Neu")
    assert len(guests) == 6 and guests[AttendeeId("G9")].last_name == "Neu" and walks == [1] and len(asked) == 3


def test_a_check_in_by_id_reads_one_guest_and_answers_as_a_desk_with_all(tmp_path: Path) -> None:
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    conn, event = open_event(path)
    try:
        lazy, eager = Desk(conn, event, "Tisch 1", FakeClock("09:42")), Desk(conn, event, "Tisch 2", FakeClock("09:42"))
        everyone = list(eager.guests.values())  # this desk reads them all first
        target = by_key(event, "werkstatt")
        assert target is not None
        guest = next(g for g in everyone if "werkstatt" in g.sessions)
        stranger = next(g for g in everyone if "werkstatt" not in g.sessions)
        assert lazy.check_in(guest.id, target).kind is Kind.WELCOME
        assert lazy.check_in(stranger.id, target).kind is Kind.NOT_REGISTERED
        assert not lazy.guests.all_read  # two guests read, not 150
        assert eager.check_in(guest.id, target).kind is Kind.ALREADY  # the first desk's check-in is written
        assert lazy.scan(lazy.code_of(guest.id), target).kind is Kind.ALREADY and not lazy.guests.all_read
        assert lazy.counts() == eager.counts() and lazy.guests.all_read  # counting reads them all
    finally:
        conn.close()
