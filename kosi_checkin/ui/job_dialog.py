"""A dialog whose work runs in the background: a progress bar, a status line, the start button
and a close button that cancels while the work runs (a closed dialog never leaves work behind)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from kosi_checkin.domain.errors import Cancelled
from kosi_checkin.i18n import _
from kosi_checkin.ui.errors import show_error
from kosi_checkin.ui.workers import Job, run_job


class JobDialog(QDialog):
    def __init__(self, parent: QWidget | None, start_text: str) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        self.start_button = QPushButton(start_text)
        self.start_button.setObjectName("startButton")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(lambda: self.start())
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.cancel_or_close)

    def button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.start_button)
        row.addWidget(self.close_button)
        return row

    def start(self) -> None:  # overridden: gathers the choices, then calls run()
        raise NotImplementedError

    def run(self, work: Callable[[Job], Any], done: Callable[[Any], None]) -> None:
        def finished(result: Any) -> None:
            self.job = None
            self._busy(False)
            done(result)

        self._busy(True)
        self.status.setText(_("Working …"))
        self.job = run_job(work, finished, self._failed, self._progress, owner=self)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.start_button.setEnabled(not busy)
        self.close_button.setText(_("Cancel") if busy else _("Close"))

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self._busy(False)
        self.status.setText(str(exc))
        if not isinstance(exc, Cancelled):
            show_error(self, exc)

    def cancel_or_close(self) -> None:
        if self.job is not None:
            self.job.cancel.cancel()
            self.status.setText(_("Cancelling …"))
        else:
            self.reject()

    def reject(self) -> None:
        if self.job is not None:  # never leave work running behind a closed dialog
            self.job.cancel.cancel()
            return
        super().reject()
