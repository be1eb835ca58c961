"""A window's resync with the server (send what changed here, then take the server's state), on
a real PostgreSQL and the real local copy: a change the window makes while the resync runs is
sent, never overwritten by the server's state, and the copy is not locked while the server is
read (a stalled network held the lock, and an edit in the window waited on it). The moment
"while the resync runs" is made exact by running the window's edit inside the resync's own
steps (the push, the server read): timing, not a mock: every part is real."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from test_desks import setup

from kosi_checkin.services.attendees import edit_attendee
from kosi_checkin.shared import mirror
from kosi_checkin.shared.session import open_shared
from kosi_checkin.storage.db import connect, db_path


def _door_note_on_server(url: str, guest: str) -> str:
    with psycopg.connect(url) as pg:
        row = pg.execute("SELECT door_note FROM attendees WHERE id = %s", (guest,)).fetchone()
    assert row is not None
    return str(row[0])


def _door_note_here(conn: sqlite3.Connection, guest: str) -> str:
    return str(conn.execute("SELECT door_note FROM attendees WHERE id = ?", (guest,)).fetchone()[0])


def test_a_change_made_between_the_resyncs_push_and_its_pull_is_sent_not_overwritten(
        tmp_path, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    guest = setup(tmp_path, pg_url)[0]
    window, event = open_shared(pg_url)  # the window's connection to its copy
    link = window.shared  # type: ignore[attr-defined]  # a shared event's connection carries its link
    worker = connect(db_path(window))  # the resync's own connection, as EventContext.resync_job makes it
    sent = link.push
    edits: list[str] = []

    def push_then_the_window_edits(conn: sqlite3.Connection) -> None:
        sent(conn)
        if not edits:  # the window's thread, right after the resync has sent its changes
            edits.append("Rollstuhl, Rampe links")
            edit_attendee(window, event, guest, {"door_note": edits[0]})

    monkeypatch.setattr(link, "push", push_then_the_window_edits)
    try:
        link.resync(worker)
        assert _door_note_here(window, guest) == "Rollstuhl, Rampe links"  # kept in the copy
        assert _door_note_on_server(pg_url, guest) == "Rollstuhl, Rampe links"  # and sent
    finally:
        worker.close()
        window.close()


def test_the_copy_is_not_locked_while_the_servers_rows_are_read(
        tmp_path, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    guest = setup(tmp_path, pg_url)[0]
    window, event = open_shared(pg_url)
    link = window.shared  # type: ignore[attr-defined]
    worker = connect(db_path(window))
    read = mirror.read_tables
    written: list[str] = []

    def the_window_writes_while_the_server_is_read(pg, conn, tables):  # type: ignore[no-untyped-def]
        found = read(pg, conn, tables)
        window.execute("PRAGMA busy_timeout = 0")  # a lock held now would fail the edit at once
        edit_attendee(window, event, guest, {"door_note": "Hörschleife"})
        written.append("edit")
        return found

    monkeypatch.setattr(mirror, "read_tables", the_window_writes_while_the_server_is_read)
    try:
        link.resync(worker)  # the edit came in during the read: sent by the next round, not lost
        assert written
        assert _door_note_here(window, guest) == "Hörschleife"
        assert _door_note_on_server(pg_url, guest) == "Hörschleife"
    finally:
        worker.close()
        window.close()


def test_a_pull_over_a_changed_copy_writes_nothing(tmp_path, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    guest = setup(tmp_path, pg_url)[0]
    window, event = open_shared(pg_url)
    link = window.shared  # type: ignore[attr-defined]
    try:
        seen = mirror.Snapshot.of(window)
        edit_attendee(window, event, guest, {"door_note": "nur hier"})
        pg = link.connection()
        assert mirror.pull_unless_changed(pg, window, seen) is None
        assert _door_note_here(window, guest) == "nur hier"
        assert mirror.pull_unless_changed(pg, window, mirror.Snapshot.of(window)) is not None
        assert _door_note_here(window, guest) == ""  # unchanged since: the server's state taken
    finally:
        window.close()


def test_a_walk_in_registered_at_a_desk_while_its_sync_takes_the_servers_guests_is_sent_not_lost(
        tmp_path, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The desk's sync loop hears that another desk changed the guests and takes the server's;
    a walk-in registered at this desk in that moment (during the server read) is sent first and
    kept, and the other desk's walk-in arrives too."""
    import os
    import subprocess

    from command_line import CLI

    from kosi_checkin.domain.model import Attendee, AttendeeId, SessionId
    from kosi_checkin.shared import sync
    from kosi_checkin.shared.session import fetch_shared
    from kosi_checkin.storage.db import transaction
    from kosi_checkin.storage.repositories import AttendeeRepository

    setup(tmp_path, pg_url)
    monkeypatch.setenv("KOSI_DATA_DIR", str(tmp_path / "desk"))
    fetched = fetch_shared(pg_url, desk=True)  # the desk's lasting copy, as the desk window opens it
    fetched.discard()
    loop = sync.SyncLoop(pg_url, fetched.copy)
    desk = connect(fetched.copy)  # the desk window's own connection to its copy
    try:
        assert loop.step(wait=0).online  # the first round: nothing to send
        other = subprocess.run([*CLI, "walk-in", pg_url, "--first-name", "Ada", "--last-name", "Anders",
                                "--register", "konferenz", "--session", "konferenz"], capture_output=True, text=True,
                               env={**os.environ, "KOSI_NOW": "2019-04-02T14:40:00+02:00"})
        assert other.returncode == 0, other.stderr  # another desk's walk-in: the server says "data"
        read = sync.read_tables
        here: list[str] = []

        def a_walk_in_here_while_the_server_is_read(pg, conn, tables):  # type: ignore[no-untyped-def]
            found = read(pg, conn, tables)
            if not here:
                with transaction(desk):
                    guest = AttendeeRepository(desk).add(Attendee(
                        id=AttendeeId(""), first_name="Bea", last_name="Berger", walk_in=True,
                        sessions=frozenset({SessionId("konferenz")})))
                here.append(guest.id)
            return found

        monkeypatch.setattr(sync, "read_tables", a_walk_in_here_while_the_server_is_read)
        for _round in range(3):
            loop.step(wait=1.0)
        names = {r[0] for r in desk.execute("SELECT last_name FROM attendees WHERE walk_in = 1")}
        assert {"Anders", "Berger"} <= names  # both here
        with psycopg.connect(pg_url) as pg:
            on_server = {r[0] for r in pg.execute("SELECT last_name FROM attendees WHERE walk_in = 1")}
        assert {"Anders", "Berger"} <= on_server  # and both on the server
    finally:
        desk.close()
        loop._drop()
        loop.conn.close()
