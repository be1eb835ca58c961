"""The one port to an event's storage: its connection, its repositories (built once), and the
unit of work (``with store.transaction():`` … durable when the block ends)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

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

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """BEGIN IMMEDIATE … COMMIT (rolled back on any exception)."""
        with transaction(self.conn):
            yield self
