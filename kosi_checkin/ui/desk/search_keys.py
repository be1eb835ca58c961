"""The keys of the desk's search box that act on the results: ↑ ↓ move the selection, Enter
takes the selected guest — or, when the box holds a badge or ticket code typed by hand (or by
a scanner set to type slowly), takes it as a scan."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTableView

from kosi_checkin.ui.desk.results_model import ResultsModel


class SearchKeys(QObject):
    def __init__(self, search: QLineEdit, results: QTableView, model: ResultsModel,
                 names_a_code: Callable[[str], bool], scan: Callable[[str], None], take: Callable[[int], None]) -> None:
        super().__init__(search)
        self.search, self.results, self.model = search, results, model
        self.names_a_code, self.scan, self.take = names_a_code, scan, take
        search.installEventFilter(self)

    def select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.results.selectRow(row)
            self.results.scrollTo(self.model.index(row, 0))

    def selected_row(self) -> int:
        rows = self.results.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is not self.search or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
            row = self.selected_row() + (1 if key == Qt.Key.Key_Down else -1)
            self.select(max(0, min(row, self.model.rowCount() - 1)))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.names_a_code(self.search.text()):
            self.scan(self.search.text().strip())
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
            self.take(max(0, self.selected_row()))
            return True
        return False
