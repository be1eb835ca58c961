"""Issue certificates of attendance: who gets one (every guest present, those present in one
session, or chosen guests if they were there), the PDF written whole or not at all (one file,
or one file per guest with safe, unique names), and an audit entry per certificate."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from kosi_checkin.domain.errors import UnknownAttendee, UsageError
from kosi_checkin.domain.model import Event
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _, language
from kosi_checkin.report.attendance import Attendance
from kosi_checkin.report.certificates import Attended, Certificate, Look, write_certificates
from kosi_checkin.services.certificate_settings import closing_text, signature
from kosi_checkin.services.event_logo import event_logo
from kosi_checkin.services.export import chosen_sessions
from kosi_checkin.services.output_files import check_writable, writing
from kosi_checkin.storage.db import transaction
from kosi_checkin.trust.audit import CERTIFICATE, AuditLog
from kosi_checkin.trust.erase import purged_at

_UNSAFE = re.compile(r"[^\w.-]+")  # \w keeps letters of every script (ä, ł, ş); the rest becomes "-"
MAX_PART = 60


@dataclass(frozen=True)
class Issued:
    certificates: int
    files: tuple[Path, ...]
    purged: bool = False  # the event's personal data were purged: nobody can be certified


def select(attendance: Attendance, session_id: str | None = None,
           attendee_ids: Sequence[str] = ()) -> list[Certificate]:
    """A certificate for each guest present (in ``session_id``, if given; among
    ``attendee_ids``, if given), listing the sessions they attended in programme order (only
    ``session_id`` when given). Unknown ids raise; known guests who were absent get none."""
    event = attendance.event
    sessions = chosen_sessions(event, session_id)
    unknown = [i for i in attendee_ids if i not in attendance.by_id]
    if unknown:
        raise UnknownAttendee.of(*unknown)
    wanted = set(attendee_ids)
    chosen = []
    for guest in attendance.guests:
        if wanted and guest.id not in wanted:
            continue
        present = attendance.presence.of_guest(guest.id)
        attended = tuple(Attended(s, present[s.id].is_late) for s in sessions if s.id in present)
        if attended:
            chosen.append(Certificate(guest, attended))
    return chosen


def file_names(certificates: Sequence[Certificate]) -> list[str]:
    """"Teilnahmebescheinigung_Nachname_Vorname.pdf" per certificate: only letters, digits, "-"
    and "." (nothing a file system or a mail program trips over), unique even where two guests
    share a name or differ only in case (Windows and macOS file names ignore case)."""
    stem = _safe(_("Certificate_of_attendance"), "certificate")
    taken: set[str] = set()
    names = []
    for certificate in certificates:
        guest = certificate.guest
        parts = [p for p in (_safe(guest.last_name, ""), _safe(guest.first_name, "")) if p]
        base = "_".join([stem, *(parts or [_safe(guest.id, "guest")])])
        name, n = f"{base}.pdf", 2
        while name.lower() in taken:
            name, n = f"{base}_{n}.pdf", n + 1
        taken.add(name.lower())
        names.append(name)
    return names


def _safe(text: str, fallback: str) -> str:
    text = unicodedata.normalize("NFC", text)
    cleaned = _UNSAFE.sub("-", text).strip("-._")[:MAX_PART].strip("-._")
    return re.sub(r"-{2,}", "-", cleaned) or fallback


def issue(conn: sqlite3.Connection, event: Event, out: Path | None = None, *, split: Path | None = None,
          session_id: str | None = None, attendee_ids: Sequence[str] = (),
          progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] = lambda: False,
          who: str = "", issued: dt.date | None = None) -> Issued:
    """Write the certificates into the folder ``split`` (one PDF each; made if only it is missing)
    or else to ``out`` (one PDF); nothing is written when nobody qualifies. Every certificate
    written is in the audit log."""
    if split is not None:
        out = None
        check_writable(split if split.exists() else split.parent)  # made below, once there is something for it
    elif out is not None:
        check_writable(out.parent)
    else:
        raise UsageError(_("Give either an output file or a folder for one file per guest."))
    if purged_at(conn):
        chosen_sessions(event, session_id)  # an unknown session is still a mistake
        return Issued(0, (), purged=True)
    certificates = select(Attendance.load(conn, event), session_id, attendee_ids)
    if not certificates:
        return Issued(0, ())
    look = look_of(conn, event, issued)
    if split is not None:
        files = _write_split(split, certificates, look, progress, cancelled)
    else:
        assert out is not None  # checked above
        files = _write_one(out, certificates, look, progress, cancelled)
    log = AuditLog(conn)
    with transaction(conn):
        for certificate in certificates:
            log.add(CERTIFICATE, f"{certificate.guest.id} {session_id or 'all sessions'}", who)
    return Issued(len(certificates), files)


def look_of(conn: sqlite3.Connection, event: Event, issued: dt.date | None = None) -> Look:
    """What every page shares, in the UI's language; issued today (in the event's time zone)."""
    day = issued or dt.datetime.now(ZoneInfo(event.timezone)).date()
    return Look(event, closing_text(event, language()), day, event_logo(conn), signature(conn))


def _write_one(out: Path, certificates: Sequence[Certificate], look: Look,
               progress: Callable[[int, int], None] | None, cancelled: Callable[[], bool]) -> tuple[Path, ...]:
    tmp = out.with_name(f".{out.name}.part")
    try:
        with writing(out):
            write_certificates(tmp, certificates, look, progress, cancelled)
            tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return (out,)


def _write_split(folder: Path, certificates: Sequence[Certificate], look: Look,
                 progress: Callable[[int, int], None] | None, cancelled: Callable[[], bool]) -> tuple[Path, ...]:
    """All files are made in a hidden folder beside them, then moved in: a cancel or a failure
    leaves the folder as it was."""
    names = file_names(certificates)
    with writing(folder):
        folder.mkdir(exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".certificates-", dir=folder))
        try:
            for n, (certificate, name) in enumerate(zip(certificates, names)):
                write_certificates(work / name, [certificate], look, progress, cancelled, done=n, total=len(names))
            for name in names:
                os.replace(work / name, folder / name)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return tuple(folder / name for name in names)
