"""Export attendance to a file: Excel or CSV by the file's suffix, personal or anonymous, all
sessions or one. Written to a temporary file and renamed: never half a file under the name."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from kosi_checkin.bulk import gc_paused
from kosi_checkin.domain.errors import UsageError
from kosi_checkin.domain.model import Event, Session
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _
from kosi_checkin.report.attendance import Attendance
from kosi_checkin.report.csv_export import write_counts, write_guests
from kosi_checkin.report.signatures import write_signature_lists
from kosi_checkin.report.xlsx_export import WorkbookWriter
from kosi_checkin.services.output_files import check_writable, writing
from kosi_checkin.trust.audit import EXPORT, AuditLog

FORMATS = (".xlsx", ".csv")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    sessions: int
    guests: int
    anonymous: bool


def chosen_sessions(event: Event, session_id: str | None) -> list[Session]:
    if not session_id:
        return list(event.sessions)
    session = event.session(session_id)
    if session is None:
        raise UsageError(_("There is no session {id!r}; the sessions are: {ids}.").format(
            id=session_id, ids=", ".join(event.session_ids)))
    return [session]


def signature_lists(conn: sqlite3.Connection, event: Event, out: Path, *, session_id: str | None = None,
                    after: bool = False, progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] = lambda: False, who: str = "") -> int:
    """The signature lists as a PDF (written whole or not at all); returns the page count."""
    out = Path(out)
    check_writable(out.parent)
    sessions = chosen_sessions(event, session_id)
    with writing(out):
        pages = write_signature_lists(out, Attendance.load(conn, event), sessions, after, progress, cancelled)
    AuditLog(conn).record(EXPORT, f"signature lists, {'after' if after else 'before'}, {session_id or 'all sessions'}",
                          who)
    return pages


def export_attendance(conn: sqlite3.Connection, event: Event, out: Path, *, anonymous: bool = False,
                      session_id: str | None = None, delimiter: str = ",",
                      progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] = lambda: False, who: str = "") -> ExportResult:
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(_("Export to a file ending in .xlsx or .csv (not {name})").format(name=out.name))
    if len(delimiter) != 1:
        raise UsageError(_("The delimiter must be one character, e.g. ';'."))
    sessions = chosen_sessions(event, session_id)
    check_writable(out.parent)
    with gc_paused(), writing(out):  # gc: the guests, the journal and the rows made of them all stay alive to the end
        attendance = Attendance.load(conn, event)
        _write(out, attendance, sessions, anonymous, delimiter, progress, cancelled)
    AuditLog(conn).record(EXPORT, f"{suffix[1:]}, {'anonymous' if anonymous else 'personal'}, "
                                  f"{session_id or 'all sessions'}", who)
    return ExportResult(out, suffix[1:], len(sessions), 0 if anonymous else len(attendance.guests), anonymous)


def _write(out: Path, attendance: Attendance, sessions: list[Session], anonymous: bool, delimiter: str,
           progress: Callable[[int, int], None] | None, cancelled: Callable[[], bool]) -> None:
    """The export into a temporary file beside ``out``, then renamed to it: whole or not at all."""
    suffix = out.suffix.lower()
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".export-", suffix=suffix)
    os.close(fd)
    try:
        if suffix == ".xlsx":
            WorkbookWriter(attendance, sessions, anonymous).save(Path(tmp), progress, cancelled)
        else:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
                if anonymous:
                    write_counts(handle, attendance, sessions, delimiter)
                else:
                    write_guests(handle, attendance, sessions, delimiter, progress, cancelled)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
