"""The front of a badge drawn with ReportLab: the guest's name large, organisation, category band,
event line and the vector QR code of the badge code; the font (DejaVu Sans, shipped) is embedded."""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kosi_checkin import formats
from kosi_checkin.badges.layouts import BAND_BY, Box, Layout  # noqa: F401 (BAND_BY: re-exported)
from kosi_checkin.badges.qr_path import draw_qr
from kosi_checkin.badges.text_fit import LEADING, fit
from kosi_checkin.domain.model import DEFAULT_CATEGORY, Attendee, Event
from kosi_checkin.paths import resource_path

REGULAR, BOLD = "KosiSans", "KosiSans-Bold"
CATEGORY_COLOURS = {
    "Teilnehmende": "#37474f",
    "Referent*in": "#c25e00",
    "Podium": "#b3261e",
    "Team": "#1b6e34",
    "Presse": "#5e35b1",
}
OTHER_COLOUR = "#00695c"
# with the band by sector: the four sectors of the funder's report, other sectors grey
SECTOR_COLOURS = {
    "Verwaltung": "#1565c0",
    "Wissenschaft": "#6a1b9a",
    "Unternehmen": "#ad4f00",
    "Zivilgesellschaft": "#2e7d32",
}
SECTOR_OTHER = "#546e7a"


def band_of(guest: Attendee, band_by: str = "category") -> tuple[str, str]:
    """The band's word and colour. By sector, speakers, panel, team and press keep their
    category (that matters more at the door); everyone else shows their sector."""
    special = guest.category != DEFAULT_CATEGORY and guest.category in CATEGORY_COLOURS
    if band_by == "sector" and guest.sector and not special:
        return guest.sector, SECTOR_COLOURS.get(guest.sector, SECTOR_OTHER)
    return guest.category, CATEGORY_COLOURS.get(guest.category, OTHER_COLOUR)


def register_fonts() -> None:
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(resource_path("fonts", "DejaVuSans.ttf"))))
        pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))


def name_lines(guest: Attendee) -> list[str]:
    first = " ".join(p for p in (guest.title, guest.first_name) if p)
    return [line for line in (first, guest.last_name) if line]


def _text(canvas: Canvas, lines: list[str], font: str, box: Box, left: float, top: float) -> None:
    fitted = fit(lines, font, box.width * mm, box.height * mm, box.max_size, box.min_size)
    canvas.setFont(font, fitted.size)
    y = top - box.y * mm - fitted.size
    for line in fitted.lines:
        canvas.drawString(left + box.x * mm, y, line)
        y -= fitted.size * LEADING


def logo_image(data: bytes | None) -> ImageReader | None:
    """The event's logo, read once per sheet (ReportLab then embeds it once for all badges)."""
    return ImageReader(io.BytesIO(data)) if data else None


def draw_badge(canvas: Canvas, layout: Layout, event: Event, guest: Attendee, code: str, left: float, top: float,
               logo: ImageReader | None = None, band_by: str = "category") -> None:
    """One badge with its top-left corner at (left, top) in points (PDF coordinates)."""
    width, height = layout.badge[0] * mm, layout.badge[1] * mm
    bottom = top - height
    if layout.band_height:
        word, colour = band_of(guest, band_by)
        band, inset = layout.band_height * mm, layout.band_inset * mm
        canvas.setFillColor(HexColor(colour))
        canvas.rect(left + inset, bottom + inset, width - 2 * inset, band, stroke=0, fill=1)
        canvas.setFillColor(HexColor("#ffffff"))
        size = min(band * 0.55, 14)
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(left + width / 2, bottom + inset + (band - size * 0.72) / 2, word)
    canvas.setFillColor(HexColor("#000000"))
    _text(canvas, name_lines(guest), BOLD, layout.name_box, left, top)
    if guest.organisation:
        _text(canvas, [guest.organisation], REGULAR, layout.organisation_box, left, top)
    venue = event.venue.split(",")[0]
    _text(canvas, [f"{event.name} · {formats.date(event.date)} · {venue}"], REGULAR, layout.event_box, left, top)
    if logo is not None and layout.logo_box is not None:
        box = layout.logo_box
        canvas.drawImage(logo, left + box.x * mm, top - (box.y + box.height) * mm, box.width * mm, box.height * mm,
                         preserveAspectRatio=True, anchor="nw", mask="auto")
    qx, qy, qsize = layout.qr
    draw_qr(canvas, code, left + qx * mm, top - (qy + qsize) * mm, qsize * mm)
