"""Benchmark of the attendance export (issue 6). Run: .venv/bin/python bench/bench_export.py

10,000 guests × 6 sessions (each guest registered for the Werkstatt, the conference, one forum
and the panel; about 80 % of them checked in to each), exported to Excel with every sheet, to CSV,
and as signature lists. Target for the Excel file: < 3 s. Medians of 5 runs."""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_desk import generated_people  # noqa: E402
from bench_foundation import machine, median_time  # noqa: E402

from kosi_checkin.domain.model import Action, JournalEntry, SessionId  # noqa: E402
from kosi_checkin.report.attendance import Attendance  # noqa: E402
from kosi_checkin.report.signatures import write_signature_lists  # noqa: E402
from kosi_checkin.services.event_config import load_template  # noqa: E402
from kosi_checkin.services.events import create_event  # noqa: E402
from kosi_checkin.services.export import export_attendance  # noqa: E402
from kosi_checkin.storage.db import transaction  # noqa: E402
from kosi_checkin.storage.repositories import AttendeeRepository, JournalRepository  # noqa: E402


def build(path: Path, guests: int = 10_000) -> None:
    event = load_template("kosi-2019")
    rng = random.Random(6)
    forums = ["forum-a", "forum-b", "forum-c"]
    people = [p.__class__(**{**p.__dict__, "sessions": frozenset(
        {SessionId("werkstatt"), SessionId("konferenz"), SessionId(rng.choice(forums)), SessionId("podium")}),
        "sector": rng.choice(["Verwaltung", "Wissenschaft", "Unternehmen", "Zivilgesellschaft", "Presse"])})
        for p in generated_people(guests)]
    conn = create_event(path, event)
    repo, journal = AttendeeRepository(conn), JournalRepository(conn)
    with transaction(conn):
        stored = repo.add_many([(p, {}) for p in people])
    start = {s.id: s.start for s in event.sessions}
    with transaction(conn):
        for guest in stored:
            for session in guest.sessions:
                if rng.random() < 0.8:
                    at = start[session] + dt.timedelta(minutes=rng.uniform(-40, 15))  # type: ignore[operator]
                    journal.append(JournalEntry(str(uuid.uuid4()), guest.id, session, at, "Tisch 1", Action.CHECK_IN))
    conn.close()


def timed(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    return median_time(fn, runs)


def main() -> None:
    from kosi_checkin.services.events import open_event

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        build(base / "big.kosi")
        conn, event = open_event(base / "big.kosi")
        xlsx = timed(lambda: export_attendance(conn, event, base / "a.xlsx"))
        size = (base / "a.xlsx").stat().st_size
        csv = timed(lambda: export_attendance(conn, event, base / "a.csv"))
        anonymous = timed(lambda: export_attendance(conn, event, base / "b.xlsx", anonymous=True))
        stats = timed(lambda: Attendance.load(conn, event).all_stats())
        attendance = Attendance.load(conn, event)
        signatures = timed(lambda: write_signature_lists(base / "s.pdf", attendance, event.sessions[:1], after=True), 1)
        conn.close()
    print(f"Machine: {machine()}\n")
    print(f"{'measure (10,000 guests × 6 sessions, median of 5)':<58} {'value':>9}  target")
    print(f"{'Excel export, every sheet':<58} {xlsx:>7.2f} s  < 3 s")
    print(f"{'  file size':<58} {size / 1e6:>6.2f} MB  -")
    print(f"{'CSV export':<58} {csv:>7.2f} s  -")
    print(f"{'anonymous Excel (counts, chart)':<58} {anonymous:>7.2f} s  -")
    print(f"{'stats of all sessions (journal read and counted)':<58} {stats:>7.2f} s  -")
    print(f"{'signature list after the event, one session (once)':<58} {signatures:>7.2f} s  -")


if __name__ == "__main__":
    main()
