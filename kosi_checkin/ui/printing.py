"""Printing from the window. The Qt print dialog only picks the printer and its options; the
badge PDF then goes to CUPS unchanged (vector QR codes, embedded fonts). Only where there is no
CUPS (Windows, some Macs) are the pages rendered with QtPdf at the printer's resolution and
painted onto the printer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize, QSizeF
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from kosi_checkin.domain.errors import Cancelled, PrinterError
from kosi_checkin.i18n import _
from kosi_checkin.printing import cups

MAX_RASTER_DPI = 300


def choose_printer(parent: QWidget | None, current: str = "") -> QPrinter | None:
    """The platform's print dialog, to pick a printer and its options; None if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if current:
        printer.setPrinterName(current)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Choose the printer"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def lp_options(printer: QPrinter) -> dict[str, str]:
    """The dialog's choices that matter for badges, as CUPS job options."""
    sides = {
        QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
        QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
        QPrinter.DuplexMode.DuplexNone: "one-sided",
    }.get(printer.duplex())
    options = {"print-scaling": "none"}
    if sides:
        options["sides"] = sides
    return options


def uses_cups(printer_name: str) -> bool:
    return bool(printer_name) and cups.available() and printer_name in cups.printers()


def send_pdf(pdf: Path, printer: QPrinter, title: str, progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] = lambda: False) -> str:
    """Print ``pdf`` on the chosen printer: through CUPS as it is where CUPS has that printer,
    else rendered page by page with QtPdf. Returns the CUPS job id ("" for the Qt path)."""
    if uses_cups(printer.printerName()):
        return cups.send(pdf, printer.printerName(), title=title, copies=printer.copyCount(), options=lp_options(printer))
    print_pdf_raster(pdf, printer, progress, cancelled)
    return ""


def print_pdf_raster(pdf: Path, printer: QPrinter, progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] = lambda: False) -> int:
    """Render each page at the printer's resolution (at most 300 dpi: sharp QR modules, a page
    image of ~35 MB rather than ~550 MB at 1200 dpi) and paint it at its true size (no scaling
    to fit: 90 mm stay 90 mm). Returns the number of pages."""
    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_:
        raise PrinterError(_("The PDF {path} cannot be read for printing.").format(path=pdf))
    try:
        pages = document.pageCount()
        first = document.pagePointSize(0)
        printer.setPageSize(QPageSize(QSizeF(first.width(), first.height()), QPageSize.Unit.Point, "",
                                      QPageSize.SizeMatchPolicy.FuzzyMatch))
        printer.setFullPage(True)
        printer.setDocName(pdf.stem)
        device_dpi = printer.resolution()
        dpi = min(device_dpi, MAX_RASTER_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterError(_("The printer {printer} cannot be opened.").format(printer=printer.printerName()))
        try:
            for page in range(pages):
                if cancelled():
                    printer.abort()
                    raise Cancelled(_("Printing cancelled."))
                if page:
                    printer.newPage()
                points = document.pagePointSize(page)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image: QImage = document.render(page, size)
                target = QRect(0, 0, round(points.width() / 72 * device_dpi), round(points.height() / 72 * device_dpi))
                painter.drawImage(target, image)
                if progress is not None:
                    progress(page + 1, pages)
        finally:
            painter.end()
        return pages
    finally:
        document.close()
