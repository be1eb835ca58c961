"""Files that cannot be written: an export, signature lists, certificates or badges into a "folder" that
is a file, and a write that fails on the way (a child process under a file size limit: the
kernel refuses the write with EFBIG, as a full disk does with ENOSPC). Each ends in a message
naming the path and exit code 2, no half-written file or temporary file is left, and the event
file still opens. No mocks: the kernel refuses the write."""

from __future__ import annotations

import datetime as dt
import resource
import signal
import subprocess
import sys
from pathlib import Path

from kosi_checkin.domain.model import Action, Attendee, AttendeeId, JournalEntry, SessionId
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import AttendeeRepository, JournalRepository

CLI = [sys.executable, "-m", "kosi_checkin", "--lang", "en"]
COMMANDS = {"a.xlsx": "export", "a.csv": "export", "s.pdf": "signatures", "c.pdf": "certificates", "b.pdf": "badges"}


def kosi(*args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails (EFBIG) instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # type: ignore[arg-type]

    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=180,
                          preexec_fn=limited if limit else None)


def test_a_file_where_the_folder_should_be_is_a_message(tmp_path: Path) -> None:
    event = tmp_path / "demo.kosi"
    create_demo(event).close()
    (tmp_path / "plain").write_text("not a folder")
    for name, command in COMMANDS.items():
        result = kosi(command, str(event), "-o", str(tmp_path / "plain" / name))
        assert result.returncode == 2, (name, result.stderr)
        assert str(tmp_path / "plain") in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_write_refused_on_the_way_is_a_message_and_leaves_nothing(tmp_path: Path) -> None:
    event = tmp_path / "demo.kosi"
    create_demo(event).close()
    conn, _event = open_event(event)
    repo = AttendeeRepository(conn)
    with transaction(conn):  # enough guests that each file is well over the limit
        repo.add_many([(Attendee(id=AttendeeId(""), first_name=f"Gast {n}", last_name="Beispiel",
                                 organisation="Stadt Wuppertal", sessions=frozenset({SessionId("werkstatt")})), {})
                       for n in range(3000)])
        at = dt.datetime(2019, 4, 2, 7, 40, tzinfo=dt.timezone.utc)
        journal = JournalRepository(conn)
        for n, guest in enumerate(repo.all()[:300]):  # present: their certificates are written
            journal.append(JournalEntry(f"u{n}", guest.id, SessionId("werkstatt"), at, "Tisch 1", Action.CHECK_IN))
    guests = len(repo.all())
    conn.close()
    out = tmp_path / "out"
    out.mkdir()
    # 40 kB: the event file's shared memory (32 kB) still fits, none of the five files does
    for name, command in COMMANDS.items():
        args = [command, str(event), "-o", str(out / name)]
        if command == "signatures":
            args.append("--after")
        result = kosi(*args, limit=40_000)
        assert result.returncode == 2, (name, result.returncode, result.stderr)
        assert "cannot be written" in result.stderr and str(out / name) in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert list(out.iterdir()) == [], (name, list(out.iterdir()))  # no part, no temporary file
    conn, _event = open_event(event)
    assert len(AttendeeRepository(conn).all()) == guests
    conn.close()
    written = kosi("export", str(event), "-o", str(out / "a.csv"))  # without the limit it works
    assert written.returncode == 0 and (out / "a.csv").stat().st_size > 40_000, written.stderr
