"""Workers for the kill tests (and bench/bench_trust.py): each runs in a process forked from a
clean fork server that never imports Qt, does real work on a real event file, and is killed with
SIGKILL at a random moment. A check-in is acknowledged by one ``write`` of a line to an
append-only file after ``check_in`` returned, as the desk shows its answer only then."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import by_key
from kosi_checkin.services.events import open_event


def check_in_forever(event: str, acks: str, seed: int) -> None:
    import sys

    assert "PySide6" not in sys.modules, "the crash worker must not load Qt"
    conn, kosi_event = open_event(event)
    desk = Desk(conn, kosi_event, f"Worker {seed}")
    rng = random.Random(seed)
    keys = [s.id for s in kosi_event.sessions]
    guests = list(desk.guests)
    fd = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    while True:
        guest, key = rng.choice(guests), rng.choice(keys)
        answer = desk.check_in(guest, by_key(kosi_event, key), force=True)  # type: ignore[arg-type]
        if answer.kind.code == "welcome":
            for session in answer.sessions:
                os.write(fd, f"ACK {guest} {session.id}\n".encode())
        elif rng.random() < 0.3:  # undo now and then; killed during an undo, either state is right
            os.write(fd, f"UNDOING {guest} {key}\n".encode())
            desk.undo(guest, key)
            os.write(fd, f"UNDONE {guest} {key}\n".encode())


def import_then_stop(event: str, source: str) -> None:
    from kosi_checkin.services.importing import apply_import, preview_import

    conn, kosi_event = open_event(event)
    apply_import(conn, preview_import(source, kosi_event), kosi_event)


def badges_then_stop(event: str, out: str) -> None:
    from kosi_checkin.badges.layouts import layout_named
    from kosi_checkin.services.badges import BatchOptions, make_batch, select_guests

    conn, kosi_event = open_event(event)
    make_batch(conn, kosi_event, select_guests(conn), BatchOptions(layout_named("a4-8up-90x55")), Path(out))


def context() -> multiprocessing.context.ForkServerContext:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    return ctx


def kill_after(ctx: multiprocessing.context.ForkServerContext, target: object, args: tuple[object, ...],
               delay: float) -> bool:
    """Run ``target`` in a fresh worker and SIGKILL it after ``delay`` s; False if it ended first."""
    process = ctx.Process(target=target, args=args)  # type: ignore[attr-defined]
    process.start()
    process.join(delay)
    alive = process.is_alive()
    if alive:
        os.kill(process.pid, signal.SIGKILL)
    process.join()
    return alive


@dataclass
class Verdict:
    acknowledged: int
    lost: list[str]
    integrity: str


def verify_checkins(event: str, acks: str) -> Verdict:
    """Every acknowledged check-in (not undone later by the worker) is in the file."""
    expected: dict[tuple[str, str], bool | None] = {}  # None: an undo was cut short
    text = Path(acks).read_bytes().decode() if Path(acks).exists() else ""
    complete = text[: text.rfind("\n") + 1]  # a line cut by the kill was never acknowledged
    for line in complete.splitlines():
        kind, guest, session = line.split()
        expected[(guest, session)] = {"ACK": True, "UNDONE": False}.get(kind)
    conn = sqlite3.connect(event)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        state: dict[tuple[str, str], bool] = {}
        for guest, session, action in conn.execute(
                "SELECT attendee_id, session_id, action FROM journal ORDER BY at_utc, seq"):
            state[(guest, session)] = action == "checkin"
    finally:
        conn.close()
    lost = [f"{g} {s}" for (g, s), present in expected.items() if present and not state.get((g, s))]
    return Verdict(sum(1 for v in expected.values() if v), lost, integrity)

