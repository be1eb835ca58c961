"""Print badges in a batch: which guests, in which order, on which paper, to a printer or a PDF;
a live preview of any badge of the batch; the work runs in the background with progress and
cancel, and only a batch that was written or sent marks its guests as printed."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin.badges.calibration import Calibration
from kosi_checkin.badges.layouts import DEFAULT_LAYOUT, Layout, all_layouts, layout_named
from kosi_checkin.badges.sheet import page_count
from kosi_checkin.domain.model import Attendee
from kosi_checkin.domain.values import replace
from kosi_checkin.i18n import _, ngettext
from kosi_checkin.services.badge_codes import codec_of
from kosi_checkin.services.badges import (
    BatchOptions,
    BatchResult,
    make_batch,
    mark_printed,
    print_batch,
    select_guests,
)
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.services.event_logo import event_logo
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.repositories import BadgePrintRepository
from kosi_checkin.ui.badges.preview import BadgePreview
from kosi_checkin.ui.badges.printer_setup import NO_PRINTER, fill_printers
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.file_dialogs import save_file_name
from kosi_checkin.ui.job_dialog import JobDialog
from kosi_checkin.ui.printing import choose_printer, print_pdf_raster, uses_cups
from kosi_checkin.ui.screen_fit import fit_on_screen
from kosi_checkin.ui.workers import Job

ALL, SELECTED, UNPRINTED, CHANGED = "all", "selected", "unprinted", "changed"


class BadgeBatchDialog(JobDialog):
    def __init__(self, context: AppContext, opened: EventContext, selected_ids: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Print"))
        self.context, self.path = context, Path(opened.location)
        self.conn, self.kosi_event = opened.conn, opened.event
        conn = opened.conn
        self.selected_ids = selected_ids
        self.codec = codec_of(conn)
        self.logo = event_logo(conn)
        self.qt_printer: QPrinter | None = None
        self.outcome: BatchResult | None = None
        self.setWindowTitle(_("Print badges"))

        self.which = QButtonGroup(self)
        which_box = QGroupBox(_("Which badges"))
        which_layout = QVBoxLayout(which_box)
        for key, text in ((ALL, _("All guests")), (SELECTED, _("The guests selected in the list")),
                          (UNPRINTED, _("Only guests whose badge was not printed yet")),
                          (CHANGED, _("Only badges changed since they were printed"))):
            button = QRadioButton(text)
            button.setObjectName(f"which-{key}")
            button.setProperty("key", key)
            self.which.addButton(button)
            which_layout.addWidget(button)
        self.which.buttons()[1 if selected_ids else 0].setChecked(True)
        self.which.buttons()[1].setEnabled(bool(selected_ids))
        self.sort_box = QComboBox()
        self.sort_box.addItem(_("by last name"), "name")
        self.sort_box.addItem(_("by organisation"), "organisation")
        self.layout_box = QComboBox()
        self.layout_box.setObjectName("layoutBox")
        for layout in all_layouts():
            self.layout_box.addItem(layout.title_in(), layout.name)
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(DEFAULT_LAYOUT)))
        self.band_box = QComboBox()
        self.band_box.setObjectName("bandBox")
        self.band_box.addItem(_("Coloured band by category"), "category")
        self.band_box.addItem(_("Coloured band by sector (speakers, panel, team, press keep theirs)"), "sector")
        self.back_check = QCheckBox(_("Personal programme on the back"))
        self.back_check.setObjectName("backCheck")
        self.product_label = QLabel()
        self.product_label.setWordWrap(True)
        self.printer_box = QComboBox()
        self.printer_box.setObjectName("batchPrinterBox")
        fill_printers(self.printer_box, context.settings.badge_printer)
        self.printer_box.setItemText(0, _("No printer: save a PDF …"))
        other = QPushButton(_("Print dialog …"))
        other.clicked.connect(self.pick_printer)
        self.preview_only = QCheckBox(_("Test print: do not mark anyone as printed"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("e.g. lost, typo fixed"))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.guest_box = QComboBox()
        self.guest_box.setObjectName("previewGuest")
        self.preview = BadgePreview()
        for box in (self.sort_box, self.layout_box, self.band_box, self.printer_box, self.guest_box):
            # long titles do not widen the dialog past a laptop's screen: the open list shows them whole
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(24)

        form = QFormLayout()
        form.addRow(_("Order:"), self.sort_box)
        form.addRow(_("Paper:"), self.layout_box)
        form.addRow("", self.product_label)
        form.addRow("", self.band_box)
        form.addRow("", self.back_check)
        printer_row = QHBoxLayout()
        printer_row.addWidget(self.printer_box, 1)
        printer_row.addWidget(other)
        form.addRow(_("Printer:"), printer_row)
        form.addRow(_("Reason for reprints:"), self.reason)
        form.addRow("", self.preview_only)
        left = QVBoxLayout()
        left.addWidget(which_box)
        left.addLayout(form)
        left.addWidget(self.count_label)
        right = QVBoxLayout()
        right.addWidget(QLabel(_("Preview:")))
        right.addWidget(self.guest_box)
        right.addWidget(self.preview, 1)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.status)
        outer.addLayout(self.button_row())

        self.which.buttonClicked.connect(lambda _b: self.refresh())
        self.sort_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.layout_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.back_check.toggled.connect(lambda _b: self.refresh())  # the page count counts the backs
        self.back_check.toggled.connect(lambda _b: self.update_preview())
        self.band_box.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.printer_box.currentIndexChanged.connect(lambda _i: self._start_text())
        self.guest_box.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.guests: list[Attendee] = []
        self._start_text()
        self.refresh()
        fit_on_screen(self, 1100, 640)

    # -- what will be printed -------------------------------------------------------------------
    @property
    def which_key(self) -> str:
        button = self.which.checkedButton()
        return str(button.property("key")) if button is not None else ALL

    @property
    def chosen_layout(self) -> Layout:
        return layout_named(str(self.layout_box.currentData()))

    def selection(self, conn: sqlite3.Connection) -> list[Attendee]:
        key = self.which_key
        return select_guests(conn, self.selected_ids if key == SELECTED else (), unprinted=key == UNPRINTED,
                             changed=key == CHANGED, order=str(self.sort_box.currentData()))

    def refresh(self) -> None:
        layout = self.chosen_layout
        self.product_label.setText(layout.product_in())
        self.back_check.setEnabled(layout.back != "none")
        if layout.back == "none":
            self.back_check.setChecked(False)
        self.guests = self.selection(self.conn)
        printed = BadgePrintRepository(self.conn).print_counts()
        reprints = sum(1 for g in self.guests if printed.get(g.id))
        pages = page_count(layout, len(self.guests), self.back_check.isChecked())
        text = ngettext("{n} badge", "{n} badges", len(self.guests)).format(n=len(self.guests))
        text += " · " + ngettext("{n} page", "{n} pages", pages).format(n=pages)
        if reprints:
            text += " · " + ngettext("{n} of them printed before", "{n} of them printed before", reprints).format(n=reprints)
        self.count_label.setText(text)
        self.reason.setEnabled(bool(reprints))
        self.start_button.setEnabled(bool(self.guests))
        current = self.guest_box.currentData()
        self.guest_box.blockSignals(True)
        self.guest_box.clear()
        for guest in self.guests:
            self.guest_box.addItem(f"{guest.display_name} — {guest.organisation}" if guest.organisation
                                   else guest.display_name, guest.id)
        self.guest_box.setCurrentIndex(max(0, self.guest_box.findData(current)))
        self.guest_box.blockSignals(False)
        self.update_preview()

    def update_preview(self) -> None:
        guest = next((g for g in self.guests if g.id == self.guest_box.currentData()), None)
        self.preview.show_badge(self.chosen_layout, self.kosi_event, guest, self.codec, self.back_check.isChecked(),
                                self.logo, str(self.band_box.currentData()))

    def _start_text(self) -> None:
        self.start_button.setText(_("Print") if self.printer_box.currentData() else _("Save as PDF …"))

    def pick_printer(self) -> None:
        chosen = choose_printer(self, str(self.printer_box.currentData() or ""))
        if chosen is None:
            return
        self.qt_printer = chosen
        name = chosen.printerName()
        if self.printer_box.findData(name) < 0:
            self.printer_box.addItem(name, name)
        self.printer_box.setCurrentIndex(self.printer_box.findData(name))

    # -- the work -------------------------------------------------------------------------------
    def options(self) -> BatchOptions:
        printer = str(self.printer_box.currentData() or "")
        calibration = Calibration.from_dict(self.context.settings.printer_calibration.get(printer)) if printer else Calibration()
        return BatchOptions(self.chosen_layout, back=self.back_check.isChecked(), calibration=calibration,
                            mark=not self.preview_only.isChecked(), reason=self.reason.text().strip(),
                            desk=self.context.settings.desk_name, band_by=str(self.band_box.currentData()))

    def start(self, out: Path | None = None) -> None:
        """Start the batch (``out``: save there without asking; for tests and scripts)."""
        printer = str(self.printer_box.currentData() or "")
        if printer == NO_PRINTER and out is None:
            name = save_file_name(self, _("Save badges"), str(Path.home() / "Namensschilder.pdf"),
                                                        "PDF (*.pdf)")
            if not name:
                return
            out = Path(name)
        options = self.options()
        qt_printer = None
        if printer and not uses_cups(printer):  # a printer only Qt knows: raster through QtPdf
            qt_printer = self.qt_printer if self.qt_printer is not None and self.qt_printer.printerName() == printer else None
            if qt_printer is None:
                qt_printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                qt_printer.setPrinterName(printer)
        title = f"{self.kosi_event.name} – {_('Badges')}"
        path, ids, key, order = self.path, self.selected_ids, self.which_key, str(self.sort_box.currentData())

        def work(job: Job) -> BatchResult:
            conn, event = open_event(path)  # the worker's own connection
            try:
                guests = select_guests(conn, ids if key == SELECTED else (), unprinted=key == UNPRINTED,
                                       changed=key == CHANGED, order=order)
                if out is not None:
                    return make_batch(conn, event, guests, options, out, job.report, job.cancel)
                if qt_printer is None:
                    return print_batch(conn, event, guests, options, printer, job.report, job.cancel, title=title)
                with tempfile.TemporaryDirectory() as folder:
                    pdf = Path(folder) / "badges.pdf"
                    unmarked = replace(options, mark=False)
                    made = make_batch(conn, event, guests, unmarked, pdf, job.report, job.cancel)
                    print_pdf_raster(pdf, qt_printer, job.report, job.cancel)
                marked = mark_printed(conn, guests, options, printer)
                return BatchResult(made.badges, made.pages, marked, printer=printer)
            finally:
                conn.close()

        self.run(work, self._done)

    def _done(self, result: BatchResult) -> None:
        self.outcome = result
        if result.printer:
            text = ngettext("{n} badge sent to {printer}.", "{n} badges sent to {printer}.", result.badges).format(
                n=result.badges, printer=result.printer)
        else:
            text = ngettext("{n} badge saved in {path}.", "{n} badges saved in {path}.", result.badges).format(
                n=result.badges, path=result.path)
        if not result.marked:
            text += " " + _("Nobody was marked as printed.")
        self.status.setText(text)
        self.refresh()
