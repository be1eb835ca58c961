"""The desk's server calls on their worker: answered in time, the server decides; past the
wait the desk decides alone and queues the entry, and only then is a later answer a note.
The server here is a stand-in object (its timing is the point); the real server and a real
stalled network are in tests/shared/test_stalled_network.py."""

from __future__ import annotations

import time
from pathlib import Path

from kosi_checkin.checkin.answers import Kind
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import by_key
from kosi_checkin.domain.values import replace
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event


class Server:
    shared = True
    offline_ok = True

    def __init__(self, delay: float, other_desk_first: bool) -> None:
        self.delay, self.first = delay, other_desk_first

    def claim(self, entry):  # type: ignore[no-untyped-def]
        time.sleep(self.delay)
        return replace(entry, uuid="elsewhere", desk="Tisch 2") if self.first else None

    def release(self, entry):  # type: ignore[no-untyped-def]
        time.sleep(self.delay)


def desk_with(tmp_path: Path, server: Server) -> Desk:
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    conn, event = open_event(path)
    desk = Desk(conn, event, "Tisch 1")
    desk.remote = server
    return desk


def test_an_answer_in_time_decides_and_is_no_note(tmp_path: Path) -> None:
    desk = desk_with(tmp_path, Server(0.01, other_desk_first=True))
    guest = next(g for g in desk.guests.values() if "werkstatt" in g.sessions)
    answer = desk.check_in(guest.id, by_key(desk.event, "werkstatt"))  # type: ignore[arg-type]
    assert answer.kind is Kind.ALREADY and "Tisch 2" in answer.title and not desk.offline
    time.sleep(0.1)
    assert desk.late_notes == []
    desk.close()


def test_past_the_wait_the_desk_decides_and_a_late_answer_becomes_a_note(tmp_path: Path) -> None:
    desk = desk_with(tmp_path, Server(1.2, other_desk_first=True))
    guest = next(g for g in desk.guests.values() if "werkstatt" in g.sessions)
    started = time.monotonic()
    answer = desk.check_in(guest.id, by_key(desk.event, "werkstatt"))  # type: ignore[arg-type]
    assert time.monotonic() - started < 1.0 and answer.kind is Kind.WELCOME and desk.offline
    queued = desk.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert queued == 1  # in the same local transaction as the journal row
    deadline = time.monotonic() + 3
    while not desk.late_notes and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(desk.late_notes) == 1 and "Tisch 2" in desk.late_notes[0]
    desk.close()
