"""Connecting to the shared event's PostgreSQL server and keeping its schema current. A server
that cannot be reached is a ServerUnreachable (exit code 7) with one sentence."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from kosi_checkin.domain.errors import EventFileError, PasswordNeeded, ServerUnreachable
from kosi_checkin.i18n import _
from kosi_checkin.shared.url import display

CONNECT_TIMEOUT = 3  # seconds: a desk must not hang when the network is gone
NOTIFY_CHANNEL = "kosi_changes"

PG_MIGRATIONS: tuple[str, ...] = (
    # 1: the event file's tables, the check-ins in force (the constraint that admits a guest once)
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY, position BIGINT NOT NULL, title TEXT NOT NULL, subtitle TEXT NOT NULL DEFAULT '',
        start TEXT, "end" TEXT, room TEXT NOT NULL DEFAULT '', capacity BIGINT,
        registration_required BIGINT NOT NULL DEFAULT 1, grp TEXT NOT NULL DEFAULT '',
        aliases TEXT NOT NULL DEFAULT '[]', times_assumed BIGINT NOT NULL DEFAULT 0);
    CREATE TABLE attendees (
        id TEXT PRIMARY KEY, first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '', organisation TEXT NOT NULL DEFAULT '', sector TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '', category TEXT NOT NULL DEFAULT 'Teilnehmende',
        door_note TEXT NOT NULL DEFAULT '', extra TEXT NOT NULL DEFAULT '{}', walk_in BIGINT NOT NULL DEFAULT 0,
        edited TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE registrations (attendee_id TEXT NOT NULL, session_id TEXT NOT NULL,
        PRIMARY KEY (attendee_id, session_id));
    CREATE TABLE ticket_codes (code TEXT NOT NULL, attendee_id TEXT NOT NULL, raw TEXT NOT NULL, kind TEXT NOT NULL,
        PRIMARY KEY (code, attendee_id));
    CREATE TABLE used_ids (id TEXT PRIMARY KEY);
    CREATE TABLE journal (
        seq BIGSERIAL PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, attendee_id TEXT NOT NULL, session_id TEXT NOT NULL,
        at TEXT NOT NULL, at_utc TEXT NOT NULL, desk TEXT NOT NULL, action TEXT NOT NULL,
        forced BIGINT NOT NULL DEFAULT 0, note TEXT NOT NULL DEFAULT '');
    CREATE TABLE presence (
        attendee_id TEXT NOT NULL, session_id TEXT NOT NULL, uuid TEXT NOT NULL,
        PRIMARY KEY (attendee_id, session_id));
    CREATE TABLE badge_prints (
        seq BIGSERIAL PRIMARY KEY, attendee_id TEXT NOT NULL, at TEXT NOT NULL, layout TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '', desk TEXT NOT NULL DEFAULT '', fingerprint TEXT NOT NULL DEFAULT '',
        printer TEXT NOT NULL DEFAULT '', job TEXT NOT NULL DEFAULT '');
    CREATE TABLE imports (seq BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, file TEXT NOT NULL, format TEXT NOT NULL,
        added BIGINT NOT NULL, updated BIGINT NOT NULL, unchanged BIGINT NOT NULL);
    CREATE TABLE refused_scans (seq BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, desk TEXT NOT NULL, input TEXT NOT NULL,
        reason TEXT NOT NULL);
    CREATE TABLE audit (seq BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '');
    CREATE TABLE erasures (attendee_id TEXT PRIMARY KEY, at TEXT NOT NULL);
    CREATE TABLE kept_counts (session_id TEXT NOT NULL, measure TEXT NOT NULL, value BIGINT NOT NULL,
        PRIMARY KEY (session_id, measure));
    """,
)


_PASSWORD_SQLSTATES = {"28P01", "28000"}  # invalid_password, invalid_authorization_specification


def unreachable(url: str, exc: BaseException) -> ServerUnreachable:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    # libpq says "no password supplied" on the client side, without an SQLSTATE
    wants_password = getattr(exc, "sqlstate", None) in _PASSWORD_SQLSTATES or "password" in str(exc)
    kind = PasswordNeeded if wants_password else ServerUnreachable
    return kind(_("The event server {server} cannot be reached ({reason}).").format(
        server=display(url), reason=reason))


# An established connection waits forever on a network that stalls without a reset unless the
# kernel is told to give up: keepalives probe an idle link, tcp_user_timeout bounds how long sent
# data may stay unacknowledged (a claim, a LISTEN) before the connection fails (libpq, Linux).
STALL_PARAMS: dict[str, int] = {
    "keepalives": 1,
    "keepalives_idle": 2,  # seconds of silence before the first probe
    "keepalives_interval": 1,
    "keepalives_count": 2,  # an idle link (the sync thread's LISTEN) that stalls is given up within ~4 s
    "tcp_user_timeout": 4000,  # milliseconds
}


def connection_params() -> dict[str, Any]:
    """What every connection to an event server is opened with (tests read it)."""
    return {"connect_timeout": CONNECT_TIMEOUT, "application_name": "kosi-checkin", **STALL_PARAMS}


def connect(url: str, *, autocommit: bool = True) -> psycopg.Connection[Any]:
    """Autocommit: every change happens inside an explicit `with conn.transaction()`."""
    try:
        return psycopg.connect(url, autocommit=autocommit, **connection_params())
    except psycopg.OperationalError as exc:
        raise unreachable(url, exc) from exc


@contextmanager
def reachable(url: str) -> Iterator[None]:
    """Turn a dropped connection in the middle of work into ServerUnreachable."""
    try:
        yield
    except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
        raise unreachable(url, exc) from exc


def schema_version(conn: psycopg.Connection[Any]) -> int:
    with conn.cursor() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS kosi_schema (version BIGINT NOT NULL)")
        cur.execute("SELECT version FROM kosi_schema")
        row = cur.fetchone()
    return int(row[0]) if row else 0


def migrate(conn: psycopg.Connection[Any]) -> None:
    """Bring the shared event's schema up to date (each step in one transaction)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(4242)")  # two desks starting at once migrate once
        version = schema_version(conn)
        if version > len(PG_MIGRATIONS):
            raise EventFileError(_("The shared event was set up by a newer version of KoSI Check-in; please update."))
        for number, script in enumerate(PG_MIGRATIONS, start=1):
            if number > version:
                conn.execute(script)
        conn.execute("DELETE FROM kosi_schema")
        conn.execute("INSERT INTO kosi_schema(version) VALUES (%s)", (len(PG_MIGRATIONS),))


def has_event(conn: psycopg.Connection[Any]) -> bool:
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('meta') IS NOT NULL")
        if not cur.fetchone()[0]:  # type: ignore[index]  # psycopg types fetchone() as optional; SELECT without FROM returns one row
            return False
        cur.execute("SELECT count(*) FROM meta WHERE key = 'name'")
        return bool(cur.fetchone()[0])  # type: ignore[index]  # psycopg types fetchone() as optional; count(*) returns one row


def notify(conn: psycopg.Connection[Any], what: str) -> None:
    conn.execute("SELECT pg_notify(%s, %s)", (NOTIFY_CHANNEL, what))
