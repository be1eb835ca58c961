"""The event file: WAL, durable writes, versioned schema, append-only journal, ids."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kosi_checkin.domain.errors import EventFileError
from kosi_checkin.domain.model import LATE_NOTE, Action, AttendeeId, JournalEntry, SessionId
from kosi_checkin.storage.db import APPLICATION_ID, SCHEMA_VERSION, connect, transaction
from kosi_checkin.storage.repositories import AttendeeRepository, EventRepository, JournalRepository
from kosi_checkin.storage.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


def test_wal_and_full_sync(event_file: Path) -> None:
    conn = connect(event_file)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_event_settings_round_trip(event_file: Path, kosi) -> None:
    conn = connect(event_file)
    event = EventRepository(conn).load()
    assert event == kosi
    assert len(EventRepository(conn).meta("secret")) == 64


def test_newer_file_refused(event_file: Path) -> None:
    raw = sqlite3.connect(event_file)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(EventFileError, match="neueren Version"):
        connect(event_file)


def test_foreign_sqlite_and_garbage_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.kosi"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(EventFileError, match="keine Veranstaltungsdatei"):
        connect(other)
    junk = tmp_path / "junk.kosi"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(EventFileError):
        connect(junk)
    with pytest.raises(EventFileError, match="nicht gefunden"):
        connect(tmp_path / "missing.kosi")


def test_a_new_event_file_where_no_file_can_be_is_a_message(tmp_path: Path) -> None:
    """Not "not an event file": the folder is missing, or is a file."""
    (tmp_path / "plain").write_text("not a folder")
    for folder in (tmp_path / "missing", tmp_path / "plain"):
        with pytest.raises(EventFileError, match="existiert nicht"):
            connect(folder / "neu.kosi", create=True)
    assert not (tmp_path / "missing").exists()


def test_old_file_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.kosi"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # an event file at version 0 (empty)
    raw.close()
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM journal").fetchone()[0] == 0


def test_a_file_of_version_6_loses_the_unused_email_index_and_keeps_its_guests(tmp_path: Path) -> None:
    from kosi_checkin.storage.db import MIGRATIONS, migrate

    path = tmp_path / "six.kosi"
    raw = sqlite3.connect(path, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:6], start=1):  # as version 6 made it
        raw.executescript(script)
        raw.execute(f"PRAGMA user_version = {number}")
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("INSERT INTO attendees(id, last_name, email, created_at, updated_at) VALUES ('A1', 'Kraus', 'k@x.de', '', '')")
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'attendees_email'").fetchone()[0] == 1
    raw.close()
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'attendees_email'").fetchone()[0] == 0
    assert [a.email for a in AttendeeRepository(conn).all()] == ["k@x.de"]
    migrate(conn)  # again: nothing left to do
    conn.close()


def test_a_bulk_write_gives_its_settings_back(event_file: Path) -> None:
    from kosi_checkin.storage.db import bulk_write

    conn = connect(event_file)
    before = [conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "foreign_keys")]
    assert before[1] == 1
    with pytest.raises(RuntimeError), bulk_write(conn, mib=8):
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == -8 * 1024
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 0
        raise RuntimeError
    assert [conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "foreign_keys")] == before
    conn.close()


def test_journal_is_append_only_and_presence_derived(event_file: Path) -> None:
    conn = connect(event_file)
    journal = JournalRepository(conn)
    a = AttendeeId("ABC")
    t = datetime(2019, 4, 2, 9, 42, tzinfo=BERLIN)
    with transaction(conn):
        journal.append(JournalEntry(str(uuid.uuid4()), a, SessionId("werkstatt"), t, "Tisch 2", Action.CHECK_IN))
        journal.append(JournalEntry(str(uuid.uuid4()), a, SessionId("konferenz"), t, "Tisch 2", Action.CHECK_IN))
        journal.append(JournalEntry(str(uuid.uuid4()), a, SessionId("konferenz"), t.replace(minute=50), "Tisch 1", Action.UNDO))
    assert journal.presence() == {a: {"werkstatt": t}}
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE journal SET desk = 'x'")
    stored = journal.entries()[0]
    assert stored.at == t and stored.at.utcoffset() is not None


def test_ids_never_reused(event_file: Path) -> None:
    conn = connect(event_file)
    repo = AttendeeRepository(conn)
    from kosi_checkin.domain.model import Attendee

    with transaction(conn):
        first = repo.add(Attendee(id=AttendeeId(""), first_name="A", last_name="B"))
        conn.execute("DELETE FROM attendees WHERE id = ?", (first.id,))
    assert repo.id_used(first.id)
    assert len(first.id) == 9 and set(first.id) <= set("0123456789ABCDEFGHJKLMNPQRSTUVWX")


def test_failed_transaction_leaves_nothing(event_file: Path) -> None:
    conn = connect(event_file)
    from kosi_checkin.domain.model import Attendee

    with pytest.raises(RuntimeError):
        with transaction(conn):
            AttendeeRepository(conn).add(Attendee(id=AttendeeId(""), first_name="A", last_name="B"))
            raise RuntimeError("power cut")
    assert AttendeeRepository(conn).count() == 0


_entries = st.lists(st.tuples(st.sampled_from(["A1", "B2", "C3"]), st.sampled_from(["werkstatt", "konferenz"]),
                              st.integers(0, 6), st.sampled_from([Action.CHECK_IN, Action.UNDO]),
                              st.sampled_from(["", LATE_NOTE, "über Kapazität"])), max_size=14)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=_entries)
def test_standing_is_what_each_guests_newest_entry_says(event_file: Path, entries: list[tuple[str, str, int, Action, str]]) -> None:
    """Entries come in any order of time (a desk that was offline sends later); the one in force
    for a guest and session is the newest by time, then by arrival."""
    conn = connect(event_file)
    conn.execute("DELETE FROM journal")
    journal = JournalRepository(conn)
    start = datetime(2019, 4, 2, 9, 30, tzinfo=BERLIN)
    newest: dict[tuple[str, str], tuple[datetime, int, Action, str]] = {}
    for arrival, (guest, session, minute, action, note) in enumerate(entries):
        at = start.replace(minute=30 + minute)
        journal.append(JournalEntry(str(uuid.uuid4()), AttendeeId(guest), SessionId(session), at, "Tisch", action, note=note))
        key = (guest, session)
        if key not in newest or (at, arrival) >= newest[key][:2]:
            newest[key] = (at, arrival, action, note)
    presence, late = journal.standing()
    in_force = {key: value for key, value in newest.items() if value[2] is Action.CHECK_IN}
    assert {(g, s): t for g, times in presence.items() for s, t in times.items()} == {k: v[0] for k, v in in_force.items()}
    assert {(g, s) for g, sessions in late.items() for s in sessions} == {k for k, v in in_force.items() if v[3] == LATE_NOTE}
    assert journal.presence() == presence
    conn.close()


def test_a_transaction_commits_when_its_block_ends_and_rolls_back_on_any_exception(event_file: Path) -> None:
    conn = connect(event_file)
    with transaction(conn) as inside:
        assert inside is conn and conn.in_transaction
        conn.execute("INSERT INTO meta(key, value) VALUES ('kept', '1')")
    assert not conn.in_transaction
    for failure in (RuntimeError, KeyboardInterrupt):
        with pytest.raises(failure), transaction(conn):
            conn.execute("INSERT INTO meta(key, value) VALUES ('dropped', '1')")
            raise failure
        assert not conn.in_transaction
    keys = {r[0] for r in conn.execute("SELECT key FROM meta")}
    assert "kept" in keys and "dropped" not in keys
    store = Store(conn)
    with pytest.raises(RuntimeError), store.transaction() as same:
        assert same is store and conn.in_transaction
        conn.execute("INSERT INTO meta(key, value) VALUES ('dropped', '1')")
        raise RuntimeError
    with store.transaction():
        conn.execute("INSERT INTO meta(key, value) VALUES ('also kept', '1')")
    keys = {r[0] for r in connect(event_file).execute("SELECT key FROM meta")}  # durable: another connection sees it
    assert "also kept" in keys and "dropped" not in keys
    conn.close()
