"""Import into an event: merge on re-import, hand edits win, one transaction."""

from __future__ import annotations

import multiprocessing
import os
import signal
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kosi_checkin.domain.errors import Cancelled
from kosi_checkin.domain.model import Action, JournalEntry, SessionId
from kosi_checkin.services.attendees import edit_attendee, list_attendees
from kosi_checkin.services.importing import apply_import, preview_import
from kosi_checkin.storage.db import connect, transaction
from kosi_checkin.storage.repositories import AttendeeRepository, JournalRepository

HEADER = "Vorname;Nachname;Organisation;E-Mail;Werkstatt;Podium\n"


def write(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def run(conn, path: Path, kosi, **kw):
    return apply_import(conn, preview_import(path, kosi), kosi, **kw)


def test_reimport_merges_and_keeps_checkins_prints_ids(tmp_path: Path, event_file: Path, kosi) -> None:
    conn = connect(event_file)
    first = run(conn, write(tmp_path / "a.csv", "Anna;Becker;Stadt;anna@x.example;x;", "Ben;Kaiser;Uni;ben@x.example;;x"), kosi)
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    ids = {r.attendee.email: r.attendee.id for r in list_attendees(conn)}
    t = datetime(2019, 4, 2, 9, 40, tzinfo=ZoneInfo("Europe/Berlin"))
    with transaction(conn):
        JournalRepository(conn).append(JournalEntry(str(uuid.uuid4()), ids["anna@x.example"], SessionId("werkstatt"), t, "Tisch 1", Action.CHECK_IN))
        conn.execute("INSERT INTO badge_prints(attendee_id, at) VALUES (?, ?)", (ids["ben@x.example"], t.isoformat()))
    second = run(conn, write(tmp_path / "b.csv", "Anna;Becker;Stadt Wuppertal;ANNA@x.example;x;x", "Cem;Yilmaz;Verein;cem@x.example;x;"), kosi)
    assert (second.added, second.updated, second.unchanged) == (1, 1, 0)
    assert [m["email"] for m in second.missing] == ["ben@x.example"]
    rows = {r.attendee.email: r for r in list_attendees(conn)}
    assert set(rows) == {"anna@x.example", "ben@x.example", "cem@x.example"}  # nobody deleted
    assert rows["anna@x.example"].attendee.id == ids["anna@x.example"]  # stable id
    assert rows["anna@x.example"].attendee.organisation == "Stadt Wuppertal"
    assert rows["anna@x.example"].attendee.sessions == {"werkstatt", "podium"}
    assert rows["anna@x.example"].checkins == {"werkstatt": t}  # check-in survived
    assert conn.execute("SELECT count(*) FROM badge_prints").fetchone()[0] == 1
    third = run(conn, tmp_path / "b.csv", kosi)
    assert (third.added, third.updated, third.unchanged) == (0, 0, 2)
    # the imports wrote without row-by-row foreign key checks (bulk_write): every link holds
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_hand_edit_wins_and_conflict_reported(tmp_path: Path, event_file: Path, kosi) -> None:
    conn = connect(event_file)
    run(conn, write(tmp_path / "a.csv", "Anna;Becker;Stadt;anna@x.example;x;"), kosi)
    anna = AttendeeRepository(conn).all()[0]
    edit_attendee(conn, kosi, anna.id, {"organisation": "Stadt Wuppertal (Ressort 101)", "door_note": "Rollstuhl: Aufzug zeigen"})
    report = run(conn, write(tmp_path / "b.csv", "Anna;Becker;Stadtverwaltung;anna@x.example;x;x"), kosi)
    stored = AttendeeRepository(conn).get(anna.id)
    assert stored is not None
    assert stored.organisation == "Stadt Wuppertal (Ressort 101)"
    assert stored.door_note == "Rollstuhl: Aufzug zeigen"
    assert stored.sessions == {"werkstatt", "podium"}  # not edited by hand: updated
    assert [(c["field"], c["file"]) for c in report.conflicts] == [("organisation", "Stadtverwaltung")]


def test_cancel_rolls_back_everything(tmp_path: Path, event_file: Path, kosi) -> None:
    conn = connect(event_file)
    rows = [f"P{i};Q{i};Org;p{i}@x.example;x;" for i in range(1000)]
    with pytest.raises(Cancelled):
        run(conn, write(tmp_path / "big.csv", *rows), kosi, cancelled=lambda: True)
    assert AttendeeRepository(conn).count() == 0


def _import_then_die(event_file: str, csv_file: str, kosi) -> None:
    conn = connect(event_file)
    preview = preview_import(csv_file, kosi)
    calls = {"n": 0}

    def progress(done: int, total: int) -> None:
        calls["n"] += 1
        if calls["n"] == 8:  # half-way through writing: the process dies
            os.kill(os.getpid(), signal.SIGKILL)

    apply_import(conn, preview, kosi, progress=progress)


def test_killed_import_lands_not_at_all(tmp_path: Path, event_file: Path, kosi) -> None:
    rows = [f"P{i};Q{i};Org;p{i}@x.example;x;" for i in range(3000)]
    path = write(tmp_path / "big.csv", *rows)
    child = multiprocessing.get_context("fork").Process(target=_import_then_die, args=(str(event_file), str(path), kosi))
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL
    conn = connect(event_file)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert AttendeeRepository(conn).count() == 0
    report = run(conn, path, kosi)
    assert report.added == 3000


def test_edit_validates(event_file: Path, kosi, tmp_path: Path) -> None:
    from kosi_checkin.domain.errors import UnknownAttendee, UsageError

    conn = connect(event_file)
    run(conn, write(tmp_path / "a.csv", "Anna;Becker;Stadt;anna@x.example;x;"), kosi)
    anna = AttendeeRepository(conn).all()[0]
    with pytest.raises(UsageError, match="parallel"):
        edit_attendee(conn, kosi, anna.id, {"sessions": {"forum-a", "forum-b"}})
    with pytest.raises(UnknownAttendee):
        edit_attendee(conn, kosi, "NOPE", {"first_name": "X"})
    updated = edit_attendee(conn, kosi, anna.id, {"category": "Presse"})
    assert updated.edited == {"category"}
