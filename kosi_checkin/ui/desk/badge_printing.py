"""One badge printed from a desk or the kiosk without the window waiting: rendered and sent on a
worker thread (one at a time, in order), logged on the GUI thread, the answer shown when the job
is with the printer. A printer CUPS does not know (Windows, macOS without CUPS) gets the pages
rendered through QtPdf; with no printer set up the PDF is saved and the answer says where."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtPrintSupport import QPrinter

from kosi_checkin.checkin.answers import Answer, Kind
from kosi_checkin.domain.model import Attendee
from kosi_checkin.i18n import _
from kosi_checkin.services.badge_on_demand import OnDemandBadges, Produced
from kosi_checkin.ui.printing import print_pdf_raster, uses_cups
from kosi_checkin.ui.workers import Job, run_job


class DeskBadgePrinting(QObject):
    """``finished`` carries the answer to show (printed, saved, or failed) and the seconds from
    the request to the job being with the printer."""

    finished = Signal(object, float)

    def __init__(self, badges: OnDemandBadges, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.badges = badges
        self.qt_printer_name = ""
        if badges.printer and not uses_cups(badges.printer):
            self.qt_printer_name, badges.printer = badges.printer, ""  # render a PDF, then paint it with Qt
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # badges leave in the order they were asked for

    def print_badge(self, guest: Attendee, reason: str = "") -> None:
        started = time.perf_counter()
        qt_printer, badges = self.qt_printer_name, self.badges

        def work(_job: Job) -> Produced:
            produced = badges.produce(guest)
            if qt_printer and produced.path is not None:
                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                printer.setPrinterName(qt_printer)
                print_pdf_raster(produced.path, printer)
                produced.path.unlink(missing_ok=True)
                return Produced(guest, printer=qt_printer)
            return produced

        def done(produced: Produced) -> None:
            try:
                self.badges.record(produced, reason)
            except Exception as exc:  # noqa: BLE001 - the badge is out; say the log failed
                answer = Answer(Kind.PRINT_FAILED, _("Badge printed, but not logged"), str(exc), attendee=guest)
            else:
                answer = self._printed(produced)
            self.finished.emit(answer, time.perf_counter() - started)

        def failed(exc: BaseException) -> None:
            answer = Answer(Kind.PRINT_FAILED, _("Badge NOT printed"), str(exc), attendee=guest)
            self.finished.emit(answer, time.perf_counter() - started)

        run_job(work, done, failed, pool=self.pool, owner=self)

    def _printed(self, produced: Produced) -> Answer:
        guest = produced.guest
        if produced.path is not None:
            return Answer(Kind.PRINTED, _("Badge saved: {name}").format(name=guest.display_name),
                          _("No printer is set up; the PDF is {path}.").format(path=produced.path), attendee=guest)
        detail = _("Printer {printer}").format(printer=produced.printer)
        if produced.job:
            detail += " · " + _("job {job}").format(job=produced.job)
        return Answer(Kind.PRINTED, _("Badge printed: {name}").format(name=guest.display_name), detail, attendee=guest)
