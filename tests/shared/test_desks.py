"""Several desks as separate processes on one shared event in a real PostgreSQL server: each
sees the others' check-ins within a second (LISTEN/NOTIFY), the same guests scanned at two desks
are admitted once, and connections dropped in the middle of scans (backends terminated, the
server stopped and started again) lose nothing: the desk goes on offline and sends its outbox."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
from command_line import CLI

from kosi_checkin.services.demo import create_demo

HERE = Path(__file__).resolve().parent


def start_desk(url: str, name: str, rate: float, guests: list[str], tmp_path: Path) -> subprocess.Popen[str]:
    """A desk process whose output is read as it comes (a full pipe would stall the desk)."""
    env = {**os.environ, "KOSI_DATA_DIR": str(tmp_path / name.replace(" ", "_")),
           "KOSI_NOW": "2019-04-02T09:40:00+02:00"}
    process = subprocess.Popen([sys.executable, str(HERE / "desk_process.py"), url, name, str(rate), *guests],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None and process.stdout.readline().strip() == "READY", process.stderr.read()
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)  # type: ignore[arg-type]
    reader.start()
    process.lines, process.reader = lines, reader  # type: ignore[attr-defined]
    return process


def go(desks: list[subprocess.Popen[str]]) -> None:
    for desk in desks:
        assert desk.stdin is not None
        desk.stdin.write("\n")
        desk.stdin.flush()


def report(desk: subprocess.Popen[str]) -> list[list[str]]:
    assert desk.wait(180) == 0, desk.stderr.read() if desk.stderr else ""
    desk.reader.join(10)  # type: ignore[attr-defined]
    return [line.split() for line in desk.lines]  # type: ignore[attr-defined]


def setup(tmp_path: Path, url: str) -> list[str]:
    demo = tmp_path / "demo.kosi"
    create_demo(demo).close()
    assert subprocess.run([*CLI, "publish", str(demo), url], capture_output=True).returncode == 0
    guests = json.loads(subprocess.run([*CLI, "attendees", str(demo), "--format", "json"], capture_output=True,
                                       text=True).stdout)
    return [g["id"] for g in guests if "werkstatt" in g["sessions"]]


def journal(url: str) -> dict[str, str]:
    with psycopg.connect(url) as pg:
        return {row[0]: row[1] for row in pg.execute("SELECT uuid, action FROM journal")}


def test_desks_see_each_other_within_a_second_and_admit_once(tmp_path: Path, pg_url: str) -> None:
    guests = setup(tmp_path, pg_url)[:30]
    desks = [start_desk(pg_url, "Tisch 1", 10, guests, tmp_path), start_desk(pg_url, "Tisch 2", 10, guests, tmp_path)]
    go(desks)
    one, two = (report(d) for d in desks)
    acks = {r[1]: float(r[3]) for r in one + two if r[0] == "ACK"}
    ambers = [r for r in one + two if r[0] == "AMBER"]
    by_guest = {g: [r[0] for r in one + two if len(r) > 2 and r[0] in ("ACK", "AMBER") and g in r] for g in guests}
    odd = {g: v for g, v in by_guest.items() if sorted(v) != ["ACK", "AMBER"]}
    assert len(acks) == len(guests) and len(ambers) == len(guests), odd  # each guest: one green, one amber
    assert all(r[2] in ("Tisch_1", "Tisch_2") for r in ambers)
    seen = {r[1]: float(r[2]) for r in one + two if r[0] == "SEEN"}
    delays = [seen[uuid] - at for uuid, at in acks.items() if uuid in seen]
    assert len(delays) >= len(guests) * 0.9, "the other desk saw its neighbour's check-ins"
    assert max(delays) < 1.0, sorted(delays)[-3:]
    assert set(acks) <= set(journal(pg_url))


def test_dropped_connections_and_a_stopped_server_lose_nothing(tmp_path: Path, pg_url: str, pg_server) -> None:
    guests = setup(tmp_path, pg_url)[:60]
    desk = start_desk(pg_url, "Tisch 1", 15, guests, tmp_path)
    go([desk])
    time.sleep(0.8)
    pg_server.terminate_backends(pg_url.split("/")[-1].split("?")[0])  # the network blinks
    time.sleep(0.6)
    pg_server.stop()  # the server goes away for a while
    time.sleep(2.0)
    pg_server.start()
    lines = report(desk)
    acks = {r[1] for r in lines if r[0] == "ACK"}
    assert len(acks) == len(guests)  # the desk answered every scan, online or not
    assert lines[-1] == ["DONE", "0"]  # and sent its outbox when the server was back
    stored = journal(pg_url)
    assert acks <= set(stored) and all(stored[u] == "checkin" for u in acks)
    with psycopg.connect(pg_url) as pg:
        assert pg.execute("SELECT count(*) FROM presence WHERE session_id = 'werkstatt'").fetchone()[0] == len(guests)


def test_same_guest_admitted_offline_at_two_desks_keeps_both_and_counts_once(tmp_path: Path, pg_url: str, pg_server,
                                                                            monkeypatch) -> None:
    from kosi_checkin.checkin.desk import Desk
    from kosi_checkin.checkin.targets import by_key
    from kosi_checkin.services.events import open_event

    guest = setup(tmp_path, pg_url)[0]
    desks = []
    for name in ("Tisch 1", "Tisch 2"):
        monkeypatch.setenv("KOSI_DATA_DIR", str(tmp_path / name.replace(" ", "_")))  # each desk its own copy
        conn, event = open_event(pg_url, desk=True)
        desks.append(Desk(conn, event, name))
    pg_server.stop()
    try:
        answers = [desk.check_in(guest, by_key(desk.event, "werkstatt")) for desk in desks]
        assert [a.kind.code for a in answers] == ["welcome", "welcome"]  # each desk decides alone
        assert all(desk.offline for desk in desks)
    finally:
        pg_server.start()
    for desk in desks:
        desk.remote.retry_at = 0  # the server is back: no need to wait for the next try
        assert desk.remote.flush(desk.conn) == 1
    with psycopg.connect(pg_url) as pg:
        rows = pg.execute("SELECT desk FROM journal WHERE attendee_id = %s AND action = 'checkin'", (guest,)).fetchall()
        present = pg.execute("SELECT count(*) FROM presence WHERE attendee_id = %s", (guest,)).fetchone()[0]
    assert sorted(r[0] for r in rows) == ["Tisch 1", "Tisch 2"] and present == 1  # both records, counted once
    stats = json.loads(subprocess.run([*CLI, "stats", pg_url, "--format", "json"], capture_output=True, text=True).stdout)
    assert stats["werkstatt"]["present"] == 1
    for desk in desks:
        desk.conn.close()
