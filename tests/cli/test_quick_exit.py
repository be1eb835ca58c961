"""Quick commands end their process at once (`console` → `_leave`): what they print still
arrives whole through a pipe, their exit codes are those main returns, and a process that has
more to do (a thread running) exits the normal way. Real processes, a real event file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import command_line

from kosi_checkin.cli import main as cli
from kosi_checkin.cli.commands import COMMAND_MODULES
from kosi_checkin.domain.model import Attendee, AttendeeId, SessionId
from kosi_checkin.storage.db import connect, transaction
from kosi_checkin.storage.repositories import AttendeeRepository

# stdout buffered as in a user's shell (this machine sets PYTHONUNBUFFERED, which would hide a
# missing flush: an unflushed buffer is what an os._exit loses)
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def kosi(*args: str) -> subprocess.CompletedProcess[str]:
    return command_line.kosi(*args, env=BUFFERED, timeout=120)


def _guests(path: Path, count: int) -> list[str]:
    conn = connect(path)
    with transaction(conn):
        stored = AttendeeRepository(conn).add_many([
            (Attendee(id=AttendeeId(""), first_name=f"Gästin {n}", last_name="Beispiel-Überlänge " * 3,
                      organisation="Zentrum für gute Taten e. V.", sessions=frozenset({SessionId("werkstatt")})), {})
            for n in range(count)])
    conn.close()
    return [g.id for g in stored]


def test_a_quick_command_prints_everything_through_a_pipe(event_file: Path) -> None:
    ids = _guests(event_file, 1500)  # ~400 KB of JSON: several times a pipe's buffer
    result = kosi("attendees", str(event_file), "--format", "json")
    assert result.returncode == 0, result.stderr
    people = json.loads(result.stdout)
    assert sorted(p["id"] for p in people) == sorted(ids)
    assert len(result.stdout.encode()) > 4 * 65536


def test_quick_commands_keep_their_exit_codes_and_messages(event_file: Path) -> None:
    guest = _guests(event_file, 3)[0]
    unknown = kosi("code", str(event_file), "--attendee", "NOPE")
    assert unknown.returncode == 2 and "NOPE" in unknown.stderr and unknown.stdout == ""
    first = kosi("checkin", str(event_file), "--attendee", guest, "--session", "werkstatt", "--format", "json")
    assert first.returncode == 0 and json.loads(first.stdout)["result"] == "welcome"
    again = kosi("checkin", str(event_file), "--attendee", guest, "--session", "werkstatt")
    assert again.returncode == 3, again.stdout  # already checked in: the check-in before was written
    present = json.loads(kosi("stats", str(event_file), "--format", "json").stdout)
    assert present["werkstatt"]["present"] == 1
    assert kosi("undo", str(event_file), "--attendee", guest, "--session", "werkstatt").returncode == 0
    assert kosi("undo", str(event_file), "--attendee", guest, "--session", "werkstatt").returncode == 3
    wrong = kosi("stats", str(event_file), "--format", "yaml")  # usage error: argparse exits before main returns
    assert wrong.returncode == 2 and "yaml" in wrong.stderr


def test_a_process_with_a_thread_running_exits_the_normal_way() -> None:
    child = textwrap.dedent("""
        import sys, threading, time
        from kosi_checkin.cli.main import _leave
        worker = threading.Thread(target=lambda: (time.sleep(0.3), print("thread done", flush=True)))
        worker.start()
        _leave(0)  # must return: the thread has work to finish
        print("returned", flush=True)
        sys.exit(7)
    """)
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60, env=BUFFERED)
    assert result.returncode == 7, result.stderr
    assert result.stdout.split() == ["returned", "thread", "done"]


def test_a_quick_exit_flushes_what_is_buffered() -> None:
    child = "import sys; from kosi_checkin.cli.main import _leave; sys.stdout.write('kept'); _leave(5)"
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60, env=BUFFERED)
    assert (result.returncode, result.stdout) == (5, "kept")


def test_only_commands_that_leave_nothing_behind_exit_quickly() -> None:
    assert {"gui", "desk", "import", "badges", "export", "signatures", "certificates", "backup", "restore",
            "publish", "pull"}.isdisjoint(cli.QUICK_EXIT)
    assert cli.QUICK_EXIT <= {name for names in COMMAND_MODULES.values() for name in names}


def test_a_quick_command_runs_without_the_cyclic_collector_and_another_with_it(event_file: Path, tmp_path: Path) -> None:
    probe = textwrap.dedent("""
        import gc, sys
        from kosi_checkin.cli import main as m
        run = m.main
        m.main = lambda argv: (print("collector", gc.isenabled(), file=sys.stderr), run(argv))[1]
        sys.argv = ["kosi-checkin", *sys.argv[1:]]
        m.console()
    """)
    said = {}
    for command in (["stats", str(event_file)], ["export", str(event_file), "-o", str(tmp_path / "a.csv")]):
        done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, timeout=120,
                              env=BUFFERED)
        assert done.returncode == 0, done.stderr
        said[command[0]] = [line for line in done.stderr.splitlines() if line.startswith("collector")]
    assert said == {"stats": ["collector False"], "export": ["collector True"]}
