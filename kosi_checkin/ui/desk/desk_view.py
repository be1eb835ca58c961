"""The desk window's widgets and their layout: the session line and selector, counts, the big
answer panel, the one-key buttons, the search box and its results, the desk and camera lines,
and the red banner of a shared event that is offline. No behaviour: desk_window.py wires it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin.i18n import _
from kosi_checkin.ui.desk.answer_panel import AnswerPanel
from kosi_checkin.ui.desk.results_model import ResultsModel

STYLE = (  # set on the desk window: its dialogs (walk-in, guest details) take it too
    "#sessionLabel { font-size: 22pt; font-weight: bold; }"
    "#countsLabel { font-size: 14pt; }"
    "#deskSearch { font-size: 18pt; padding: 6px; }"
    "#targetBox { font-size: 14pt; }"
    "QTableView { font-size: 13pt; }"
    "QPushButton { font-size: 13pt; }"
    "#offlineBanner { background: #b3261e; color: white; font-size: 14pt; padding: 6px; }"
)


def _label(name: str = "", wrap: bool = False) -> QLabel:
    label = QLabel()
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


class DeskView(QWidget):
    def __init__(self, model: ResultsModel) -> None:
        super().__init__()
        self.session_label = _label("sessionLabel", wrap=True)
        self.target_box = QComboBox()
        self.target_box.setObjectName("targetBox")
        self.counts_label = _label("countsLabel", wrap=True)
        self.counts_label.setAccessibleName(_("Counts of the session"))
        self.desk_label = _label()
        self.camera_label = _label("cameraLabel")
        self.banner = _label("offlineBanner", wrap=True)
        self.banner.hide()
        self.panel = AnswerPanel()
        self.search = QLineEdit()
        self.search.setObjectName("deskSearch")
        self.search.setClearButtonEnabled(True)
        self.results = self._results(model)
        self.force_button, self.undo_button, self.details_button, self.walk_in_button, self.print_button = (
            QPushButton() for _i in range(5))
        self.print_button.setObjectName("printButton")

        top = QHBoxLayout()
        top.addWidget(self.session_label, 3)
        top.addWidget(self.target_box, 1)
        buttons = QHBoxLayout()
        for button in (self.force_button, self.undo_button, self.details_button, self.walk_in_button,
                       self.print_button):
            button.setMinimumHeight(44)
            buttons.addWidget(button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.desk_label, 1)
        bottom.addWidget(self.camera_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.panel, 5)
        layout.addLayout(buttons)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 3)
        layout.addLayout(bottom)

    @staticmethod
    def _results(model: ResultsModel) -> QTableView:
        results = QTableView()
        results.setModel(model)
        results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        results.verticalHeader().hide()
        header = results.horizontalHeader()
        # name and organisation share what the session columns leave: no sideways scrolling on a
        # laptop; each session column is as wide as its short title (the full one is its tooltip)
        header.setStretchLastSection(False)
        metrics = header.fontMetrics()
        for column in range(model.columnCount()):
            if column < 2:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            # fixed once from the header's text (cells hold "✔ 09:41" or "○"): no measuring of
            # rows on every keystroke
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(metrics.horizontalAdvance(title) + 24, 96))
        return results
