"""The front of a badge drawn with ReportLab: the guest's name large, organisation, category band,
event line and the vector QR code of the badge code; the font (DejaVu Sans, shipped) is embedded."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import lru_cache

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kosi_checkin import formats
from kosi_checkin.badges.layouts import BAND_BY, Box, Layout  # noqa: F401 (BAND_BY: re-exported)
from kosi_checkin.badges.qr_path import draw_qr
from kosi_checkin.badges.text_fit import LEADING, Fitted, fit
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


BLACK, WHITE = HexColor("#000000"), HexColor("#ffffff")


@lru_cache(maxsize=256)
def colour_of(hex_code: str) -> Color:
    """A colour parsed once (a band's colour repeats on every badge of its category)."""
    return HexColor(hex_code)


def name_lines(guest: Attendee) -> list[str]:
    first = " ".join(p for p in (guest.title, guest.first_name) if p)
    return [line for line in (first, guest.last_name) if line]


class RepeatedText:
    """What repeats on many badges of a sheet (the event line, an organisation, a category's
    word; the cut marks of a page) drawn once into a PDF form that each place refers to:
    ReportLab encodes the text of every drawString anew, a form only once (1,000 badges: 4,000
    of 6,000 lines)."""

    _REACH = 2000.0  # pt: the form's box, all around its origin (a badge is far smaller)

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.names: dict[tuple[object, ...], str] = {}

    def draw(self, key: tuple[object, ...], x: float, y: float, draw: Callable[[Canvas], None]) -> None:
        """What ``draw`` draws around the origin, placed at (x, y); drawn only the first time
        ``key`` is seen. Colours it does not set come from where it is placed."""
        canvas = self.canvas
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = f"repeated{len(self.names)}"
            canvas.beginForm(name, -self._REACH, -self._REACH, self._REACH, self._REACH)
            draw(canvas)
            canvas.endForm()
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(name)
        canvas.restoreState()


def _lines(canvas: Canvas, lines: Sequence[str], font: str, size: float, x: float, y: float) -> None:
    canvas.setFont(font, size)
    for line in lines:
        canvas.drawString(x, y, line)
        y -= size * LEADING


@lru_cache(maxsize=4096)
def _fitted(lines: tuple[str, ...], font: str, box: Box) -> Fitted:
    """The fit of a text in a box, once per text (organisations and the event line repeat)."""
    return fit(list(lines), font, box.width * mm, box.height * mm, box.max_size, box.min_size)


def _text(canvas: Canvas, lines: list[str], font: str, box: Box, left: float, top: float,
          repeated: RepeatedText | None = None) -> None:
    fitted = _fitted(tuple(lines), font, box)
    x, y = left + box.x * mm, top - box.y * mm - fitted.size
    if repeated is None:
        _lines(canvas, fitted.lines, font, fitted.size, x, y)
    else:
        repeated.draw(("text", *fitted.lines, font, fitted.size), x, y,
                      lambda c: _lines(c, fitted.lines, font, fitted.size, 0, 0))


def logo_image(data: bytes | None) -> ImageReader | None:
    """The event's logo, read once per sheet (ReportLab then embeds it once for all badges)."""
    return ImageReader(io.BytesIO(data)) if data else None


def draw_badge(canvas: Canvas, layout: Layout, event: Event, guest: Attendee, code: str, left: float, top: float,
               logo: ImageReader | None = None, band_by: str = "category", repeated: RepeatedText | None = None) -> None:
    """One badge with its top-left corner at (left, top) in points (PDF coordinates);
    ``repeated``: a sheet's forms for the text its badges share."""
    width, height = layout.badge[0] * mm, layout.badge[1] * mm
    bottom = top - height
    if layout.band_height:
        word, colour = band_of(guest, band_by)
        band, inset = layout.band_height * mm, layout.band_inset * mm
        canvas.setFillColor(colour_of(colour))
        canvas.rect(left + inset, bottom + inset, width - 2 * inset, band, stroke=0, fill=1)
        canvas.setFillColor(WHITE)
        size = min(band * 0.55, 14)
        x, y = left + width / 2, bottom + inset + (band - size * 0.72) / 2

        def centred(c: Canvas, x: float = 0, y: float = 0) -> None:
            c.setFont(BOLD, size)
            c.drawCentredString(x, y, word)
        if repeated is None:
            centred(canvas, x, y)
        else:
            repeated.draw(("band", word, size), x, y, centred)
    canvas.setFillColor(BLACK)
    _text(canvas, name_lines(guest), BOLD, layout.name_box, left, top)  # each name once: no form
    if guest.organisation:
        _text(canvas, [guest.organisation], REGULAR, layout.organisation_box, left, top, repeated)
    venue = event.venue.split(",")[0]
    _text(canvas, [f"{event.name} · {formats.date(event.date)} · {venue}"], REGULAR, layout.event_box, left, top,
          repeated)
    if logo is not None and layout.logo_box is not None:
        box = layout.logo_box
        canvas.drawImage(logo, left + box.x * mm, top - (box.y + box.height) * mm, box.width * mm, box.height * mm,
                         preserveAspectRatio=True, anchor="nw", mask="auto")
    qx, qy, qsize = layout.qr
    draw_qr(canvas, code, left + qx * mm, top - (qy + qsize) * mm, qsize * mm)
