"""One badge at a time, at the desk or the kiosk: rendered and sent in well under 300 ms.

Split in two so that the window never waits: ``produce`` (render the PDF, hand it to CUPS or
save it; no database, safe on a worker thread) and ``record`` (the print log, on the thread that
owns the connection). Without a printer the PDF is saved for the Qt print path or to open."""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from pathlib import Path

from kosi_checkin.badges.calibration import Calibration
from kosi_checkin.badges.layouts import DEFAULT_LAYOUT, Layout, layout_named
from kosi_checkin.badges.render import register_fonts
from kosi_checkin.badges.sheet import write_badges
from kosi_checkin.config import Settings
from kosi_checkin.domain.model import Attendee, Event
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _
from kosi_checkin.places import data_dir
from kosi_checkin.printing import cups
from kosi_checkin.services.badge_codes import codec_of
from kosi_checkin.services.badges import BatchOptions, mark_printed, print_options
from kosi_checkin.services.event_logo import event_logo
from kosi_checkin.storage.repositories import BadgePrintRepository

REASONS = ("lost", "typo", "damaged", "other")  # the reasons a reprint offers; the log keeps the words


def reason_text(reason: str, note: str = "") -> str:
    words = {"lost": _("lost"), "typo": _("typo fixed"), "damaged": _("damaged"), "other": _("other")}
    text = words.get(reason, reason)
    return f"{text}: {note}" if note else text


@dataclass(frozen=True)
class Produced:
    guest: Attendee
    printer: str = ""
    job: str = ""
    path: Path | None = None  # the PDF, when it was saved rather than sent


class OnDemandBadges:
    """Badges one by one for a desk: its printer (a CUPS queue, or "" to save PDFs), its layout
    and that printer's calibration, taken from the settings."""

    def __init__(self, conn: sqlite3.Connection, event: Event, desk: str, *, printer: str = "",
                 layout: Layout | None = None, calibration: Calibration | None = None,
                 folder: Path | None = None) -> None:
        register_fonts()  # once, now: not on the first keypress
        self.conn, self.event, self.desk = conn, event, desk
        self.printer = printer
        self.layout = layout or layout_named(DEFAULT_LAYOUT)
        self.calibration = calibration or Calibration()
        self.codec = codec_of(conn)
        self.logo = event_logo(conn)
        self.folder = folder or data_dir() / "badges"

    @classmethod
    def from_settings(cls, conn: sqlite3.Connection, event: Event, desk: str, settings: Settings) -> OnDemandBadges:
        printer = settings.badge_printer
        return cls(conn, event, desk, printer=printer, layout=layout_named(settings.badge_layout or DEFAULT_LAYOUT),
                   calibration=Calibration.from_dict(settings.printer_calibration.get(printer)))

    def times_printed(self, attendee_id: str) -> int:
        return len(BadgePrintRepository(self.conn).history(attendee_id))

    def produce(self, guest: Attendee, copies: int = 1) -> Produced:
        """Render the guest's badge and send it (or save it). No database access: any thread."""
        if self.printer:
            with tempfile.TemporaryDirectory(prefix="kosi-badge-") as folder:
                pdf = self._render(guest, Path(folder) / "badge.pdf")
                job = cups.send(pdf, self.printer, title=f"{_('Badge')} {guest.display_name}", copies=copies,
                                options=print_options(BatchOptions(self.layout)))
            return Produced(guest, printer=self.printer, job=job)
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        return Produced(guest, path=self._render(guest, self.folder / f"badge-{guest.id}-{stamp}.pdf"))

    def _render(self, guest: Attendee, pdf: Path) -> Path:
        write_badges(pdf, self.layout, self.event, [guest], self.codec.encode, calibration=self.calibration,
                     logo=self.logo)
        return pdf

    def record(self, produced: Produced, reason: str = "") -> None:
        """Log the print (a reprint with its reason) on the connection's own thread."""
        options = BatchOptions(self.layout, reason=reason, desk=self.desk)
        mark_printed(self.conn, [produced.guest], options, produced.printer, produced.job)

    def print_badge(self, guest: Attendee, reason: str = "") -> Produced:
        """Produce and record in one go (command line, kiosk, benchmarks)."""
        produced = self.produce(guest)
        self.record(produced, reason)
        return produced
