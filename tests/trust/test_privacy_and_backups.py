"""The organiser PIN (salted scrypt, rate-limited), purge and deletion on request (gone from the
file, from the backups, and again after a restore), rotating backups with the online backup API,
and the audit log."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
from pathlib import Path

import command_line
import pytest

from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.repositories import EventRepository
from kosi_checkin.trust.backup import list_backups, make_backup, restore
from kosi_checkin.trust.pin import KEY, PinGate, has_pin, set_pin


def kosi(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return command_line.kosi(*args, input=stdin, env={**os.environ, "KOSI_NOW": "2019-04-02T09:40:00+02:00"})


@pytest.fixture
def event(tmp_path: Path) -> Path:
    path = tmp_path / "kosi.kosi"
    create_demo(path).close()
    guests = json.loads(kosi("attendees", str(path), "--format", "json").stdout)
    for guest in [g for g in guests if "werkstatt" in g["sessions"]][:8]:
        assert kosi("checkin", str(path), "--attendee", guest["id"], "--session", "werkstatt").returncode == 0
    return path


def file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def test_pin_is_a_salted_slow_hash_and_wrong_tries_are_slowed(event: Path) -> None:
    conn, _event = open_event(event)
    assert PinGate(conn).open and not has_pin(conn)  # the demo: organiser mode open
    with pytest.raises(Exception):
        set_pin(conn, "12")
    set_pin(conn, "4711")
    stored = EventRepository(conn).meta(KEY)
    assert stored.startswith("scrypt$16384$8$1$") and "4711" not in stored
    set_pin(conn, "4711")
    assert EventRepository(conn).meta(KEY) != stored  # a new salt each time
    now = [1000.0]
    gate = PinGate(conn, clock=lambda: now[0])
    assert not gate.open and gate.try_pin("4711").ok
    results = [gate.try_pin("0000") for _ in range(3)]
    assert [r.ok for r in results] == [False, False, False] and results[-1].wait == 5
    assert not gate.try_pin("4711").ok  # even the right PIN waits its turn
    now[0] += 5.1
    assert not gate.try_pin("1111").ok and gate.wait() == 10  # doubling
    now[0] += 10.1
    assert gate.try_pin("4711").ok and gate.failures == 0
    # nowhere in clear; a salt or a hash (hex) holds "4711" by chance once in a few hundred runs
    assert b"4711" not in re.sub(rb"[0-9a-f]{32,}", b"", file_bytes(event))
    conn.close()
    assert kosi("pin", str(event), stdin="12ab\n").returncode == 2
    assert kosi("pin", str(event), "--remove").returncode == 0


def test_purge_keeps_counts_removes_people_from_file_and_backups(event: Path) -> None:
    before = json.loads(kosi("stats", str(event), "--format", "json").stdout)
    guests = json.loads(kosi("attendees", str(event), "--format", "json").stdout)
    assert kosi("backup", str(event)).returncode == 0
    assert kosi("purge", str(event), "--keep-counts").returncode == 2  # no terminal to ask: --yes needed
    result = kosi("purge", str(event), "--keep-counts", "--yes")
    assert result.returncode == 0, result.stderr
    after = json.loads(kosi("stats", str(event), "--format", "json").stdout)
    for session, stats in before.items():
        for key in ("registered", "present", "walk_ins", "no_shows", "by_sector"):
            assert after[session][key] == stats[key], (session, key)
    assert json.loads(kosi("attendees", str(event), "--format", "json").stdout) == []
    names = {g["last_name"].encode() for g in guests} | {g["email"].encode() for g in guests if g["email"]}
    for path in [event, *(b.path for b in list_backups(event))]:
        content = file_bytes(path)
        assert not [n for n in names if n in content], path  # really gone from the file
    actions = [e["action"] for e in json.loads(kosi("audit", str(event), "--format", "json").stdout)]
    assert "purge" in actions and "backup" in actions


def test_delete_one_guest_reaches_backups_and_survives_a_restore(event: Path, tmp_path: Path) -> None:
    guests = json.loads(kosi("attendees", str(event), "--format", "json").stdout)
    victim = next(g for g in guests if g["checkins"])
    old_backup = make_backup(event, "manual")
    assert kosi("delete", str(event), "--attendee", "NOSUCHID1", "--yes").returncode == 2
    result = kosi("delete", str(event), "--attendee", victim["id"], "--yes", "--by", "Datenschutz")
    assert result.returncode == 0, result.stderr
    left = {g["id"] for g in json.loads(kosi("attendees", str(event), "--format", "json").stdout)}
    assert victim["id"] not in left and len(left) == len(guests) - 1
    assert victim["email"].encode() not in file_bytes(event)
    assert victim["email"].encode() not in old_backup.read_bytes()  # the backup was cleaned too
    conn = sqlite3.connect(event)
    assert conn.execute("SELECT count(*) FROM journal WHERE attendee_id = ?", (victim["id"],)).fetchone() == (0,)
    conn.close()
    audit = json.loads(kosi("audit", str(event), "--format", "json").stdout)
    deletion = next(e for e in audit if e["action"] == "delete")
    assert deletion["who"] == "Datenschutz" and victim["last_name"] not in json.dumps(audit)
    # a backup made elsewhere before the deletion (a copy on a stick) is restored: erased again
    stick = tmp_path / "stick.kosi"
    sqlite3.connect(event).close()
    stick.write_bytes(old_backup.read_bytes())
    conn = sqlite3.connect(stick)  # as it was before the deletion
    conn.execute("INSERT INTO attendees(id, first_name, last_name, created_at, updated_at) "
                 "VALUES (?, 'Wieder', 'Da', '2019', '2019')", (victim["id"],))
    conn.commit()
    conn.close()
    safety = restore(event, stick)
    assert safety.exists()
    left = {g["id"] for g in json.loads(kosi("attendees", str(event), "--format", "json").stdout)}
    assert victim["id"] not in left


def test_backups_rotate_restore_and_come_before_imports(event: Path, tmp_path: Path) -> None:
    for _ in range(4):
        make_backup(event, "desk", keep=3)
    backups = list_backups(event)
    assert len(backups) == 3 and all(b.reason == "desk" for b in backups)
    copy = sqlite3.connect(backups[0].path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    copy.close()
    before = json.loads(kosi("stats", str(event), "--format", "json").stdout)
    data = Path(__file__).resolve().parents[1] / "data" / "Teilnehmende_Excel.csv"
    assert kosi("import", str(event), str(data)).returncode == 0
    assert any(b.reason == "before-import" for b in list_backups(event))
    restored = kosi("restore", str(event), str(next(b.path for b in list_backups(event) if b.reason == "before-import")),
                    "--yes")
    assert restored.returncode == 0, restored.stderr
    assert json.loads(kosi("stats", str(event), "--format", "json").stdout) == before
    assert kosi("restore", str(event), str(tmp_path / "nope.kosi"), "--yes").returncode == 2
    (tmp_path / "junk.kosi").write_bytes(b"not a database" * 100)
    assert kosi("restore", str(event), str(tmp_path / "junk.kosi"), "--yes").returncode == 2
    listing = json.loads(kosi("backup", str(event), "--list", "--format", "json").stdout)
    assert listing and {"path", "made", "reason"} <= set(listing[0])
    actions = [e["action"] for e in json.loads(kosi("audit", str(event), "--format", "json").stdout)]
    assert {"import", "restore", "backup"} <= set(actions)
