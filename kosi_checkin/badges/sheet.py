"""Sheets of badges: the layout's grid filled row by row, cut marks, the optional back side
(duplex: the next page, mirrored; fold-over: below the front, upside down) and the printer's
calibration applied to every page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kosi_checkin.badges.calibration import Calibration
from kosi_checkin.badges.layouts import Layout
from kosi_checkin.badges.programme import draw_programme
from kosi_checkin.badges.render import REGULAR, RepeatedText, draw_badge, logo_image, register_fonts
from kosi_checkin.domain.errors import Cancelled, UsageError
from kosi_checkin.domain.model import Attendee, Event
from kosi_checkin.i18n import _


def _cut_marks(canvas: Canvas, layout: Layout, page_height: float) -> None:
    canvas.setStrokeColor(HexColor("#bbbbbb"))
    canvas.setLineWidth(0.3)
    for slot in range(layout.per_page):
        x, y = layout.badge_origin(slot)
        left, top = x * mm, page_height - y * mm
        right, bottom = left + layout.badge[0] * mm, top - layout.slot_height * mm
        for cx, cy in ((left, top), (right, top), (left, bottom), (right, bottom)):
            canvas.line(cx - 3 * mm, cy, cx - 1 * mm, cy)
            canvas.line(cx + 1 * mm, cy, cx + 3 * mm, cy)
            canvas.line(cx, cy - 3 * mm, cx, cy - 1 * mm)
            canvas.line(cx, cy + 1 * mm, cx, cy + 3 * mm)


def _fold_line(canvas: Canvas, layout: Layout, slot: int, page_height: float) -> None:
    x, y = layout.back_origin(slot)
    canvas.saveState()
    canvas.setStrokeColor(HexColor("#bbbbbb"))
    canvas.setLineWidth(0.3)
    canvas.setDash(3, 3)
    canvas.line(x * mm, page_height - y * mm, (x + layout.badge[0]) * mm, page_height - y * mm)
    canvas.restoreState()


class SheetWriter:
    """Badges into one PDF, page by page; ``finish`` writes the file."""

    def __init__(self, path: Path, layout: Layout, event: Event, code_of: Callable[[str], str], *,
                 back: bool = False, calibration: Calibration = Calibration(), logo: bytes | None = None,
                 band_by: str = "category") -> None:
        if back and layout.back == "none":
            raise UsageError(_("The layout {name} has no back side (labels or a roll); choose a layout "
                               "for badge holders or fold-over badges.").format(name=layout.name))
        register_fonts()
        self.layout, self.event, self.code_of = layout, event, code_of
        self.back, self.calibration = back, calibration
        self.logo = logo_image(logo)
        self.band_by = band_by
        self.width, self.height = layout.page[0] * mm, layout.page[1] * mm
        self.canvas = Canvas(str(path), pagesize=(self.width, self.height), pageCompression=1,
                             initialFontName=REGULAR)  # no unembedded Helvetica in the file
        self.canvas.setTitle(f"{event.name} – Namensschilder")
        self.canvas.setCreator("KoSI Check-in")
        self.pages = 0
        self._page_guests: list[Attendee] = []
        self.repeated = RepeatedText(self.canvas)

    def _start_page(self) -> None:
        if self.pages:
            self.canvas.showPage()
        self.pages += 1
        self.calibration.apply(self.canvas, self.height)

    def _flush(self) -> None:
        """Close the front page; for duplex, add the page with the backs."""
        if self.back and self.layout.back == "duplex" and self._page_guests:
            self._start_page()
            for slot, guest in enumerate(self._page_guests):
                x, y = self.layout.back_origin(slot)
                draw_programme(self.canvas, self.event, guest, self.layout.programme_box,
                               x * mm, self.height - y * mm)
        self._page_guests = []

    def add(self, guest: Attendee) -> None:
        slot = len(self._page_guests)
        if slot == 0 or slot == self.layout.per_page:
            self._flush()
            slot = 0
            self._start_page()
            if self.layout.cut_marks:
                # the same on every page: one form, as the text the badges share
                self.repeated.draw(("cut marks",), 0, 0, lambda c: _cut_marks(c, self.layout, self.height))
        self._page_guests.append(guest)
        x, y = self.layout.badge_origin(slot)
        draw_badge(self.canvas, self.layout, self.event, guest, self.code_of(guest.id), x * mm, self.height - y * mm,
                   self.logo, self.band_by, self.repeated)
        if self.layout.back == "fold":
            _fold_line(self.canvas, self.layout, slot, self.height)
            if self.back:
                bx, by = self.layout.back_origin(slot)
                draw_programme(self.canvas, self.event, guest, self.layout.programme_box, bx * mm,
                               self.height - by * mm, upside_down=True, badge_size=self.layout.badge)

    def finish(self) -> int:
        self._flush()
        if not self.pages:
            self._start_page()
        self.canvas.showPage()
        self.canvas.save()
        return self.pages


def page_count(layout: Layout, badges: int, back: bool) -> int:
    """The pages a batch takes: its sheets, twice for a duplex back side (the backs on a page of
    their own after each front; a fold-over layout has both on one sheet)."""
    sheets = -(-badges // layout.per_page)
    return sheets * (2 if back and layout.back == "duplex" else 1)


def write_badges(
    path: Path,
    layout: Layout,
    event: Event,
    guests: Sequence[Attendee],
    code_of: Callable[[str], str],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    *,
    back: bool = False,
    calibration: Calibration = Calibration(),
    logo: bytes | None = None,
    band_by: str = "category",
) -> int:
    """Write the badges of ``guests`` into a PDF at ``path``; returns the number of pages."""
    sheet = SheetWriter(path, layout, event, code_of, back=back, calibration=calibration, logo=logo,
                        band_by=band_by)
    for n, guest in enumerate(guests):
        if cancelled():
            raise Cancelled(_("Badges cancelled; nothing was marked as printed."))
        sheet.add(guest)
        if progress is not None and n % 20 == 0:
            progress(n, len(guests))
    if progress is not None:
        progress(len(guests), len(guests))
    return sheet.finish()
