"""Qt item model over the guest list, with a filter that ignores case and accents."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from kosi_checkin.domain.model import Event
from kosi_checkin.i18n import N_, _
from kosi_checkin.search.normalize import fold
from kosi_checkin.services.attendees import AttendeeRow, haystack

COLUMNS = (N_("Name"), N_("Organisation"), N_("Sector"), N_("Category"), N_("Sessions"), N_("Present in"))
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class AttendeeTableModel(QAbstractTableModel):
    def __init__(self, event: Event, rows: list[AttendeeRow]) -> None:
        super().__init__()
        self._event = event
        self._rows: list[AttendeeRow] = []
        self._cells: list[tuple[str, ...]] = []
        self._sort: list[tuple[str, ...]] = []
        self._search: list[str] = []
        self.set_rows(rows)

    def set_rows(self, rows: list[AttendeeRow]) -> None:
        self.beginResetModel()
        order = {s.id: i for i, s in enumerate(self._event.sessions)}
        self._rows = rows
        self._cells = []
        self._sort = []
        self._search = []
        for r in rows:
            a = r.attendee
            sessions = ", ".join(sorted(a.sessions, key=lambda s: order.get(s, 99)))
            present = ", ".join(sorted(r.checkins, key=lambda s: order.get(s, 99)))
            name = f"{a.last_name}, {' '.join(filter(None, (a.title, a.first_name)))}".strip(", ")
            self._cells.append((name, a.organisation, a.sector, a.category, sessions, present))
            self._sort.append((fold(a.last_name + " " + a.first_name), fold(a.organisation), a.sector, a.category, sessions, present))
            self._search.append(haystack(a))
        self.endResetModel()

    def row(self, index: int) -> AttendeeRow:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[r][c]
        if role == Qt.ItemDataRole.ToolTipRole and c == 0:
            a = self._rows[r].attendee
            return a.door_note or None
        if role == ROW_ROLE:
            return r
        if role == SEARCH_ROLE:
            return self._search[r]
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return self._sort[r][c]
        return None

    def sort_key(self, row: int, column: int) -> str:
        return self._sort[row][column]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None


class AttendeeFilterModel(QSortFilterProxyModel):
    """Filters on every word of the query (folded), sorts by folded text."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, AttendeeTableModel)
        text = model.search_text(source_row)
        return all(w in text for w in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, AttendeeTableModel)
        return model.sort_key(left.row(), left.column()) < model.sort_key(right.row(), right.column())
