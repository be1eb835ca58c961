"""Export attendance (Excel or CSV) or print signature lists, in the background with progress
and cancel; the event file is read on the worker's own connection."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin.i18n import _
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.services.events import open_event
from kosi_checkin.services.export import export_attendance, signature_lists
from kosi_checkin.shared.url import is_shared
from kosi_checkin.shared.url import stem as event_stem
from kosi_checkin.ui.file_dialogs import save_file_name
from kosi_checkin.ui.job_dialog import JobDialog
from kosi_checkin.ui.workers import Job

EXCEL, CSV, SIGNATURES = "xlsx", "csv", "signatures"


class ExportDialog(JobDialog):
    def __init__(self, opened: EventContext, kind: str = EXCEL, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Save …"))
        self.path, self.kosi_event = Path(opened.location), opened.event
        event = opened.event
        self.written: Path | None = None
        self.setWindowTitle(_("Signature lists") if kind == SIGNATURES else _("Export attendance"))
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("kindBox")
        self.kind_box.addItem(_("Excel workbook (.xlsx)"), EXCEL)
        self.kind_box.addItem(_("CSV, one row per guest (.csv)"), CSV)
        self.kind_box.addItem(_("Signature lists (PDF)"), SIGNATURES)
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))
        self.session_box = QComboBox()
        self.session_box.setObjectName("sessionBox")
        self.session_box.addItem(_("All sessions"), "")
        for session in event.sessions:
            self.session_box.addItem(session.title, session.id)
        self.anonymous = QCheckBox(_("Anonymous: counts per session and sector only, no personal data"))
        self.anonymous.setObjectName("anonymousCheck")
        self.delimiter = QComboBox()
        self.delimiter.addItem(_("Semicolon (German Excel)"), ";")
        self.delimiter.addItem(_("Comma"), ",")
        self.when = QButtonGroup(self)
        self.before = QRadioButton(_("Before the event: empty signature fields, room for walk-ins"))
        self.after = QRadioButton(_("After the event: with the check-in marks"))
        self.before.setChecked(True)
        self.when.addButton(self.before)
        self.when.addButton(self.after)
        form = self.form = QFormLayout()
        form.addRow(_("What:"), self.kind_box)
        form.addRow(_("Sessions:"), self.session_box)
        form.addRow("", self.anonymous)
        form.addRow(_("CSV delimiter:"), self.delimiter)
        form.addRow("", self.before)
        form.addRow("", self.after)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(self.button_row())
        self.kind_box.currentIndexChanged.connect(lambda _i: self._update())
        self._update()
        self.resize(640, 300)

    @property
    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def _update(self) -> None:
        kind = self.kind
        self.form.setRowVisible(self.anonymous, kind != SIGNATURES)
        self.form.setRowVisible(self.delimiter, kind == CSV)  # only a CSV file has a delimiter
        self.form.setRowVisible(self.before, kind == SIGNATURES)
        self.form.setRowVisible(self.after, kind == SIGNATURES)

    def _suggested(self) -> Path:
        stem = {EXCEL: _("Attendance"), CSV: _("Attendance"), SIGNATURES: _("Signature lists")}[self.kind]
        suffix = {EXCEL: ".xlsx", CSV: ".csv", SIGNATURES: ".pdf"}[self.kind]
        folder = Path.home() if is_shared(str(self.path)) else self.path.parent
        return folder / f"{event_stem(self.path)} – {stem}{suffix}"

    def start(self, out: Path | None = None) -> None:
        """Ask where to save (unless ``out`` is given: tests, scripts), then work in the background."""
        if out is None:
            name = save_file_name(self, self.windowTitle(), str(self._suggested()))
            if not name:
                return
            out = Path(name)
        kind, session_id = self.kind, str(self.session_box.currentData() or "") or None
        anonymous, delimiter, after = self.anonymous.isChecked(), str(self.delimiter.currentData()), self.after.isChecked()
        path = self.path

        def work(job: Job) -> Path:
            conn, event = open_event(path)
            try:
                if kind == SIGNATURES:
                    signature_lists(conn, event, out, session_id=session_id, after=after, progress=job.report,
                                    cancelled=job.cancel)
                else:
                    export_attendance(conn, event, out, anonymous=anonymous, session_id=session_id,
                                      delimiter=delimiter, progress=job.report, cancelled=job.cancel)
            finally:
                conn.close()
            return out

        self.run(work, self._done)

    def _done(self, out: Path) -> None:
        self.written = out
        self.status.setText(_("Saved: {path}").format(path=out))
