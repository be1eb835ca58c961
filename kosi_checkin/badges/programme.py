"""The back of a badge: the guest's personal programme (their sessions with times and rooms),
sized to fit its box like the name on the front."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kosi_checkin import formats
from kosi_checkin.badges.layouts import Box
from kosi_checkin.badges.render import BOLD, REGULAR
from kosi_checkin.badges.text_fit import LEADING, wrap_words
from kosi_checkin.domain.model import Attendee, Event, Session
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _

_FAR = dt.datetime.max.replace(tzinfo=dt.timezone.utc)


def personal_sessions(event: Event, guest: Attendee) -> list[Session]:
    """The sessions the guest registered for and those open to everyone, in programme order."""
    chosen = [s for s in event.sessions if s.id in guest.sessions or not s.registration_required]
    return sorted(chosen, key=lambda s: (s.start or _FAR, event.sessions.index(s)))


def session_times(session: Session) -> str:
    """"14:30–15:45"; "ca." where the times are our assumption, not the published programme."""
    if session.start is None:
        return ""
    text = formats.time_span(session.start, session.end)
    return f"ca. {text}" if session.times_assumed else text


@dataclass(frozen=True)
class Entry:
    times: str
    title: list[str]  # wrapped lines
    where: str


@dataclass(frozen=True)
class Programme:
    heading: list[str]
    entries: list[Entry]
    size: float
    time_width: float  # the column of times, titles start after it

    @property
    def height(self) -> float:
        lines = len(self.heading) + sum(len(e.title) + (1 if e.where else 0) for e in self.entries)
        return lines * self.size * LEADING + len(self.entries) * self.size * 0.35


def layout_programme(event: Event, guest: Attendee, box: Box) -> Programme:
    """The largest font size (within the box's limits, then below) at which the programme fits."""
    width, height = box.width * mm, box.height * mm
    sessions = personal_sessions(event, guest)
    size = box.max_size
    while True:
        time_width = max((stringWidth(session_times(s), BOLD, size) for s in sessions), default=0) + size * 0.8
        heading = wrap_words(_("Programme for {name}").format(name=guest.display_name), BOLD, size * 1.1, width)
        entries = [Entry(session_times(s), wrap_words(s.title, REGULAR, size, width - time_width),
                         s.room) for s in sessions]
        programme = Programme(heading, entries, size, time_width)
        if programme.height <= height or size <= 3:
            return programme
        size -= 0.25 if size <= box.min_size else 0.5


def draw_programme(canvas: Canvas, event: Event, guest: Attendee, box: Box, left: float, top: float,
                   upside_down: bool = False, badge_size: tuple[float, float] = (0, 0)) -> None:
    """The personal programme in ``box`` of the badge whose top-left corner is (left, top)."""
    canvas.saveState()
    if upside_down:  # rotate 180° about the badge's centre
        cx, cy = left + badge_size[0] * mm / 2, top - badge_size[1] * mm / 2
        canvas.translate(cx, cy)
        canvas.rotate(180)
        canvas.translate(-cx, -cy)
    programme = layout_programme(event, guest, box)
    size = programme.size
    x, y = left + box.x * mm, top - box.y * mm - size * 1.1
    canvas.setFillColor(HexColor("#000000"))
    canvas.setFont(BOLD, size * 1.1)
    for line in programme.heading:
        canvas.drawString(x, y, line)
        y -= size * 1.1 * LEADING
    y -= size * 0.35
    time_width = programme.time_width
    for entry in programme.entries:
        canvas.setFont(BOLD, size)
        canvas.drawString(x, y, entry.times)
        canvas.setFont(REGULAR, size)
        for line in entry.title:
            canvas.drawString(x + time_width, y, line)
            y -= size * LEADING
        if entry.where:
            canvas.setFillColor(HexColor("#555555"))
            canvas.drawString(x + time_width, y, entry.where)
            canvas.setFillColor(HexColor("#000000"))
            y -= size * LEADING
        y -= size * 0.35
    if not programme.entries:
        canvas.setFont(REGULAR, size)
        canvas.drawString(x, y, _("No sessions registered."))
    canvas.restoreState()
