"""The attendance workbook for the funder's report: "Übersicht" (counts per session and sector,
totals, arrivals per 10 minutes with a native Excel chart), one sheet per session (who was
registered or present, with the check-in time as a real date-time in the event's time zone),
and "Alle" (every guest × every session). Finished to hand on: bold frozen header, filter,
column widths, landscape print fitted to the width with the header repeated, document
properties. The anonymous variant has the counts only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kosi_checkin import formats
from kosi_checkin.domain.model import JournalEntry, Session, SessionId
from kosi_checkin.i18n import _
from kosi_checkin.report.attendance import OTHER_SECTOR, Attendance, Row, sector_label
from kosi_checkin.report.cells import looks_like_formula
from kosi_checkin.report.xlsx_rows import SheetRows, Value, fill_rows

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EA")
TITLE_FONT = Font(bold=True, size=14)


def _put(ws: Worksheet, row: int, column: int, value: Value, *, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"  # text, never a formula
    if isinstance(value, dt.datetime):
        cell.number_format = formats.excel_date_time_format()
    if bold:
        cell.font = BOLD


def _header(ws: Worksheet, row: int, headers: Sequence[str], widths: Sequence[float]) -> None:
    ws.row_dimensions[row].height = 32  # two lines of wrapped header text
    for column, (text, width) in enumerate(zip(headers, widths), start=1):
        _put(ws, row, column, text, bold=True)
        ws.cell(row=row, column=column).fill = HEADER_FILL
        ws.cell(row=row, column=column).alignment = Alignment(wrap_text=True, vertical="top")
        # wide enough for the header's longest word in bold: wrapped between words, never inside one
        longest = max((len(word) for word in text.split()), default=0)
        ws.column_dimensions[get_column_letter(column)].width = max(width, round(longest * 1.2 + 2))


def _print_setup(ws: Worksheet, title_rows: str = "1:1", title: str = "", event: str = "") -> None:
    """Landscape A4, one page wide, the header row on every page, and each printed page headed
    with the sheet's title (a session's full title) and the event, numbered in its footer."""
    ws.oddHeader.left.text = event.replace("&", "&&")
    ws.oddHeader.center.text = (title or ws.title).replace("&", "&&")
    ws.oddHeader.center.font = "Calibri,Bold"
    ws.oddFooter.right.text = _("Page &P of &N")
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows


def _sheet_title(session: Session, taken: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    short = session.short_title or session.id  # "Arbeitsforum A: Kooperation …" → "Arbeitsforum A"
    base = "".join(c for c in short if c not in "[]:*?/\\")[:31].strip() or session.id[:31]
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def remark(row: Row) -> str:
    entry = row.entry
    if entry is None:
        return ""
    unregistered = not row.registered and not row.guest.walk_in
    if not (row.late or unregistered):  # the common case: a registered guest at the door
        return ""
    parts = []
    if row.late:
        parts.append(_("marked present afterwards by {who} on {when}").format(
            who=entry.desk, when=formats.date_time(entry.at)))
    if unregistered:
        parts.append(_("admitted without registration"))
    return "; ".join(parts)


class WorkbookWriter:
    def __init__(self, attendance: Attendance, sessions: Sequence[Session], anonymous: bool = False) -> None:
        self.a = attendance
        self.sessions = list(sessions)
        self.anonymous = anonymous
        self.wb = Workbook()
        self.fast: list[SheetRows] = []
        self.date_time_style = 0
        self.yes, self.no = _("yes"), _("no")

    # -- Übersicht ------------------------------------------------------------------------------
    def overview(self) -> None:
        ws = self.wb.active
        ws.title = _("Overview")
        event = self.a.event
        _put(ws, 1, 1, event.name)
        ws.cell(row=1, column=1).font = TITLE_FONT
        _put(ws, 2, 1, event.subtitle)
        _put(ws, 3, 1, _("Date:"), bold=True)
        _put(ws, 3, 2, dt.datetime.combine(event.date, dt.time()))
        ws.cell(row=3, column=2).number_format = formats.excel_date_format()
        _put(ws, 4, 1, _("Venue:"), bold=True)
        _put(ws, 4, 2, event.venue)
        _put(ws, 5, 1, _("Exported:"), bold=True)
        _put(ws, 5, 2, self.a.generated.replace(tzinfo=None))
        self.date_time_style = int(ws.cell(row=5, column=2).style_id)  # the style the big sheets' dates use
        _put(ws, 6, 1, event.funder)
        sectors = [*event.sector_names, OTHER_SECTOR]
        headers = [_("Session"), _("Start"), _("Registered"), _("Present"), _("No-shows"), _("Walk-ins"),
                   _("Admitted without registration"), _("Marked present afterwards"),
                   *[_("Present: {sector}").format(sector=sector_label(event, s)) for s in sectors], _("Most in the room at once")]
        top = 8
        _header(ws, top, headers, [44, 17, 12, 12, 12, 12, 16, 16, *[16] * len(sectors), 16])
        totals = [0] * (6 + len(sectors))
        row = top
        for stats in (self.a.stats(s) for s in self.sessions):
            row += 1
            values: list[Value] = [stats.session.title, self.a.local(stats.session.start) if stats.session.start else None]
            numbers = [stats.registered, stats.present, stats.no_shows, stats.walk_ins, stats.forced, stats.late,
                       *[stats.by_sector.get(s, 0) for s in sectors]]
            totals = [t + n for t, n in zip(totals, numbers)]  # a peak has no total
            for column, value in enumerate([*values, *numbers, stats.peak_inside], start=1):
                _put(ws, row, column, value)
            ws.cell(row=row, column=2).number_format = "HH:MM"
            ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")  # the whole title
        row += 1
        _put(ws, row, 1, _("Total (check-ins over all sessions)"), bold=True)
        for column, value in enumerate(totals, start=3):
            _put(ws, row, column, value, bold=True)
        ws.freeze_panes = ws.cell(row=top + 1, column=2)
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{row - 1}"
        self._arrivals(ws, row + 3)
        _print_setup(ws, f"{top}:{top}", event=event.name)

    def _arrivals(self, ws: Worksheet, top: int) -> None:
        arrivals = self.a.arrivals()
        _put(ws, top - 1, 1, _("Arrivals per 10 minutes"), bold=True)
        _put(ws, top, 1, _("Time"), bold=True)
        _put(ws, top, 2, _("Arrivals"), bold=True)
        for n, (moment, count) in enumerate(arrivals, start=1):
            _put(ws, top + n, 1, formats.time(moment))
            _put(ws, top + n, 2, count)
        if not arrivals:
            return
        chart = BarChart()
        chart.type = "col"
        chart.title = _("Arrivals per 10 minutes")
        chart.y_axis.title = _("Guests")
        chart.x_axis.title = _("Time")
        chart.legend = None
        data = Reference(ws, min_col=2, min_row=top, max_row=top + len(arrivals))
        labels = Reference(ws, min_col=1, min_row=top + 1, max_row=top + len(arrivals))
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(labels)
        chart.width, chart.height = 24, 9
        ws.add_chart(chart, f"D{top}")

    # -- a sheet per session, and Alle ------------------------------------------------------------
    def session_sheet(self, session: Session, taken: set[str]) -> None:
        ws = self.wb.create_sheet(_sheet_title(session, taken))
        headers = [_("Title"), _("First name"), _("Last name"), _("Organisation"), _("Sector"), _("Registered"),
                   _("Check-in"), _("Desk"), _("Walk-in"), _("Remark")]
        _header(ws, 1, headers, [10, 16, 20, 34, 18, 12, 17, 14, 10, 40])
        rows = self.a.rows(session)
        self._finish_list(ws, len(headers), len(rows), session.title)
        self.fast.append(SheetRows(len(self.wb.worksheets) - 1, 2, self._session_rows(rows), self.date_time_style,
                                   len(rows)))

    def _session_rows(self, rows: list[Row]) -> Iterator[list[Value]]:
        yes, no, local = self.yes, self.no, self.a.local
        for row in rows:
            g, entry = row.guest, row.entry
            # the time and desk of a check-in at the door (one marked afterwards tells them in its remark)
            at, desk = (local(entry.at), entry.desk) if entry is not None and not row.late else (None, "")
            yield [g.title, g.first_name, g.last_name, g.organisation, g.sector, yes if row.registered else no,
                   at, desk, yes if g.walk_in else no, remark(row)]

    def everyone(self) -> None:
        ws = self.wb.create_sheet(_("All"))
        headers = [_("Title"), _("First name"), _("Last name"), _("Organisation"), _("Sector"), _("Walk-in"),
                   *[s.title for s in self.sessions], _("Certificate of attendance")]
        _header(ws, 1, headers, [10, 16, 20, 34, 18, 10, *[18] * len(self.sessions), 16])
        self._finish_list(ws, len(headers), len(self.a.guests))
        self.fast.append(SheetRows(len(self.wb.worksheets) - 1, 2, self._everyone_rows(), 0, len(self.a.guests)))

    def _everyone_rows(self) -> Iterator[list[Value]]:
        words = {(True, True): _("registered, present"), (True, False): _("registered"),
                 (False, True): _("present"), (False, False): ""}
        certified, by_guest = self.a.certified, self.a.presence.by_guest()
        nowhere: dict[SessionId, JournalEntry] = {}
        ids, afterwards = [s.id for s in self.sessions], " " + _("(marked afterwards)")
        for g in self.a.guests:
            present = by_guest.get(g.id, nowhere)
            registered = self.a.registered_sessions(g)
            marks = []
            for sid in ids:
                entry = present.get(sid)
                text = words[(sid in registered, entry is not None)]
                if entry is not None and entry.is_late:
                    text += afterwards
                marks.append(text)
            yield [g.title, g.first_name, g.last_name, g.organisation, g.sector, self.yes if g.walk_in else self.no,
                   *marks, self.yes if g.id in certified else ""]

    def _finish_list(self, ws: Worksheet, columns: int, rows: int, title: str = "") -> None:
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"
        _print_setup(ws, title=title, event=self.a.event.name)

    # -- the file -------------------------------------------------------------------------------
    def properties(self) -> None:
        props = self.wb.properties
        props.title = _("Attendance: {event}").format(event=self.a.event.name)
        props.subject = self.a.event.subtitle or self.a.event.name
        props.creator = "KoSI Check-in"
        props.description = self.a.event.funder
        props.keywords = _("attendance, report")
        props.created = props.modified = self.a.generated.astimezone(dt.timezone.utc).replace(tzinfo=None)

    def save(self, path: Path, progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] = lambda: False) -> None:
        self.overview()
        if not self.anonymous:
            taken = {self.wb.active.title.lower(), _("All").lower()}
            for session in self.sessions:
                self.session_sheet(session, taken)
            self.everyone()
        self.properties()
        self.wb.save(path)
        if self.fast:
            fill_rows(path, self.fast, progress, cancelled)
