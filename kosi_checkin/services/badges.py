"""Badge batches: which guests (all, some, not yet printed, changed since their last print), in
which order, into a PDF or straight to a printer; the guests of a batch that was written or sent
are marked as printed (reprints counted, their reason kept, what the badge showed remembered)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from kosi_checkin.badges import qr_path
from kosi_checkin.badges.calibration import Calibration
from kosi_checkin.badges.layouts import Layout
from kosi_checkin.badges.sheet import write_badges
from kosi_checkin.domain.errors import UnknownAttendee
from kosi_checkin.domain.folding import fold
from kosi_checkin.domain.model import Attendee, Event, list_order
from kosi_checkin.domain.values import dataclass, field
from kosi_checkin.i18n import _
from kosi_checkin.places import cache_dir
from kosi_checkin.printing import cups
from kosi_checkin.services.badge_codes import codec_of
from kosi_checkin.services.event_logo import event_logo
from kosi_checkin.services.output_files import check_writable, writing
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.qr_cache import QrPathCache
from kosi_checkin.storage.repositories import (
    AttendeeRepository,
    BadgePrint,
    BadgePrintRepository,
    utc_now_iso,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BatchOptions:
    layout: Layout
    back: bool = False  # the personal programme on the back (duplex or fold-over)
    calibration: Calibration = field(default_factory=Calibration)
    mark: bool = True  # record the guests as printed (False: a preview)
    reason: str = ""  # why a badge is printed again (lost, typo fixed), kept in the log
    desk: str = ""
    band_by: str = "category"  # the coloured band: the guest's category, or their sector


@dataclass(frozen=True)
class BatchResult:
    badges: int
    pages: int
    marked: bool
    path: Path | None = None  # the PDF written
    printer: str = ""
    job: str = ""  # the printing system's job id


def fingerprint(guest: Attendee, back: bool) -> str:
    """What a badge shows, hashed: a later edit of any of it makes the badge "changed"."""
    parts = [guest.title, guest.first_name, guest.last_name, guest.organisation, guest.category]
    if back:
        parts.append(",".join(sorted(guest.sessions)))
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{'b' if back else 'f'}:{digest}"


def changed_since_print(guest: Attendee, last: BadgePrint) -> bool:
    back = last.fingerprint.startswith("b:")
    return last.fingerprint != fingerprint(guest, back)


def select_guests(conn: sqlite3.Connection, ids: Sequence[str] = (), unprinted: bool = False,
                  order: str = "name", changed: bool = False) -> list[Attendee]:
    """All guests, or those with ``ids``; ``unprinted`` keeps those never printed, ``changed``
    those whose badge shows something else now than when it was last printed (with both: either)."""
    guests = AttendeeRepository(conn).all()
    if ids:
        by_id: dict[str, Attendee] = {a.id: a for a in guests}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise UnknownAttendee.of(*missing)
        guests = [by_id[i] for i in dict.fromkeys(ids)]
    if unprinted or changed:
        last = BadgePrintRepository(conn).last_prints()
        guests = [a for a in guests
                  if (unprinted and a.id not in last) or (changed and a.id in last and changed_since_print(a, last[a.id]))]
    if order == "organisation":
        guests.sort(key=lambda a: (fold(a.organisation), a.sort_key, a.id))
    else:
        guests.sort(key=list_order)
    return guests


def _render(conn: sqlite3.Connection, event: Event, guests: Sequence[Attendee], options: BatchOptions,
            directory: Path | None, progress: Progress | None, cancelled: Callable[[], bool]) -> tuple[Path, int]:
    """The PDF in a temporary file (removed again if anything fails or the user cancels)."""
    codec = codec_of(conn)
    cache = QrPathCache(cache_dir() / "qr-paths.sqlite")
    qr_path.seed(cache.get_many(codec.encode(g.id) for g in guests))  # made in an earlier run
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".badges-", suffix=".pdf")
    os.close(fd)
    try:
        pages = write_badges(Path(tmp), options.layout, event, guests, codec.encode, progress, cancelled,
                             back=options.back, calibration=options.calibration, logo=event_logo(conn),
                             band_by=options.band_by)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    cache.put_many(qr_path.fresh())
    return Path(tmp), pages


def mark_printed(conn: sqlite3.Connection, guests: Sequence[Attendee], options: BatchOptions,
          printer: str = "", job: str = "") -> bool:
    if not (options.mark and guests):
        return False
    now = utc_now_iso()
    with transaction(conn):
        BadgePrintRepository(conn).record([
            BadgePrint(a.id, now, options.layout.name, options.reason, options.desk,
                       fingerprint(a, options.back), printer, job) for a in guests])
    return True


def make_batch(conn: sqlite3.Connection, event: Event, guests: Sequence[Attendee], options: BatchOptions, out: Path,
               progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False) -> BatchResult:
    """Write the PDF (to a temporary file first, then renamed: never half a PDF under ``out``),
    then record every guest of it as printed."""
    out = Path(out)
    check_writable(out.parent)
    with writing(out):
        tmp, pages = _render(conn, event, guests, options, out.parent, progress, cancelled)
        try:
            os.replace(tmp, out)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    marked = mark_printed(conn, guests, options)
    return BatchResult(len(guests), pages, marked, path=out)


def print_options(options: BatchOptions) -> dict[str, str]:
    """CUPS job options: the page size is in the PDF; duplex backs need long-edge binding."""
    result = {"print-scaling": "none"}
    if options.back and options.layout.back == "duplex":
        result["sides"] = "two-sided-long-edge"
    return result


def print_batch(conn: sqlite3.Connection, event: Event, guests: Sequence[Attendee], options: BatchOptions,
                printer: str, progress: Progress | None = None,
                cancelled: Callable[[], bool] = lambda: False, title: str = "") -> BatchResult:
    """Send the badges to ``printer`` through CUPS as a vector PDF and record them as printed
    once the printing system has taken the job. No guests, no job (not even an empty page)."""
    if not guests:
        return BatchResult(0, 0, False, printer=printer)
    tmp, pages = _render(conn, event, guests, options, None, progress, cancelled)
    try:
        job = cups.send(tmp, printer, title=title or _("Badges"), options=print_options(options))
    finally:
        tmp.unlink(missing_ok=True)
    marked = mark_printed(conn, guests, options, printer, job)
    return BatchResult(len(guests), pages, marked, printer=printer, job=job)
