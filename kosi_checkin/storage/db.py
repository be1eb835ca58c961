"""Open an event file: one event = one SQLite file (``.kosi``), WAL, versioned schema.

Every write happens in an explicit transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``) with
``synchronous=FULL``, so a transaction that returned is on disk: a check-in is acknowledged
only after that.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator

from kosi_checkin.domain.errors import EventFileError
from kosi_checkin.i18n import _

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from pathlib import Path

APPLICATION_ID = 0x4B6F5349  # "KoSI": marks a SQLite file as an event file

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        subtitle TEXT NOT NULL DEFAULT '',
        start TEXT,
        "end" TEXT,
        room TEXT NOT NULL DEFAULT '',
        capacity INTEGER,
        registration_required INTEGER NOT NULL DEFAULT 1,
        grp TEXT NOT NULL DEFAULT '',
        aliases TEXT NOT NULL DEFAULT '[]',
        times_assumed INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE attendees (
        id TEXT PRIMARY KEY,
        first_name TEXT NOT NULL DEFAULT '',
        last_name TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '',
        sector TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT 'Teilnehmende',
        door_note TEXT NOT NULL DEFAULT '',
        extra TEXT NOT NULL DEFAULT '{}',
        walk_in INTEGER NOT NULL DEFAULT 0,
        edited TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX attendees_email ON attendees(email);
    CREATE TABLE registrations (
        attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        PRIMARY KEY (attendee_id, session_id)
    ) WITHOUT ROWID;
    CREATE TABLE ticket_codes (
        code TEXT NOT NULL,
        attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        raw TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (code, attendee_id)
    ) WITHOUT ROWID;
    CREATE INDEX ticket_codes_attendee ON ticket_codes(attendee_id);
    -- every attendee id ever given out: ids are never reused, not even after a deletion
    CREATE TABLE used_ids (id TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE journal (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        attendee_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        at TEXT NOT NULL,
        at_utc TEXT NOT NULL,
        desk TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('checkin', 'undo')),
        forced INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX journal_attendee ON journal(attendee_id, session_id);
    CREATE TRIGGER journal_append_only BEFORE UPDATE ON journal
    BEGIN SELECT RAISE(ABORT, 'the check-in journal is append-only'); END;
    CREATE TABLE badge_prints (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        attendee_id TEXT NOT NULL,
        at TEXT NOT NULL,
        layout TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        desk TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX badge_prints_attendee ON badge_prints(attendee_id);
    CREATE TABLE imports (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        file TEXT NOT NULL,
        format TEXT NOT NULL,
        added INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        unchanged INTEGER NOT NULL
    );
    """,
    # 2: the door desk's log of refused scans (unknown, altered or foreign codes)
    """
    CREATE TABLE refused_scans (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        desk TEXT NOT NULL,
        input TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    """,
    # 3: what a printed badge showed (to find badges changed since), and where it went
    """
    ALTER TABLE badge_prints ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
    ALTER TABLE badge_prints ADD COLUMN printer TEXT NOT NULL DEFAULT '';
    ALTER TABLE badge_prints ADD COLUMN job TEXT NOT NULL DEFAULT '';
    """,
    # 4: trust: the audit log (who, when, what; never the data itself), guests erased on request
    # (ids only: a restored backup deletes them again), counts kept when personal data is purged
    """
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TABLE erasures (
        attendee_id TEXT PRIMARY KEY,
        at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE kept_counts (
        session_id TEXT NOT NULL,
        measure TEXT NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (session_id, measure)
    ) WITHOUT ROWID;
    """,
    # 5: a desk on a shared (PostgreSQL) event: check-ins made while the server was unreachable,
    # waiting to be sent (the journal row itself is in the journal)
    """
    CREATE TABLE outbox (uuid TEXT PRIMARY KEY) WITHOUT ROWID;
    """,
    # 6: leaving and coming back into a session's room (an exit desk): never changes who was
    # present, only who is inside now
    """
    CREATE TABLE movements (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        attendee_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        at TEXT NOT NULL,
        at_utc TEXT NOT NULL,
        desk TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('out', 'in'))
    );
    CREATE INDEX movements_attendee ON movements(attendee_id, session_id);
    CREATE TRIGGER movements_append_only BEFORE UPDATE ON movements
    BEGIN SELECT RAISE(ABORT, 'the movements are append-only'); END;
    """,
    # 7: no query looks guests up by e-mail (an import matches them in memory): the index only
    # slowed every write of a guest (an import of 10,000 by 6 %)
    """
    DROP INDEX IF EXISTS attendees_email;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def _configure(conn: sqlite3.Connection, path: str) -> None:
    conn.execute("PRAGMA busy_timeout = 10000")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise EventFileError(_("The event file cannot be opened for writing: {path}").format(path=path))
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def connect(path: str | Path, *, create: bool = False,
            factory: type[sqlite3.Connection] = sqlite3.Connection) -> sqlite3.Connection:
    """Open (or with ``create`` make) an event file, migrating it to the current schema.

    Raises EventFileError with a sentence for the user when the file is missing, is not an
    event file, or was written by a newer version of the app.
    """
    path = os.fspath(path)  # as text: a command's start needs no pathlib (5 ms)
    if create:
        if os.path.exists(path):
            raise EventFileError(_("The file {path} exists already; choose another name.").format(path=path))
        folder = os.path.dirname(path) or "."
        if not os.path.isdir(folder):
            raise EventFileError(_("The folder {folder} does not exist.").format(folder=folder))
    elif not os.path.isfile(path):
        raise EventFileError(_("Event file not found: {path}").format(path=path))
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=True, factory=factory)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if create:  # the folder takes no files
            raise EventFileError(_("{path} cannot be written: {reason}").format(path=path, reason=exc)) from exc
        raise EventFileError(
            _("{path} is not a KoSI Check-in event file ({reason}).").format(path=path, reason=exc)
        ) from exc
    if not create and app_id != APPLICATION_ID:
        conn.close()
        raise EventFileError(_("{path} is not a KoSI Check-in event file.").format(path=path))
    if version > SCHEMA_VERSION:
        conn.close()
        raise EventFileError(
            _(
                "{path} was written by a newer version of KoSI Check-in (file format {found}, "
                "this app knows up to {known}); please update the app."
            ).format(path=path, found=version, known=SCHEMA_VERSION)
        )
    try:
        _configure(conn, path)
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise EventFileError(_("The event file {path} cannot be used: {reason}").format(path=path, reason=exc)) from exc
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    """Apply every migration step the file has not seen, all in one transaction: the file is at
    its version or at the newest, never in between (and a new file is made with one durable
    write instead of one per step: 4 ms of an import into a new event)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version >= SCHEMA_VERSION:
        return
    with transaction(conn):
        for script in MIGRATIONS[version:]:
            for statement in _statements(script):
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (triggers contain ';' inside BEGIN/END)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def db_path(conn: sqlite3.Connection) -> Path | None:
    """The file behind a connection (None for an in-memory database)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            from pathlib import Path

            return Path(file) if file else None
    return None


# The two context managers here are classes rather than contextlib.contextmanager generators:
# every command opens a transaction, and none then needs to load contextlib (0.5 ms of its start).
class bulk_write:  # noqa: N801  # used as a function, like contextlib.closing
    """For one large transaction that writes guests with their registrations and codes (an
    import), to open around it: a page cache of ``mib`` MiB (10,000 guests spill SQLite's
    default 2 MiB to the file midway: 8 % slower) and foreign keys not looked up row by row
    (6 %): every registration and code written refers to a guest written or kept by the same
    code in the same transaction (tests/importers check ``PRAGMA foreign_key_check`` after
    imports). Both settings are as before afterwards."""

    def __init__(self, conn: sqlite3.Connection, mib: int = 32) -> None:
        self.conn, self.mib = conn, mib

    def __enter__(self) -> sqlite3.Connection:
        conn = self.conn
        self.cache = int(conn.execute("PRAGMA cache_size").fetchone()[0])
        self.keys = int(conn.execute("PRAGMA foreign_keys").fetchone()[0])
        conn.execute(f"PRAGMA cache_size = {-self.mib * 1024}")  # negative: in KiB
        conn.execute("PRAGMA foreign_keys = OFF")  # takes effect outside a transaction only
        return conn

    def __exit__(self, *_exc: object) -> None:
        self.conn.execute(f"PRAGMA cache_size = {self.cache}")
        self.conn.execute(f"PRAGMA foreign_keys = {self.keys}")


class transaction:  # noqa: N801  # used as a function, like contextlib.closing
    """BEGIN IMMEDIATE ... COMMIT; rolls back on any exception. Durable when it returns."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind: type[BaseException] | None, *_exc: object) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")
