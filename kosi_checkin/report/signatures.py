"""Signature lists ("Teilnehmendenliste") per session, as funders ask for them: before the event
sorted with empty signature fields and blank rows for walk-ins; after it with the check-in marks.
Header with event, session, date, venue and funder line on every page; "Seite 1 von N"; a row is
never split across pages.

Every row has the same height (room to sign), so the pages are laid out by arithmetic and drawn
straight onto the canvas: no flowables to measure and split, the page count known before the
first page (10,000 rows in about a second instead of ten)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kosi_checkin import formats
from kosi_checkin.badges.render import BOLD, REGULAR, register_fonts
from kosi_checkin.domain.errors import Cancelled
from kosi_checkin.domain.model import Session
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _
from kosi_checkin.report.attendance import Attendance, Row

ROW_HEIGHT = 11 * mm  # room to sign
BLANK_ROWS = 10  # for walk-ins, on the list printed before the event
PAGE = landscape(A4)
LEFT, RIGHT, TOP, BOTTOM = 12 * mm, 12 * mm, 26 * mm, 14 * mm
WIDTHS = (10 * mm, 62 * mm, 70 * mm, 34 * mm, 22 * mm, 75 * mm)
PAD_X, PAD_Y = 6.0, 3.0
CELL_SIZE, CELL_LEADING = 9.0, 10.5
SMALL_SIZE, SMALL_LEADING = 7.5, 8.6  # a cell that needs three lines
COUNT_LINE = 12 + 2 * mm  # "{n} registered" above the table on a session's first page
GRID, HEAD_FILL = HexColor("#777777"), HexColor("#dde4ea")


@dataclass(frozen=True)
class _Page:
    session: Session
    first: bool  # the session's first page: with its count line
    rows: Sequence[tuple[int, Row | None]]  # (number, row); None for a blank row for a walk-in
    registered: int  # of the session's listed guests, for the count line


def _session_line(attendance: Attendance, session: Session) -> str:
    times = ""
    if session.start is not None:
        start = session.start.astimezone(attendance.tz)
        times = formats.time_span(start, session.end.astimezone(attendance.tz) if session.end else None)
    event = attendance.event
    parts = [formats.date(event.date), times, session.room, event.venue]
    return " · ".join(p for p in parts if p)


def _head_texts(after: bool) -> tuple[str, ...]:
    return ("#", _("Name"), _("Organisation"), _("Sector"), _("Present") if after else "", _("Signature"))


def _head_height(after: bool) -> float:
    lines = max(len(simpleSplit(t, BOLD, CELL_SIZE, w - 2 * PAD_X)) or 1 for t, w in zip(_head_texts(after), WIDTHS))
    return lines * CELL_LEADING + 2 * PAD_Y


def _pages(attendance: Attendance, sessions: Sequence[Session], after: bool) -> list[_Page]:
    """Cut every session's rows into pages: a session starts on a new page, each page has the
    table header, the session's first page also its count line."""
    room = PAGE[1] - TOP - BOTTOM - _head_height(after)
    per_page, per_first_page = int(room // ROW_HEIGHT), int((room - COUNT_LINE) // ROW_HEIGHT)
    pages: list[_Page] = []
    for session in sessions:
        # after the event: who was there (as README and the dialog say), not everyone registered
        listed = [r for r in attendance.rows(session) if (r.entry is not None if after else r.registered)]
        registered = sum(r.registered for r in listed)
        rows: list[tuple[int, Row | None]] = list(enumerate(listed, start=1))
        rows += [(n, None) for n in range(len(rows) + 1, len(rows) + 1 + (0 if after else BLANK_ROWS))]
        first, at = True, 0
        while first or at < len(rows):
            take = per_first_page if first else per_page
            pages.append(_Page(session, first, rows[at:at + take], registered))
            at, first = at + take, False
    return pages


def write_signature_lists(path: Path, attendance: Attendance, sessions: Sequence[Session], after: bool = False,
                          progress: Callable[[int, int], None] | None = None,
                          cancelled: Callable[[], bool] = lambda: False) -> int:
    """One list per session, each starting on a new page, written atomically. Returns the
    number of pages."""
    register_fonts()
    pages = _pages(attendance, sessions, after)
    tmp = path.with_name(f".{path.name}.part")
    canvas = Canvas(str(tmp), pagesize=PAGE, initialFontName=REGULAR)  # no unembedded Helvetica
    canvas.setTitle(_("Lists of participants"))
    canvas.setAuthor("KoSI Check-in")
    drawing = _Drawing(canvas, attendance, after, len(pages))
    try:
        for number, page in enumerate(pages, start=1):
            if cancelled():
                raise Cancelled(_("Export cancelled; no file was written."))
            drawing.page(number, page)
            canvas.showPage()
            if progress is not None:
                progress(number, len(pages))
        canvas.save()
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return len(pages)


class _Drawing:
    """Draws one page after the other on ``canvas``."""

    def __init__(self, canvas: Canvas, attendance: Attendance, after: bool, total: int) -> None:
        self.c, self.a, self.after, self.total = canvas, attendance, after, total
        self.event = attendance.event
        self.head = _head_texts(after)
        self.head_height = _head_height(after)
        self.status = _("after the event: ✓ = checked in at the door") if after else _("please sign")
        self.x = [LEFT]
        for width in WIDTHS:
            self.x.append(self.x[-1] + width)
        self.fits: dict[tuple[str, int], tuple[float, float, list[str]]] = {}

    def page(self, number: int, page: _Page) -> None:
        c, event, session = self.c, self.event, page.session
        c.setFont(BOLD, 12)
        c.drawString(LEFT, PAGE[1] - 12 * mm, _("List of participants: {session}").format(session=session.title))
        c.setFont(REGULAR, 9)
        c.drawString(LEFT, PAGE[1] - 17 * mm, f"{event.name} — {_session_line(self.a, session)}")
        if event.funder:
            c.drawString(LEFT, PAGE[1] - 21.5 * mm, event.funder)
        c.setFont(REGULAR, 8)
        c.drawString(LEFT, 8 * mm, f"{event.organiser} · {self.status}")
        c.drawRightString(PAGE[0] - RIGHT, 8 * mm, _("Page {n} of {total}").format(n=number, total=self.total))
        top = PAGE[1] - TOP
        if page.first:
            c.setFont(REGULAR, 9.5)
            c.drawString(LEFT, top - 9.5, _("{n} registered").format(n=page.registered))
            top -= COUNT_LINE
        self._table(top, page.rows)

    def _table(self, top: float, rows: Sequence[tuple[int, Row | None]]) -> None:
        c, x = self.c, self.x
        bottom = top - self.head_height - ROW_HEIGHT * len(rows)
        c.setFillColor(HEAD_FILL)
        c.rect(x[0], top - self.head_height, x[-1] - x[0], self.head_height, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        for column, text in enumerate(self.head):
            self._cell(column, text, top, self.head_height, BOLD)
        y = top - self.head_height
        for number, row in rows:
            for column, text in enumerate(self._texts(number, row)):
                if text:
                    self._cell(column, text, y, ROW_HEIGHT, REGULAR)
            y -= ROW_HEIGHT
        c.setStrokeColor(GRID)
        c.setLineWidth(0.4)
        path = c.beginPath()
        for edge in x:
            path.moveTo(edge, top)
            path.lineTo(edge, bottom)
        for line in (top, top - self.head_height, *(top - self.head_height - ROW_HEIGHT * n
                                                    for n in range(1, len(rows) + 1))):
            path.moveTo(x[0], line)
            path.lineTo(x[-1], line)
        c.drawPath(path, stroke=1, fill=0)

    def _texts(self, number: int, row: Row | None) -> tuple[str, ...]:
        if row is None:
            return (str(number), "", "", "", "", "")
        g = row.guest
        mark = ""
        if self.after and row.entry is not None:
            mark = "✓ " + (_("afterwards") if row.late else formats.time(self.a.local(row.entry.at)))
            if g.walk_in:
                mark += " " + _("(walk-in)")
        return (str(number), g.display_name, g.organisation, g.sector, mark, "")

    def _cell(self, column: int, text: str, top: float, height: float, font: str) -> None:
        """``text`` wrapped into the cell (9 pt, up to two lines; 7.5 pt for three; cut with …
        beyond), centred vertically; the "present" column centred across."""
        size, leading, lines = self._fit(text, column, font)
        c = self.c
        c.setFont(font, size)
        y = top - (height - len(lines) * leading) / 2 - size
        for line in lines:
            if column == 4:
                c.drawCentredString((self.x[4] + self.x[5]) / 2, y, line)
            else:
                c.drawString(self.x[column] + PAD_X, y, line)
            y -= leading

    def _fit(self, text: str, column: int, font: str) -> tuple[float, float, list[str]]:
        key = (text, column)
        found = self.fits.get(key)
        if found is None:
            width = WIDTHS[column] - 2 * PAD_X
            lines = simpleSplit(text, font, CELL_SIZE, width)
            if len(lines) <= 2:
                found = (CELL_SIZE, CELL_LEADING, lines)
            else:
                lines = simpleSplit(text, font, SMALL_SIZE, width)
                if len(lines) > 3:
                    lines = [*lines[:2], _cut(" ".join(lines[2:]), font, SMALL_SIZE, width)]
                found = (SMALL_SIZE, SMALL_LEADING, lines)
            if len(self.fits) < 50_000:  # organisations and sectors repeat; names mostly do not
                self.fits[key] = found
        return found


def _cut(text: str, font: str, size: float, width: float) -> str:
    """The start of ``text`` that fits ``width`` with an ellipsis."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
