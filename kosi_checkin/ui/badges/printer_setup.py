"""Printer set-up: which printer the desk's "Badge drucken" uses, on which layout, and each
printer's calibration (entered directly or computed from the calibration page's measurements)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin.badges.calibration import Calibration, from_measurements, line_length, write_calibration_page
from kosi_checkin.badges.layouts import DEFAULT_LAYOUT, all_layouts, layout_named
from kosi_checkin.domain.errors import KosiError
from kosi_checkin.i18n import _
from kosi_checkin.printing import cups
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.errors import show_error
from kosi_checkin.ui.printing import choose_printer, send_pdf

NO_PRINTER = ""


class DecimalBox(QDoubleSpinBox):
    """A measurement field that takes "21,5" and "21.5" alike (a ruler's figure typed the way
    the volunteer writes it), whatever the UI's language; anything else is refused as typed."""

    def _local(self, text: str) -> str:
        point = self.locale().decimalPoint()
        return text.replace("," if point == "." else ".", point)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return super().validate(self._local(text), pos)

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt's name)
        return super().valueFromText(self._local(text))


def _spin(low: float, high: float, value: float, decimals: int, suffix: str = "") -> QDoubleSpinBox:
    box = DecimalBox()
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSingleStep(0.1 if decimals <= 2 else 0.001)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


def fill_printers(box: QComboBox, current: str) -> None:
    """CUPS's printers, plus "save as PDF" (no printer) and the current one if CUPS lacks it."""
    box.clear()
    box.addItem(_("No printer: save a PDF"), NO_PRINTER)
    names = cups.printers()
    for name in names:
        box.addItem(name, name)
    if current and current not in names:
        box.addItem(current, current)
    box.setCurrentIndex(max(0, box.findData(current)))


class PrinterSetupDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        settings = context.settings
        self.setWindowTitle(_("Printer set-up for badges"))
        self.printer_box = QComboBox()
        self.printer_box.setObjectName("printerBox")
        fill_printers(self.printer_box, settings.badge_printer)
        pick = QPushButton(_("Other printer …"))
        pick.clicked.connect(self._pick)
        self.layout_box = QComboBox()
        for layout in all_layouts():
            self.layout_box.addItem(layout.title_in(), layout.name)
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(settings.badge_layout or DEFAULT_LAYOUT)))
        self.dx = _spin(-30, 30, 0, 2, " mm")
        self.dy = _spin(-30, 30, 0, 2, " mm")
        self.scale = _spin(0.8, 1.2, 1, 4)
        self.left = _spin(0, 100, 20, 1, " mm")
        self.top = _spin(0, 100, 20, 1, " mm")
        self.length = _spin(0, 200, 150, 1, " mm")
        self.printer_box.currentIndexChanged.connect(self._load_calibration)
        self.layout_box.currentIndexChanged.connect(self._expected_length)
        self._load_calibration()
        self._expected_length()

        printer_row = QHBoxLayout()
        printer_row.addWidget(self.printer_box, 1)
        printer_row.addWidget(pick)
        form = QFormLayout()
        form.addRow(_("Printer for badges at the desk:"), printer_row)
        form.addRow(_("Layout for badges at the desk:"), self.layout_box)

        calibration = QGroupBox(_("Calibration of this printer"))
        cal_form = QFormLayout(calibration)
        cal_form.addRow(_("Move right by:"), self.dx)
        cal_form.addRow(_("Move down by:"), self.dy)
        cal_form.addRow(_("Scale:"), self.scale)
        page_button = QPushButton(_("Print the calibration page"))
        page_button.clicked.connect(self.print_calibration_page)
        cal_form.addRow(page_button)
        self.feedback = QLabel()  # what became of the calibration page
        self.feedback.setObjectName("calibrationFeedback")
        self.feedback.setWordWrap(True)
        cal_form.addRow(self.feedback)
        cal_form.addRow(QLabel(_("Measured on the printed calibration page:")))
        cal_form.addRow(_("Left edge → cross:"), self.left)
        cal_form.addRow(_("Top edge → cross:"), self.top)
        cal_form.addRow(_("Length of the line:"), self.length)
        apply_button = QPushButton(_("Compute from the measurements"))
        apply_button.clicked.connect(self.apply_measurements)
        cal_form.addRow(apply_button)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(calibration)
        outer.addWidget(buttons)

    @property
    def printer(self) -> str:
        return str(self.printer_box.currentData() or "")

    def calibration(self) -> Calibration:
        return Calibration(round(self.dx.value(), 2), round(self.dy.value(), 2), round(self.scale.value(), 4))

    def _pick(self) -> None:
        chosen = choose_printer(self, self.printer)
        if chosen is not None and chosen.printerName():
            name = chosen.printerName()
            if self.printer_box.findData(name) < 0:
                self.printer_box.addItem(name, name)
            self.printer_box.setCurrentIndex(self.printer_box.findData(name))

    def _load_calibration(self) -> None:
        c = Calibration.from_dict(self.context.settings.printer_calibration.get(self.printer))
        self.dx.setValue(c.dx)
        self.dy.setValue(c.dy)
        self.scale.setValue(c.scale)

    def _expected_length(self) -> None:
        self.length.setValue(line_length(layout_named(str(self.layout_box.currentData()))))

    def apply_measurements(self) -> None:
        expected = line_length(layout_named(str(self.layout_box.currentData())))
        try:
            c = from_measurements(self.left.value(), self.top.value(), self.length.value(), expected)
        except KosiError as exc:
            show_error(self, exc)
            return
        self.dx.setValue(c.dx)
        self.dy.setValue(c.dy)
        self.scale.setValue(c.scale)

    def print_calibration_page(self) -> None:
        layout = layout_named(str(self.layout_box.currentData()))
        try:
            with tempfile.TemporaryDirectory() as folder:
                page = Path(folder) / "calibration.pdf"
                write_calibration_page(page, layout, self.printer)
                if self.printer and cups.available():
                    cups.send(page, self.printer, title=_("Calibration page"), options={"print-scaling": "none"})
                    sent_to: str | None = self.printer
                else:
                    printer = choose_printer(self, self.printer)
                    sent_to = None
                    if printer is not None:
                        send_pdf(page, printer, _("Calibration page"))
                        sent_to = printer.printerName()
        except KosiError as exc:
            self.feedback.setText(_("The calibration page was NOT printed: {reason}").format(reason=exc))
            show_error(self, exc)
            return
        self.feedback.setText(_("Calibration page sent to {printer}: measure it and enter the three figures below.")
                              .format(printer=sent_to) if sent_to else _("The calibration page was not printed."))

    def save(self) -> None:
        settings = self.context.settings
        settings.badge_printer = self.printer
        settings.badge_layout = str(self.layout_box.currentData())
        if self.printer:
            calibration = self.calibration()
            if calibration.is_identity:
                settings.printer_calibration.pop(self.printer, None)
            else:
                settings.printer_calibration[self.printer] = calibration.as_dict()
        self.context.save()
        self.accept()
