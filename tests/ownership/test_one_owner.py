"""One owner per event file, tested with real processes: the owner (the app's ownership in a
real Qt event loop, tests/ownership/owner_process.py), commands beside and through it, second
starts, a silent owner, a killed owner, and the file hazard (the owner opening and closing the
event's files in a loop, which drops its SQLite fcntl locks) during 1,000 check-ins."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from command_line import kosi

from kosi_checkin.owner.address import socket_path
from kosi_checkin.owner.lock import lock_file, try_lock
from kosi_checkin.services.demo import create_demo

HERE = Path(__file__).parent
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="flock and Unix sockets")


class Owner:
    def __init__(self, event: Path, *extra: str) -> None:
        self.stop = event.parent / f"stop-{time.monotonic_ns()}"
        self.proc = subprocess.Popen([sys.executable, str(HERE / "owner_process.py"), str(event), str(self.stop),
                                      *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        assert line.startswith("READY"), line + (self.proc.stderr.read() if self.proc.stderr else "")
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.strip())

    def requests(self) -> list[dict]:
        return [json.loads(line.split(" ", 1)[1]) for line in self.lines if line.startswith("REQUEST ")]

    def quit(self, timeout: float = 60) -> int:
        self.stop.touch()
        return self.proc.wait(timeout)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)


@pytest.fixture
def owner(event: Path) -> Iterator[Owner]:
    running = Owner(event)
    yield running
    if running.proc.poll() is None:
        assert running.quit() == 0


def guests(event: Path) -> list[dict]:
    return json.loads(kosi("attendees", str(event), "--format", "json").stdout)


def at(time_of_day: str) -> dict:
    return {**os.environ, "KOSI_NOW": f"2019-04-02T{time_of_day}:00+02:00"}


def journal(event: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{event}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT attendee_id, session_id, action FROM journal ORDER BY seq").fetchall()
    finally:
        conn.close()


# -- the lock -----------------------------------------------------------------------------------

HOLD = """
import sys, time
from kosi_checkin.owner.lock import try_lock
lock = try_lock(sys.argv[1], exclusive=sys.argv[2] == "ex")
print("HELD" if lock is not None else "BUSY", flush=True)
if sys.argv[3] == "fork":
    import os
    if os.fork() == 0:
        time.sleep(30)
        os._exit(0)
    sys.exit(0)
time.sleep(float(sys.argv[3]))
"""


def hold(event: Path, mode: str, how: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(event), mode, how], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "HELD"
    return proc


def test_exclusive_and_shared_locks_across_processes(event: Path) -> None:
    owner = hold(event, "ex", "30")
    try:
        assert try_lock(event, exclusive=False) is None and try_lock(event, exclusive=True) is None
    finally:
        owner.send_signal(signal.SIGKILL)  # a killed owner never blocks the next start
        owner.wait()
    again = try_lock(event, exclusive=True)
    assert again is not None and again.held
    again.release()
    first, second = hold(event, "sh", "30"), hold(event, "sh", "30")  # commands side by side
    try:
        assert try_lock(event, exclusive=True) is None
        shared = try_lock(event, exclusive=False)
        assert shared is not None
        shared.release()
    finally:
        for proc in (first, second):
            proc.kill()
            proc.wait()
    assert Path(lock_file(event)).is_file()


def test_a_forked_child_never_keeps_the_lock_after_its_parent(event: Path) -> None:
    parent = hold(event, "ex", "fork")
    assert parent.wait(10) == 0  # the parent ended; its child sleeps on for 30 s
    lock = try_lock(event, exclusive=True)
    assert lock is not None
    lock.release()
    subprocess.run(["pkill", "-f", "time.sleep\\(30\\)"], check=False)


def test_closing_other_descriptors_keeps_the_flock(event: Path) -> None:
    """What breaks SQLite's fcntl locks (closing any descriptor of the file) leaves flock alone."""
    lock = try_lock(event, exclusive=True)
    assert lock is not None
    for _ in range(3):
        os.close(os.open(lock_file(event), os.O_RDONLY))
        os.close(os.open(event, os.O_RDONLY))
    probe = subprocess.run([sys.executable, "-c", "import sys; from kosi_checkin.owner.lock import try_lock; "
                            "sys.exit(0 if try_lock(sys.argv[1], exclusive=False) is None else 1)", str(event)])
    lock.release()
    assert probe.returncode == 0


# -- second starts ----------------------------------------------------------------------------------

def test_a_second_start_hands_over_within_a_second(owner: Owner, event: Path) -> None:
    started = time.monotonic()
    result = kosi("gui", str(event))
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 1.5  # a bare Python start plus the hand-over
    result = kosi("desk", str(event), "--session", "forum-b", "--name", "Tisch 2", "--kiosk")
    assert result.returncode == 0, result.stderr
    relative = kosi("gui", os.path.relpath(event))  # the same file however it is named
    assert relative.returncode == 0
    time.sleep(0.3)
    ops = owner.requests()
    assert [r["op"] for r in ops] == ["gui", "desk", "gui"]
    assert ops[1] | {"event": ""} == {"op": "desk", "event": "", "session": "forum-b", "name": "Tisch 2",
                                      "mode": "kiosk", "fullscreen": False}


def test_a_desk_for_an_unknown_session_is_refused_as_without_the_app(owner: Owner, event: Path) -> None:
    result = kosi("desk", str(event), "--session", "nosuchsession")
    assert result.returncode == 2 and "nosuchsession" in result.stderr
    assert owner.requests() == []


def test_another_event_is_not_handed_over(owner: Owner, tmp_path: Path) -> None:
    other = tmp_path / "other.kosi"
    create_demo(other).close()
    result = kosi("checkin", str(other), "--attendee", guests(other)[0]["id"], "--session", "werkstatt", "--force",
                  env=at("09:50"))
    assert result.returncode == 0
    assert owner.requests() == []


# -- commands beside and through the app ---------------------------------------------------------------

SEQUENCE = [
    ("checkin", "--attendee", "{a}", "--session", "werkstatt", "--format", "json"),
    ("checkin", "--attendee", "{a}", "--session", "werkstatt"),
    ("checkin", "--attendee", "{a}", "--session", "werkstatt", "--format", "json"),
    ("checkin", "--attendee", "{b}", "--session", "werkstatt"),
    ("checkin", "--attendee", "NOSUCHID1", "--session", "werkstatt"),
    ("checkin", "--scan", "XXXX-forged-123", "--format", "json"),
    ("checkin", "--name", "e", "--session", "werkstatt"),
    ("checkin", "--attendee", "{a}", "--session", "nosuchsession"),
    ("undo", "--attendee", "{a}", "--format", "json"),
    ("undo", "--attendee", "{a}"),
    ("attendees", "--format", "json"),
    ("attendees", "--search", "celik"),
    ("code", "--attendee", "{a}"),
    ("sessions",),
    ("stats", "--format", "json"),
    ("refused", "--format", "json"),
]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_commands_through_the_app_print_and_exit_as_without_it(event: Path, tmp_path: Path, lang: str) -> None:
    alone = tmp_path / "alone.kosi"
    shutil.copy(event, alone)
    people = guests(event)
    a = next(g for g in people if "werkstatt" in g["sessions"])["id"]
    b = next(g for g in people if "werkstatt" not in g["sessions"])["id"]
    running = Owner(event)
    try:
        for step in SEQUENCE:
            args = [x.format(a=a, b=b) for x in step]
            through = kosi("--lang", lang, args[0], str(event), *args[1:], env=at("09:50"))
            beside = kosi("--lang", lang, args[0], str(alone), *args[1:], env=at("09:50"))
            assert (through.returncode, through.stdout, through.stderr) == (
                beside.returncode, beside.stdout, beside.stderr), args
    finally:
        assert running.quit() == 0
    assert journal(event) == journal(alone)


def test_a_check_in_through_the_app_is_in_the_file(owner: Owner, event: Path) -> None:
    guest = next(g for g in guests(event) if "werkstatt" in g["sessions"])
    result = kosi("checkin", str(event), "--attendee", guest["id"], "--session", "werkstatt", "--format", "json",
                  env=at("09:50"))
    assert result.returncode == 0 and json.loads(result.stdout)["result"] == "welcome"
    assert (guest["id"], "werkstatt", "checkin") in journal(event)
    assert [g for g in guests(event) if g["id"] == guest["id"]][0]["checkins"]


@pytest.mark.parametrize("args", [
    ("import", "{event}", "{list}"),
    ("restore", "{event}", "{event}", "--yes"),
    ("purge", "{event}", "--yes"),
    ("pin", "{event}", "--remove"),
    ("walk-in", "{event}", "--first-name", "Neu", "--last-name", "Gast", "--session", "werkstatt"),
    ("export", "{event}", "-o", "{out}"),
    ("backup", "{event}"),
    ("mark-present", "{event}", "--session", "werkstatt", "--attendee", "X"),
])
def test_commands_that_do_not_run_beside_the_app_exit_9(owner: Owner, event: Path, tmp_path: Path,
                                                        args: tuple[str, ...]) -> None:
    listing = tmp_path / "list.csv"
    listing.write_text("Vorname;Nachname\nAnna;Neu\n", encoding="utf-8")
    before = journal(event)
    line = [a.format(event=event, list=listing, out=tmp_path / "out.xlsx") for a in args]
    result = kosi(*line, env=at("09:50"))
    assert result.returncode == 9, result.stderr
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "KoSI Check-in" in message and str(event) in message
    english = kosi("--lang", "en", *line, env=at("09:50"))
    assert english.returncode == 9 and "is open in KoSI Check-in on this computer" in english.stderr
    assert journal(event) == before and not (tmp_path / "out.xlsx").exists()


# -- an owner that does not answer, one that is closing, one that was killed ---------------------------

SILENT = """
import os, socket, sys, time
from kosi_checkin.owner.address import socket_path
from kosi_checkin.owner.lock import try_lock
lock = try_lock(sys.argv[1], exclusive=True)
path = socket_path(sys.argv[1])
path.unlink(missing_ok=True)
server = socket.socket(socket.AF_UNIX)
server.bind(str(path))
server.listen(8)
print("READY", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_an_owner_that_does_not_answer_is_reported_never_bypassed(event: Path) -> None:
    hung = subprocess.Popen([sys.executable, "-c", SILENT, str(event), "60"], stdout=subprocess.PIPE, text=True)
    assert hung.stdout is not None and hung.stdout.readline().strip() == "READY"
    try:
        before = journal(event)
        for line in (("checkin", str(event), "--attendee", guests_id(event), "--session", "werkstatt"),
                     ("gui", str(event)), ("attendees", str(event))):
            started = time.monotonic()
            result = kosi(*line, env=at("09:50"))
            took = time.monotonic() - started
            assert result.returncode == 9, (line, result.stderr)
            assert "does not answer" in kosi("--lang", "en", *line, env=at("09:50")).stderr
            assert 2.5 < took < 8, took
        assert journal(event) == before
    finally:
        hung.kill()
        hung.wait()


def guests_id(event: Path) -> str:
    conn = sqlite3.connect(f"file:{event}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT a.id FROM attendees a JOIN registrations r ON r.attendee_id = a.id "
                                "WHERE r.session_id = 'werkstatt' ORDER BY a.id").fetchone()[0])
    finally:
        conn.close()


def test_a_command_waits_for_an_owner_that_is_closing(event: Path) -> None:
    closing = hold(event, "ex", "1.5")  # exclusive, no socket: an app between its last window and its end
    started = time.monotonic()
    result = kosi("checkin", str(event), "--attendee", guests_id(event), "--session", "werkstatt", env=at("09:50"))
    closing.wait()
    assert result.returncode == 0, result.stderr
    assert 1.0 < time.monotonic() - started < 10


def test_a_killed_owner_and_the_next_start(event: Path, tmp_path: Path) -> None:
    acks = tmp_path / "acks"
    first = Owner(event, "--checkins", "100000", "--acks", str(acks))
    time.sleep(1.0)
    first.kill()
    assert socket_path(event).exists()  # left behind by the kill
    result = kosi("checkin", str(event), "--attendee", guests_id(event), "--session", "werkstatt", "--force",
                  env=at("09:50"))
    assert result.returncode in (0, 3), result.stderr  # no owner any more: the command runs on the file
    second = Owner(event)  # takes over the stale socket
    try:
        through = kosi("undo", str(event), "--attendee", guests_id(event), "--format", "json")
        assert through.returncode in (0, 3), through.stderr
        assert second.requests() == []
    finally:
        assert second.quit() == 0
    acked = {tuple(line.split()[1:]) for line in acks.read_text().splitlines()}
    present = {(a, s) for a, s, action in journal(event) if action == "checkin"}
    assert acked and acked <= present


def test_the_app_waits_for_commands_before_it_owns_the_file(qtbot, event: Path) -> None:
    from kosi_checkin.ui.ownership import registry

    command = hold(event, "sh", "1.0")
    started = time.monotonic()
    owner = registry().claim(event)
    try:
        assert time.monotonic() - started > 0.5
        assert owner.lock.held and owner.lock.exclusive
    finally:
        registry().release(event)
        command.wait()
    assert try_lock(event, exclusive=True) is not None


# -- the hazard: 1,000 check-ins of the owner's own, 200 commands beside and through it ---------------

def test_no_acknowledged_check_in_is_lost_while_the_owner_drops_its_sqlite_locks(event: Path, tmp_path: Path) -> None:
    acks = tmp_path / "acks"
    people = [g["id"] for g in guests(event)]
    running = Owner(event, "--checkins", "1000", "--acks", str(acks), "--hazard", "--seed", "7")
    cli_acks: list[tuple[str, str]] = []
    sessions = ["werkstatt", "konferenz", "podium", "forum-a", "forum-b", "forum-c"]

    def command(i: int) -> tuple[str, int]:
        kind = ("checkin", "checkin", "attendees", "code", "stats", "import")[i % 6]
        guest, session = people[(i * 7) % len(people)], sessions[i % len(sessions)]
        if kind == "checkin":
            result = kosi("checkin", str(event), "--attendee", guest, "--session", session, "--force",
                          "--desk", f"CLI {i}", "--format", "json")
            if result.returncode == 0:
                cli_acks.extend((guest, s) for s in json.loads(result.stdout)["sessions"])
        elif kind in ("attendees", "stats"):
            result = kosi(kind, str(event), "--format", "json")
        elif kind == "code":
            result = kosi("code", str(event), "--attendee", guest)
        else:
            result = kosi("import", str(event), str(tmp_path / "nothing.csv"))
        return kind, result.returncode

    try:
        with ThreadPoolExecutor(2) as pool:
            codes = list(pool.map(command, range(200)))
    finally:
        assert running.quit(120) == 0
    for kind, code in codes:
        assert code == {"checkin": code if code in (0, 3) else -1, "import": 9}.get(kind, 0), (kind, code)
    acked = {tuple(line.split()[1:]) for line in acks.read_text().splitlines()} | set(cli_acks)
    present = {(a, s) for a, s, action in journal(event) if action == "checkin"}
    assert len(acked) > 100 and acked <= present
    conn = sqlite3.connect(event)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert not Path(f"{event}-wal").exists() or Path(f"{event}-wal").stat().st_size == 0  # closed cleanly
    assert try_lock(event, exclusive=True) is not None
    socket_left = socket_path(event)
    if socket_left.exists():
        probe = socket.socket(socket.AF_UNIX)
        with pytest.raises(OSError):
            probe.connect(str(socket_left))
        probe.close()


def test_a_lock_nobody_keeps_is_given_back_and_a_forked_child_holds_none(event: Path) -> None:
    import gc

    from kosi_checkin.owner.lock import owned_here

    lock = try_lock(event, exclusive=True)
    assert lock is not None and lock.held and owned_here(event)
    assert try_lock(event, exclusive=True) is None  # another description of the lock file: refused
    del lock
    gc.collect()
    assert not owned_here(event)
    again = try_lock(event, exclusive=True)
    assert again is not None and owned_here(event)
    child = os.fork()
    if child == 0:  # the child's copy of the lock knows it is not the one that holds it
        os._exit(0 if not again.held and not owned_here(event) else 1)
    assert os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 0
    assert again.held and owned_here(event)
    again.release()
    assert not again.held and not owned_here(event)
    shared = try_lock(event, exclusive=False)
    assert shared is not None and shared.held and not owned_here(event)  # a command's shared lock owns nothing
    shared.release()
