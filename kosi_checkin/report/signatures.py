"""Signature lists ("Teilnehmendenliste") per session, as funders ask for them: before the event
sorted with empty signature fields and blank rows for walk-ins; after it with the check-in marks.
Header with event, session, date, venue and funder line on every page; "Seite 1 von N"; a row is
never split across pages (table rows are atomic in ReportLab)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from kosi_checkin import formats
from kosi_checkin.badges.render import BOLD, REGULAR, register_fonts
from kosi_checkin.domain.errors import Cancelled
from kosi_checkin.domain.model import Session
from kosi_checkin.i18n import _
from kosi_checkin.report.attendance import Attendance, Row

ROW_HEIGHT = 11 * mm  # room to sign
BLANK_ROWS = 10  # for walk-ins, on the list printed before the event
PAGE = landscape(A4)


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types: Canvas is Any
    """Holds the pages back until the end, so each can say "Seite 3 von 7"; between pages it
    reports progress and stops when the user cancels."""

    def __init__(self, *args: Any, cancelled: Callable[[], bool] = lambda: False,
                 progress: Callable[[int], None] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._cancelled, self._progress = cancelled, progress

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        if self._cancelled():
            raise Cancelled(_("Export cancelled; no file was written."))
        self._pages.append(dict(self.__dict__))
        if self._progress is not None:
            self._progress(len(self._pages))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for page in self._pages:
            self.__dict__.update(page)
            self.setFont(REGULAR, 8)
            self.drawRightString(PAGE[0] - 12 * mm, 8 * mm, _("Page {n} of {total}").format(
                n=self._pageNumber, total=total))
            super().showPage()
        super().save()


def _session_line(attendance: Attendance, session: Session) -> str:
    times = ""
    if session.start is not None:
        start = session.start.astimezone(attendance.tz)
        times = formats.time_span(start, session.end.astimezone(attendance.tz) if session.end else None)
    event = attendance.event
    parts = [formats.date(event.date), times, session.room, event.venue]
    return " · ".join(p for p in parts if p)


def write_signature_lists(path: Path, attendance: Attendance, sessions: Sequence[Session], after: bool = False,
                          progress: Callable[[int, int], None] | None = None,
                          cancelled: Callable[[], bool] = lambda: False) -> int:
    """One list per session, each starting on a new page. Returns the number of pages."""
    register_fonts()
    styles = {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=14, leading=17),
        "sub": ParagraphStyle("sub", fontName=REGULAR, fontSize=9.5, leading=12),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=9, leading=10.5),
        "head": ParagraphStyle("head", fontName=BOLD, fontSize=9, leading=10.5),
    }
    event = attendance.event
    current: dict[str, Session] = {}

    def header(canvas: Canvas, _doc: Any) -> None:
        session = current["session"]
        canvas.saveState()
        canvas.setFont(BOLD, 12)
        canvas.drawString(12 * mm, PAGE[1] - 12 * mm, _("List of participants: {session}").format(session=session.title))
        canvas.setFont(REGULAR, 9)
        canvas.drawString(12 * mm, PAGE[1] - 17 * mm, f"{event.name} — {_session_line(attendance, session)}")
        if event.funder:
            canvas.drawString(12 * mm, PAGE[1] - 21.5 * mm, event.funder)
        canvas.setFont(REGULAR, 8)
        status = _("after the event: ✓ = checked in at the door") if after else _("please sign")
        canvas.drawString(12 * mm, 8 * mm, f"{event.organiser} · {status}")
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=PAGE, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=26 * mm,
                          bottomMargin=14 * mm, title=_("Lists of participants"), author="KoSI Check-in")
    story: list[Any] = []
    widths = [10 * mm, 62 * mm, 70 * mm, 34 * mm, 22 * mm, 75 * mm]
    for index, session in enumerate(sessions):
        if cancelled():
            raise Cancelled(_("Export cancelled; no file was written."))
        if index:
            story.append(PageBreak())
        story.append(_SessionMarker(session, current))
        # after the event: who was there (as README and the dialog say), not everyone registered
        rows = [r for r in attendance.rows(session) if (r.entry is not None if after else r.registered)]
        head = [Paragraph(t, styles["head"]) for t in
                ("#", _("Name"), _("Organisation"), _("Sector"), _("Present") if after else "", _("Signature"))]
        data: list[list[Any]] = [head]
        for n, row in enumerate(rows, start=1):
            data.append(_row(n, row, after, attendance, styles["cell"]))
        for n in range(len(rows) + 1, len(rows) + 1 + (0 if after else BLANK_ROWS)):
            data.append([str(n), "", "", "", "", ""])
        table = Table(data, colWidths=widths, rowHeights=[None] + [ROW_HEIGHT] * (len(data) - 1), repeatRows=1)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), REGULAR, 9),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ea")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (4, 1), (4, -1), "CENTER"),
        ]))
        story.append(Paragraph(_("{n} registered").format(n=sum(r.registered for r in rows)), styles["sub"]))
        story.append(Spacer(0, 2 * mm))
        story.append(table)
    pages: list[int] = []

    def count(canvas: Canvas, _doc: Any) -> None:
        header(canvas, _doc)
        pages.append(canvas.getPageNumber())

    # the header is drawn when a page ends: by then the page's session marker has been drawn
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="list")
    doc.addPageTemplates([PageTemplate(id="list", frames=[frame], onPageEnd=count)])
    expected_pages = sum(len(attendance.rows(s)) + BLANK_ROWS for s in sessions) // 13 + len(sessions)

    def page_done(n: int) -> None:
        if progress is not None:
            progress(min(n, expected_pages), expected_pages)

    def canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
        return NumberedCanvas(*args, cancelled=cancelled, progress=page_done, **kwargs)

    tmp = path.with_name(f".{path.name}.part")
    doc.filename = str(tmp)
    try:
        doc.build(story, canvasmaker=canvas)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return len(pages)


def _row(n: int, row: Row, after: bool, attendance: Attendance, style: ParagraphStyle) -> list[Any]:
    g = row.guest
    mark = ""
    if after and row.entry is not None:
        mark = "✓ " + (_("afterwards") if row.entry.is_late else formats.time(attendance.local(row.entry.at)))
        if g.walk_in:
            mark += " " + _("(walk-in)")
    return [str(n), Paragraph(_esc(g.display_name), style), Paragraph(_esc(g.organisation), style),
            Paragraph(_esc(g.sector), style), mark, ""]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _SessionMarker(Spacer):  # type: ignore[misc]  # reportlab ships no types: Spacer is Any
    """A zero-height flowable that tells the page header which session the page belongs to."""

    def __init__(self, session: Session, current: dict[str, Session]) -> None:
        super().__init__(0, 0)
        self.session, self.current = session, current
        current.setdefault("session", session)

    def draw(self) -> None:
        self.current["session"] = self.session
