"""Backups while a desk runs: every few minutes (settings: backup_minutes) on a worker thread,
with its own connection, so the desk keeps answering; and one when the desk closes."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kosi_checkin.trust.backup import make_backup
from kosi_checkin.ui.workers import Job, run_job

log = logging.getLogger(__name__)


class DeskBackups(QObject):
    def __init__(self, path: Path, minutes: int, who: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path, self.who = Path(path), who
        self.made: list[Path] = []
        self.timer = QTimer(self)
        if minutes > 0:
            self.timer.setInterval(minutes * 60_000)
            self.timer.timeout.connect(self.backup_in_background)
            self.timer.start()

    def backup_in_background(self) -> None:
        path, who = self.path, self.who

        def work(_job: Job) -> Path:
            return make_backup(path, "desk", who=who)

        run_job(work, self.made.append, lambda exc: log.warning("desk backup failed: %s", exc), owner=self)

    def stop(self) -> None:
        """The desk closes: one last backup (quick: the online backup API copies pages)."""
        self.timer.stop()
        try:
            self.made.append(make_backup(self.path, "desk-close", who=self.who))
        except Exception:  # noqa: BLE001 - closing must not fail because a backup could not be made
            log.warning("backup on closing the desk failed", exc_info=True)
