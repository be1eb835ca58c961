"""Statistics while the doors are open: per session present of registered, walk-ins, no-shows,
by sector; arrivals over time as a chart (saved as PNG on request). Reads the event file on its
own connection and refreshes when the journal grows (this desk, another desk, the command line)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin import formats
from kosi_checkin.i18n import _
from kosi_checkin.report.attendance import OTHER_SECTOR, Attendance, sector_label
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.storage.records import CountsRepository
from kosi_checkin.storage.repositories import AttendeeRepository
from kosi_checkin.ui.file_dialogs import save_file_name
from kosi_checkin.ui.report.arrivals_chart import ArrivalsChart
from kosi_checkin.ui.screen_fit import fit_on_screen

REFRESH_MS = 2000


class StatsWindow(QMainWindow):
    def __init__(self, opened: EventContext, parent: QWidget | None = None) -> None:
        """``opened``: the window's own connection to the event (it refreshes on a timer)."""
        super().__init__(parent)
        self.conn, self.kosi_event = opened.conn, opened.event
        event = opened.event
        self.setWindowTitle(_("Statistics — {event}").format(event=event.name))
        self.sectors = [*event.sector_names, OTHER_SECTOR]
        headers = [_("Session"), _("Present"), _("Registered"), _("Walk-ins"), _("No-shows"),
                   *[sector_label(event, s) for s in self.sectors]]
        self.table = QTableWidget(len(event.sessions), len(headers))
        self.table.setObjectName("statsTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        # the session's short title ("Arbeitsforum A") always whole, the full one as its tooltip;
        # the numbers take what they need
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.chart = ArrivalsChart()
        self.updated = QLabel()
        save = QPushButton(_("Save chart as PNG …"))
        save.clicked.connect(self.save_chart)
        bottom = QHBoxLayout()
        bottom.addWidget(self.updated, 1)
        bottom.addWidget(save)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.chart, 3)
        layout.addLayout(bottom)
        self.setCentralWidget(central)
        self._seen = (-1, -1)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()
        fit_on_screen(self, 1100, 700)

    def journal_mark(self) -> tuple[int, int]:
        return CountsRepository(self.conn).last_journal_seq(), AttendeeRepository(self.conn).count()

    def refresh(self, force: bool = False) -> None:
        """Recount when something changed since the last look (cheap check each tick)."""
        try:
            mark = self.journal_mark()
        except sqlite3.Error:
            return
        if mark == self._seen and not force:
            return
        self._seen = mark
        attendance = Attendance.load(self.conn, self.kosi_event)
        self.attendance = attendance
        for row, stats in enumerate(attendance.all_stats()):
            values = [stats.session.title, stats.present, stats.registered, stats.walk_ins, stats.no_shows,
                      *[stats.by_sector.get(s, 0) for s in self.sectors]]
            for column, value in enumerate(values):
                item = QTableWidgetItem(stats.session.short_title if column == 0 else str(value))
                if column == 0:
                    item.setToolTip(stats.session.title)
                self.table.setItem(row, column, item)
        self.chart.set_data(attendance.arrivals())
        self.updated.setText(_("As of {time}; refreshes by itself").format(time=formats.time(attendance.generated, seconds=True)))

    def save_chart(self, path: Path | None = None) -> Path | None:
        if path is None:
            name = save_file_name(self, _("Save chart"), str(Path.home() / "Ankuenfte.png"),
                                                        "PNG (*.png)")
            if not name:
                return None
            path = Path(name)
        return path if self.chart.save_png(path) else None

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self.timer.stop()
        super().closeEvent(event)
