"""The one port to an event's storage: its connection, its repositories (built once), and the
unit of work (``with store.transaction():`` … durable when the block ends)."""

from __future__ import annotations

import sqlite3

from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.records import (
    AuditRepository,
    CountsRepository,
    ImportHistory,
    OutboxRepository,
    TicketCodeRepository,
)
from kosi_checkin.storage.repositories import (
    AttendeeRepository,
    BadgePrintRepository,
    EventRepository,
    JournalRepository,
    MovementRepository,
)


class Store:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.events = EventRepository(conn)
        self.attendees = AttendeeRepository(conn)
        self.journal = JournalRepository(conn)
        self.movements = MovementRepository(conn)
        self.badge_prints = BadgePrintRepository(conn)
        self.ticket_codes = TicketCodeRepository(conn)
        self.outbox = OutboxRepository(conn)
        self.audit = AuditRepository(conn)
        self.counts = CountsRepository(conn)
        self.imports = ImportHistory(conn)

    def transaction(self) -> _UnitOfWork:
        """BEGIN IMMEDIATE … COMMIT (rolled back on any exception)."""
        return _UnitOfWork(self)


class _UnitOfWork:
    """``with store.transaction() as store:`` the store, inside one ``db.transaction`` (a class,
    as that one is: a check-in's start need not load contextlib)."""

    def __init__(self, store: Store) -> None:
        self.store, self.unit = store, transaction(store.conn)

    def __enter__(self) -> Store:
        self.unit.__enter__()
        return self.store

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.unit.__exit__(kind, *exc)
