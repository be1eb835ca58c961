"""Attendance as CSV: one row per guest with a column per session holding the check-in time
(UTF-8 with BOM so Excel reads the umlauts; ``;`` for German Excel), or the anonymous variant:
counts per session and sector, no personal data, for publication. Values a spreadsheet would
take for a formula get a leading apostrophe."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from typing import TextIO

from kosi_checkin.domain.errors import Cancelled
from kosi_checkin.domain.model import Session
from kosi_checkin.i18n import _
from kosi_checkin.report.attendance import OTHER_SECTOR, Attendance, sector_label
from kosi_checkin.report.cells import csv_safe

TIME_FORMAT = "%Y-%m-%d %H:%M"


def write_guests(out: TextIO, attendance: Attendance, sessions: Sequence[Session], delimiter: str = ",",
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] = lambda: False) -> int:
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([_("Id"), _("Title"), _("First name"), _("Last name"), _("Organisation"), _("Sector"),
                     _("Walk-in"), *[s.id for s in sessions]])
    late = _("marked afterwards")
    total = len(attendance.guests)
    for n, g in enumerate(attendance.guests):
        if n % 1000 == 0:
            if cancelled():
                raise Cancelled(_("Export cancelled; no file was written."))
            if progress is not None:
                progress(n, total)
        present = attendance.presence.of_guest(g.id)
        times = []
        for s in sessions:
            entry = present.get(s.id)
            times.append("" if entry is None else late if entry.is_late
                         else attendance.local(entry.at).strftime(TIME_FORMAT))
        writer.writerow([g.id, *[csv_safe(v) for v in (g.title, g.first_name, g.last_name, g.organisation, g.sector)],
                         "1" if g.walk_in else "0", *times])
    return total


def write_counts(out: TextIO, attendance: Attendance, sessions: Sequence[Session], delimiter: str = ",") -> int:
    """No names, no ids: per session the counts and the present guests per sector."""
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    sectors = [*attendance.event.sector_names, OTHER_SECTOR]
    writer.writerow([_("Session"), _("Title"), _("Registered"), _("Present"), _("No-shows"), _("Walk-ins"),
                     *[sector_label(attendance.event, x) for x in sectors], _("Most in the room at once")])
    for session in sessions:
        s = attendance.stats(session)
        writer.writerow([session.id, csv_safe(session.title), s.registered, s.present, s.no_shows, s.walk_ins,
                         *[s.by_sector.get(x, 0) for x in sectors], s.peak_inside])
    return len(sessions)
