"""Per-printer calibration: many printers shift the page by a millimetre or two and scale it a
little. A calibration page (printed without correction) has a cross 20 mm from the left and top
edges and a 150 mm line; from what the organiser measures on paper we compute an offset and a
scale that are applied to every page sent to that printer."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kosi_checkin.badges.layouts import Layout
from kosi_checkin.badges.render import REGULAR, register_fonts
from kosi_checkin.badges.text_fit import wrap_words
from kosi_checkin.domain.errors import UsageError
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _

MARK = 20.0  # mm from the left and top edges to the cross's centre
LINE = 150.0  # mm, the length of the line to measure


@dataclass(frozen=True)
class Calibration:
    dx: float = 0.0  # mm to move the print right (negative: left)
    dy: float = 0.0  # mm to move the print down (negative: up)
    scale: float = 1.0

    @property
    def is_identity(self) -> bool:
        return self.dx == 0 and self.dy == 0 and self.scale == 1

    def apply(self, canvas: Canvas, page_height: float) -> None:
        """Transform the page about its top-left corner (call at the start of every page)."""
        if self.is_identity:
            return
        canvas.translate(self.dx * mm, page_height - self.dy * mm - self.scale * page_height)
        canvas.scale(self.scale, self.scale)

    def as_dict(self) -> dict[str, float]:
        return {"dx": self.dx, "dy": self.dy, "scale": self.scale}

    @classmethod
    def from_dict(cls, data: object) -> Calibration:
        if not isinstance(data, dict):
            return cls()
        try:
            return cls(float(data.get("dx", 0)), float(data.get("dy", 0)), float(data.get("scale", 1)))
        except (TypeError, ValueError):
            return cls()


def line_length(layout: Layout) -> float:
    """The measuring line: 150 mm, or shorter where the paper is narrower (label rolls)."""
    return float(min(LINE, int(layout.page[0] - MARK - 5)))


def from_measurements(left: float, top: float, length: float, expected: float = LINE) -> Calibration:
    """The correction for a printer that put the cross ``left`` mm from the left edge and ``top``
    mm from the top edge and printed the line of ``expected`` mm ``length`` mm long."""
    if not (0 < left < 100 and 0 < top < 100 and expected * 0.8 < length < expected * 1.2):
        raise UsageError(_("These measurements cannot be right: the cross should be about {mark} mm from "
                           "the edges and the line about {line} mm long.").format(mark=f"{MARK:g}", line=f"{expected:g}"))
    printer_scale = length / expected
    return Calibration(dx=round(MARK - left / printer_scale, 2), dy=round(MARK - top / printer_scale, 2),
                       scale=round(1 / printer_scale, 4))


def write_calibration_page(path: Path, layout: Layout, printer: str = "") -> None:
    """One page of the layout's paper size: the cross, the line, the badge outlines and how to measure."""
    register_fonts()
    width, height = layout.page[0] * mm, layout.page[1] * mm
    canvas = Canvas(str(path), pagesize=(width, height), initialFontName=REGULAR)
    canvas.setTitle(_("Calibration page"))
    canvas.setStrokeColor(HexColor("#000000"))
    canvas.setLineWidth(0.25)
    x, y = MARK * mm, height - MARK * mm
    canvas.line(x - 8 * mm, y, x + 8 * mm, y)
    canvas.line(x, y - 8 * mm, x, y + 8 * mm)
    canvas.circle(x, y, 3 * mm)
    length = line_length(layout)
    canvas.line(x, y - 12 * mm, x + length * mm, y - 12 * mm)
    for tick in range(0, int(length) + 1, 10):
        canvas.line(x + tick * mm, y - 12 * mm, x + tick * mm, y - (14 if tick % 50 else 16) * mm)
    canvas.setStrokeColor(HexColor("#999999"))
    canvas.setDash(2, 2)
    for slot in range(layout.per_page):
        bx, by = layout.badge_origin(slot)
        canvas.rect(bx * mm, height - (by + layout.badge[1]) * mm, layout.badge[0] * mm, layout.badge[1] * mm)
    canvas.setDash()
    size = 8 if layout.page[0] >= 100 else 6
    canvas.setFont(REGULAR, size)
    paragraphs = [
        _("Calibration page for {printer}, layout {layout}").format(printer=printer or "–", layout=layout.name),
        _("Print at 100 % (no “fit to page”), then measure with a ruler:"),
        _("1. from the left edge of the paper to the centre of the cross (should be {mark} mm),").format(mark=f"{MARK:g}"),
        _("2. from the top edge of the paper to the centre of the cross (should be {mark} mm),").format(mark=f"{MARK:g}"),
        _("3. the long line under the cross (should be {line} mm).").format(line=f"{length:g}"),
        _("Enter the three figures in “{menu}” or run").format(  # the menu as the window names it
            menu=_("&Badges").replace("&", "") + " → " + _("Printer &set-up and calibration …").replace("&", "")),
        f"kosi-checkin calibrate \"{printer or _('PRINTER')}\" --left … --top … --length …",
    ]
    left = 4 * mm if layout.page[0] < 100 else x
    ty = y - 24 * mm
    for paragraph in paragraphs:
        for line in wrap_words(paragraph, REGULAR, size, width - left - 4 * mm):
            canvas.drawString(left, ty, line)
            ty -= size * 1.4
    canvas.showPage()
    canvas.save()
