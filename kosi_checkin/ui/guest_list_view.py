"""The main window's widgets: the event's heading, the search box and the guest list table
(sortable, rows selected whole, sized for 10,000 guests). No behaviour: main_window.py wires it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

MAX_COLUMN = 360  # px: a long organisation does not push the session columns off the screen


class GuestListView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("#heading { font-size: 16pt; font-weight: bold; }")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.table = table = QTableView()
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setResizeContentsPrecision(200)  # measure 200 rows, not 10,000
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addWidget(table)

    def show_model(self, model: QAbstractItemModel) -> None:
        """A newly opened event's list: sorted by name, columns fitted to their content."""
        self.table.setModel(model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their content (the first guests of an empty event, too)."""
        model = self.table.model()
        self.table.resizeColumnsToContents()
        for column in range(model.columnCount() if model is not None else 0):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN))

    def selected_rows(self) -> list[int]:
        selection = self.table.selectionModel()
        return [index.row() for index in selection.selectedRows()] if selection is not None else []
