"""Certificates of attendance ("Teilnahmebescheinigung"): one A4 page per guest, drawn straight
onto the canvas. The page states who (title, name, organisation), what (the event's name,
subtitle, date and venue), which sessions with their times ("ca." where the programme's times
are assumed; marked where presence was recorded afterwards), the organiser, the funder, where
and when it was issued, and who signs (with the signature image, if the event has one)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kosi_checkin import formats
from kosi_checkin.badges.programme import session_times
from kosi_checkin.badges.render import BOLD, REGULAR, register_fonts
from kosi_checkin.domain.errors import Cancelled
from kosi_checkin.domain.model import Attendee, Event, Session
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _

PAGE = A4
LEFT = RIGHT = 25 * mm
WIDTH = PAGE[0] - LEFT - RIGHT
GREY = HexColor("#555555")
LOGO_BOX = (55 * mm, 28 * mm)
SIGNATURE_BOX = (60 * mm, 22 * mm)


@dataclass(frozen=True)
class Attended:
    session: Session
    afterwards: bool  # marked present afterwards (from a signed paper list), not at the door


@dataclass(frozen=True)
class Certificate:
    guest: Attendee
    sessions: tuple[Attended, ...]


@dataclass(frozen=True)
class Look:
    """What every page of one run shares: the event, the closing text, the images, the day of issue."""

    event: Event
    closing: str
    issued: dt.date
    logo: bytes | None = None
    signature: bytes | None = None


class CertificatePages:
    """Draws certificates on a canvas, one page each; images are read once per document."""

    def __init__(self, look: Look) -> None:
        register_fonts()
        self.look = look
        self.logo = ImageReader(io.BytesIO(look.logo)) if look.logo else None
        self.signature = ImageReader(io.BytesIO(look.signature)) if look.signature else None
        event = look.event
        self.fields = {"event": event.name, "subtitle": event.subtitle, "date": formats.date(event.date),
                       "venue": event.venue, "organiser": event.organiser}

    def draw(self, c: Canvas, certificate: Certificate) -> None:
        event, guest = self.look.event, certificate.guest
        top = PAGE[1] - 22 * mm
        if event.organiser:
            self._lines(c, event.organiser, REGULAR, 8.5, top, WIDTH - LOGO_BOX[0] - 8 * mm, colour=GREY)
        if self.logo is not None:
            c.drawImage(self.logo, PAGE[0] - RIGHT - LOGO_BOX[0], top - LOGO_BOX[1] + 8.5, *LOGO_BOX,
                        preserveAspectRatio=True, anchor="ne", mask="auto")
        y = PAGE[1] - 70 * mm
        y = self._lines(c, _("Certificate of attendance"), BOLD, 24, y)
        y = self._lines(c, _("We hereby confirm that"), REGULAR, 11, y - 9 * mm)
        y = self._fitted(c, guest.display_name, BOLD, 20, y - 6 * mm)
        if guest.organisation:
            y = self._lines(c, guest.organisation, REGULAR, 12, y - 1 * mm)
        y = self._lines(c, _("took part in the event"), REGULAR, 11, y - 7 * mm)
        y = self._lines(c, event.name, BOLD, 14, y - 3 * mm)
        if event.subtitle:
            y = self._lines(c, event.subtitle, REGULAR, 11, y - 0.5 * mm)
        when_where = " · ".join(p for p in (formats.date(event.date), event.venue) if p)
        y = self._lines(c, when_where, REGULAR, 11, y - 0.5 * mm)
        y = self._sessions(c, certificate.sessions, y - 8 * mm)
        closing = self.look.closing.format_map({**self.fields, "name": guest.display_name})
        if closing.strip():
            y = self._lines(c, closing, REGULAR, 10, y - 7 * mm)
        self._issue(c)
        if event.funder:
            c.setFont(REGULAR, 8.5)
            c.setFillColor(GREY)
            c.drawCentredString(PAGE[0] / 2, 14 * mm, event.funder)
            c.setFillColorRGB(0, 0, 0)

    def _sessions(self, c: Canvas, attended: Sequence[Attended], y: float) -> float:
        y = self._lines(c, _("and attended these sessions:"), REGULAR, 11, y)
        times = [session_times(a.session) for a in attended]
        column = max((stringWidth(t, REGULAR, 10.5) for t in times), default=0) + 5 * mm
        for entry, when in zip(attended, times):
            title = entry.session.title + (" " + _("(marked present afterwards)") if entry.afterwards else "")
            c.setFont(REGULAR, 10.5)
            c.drawString(LEFT + 4 * mm, y - 2 * mm - 10.5, when)
            y = self._lines(c, title, REGULAR, 10.5, y - 2 * mm, WIDTH - 4 * mm - column, LEFT + 4 * mm + column)
        return y

    def _issue(self, c: Canvas) -> None:
        text = self.look.event.certificate
        base = 42 * mm
        place_date = ", ".join(p for p in (text.place, formats.date(self.look.issued)) if p)
        c.setFont(REGULAR, 10.5)
        c.drawString(LEFT, base, place_date)
        line_left = PAGE[0] - RIGHT - SIGNATURE_BOX[0]
        if self.signature is not None:
            c.drawImage(self.signature, line_left, base + 1.5 * mm, *SIGNATURE_BOX, preserveAspectRatio=True,
                        anchor="sw", mask="auto")
        c.setStrokeColor(GREY)
        c.setLineWidth(0.5)
        c.line(line_left, base, PAGE[0] - RIGHT, base)
        c.line(LEFT, base - 1.5 * mm, LEFT + 55 * mm, base - 1.5 * mm)
        c.setFont(REGULAR, 8.5)
        c.setFillColor(GREY)
        c.drawString(LEFT, base - 5 * mm, _("Place, date"))
        signer = ", ".join(p for p in (text.signer, text.signer_role) if p) or _("Signature")
        y = base - 5 * mm
        for line in simpleSplit(signer, REGULAR, 8.5, SIGNATURE_BOX[0]):
            c.drawString(line_left, y, line)
            y -= 10.5
        c.setFillColorRGB(0, 0, 0)

    def _lines(self, c: Canvas, text: str, font: str, size: float, top: float, width: float = WIDTH,
               left: float = LEFT, colour: HexColor | None = None) -> float:
        """``text`` wrapped to ``width`` below ``top``; returns the y below its last line."""
        if colour is not None:
            c.setFillColor(colour)
        c.setFont(font, size)
        y = top - size
        for paragraph in text.splitlines() or [""]:
            for line in simpleSplit(paragraph, font, size, width) or [""]:
                c.drawString(left, y, line)
                y -= size * 1.25
        if colour is not None:
            c.setFillColorRGB(0, 0, 0)
        return y + size * 1.25 - size * 0.3

    def _fitted(self, c: Canvas, text: str, font: str, size: float, top: float) -> float:
        """One line, made smaller (down to 12 pt) until it fits; wrapped beyond that."""
        while size > 12 and stringWidth(text, font, size) > WIDTH:
            size -= 1
        return self._lines(c, text, font, size, top)


def write_certificates(path: Path, certificates: Sequence[Certificate], look: Look,
                       progress: Callable[[int, int], None] | None = None,
                       cancelled: Callable[[], bool] = lambda: False, done: int = 0, total: int = 0) -> None:
    """The certificates as one PDF at ``path`` (written in place: callers give a temporary name).
    ``done``/``total``: where this file stands in a longer run, for the progress reports."""
    pages = CertificatePages(look)
    canvas = Canvas(str(path), pagesize=PAGE, initialFontName=REGULAR)  # no unembedded Helvetica
    canvas.setTitle(_("Certificates of attendance"))
    canvas.setAuthor(look.event.organiser or "KoSI Check-in")
    canvas.setCreator("KoSI Check-in")
    total = total or len(certificates)
    for n, certificate in enumerate(certificates, start=1):
        if cancelled():
            raise Cancelled(_("Cancelled; no certificate was written."))
        pages.draw(canvas, certificate)
        canvas.showPage()
        if progress is not None:
            progress(done + n, total)
    canvas.save()
