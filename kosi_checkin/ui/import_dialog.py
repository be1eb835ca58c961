"""Import dialog: preview the detected mapping, correct it with drop-downs, import in the
background with a progress bar and a cancel button."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin.domain.errors import Cancelled
from kosi_checkin.domain.model import SessionId
from kosi_checkin.i18n import N_, _
from kosi_checkin.importers.mapping import EXTRA, FULL_NAME, GROUP_PREFIX, IGNORE, SESSIONS, STATUS, Column, choose
from kosi_checkin.importers.matching import SessionMatcher
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.services.events import open_event
from kosi_checkin.services.importing import ImportPreview, ImportReport, apply_import, dry_run, preview_import
from kosi_checkin.ui.errors import error_text
from kosi_checkin.ui.screen_fit import fit_on_screen
from kosi_checkin.ui.workers import Job, run_job

FIELD_LABELS = (
    (IGNORE, N_("(ignore)")),
    (EXTRA, N_("extra field")),
    ("first_name", N_("First name")),
    ("last_name", N_("Last name")),
    (FULL_NAME, N_("Full name (split)")),
    ("title", N_("Title")),
    ("organisation", N_("Organisation")),
    ("sector", N_("Sector")),
    ("email", N_("E-mail")),
    ("category", N_("Category")),
    ("door_note", N_("Door note")),
    ("ticket_code", N_("Ticket code")),
    ("order_code", N_("Order code")),
    (STATUS, N_("Status (cancelled rows are left out)")),
    (SESSIONS, N_("Sessions (choice text)")),
)
SAMPLE_VALUES = 3
T = TypeVar("T")
PREVIEW_PEOPLE = 8


def _with_default_conn(event_path: Path, fn: Callable[[sqlite3.Connection], T]) -> T:
    conn, _event = open_event(event_path)
    try:
        return fn(conn)
    finally:
        conn.close()


class ImportDialog(QDialog):
    imported = Signal(object)

    def __init__(self, opened: EventContext, file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.event_path, self.kosi_event, self.file = Path(opened.location), opened.event, file
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self.job: Job | None = None
        self.setWindowTitle(_("Import {name}").format(name=file.name))
        fit_on_screen(self, 1100, 720)

        self.summary = QLabel(_("Reading {name} …").format(name=file.name))
        self.summary.setWordWrap(True)
        self.mapping = QTableWidget(0, 3)
        self.mapping.setHorizontalHeaderLabels([_("Column"), _("Examples"), _("Import as")])
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.mapping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people = QTableWidget(0, 5)
        self.people.setHorizontalHeaderLabels([_("Row"), _("Name"), _("Organisation"), _("Sector"), _("Sessions")])
        self.people.horizontalHeader().setStretchLastSection(True)
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_job)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)

        busy = QHBoxLayout()
        busy.addWidget(self.progress)
        busy.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(_("Columns — correct the mapping where it is wrong:")))
        layout.addWidget(self.mapping, 3)
        layout.addWidget(QLabel(_("The first guests as they will be imported:")))
        layout.addWidget(self.people, 2)
        layout.addLayout(busy)
        layout.addWidget(self.buttons)
        self._start_preview()

    # -- background work ------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        can_import = self.preview is not None and (self.report is None or self.report.dry_run)
        self.import_button.setEnabled(not busy and can_import)
        self.mapping.setEnabled(not busy)

    def _start_preview(self) -> None:
        self._busy(True)

        file, event, path = self.file, self.kosi_event, self.event_path

        def work(job: Job) -> ImportReport:
            preview = preview_import(file, event)
            return _with_default_conn(path, lambda conn: dry_run(preview, event, conn))

        self.job = run_job(work, self._previewed, self._failed, owner=self)

    def _rerun_dry(self) -> None:
        assert self.preview is not None
        preview, event, path = self.preview, self.kosi_event, self.event_path
        self._busy(True)
        self.job = run_job(
            lambda job: _with_default_conn(path, lambda conn: dry_run(preview, event, conn)),
            self._previewed,
            self._failed,
            owner=self,
        )

    def _previewed(self, report: ImportReport) -> None:
        first = self.preview is None
        self.preview = report.preview
        self.report = report
        self._busy(False)
        if first:
            self._fill_mapping(report.preview)
        self._show_summary(report)  # after the mapping table: it marks the doubtful columns there
        self._fill_people(report)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.progress.setVisible(False)
        if isinstance(exc, Cancelled):
            self.summary.setText(str(exc))
            self.import_button.setEnabled(True)
            return
        self.summary.setText("⚠ " + error_text(exc))
        self.summary.setStyleSheet("color: #a00000; font-weight: bold;")
        self.import_button.setEnabled(False)

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel.cancel()

    def reject(self) -> None:
        """Closing stops an import under way (all or nothing: the event keeps what it had)."""
        self.cancel_job()
        super().reject()

    def start_import(self) -> None:
        assert self.preview is not None
        preview = self.preview
        self.progress.setRange(0, max(1, len(preview.data)))
        self._busy(True)
        self.import_button.setEnabled(False)

        event, path = self.kosi_event, self.event_path

        def work(job: Job) -> ImportReport:
            return _with_default_conn(
                path, lambda conn: apply_import(conn, preview, event, progress=job.report, cancelled=job.cancel)
            )

        self.job = run_job(work, self._imported, self._failed, self._progress, owner=self)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        self._busy(False)
        self.import_button.setEnabled(False)
        self._show_summary(report)
        self.imported.emit(report)

    # -- display ---------------------------------------------------------------------------
    def _show_summary(self, report: ImportReport) -> None:
        p = report.preview
        ex = report.extraction
        sheet = _(", sheet {sheet!r}").format(sheet=p.table.sheet) if p.table.sheet else ""
        lines = [
            _("Format: {format} · encoding: {encoding}{sheet} · header in row {row}").format(
                format=p.format, encoding=p.table.encoding, sheet=sheet, row=p.header_row),
            (_("Would import: {added} new, {updated} updated, {unchanged} unchanged.") if report.dry_run else
             _("Imported: {added} new, {updated} updated, {unchanged} unchanged.")).format(
                added=report.added, updated=report.updated, unchanged=report.unchanged),
        ]
        titles: dict[str, str] = {s.id: s.short_title for s in self.kosi_event.sessions}  # "Arbeitsforum A"
        lines.append(_("Registrations per session: {counts}").format(
            counts=" · ".join(f"{titles.get(sid, sid)}: {n}" for sid, n in report.session_counts.items()) or "—"))
        warnings = report.warnings
        self._mark_columns({int(str(w["index"])) - 1 for w in warnings})
        for warning in warnings:
            lines.append("⚠ " + _("Column {index} {header!r}: {message}").format(**warning))
        if ex.duplicates:
            lines.append(_("{n} duplicates merged.").format(n=len(ex.duplicates)))
        if ex.excluded:
            lines.append(_("{n} cancelled registrations left out.").format(n=len(ex.excluded)))
        if report.missing:
            lines.append(_("{n} guests of the event are not in this file (they stay).").format(n=len(report.missing)))
        if report.conflicts:
            lines.append(_("{n} hand edits kept over the file's values.").format(n=len(report.conflicts)))
        for problem in ex.problems[:10]:
            where = _("row {row}").format(row=problem.row) if problem.row else ""
            column = f" [{problem.column}]" if problem.column else ""
            lines.append(f"⚠ {where}{column}: {problem.message}")
        if len(ex.problems) > 10:
            lines.append(_("… and {n} more problems.").format(n=len(ex.problems) - 10))
        self.summary.setStyleSheet("")
        self.summary.setText("\n".join(lines))

    def _mark_columns(self, indexes: set[int]) -> None:
        """Columns with a warning stand out in the mapping table (amber, the warning as tooltip)."""
        if self.preview is None:
            return
        for row, column in enumerate(self.preview.columns):
            item = self.mapping.item(row, 0)
            if item is None:
                continue
            warned = column.index in indexes
            item.setBackground(QBrush(QColor("#ffe08a")) if warned else QBrush())
            item.setToolTip(_("This column names a session but gives no registrations; check its mapping.")
                            if warned else "")

    def _choices(self) -> list[tuple[str, SessionId | None, str]]:
        items: list[tuple[str, SessionId | None, str]] = [(f, None, _(label)) for f, label in FIELD_LABELS]
        items += [(SESSIONS, s.id, _("Session mark: {title}").format(title=s.title)) for s in self.kosi_event.sessions]
        items += [(GROUP_PREFIX + g.id, None, _("{group}: letter, number or name (A, B, 2 …)").format(group=g.label))
                  for g in self.kosi_event.groups]
        return items

    def _fill_mapping(self, preview: ImportPreview) -> None:
        data = preview.data
        choices = self._choices()
        self.mapping.setRowCount(len(preview.columns))
        for row, column in enumerate(preview.columns):
            self.mapping.setItem(row, 0, QTableWidgetItem(f"{column.index + 1}: {column.header}"))
            samples = []
            for _n, cells in data:
                if column.index < len(cells) and cells[column.index].strip():
                    samples.append(cells[column.index].strip())
                if len(samples) >= SAMPLE_VALUES:
                    break
            self.mapping.setItem(row, 1, QTableWidgetItem(" | ".join(samples)))
            combo = QComboBox()
            for field, session, label in choices:
                combo.addItem(label, (field, session))
            field = GROUP_PREFIX + column.group if column.field == SESSIONS and column.group else column.field
            current = next((i for i, (f, s, _l) in enumerate(choices) if f == field and s == column.session), 1)
            combo.setCurrentIndex(current)
            combo.currentIndexChanged.connect(lambda _i, r=row, c=combo: self._mapping_changed(r, c))
            self.mapping.setCellWidget(row, 2, combo)
        self.mapping.resizeColumnsToContents()
        self.mapping.setColumnWidth(1, min(self.mapping.columnWidth(1), 420))

    def _mapping_changed(self, row: int, combo: QComboBox) -> None:
        if self.preview is None:
            return
        field, session = combo.currentData()
        columns: list[Column] = list(self.preview.columns)
        columns[row] = choose(columns[row], field, session, SessionMatcher(self.kosi_event))
        self.preview = self.preview.with_columns(columns)
        self._rerun_dry()

    def _fill_people(self, report: ImportReport) -> None:
        people = report.extraction.people[:PREVIEW_PEOPLE]
        self.people.setRowCount(len(people))
        for row, person in enumerate(people):
            values = person.values
            cells = (
                ", ".join(map(str, person.rows)),
                " ".join(filter(None, (values.get("title"), person.name))),
                values.get("organisation", ""),
                values.get("sector", ""),
                ", ".join(sorted(person.sessions)),
            )
            for column, text in enumerate(cells):
                self.people.setItem(row, column, QTableWidgetItem(text))
        self.people.resizeColumnsToContents()
