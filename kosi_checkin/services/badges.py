"""Badge batches: which guests (all, some, not yet printed), in which order, into a PDF; the
guests of a batch that was written or sent to a printer are marked as printed (with reprints
counted and their reason kept)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kosi_checkin.badges.layouts import Layout
from kosi_checkin.badges.render import write_badges
from kosi_checkin.domain.errors import UnknownAttendee
from kosi_checkin.domain.model import Attendee, Event
from kosi_checkin.i18n import _
from kosi_checkin.search.normalize import fold
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import AttendeeRepository, BadgePrintRepository, EventRepository
from kosi_checkin.tokens.badge_code import BadgeCodec


@dataclass(frozen=True)
class BatchResult:
    path: Path
    badges: int
    pages: int
    marked: bool


def select_guests(conn: sqlite3.Connection, ids: Sequence[str] = (), unprinted: bool = False,
                  order: str = "name") -> list[Attendee]:
    guests = AttendeeRepository(conn).all()
    if ids:
        by_id: dict[str, Attendee] = {a.id: a for a in guests}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise UnknownAttendee(_("No guest with id {id} in this event.").format(id=", ".join(missing)))
        guests = [by_id[i] for i in dict.fromkeys(ids)]
    if unprinted:
        printed = BadgePrintRepository(conn).print_counts()
        guests = [a for a in guests if not printed.get(a.id)]
    if order == "organisation":
        guests.sort(key=lambda a: (fold(a.organisation), a.sort_key, a.id))
    else:
        guests.sort(key=lambda a: (a.sort_key, a.id))
    return guests


def codec_of(conn: sqlite3.Connection) -> BadgeCodec:
    meta = EventRepository(conn)
    return BadgeCodec(meta.meta("code_prefix"), meta.meta("secret"))


def make_batch(conn: sqlite3.Connection, event: Event, guests: Sequence[Attendee], layout: Layout, out: Path, *,
               mark: bool = True, reason: str = "", desk: str = "",
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] = lambda: False) -> BatchResult:
    """Write the PDF (to a temporary file first, then renamed: never half a PDF under ``out``)
    and, with ``mark``, record every guest of it as printed, all in one transaction."""
    codec = codec_of(conn)
    out = Path(out)
    fd, tmp = tempfile.mkstemp(dir=out.parent if out.parent.exists() else None, prefix=".badges-", suffix=".pdf")
    os.close(fd)
    try:
        pages = write_badges(Path(tmp), layout, event, guests, codec.encode, progress, cancelled)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if mark and guests:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with transaction(conn):
            conn.executemany("INSERT INTO badge_prints(attendee_id, at, layout, reason, desk) VALUES (?,?,?,?,?)",
                             [(a.id, now, layout.name, reason, desk) for a in guests])
    return BatchResult(out, len(guests), pages, mark and bool(guests))
