"""Room capacity: a session with a capacity shows how many are in the room; at capacity the
answer is amber "Raum voll (N)" with one key (or --force) to admit anyway, and such an admission
carries the journal note "über Kapazität" (not *forced*, which means without registration);
`checkin` answers a full room with exit code 10 and changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kosi_checkin.checkin.answers import Kind, Tone
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import by_key
from kosi_checkin.domain.model import OVER_CAPACITY_NOTE
from kosi_checkin.domain.values import replace
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import EventRepository


@pytest.fixture
def small_room(tmp_path: Path) -> Path:
    """The demo with the Werkstatt's room limited to 3 (as CityKirche's fire-safety limit would)."""
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    conn, event = open_event(path)
    sessions = tuple(replace(s, capacity=3) if s.id == "werkstatt" else s for s in event.sessions)
    with transaction(conn):
        EventRepository(conn).save(replace(event, sessions=sessions))
    conn.close()
    return path


def test_a_full_room_is_refused_amber_and_admitted_on_request(small_room: Path) -> None:
    conn, event = open_event(small_room)
    desk = Desk(conn, event, "Tisch 1")
    werkstatt = by_key(event, "werkstatt")
    assert werkstatt is not None
    guests = [g for g in desk.guests.values() if "werkstatt" in g.sessions]
    for guest in guests[:3]:
        assert desk.check_in(guest.id, werkstatt).kind is Kind.WELCOME
    assert desk.inside(werkstatt.sessions[0]) == 3
    full = desk.check_in(guests[3].id, werkstatt)
    assert full.kind is Kind.ROOM_FULL and full.tone is Tone.AMBER and full.exit_code == 10
    assert "3" in full.title and desk.presence.entry(guests[3].id, "werkstatt") is None  # nothing changed
    again = desk.check_in(guests[0].id, werkstatt)  # someone already inside is never "room full"
    assert again.kind is Kind.ALREADY
    admitted = desk.check_in(guests[3].id, werkstatt, over_capacity=True)
    assert admitted.kind is Kind.WELCOME
    entry = desk.presence.entry(guests[3].id, "werkstatt")
    assert entry is not None and entry.note == OVER_CAPACITY_NOTE and not entry.forced
    conn.close()


def test_the_command_line_answers_a_full_room_with_exit_10(small_room: Path) -> None:
    conn, event = open_event(small_room)
    ids = [r[0] for r in conn.execute("SELECT attendee_id FROM registrations WHERE session_id = 'werkstatt' "
                                      "ORDER BY attendee_id LIMIT 5")]
    conn.close()
    env = {**os.environ, "KOSI_NOW": "2019-04-02T09:45:00+02:00"}

    def checkin(guest: str, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kosi_checkin", "checkin", str(small_room), "--attendee", guest,
                               "--session", "werkstatt", "--format", "json", *extra], capture_output=True, text=True,
                              env=env)

    assert [checkin(g).returncode for g in ids[:3]] == [0, 0, 0]
    full = checkin(ids[3])
    assert full.returncode == 10 and json.loads(full.stdout)["result"] == "room-full"
    forced = checkin(ids[3], "--force")
    assert forced.returncode == 0 and json.loads(forced.stdout)["result"] == "welcome"
    conn, _event = open_event(small_room)
    note = conn.execute("SELECT note, forced FROM journal WHERE attendee_id = ?", (ids[3],)).fetchone()
    conn.close()
    assert tuple(note) == (OVER_CAPACITY_NOTE, 0)
