"""Exit desks: a guest leaving the room never stops being present (the report counts
attendance), only the room count goes down; coming back is an entry, not a second check-in; a
full room counts who is inside now; the statistics give the most who were inside at once."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from kosi_checkin.checkin.answers import Kind
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import by_key
from kosi_checkin.domain.values import replace
from kosi_checkin.report.attendance import Attendance
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import EventRepository


def test_out_and_back_in(tmp_path: Path) -> None:
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    conn, event = open_event(path)
    sessions = tuple(replace(s, capacity=2) if s.id == "werkstatt" else s for s in event.sessions)
    with transaction(conn):
        EventRepository(conn).save(replace(event, sessions=sessions))
    event = EventRepository(conn).load()
    moments = iter(dt.datetime(2019, 4, 2, 9, 40, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=n) for n in range(10_000))

    def clock() -> dt.datetime:  # every step a second later: the order of events is the order of the test
        return next(moments)

    door, way_out = Desk(conn, event, "Tisch 1", clock), Desk(conn, event, "Ausgang", clock)
    werkstatt = by_key(event, "werkstatt")
    assert werkstatt is not None
    room = werkstatt.sessions[0]
    a, b, c = [g for g in door.guests.values() if "werkstatt" in g.sessions][:3]
    assert way_out.exit(a.id, werkstatt).kind is Kind.NOT_INSIDE  # not checked in yet
    for guest in (a, b):
        assert door.check_in(guest.id, werkstatt).kind is Kind.WELCOME
    assert door.check_in(c.id, werkstatt).kind is Kind.ROOM_FULL
    out = way_out.exit(a.id, werkstatt)
    assert out.kind is Kind.EXITED and out.exit_code == 0
    assert way_out.exit(a.id, werkstatt).kind is Kind.NOT_INSIDE  # out already
    door.refresh()
    assert door.inside(room) == 1 and door.presence.count("werkstatt") == 2  # present stays present
    assert door.check_in(c.id, werkstatt).kind is Kind.WELCOME  # there is room again
    assert door.check_in(a.id, werkstatt).kind is Kind.ROOM_FULL  # coming back counts against the room
    way_out.refresh()
    way_out.exit(b.id, werkstatt)
    door.refresh()
    back = door.check_in(a.id, werkstatt)
    assert back.kind is Kind.REENTRY  # an entry, not a second check-in
    assert conn.execute("SELECT count(*) FROM journal WHERE attendee_id = ?", (a.id,)).fetchone()[0] == 1
    stats = {s.session.id: s for s in Attendance.load(conn, event).all_stats()}
    assert stats["werkstatt"].present == 3 and stats["werkstatt"].peak_inside == 2
    conn.close()


def test_the_command_line_exit(tmp_path: Path) -> None:
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    conn, _event = open_event(path)
    guest = conn.execute("SELECT attendee_id FROM registrations WHERE session_id = 'werkstatt'").fetchone()[0]
    conn.close()
    env = {**os.environ, "KOSI_NOW": "2019-04-02T09:45:00+02:00"}

    def kosi(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kosi_checkin", *args], capture_output=True, text=True, env=env)

    assert kosi("checkin", str(path), "--attendee", guest, "--session", "werkstatt", "--exit").returncode == 3
    assert kosi("checkin", str(path), "--attendee", guest, "--session", "werkstatt").returncode == 0
    out = kosi("checkin", str(path), "--attendee", guest, "--session", "werkstatt", "--exit", "--format", "json")
    assert out.returncode == 0 and json.loads(out.stdout)["result"] == "exit"
    stats = json.loads(kosi("stats", str(path), "--format", "json").stdout)
    werkstatt = stats["werkstatt"] if "werkstatt" in stats else next(s for s in stats if s.get("id") == "werkstatt")
    assert werkstatt["present"] == 1 and werkstatt["peak_inside"] == 1
