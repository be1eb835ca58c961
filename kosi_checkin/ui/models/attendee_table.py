"""Qt item model over the guest list, filtering and sorting in Python.

Filtering and sorting live in the model itself rather than in a QSortFilterProxyModel: the
proxy asks Python for rowCount/lessThan hundreds of thousands of times on 10,000 guests,
while a sorted list of row numbers costs one Python sort. The rows are sorted once per sort
order; a filter keeps that order (search/list_filter.py finds the rows). The typo-forgiving
part of the filter needs the desk's search index: above QUICK_INDEX guests it is built on a
worker, and the filter finds words as typed until it is there.
"""

from __future__ import annotations

import logging
import time
from array import array
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from kosi_checkin.domain.folding import fold, fold_words
from kosi_checkin.domain.model import Attendee, Event
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import N_, _, language
from kosi_checkin.search.index import QUICK_INDEX, SearchIndex
from kosi_checkin.search.list_filter import ListFilter, short_places
from kosi_checkin.services.attendees import AttendeeRow, haystack
from kosi_checkin.ui.workers import run_job

log = logging.getLogger(__name__)
TYPING_PAUSE = 0.25  # seconds without a keystroke after which the filter counts as typed
COLUMNS = (N_("Name"), N_("Organisation"), N_("Sector"), N_("Category"), N_("Sessions"), N_("Present in"))
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


@dataclass(frozen=True)
class ListRows:
    """The guest list's rows with what the table shows and sorts and searches by."""

    rows: list[AttendeeRow]
    cells: list[tuple[str, ...]]  # per row, the text of each column
    keys: list[tuple[str, ...]]  # per row, each column's sort key
    search: list[str]  # per row, the folded name, organisation and e-mail


def list_rows(event: Event, rows: list[AttendeeRow]) -> ListRows:
    """The table's texts and keys for ``rows``: no Qt, so a worker can make them for a big list
    (a second at 100,000 guests) while the window stays responsive."""
    order: dict[str, int] = {s.id: i for i, s in enumerate(event.sessions)}
    short = {s.id: s.short_title for s in event.sessions}
    afterwards = _("marked afterwards")
    sectors = {sector.name: sector.label(language()) for sector in event.sectors}  # "Research" in English
    cells: list[tuple[str, ...]] = []
    keys: list[tuple[str, ...]] = []
    search: list[str] = []
    for r in rows:
        a = r.attendee
        sessions = ", ".join(short.get(s, s) for s in sorted(a.sessions, key=lambda s: order.get(s, 99)))
        present = ", ".join(short.get(s, s) + (f" ({afterwards})" if s in r.late else "")
                            for s in sorted(r.checkins, key=lambda s: order.get(s, 99)))
        given = f"{a.title} {a.first_name}".strip()
        name = f"{a.last_name}, {given}" if a.last_name and given else a.last_name or given
        cells.append((name, a.organisation, sectors.get(a.sector, a.sector), a.category, sessions, present))
        last_first = fold_words((a.last_name, a.first_name))
        keys.append((last_first, fold(a.organisation) + " " + last_first, a.sector + " " + last_first,
                     a.category + " " + last_first, sessions, present))
        search.append(haystack(a))
    return ListRows(rows, cells, keys, search)


class AttendeeTableModel(QAbstractTableModel):
    index_ready = Signal()  # the typo-forgiving search is there (a big list builds it on a worker)

    def __init__(self, event: Event, rows: list[AttendeeRow]) -> None:
        super().__init__()
        self._event = event
        self._rows: list[AttendeeRow] = []
        self._guests: list[Attendee] = []  # what the search index is built from
        self._cells: list[tuple[str, ...]] = []
        self._keys: list[tuple[str, ...]] = []
        self._search: list[str] = []  # each row's folded name, organisation and e-mail
        self._filter = ListFilter([], [])
        self._visible: Sequence[int] = []  # row numbers shown, in display order
        self._query = ""
        self._typed_at = 0.0  # time.monotonic() of the filter's last keystroke
        self._version = 0  # which rows an index being built on a worker is for
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        self.set_rows(rows)

    # -- content ---------------------------------------------------------------------------
    def set_rows(self, rows: list[AttendeeRow]) -> None:
        self.show_rows(list_rows(self._event, rows))

    def show_rows(self, prepared: ListRows) -> None:
        """Show rows made by ``list_rows`` (on a worker for a big list)."""
        rows = prepared.rows
        guests = [r.attendee for r in rows]
        same_guests = guests == self._guests  # a check-in came in: the index stays as it is
        self.beginResetModel()
        self._rows, self._guests, self._cells, self._keys, self._search = (
            rows, guests, prepared.cells, prepared.keys, prepared.search)
        self.present = sum(1 for r in rows if r.checkins)  # guests present in some session
        self._apply_sort(self._filter.index if same_guests else None, same_texts=same_guests)
        self._visible = self._filter.rows(self._query)
        self.endResetModel()
        if not same_guests:
            self._version += 1
            if len(rows) > QUICK_INDEX:
                self._build_index()

    def _build_index(self) -> None:
        version, guests = self._version, self._guests
        run_job(lambda _job: SearchIndex(guests), lambda index: self._index_built(version, index),
                lambda exc: self._index_failed(version, guests, exc), owner=self)

    def _index_failed(self, version: int, guests: list[Attendee], exc: BaseException) -> None:
        log.warning("search index not built on a worker (%s); building it here", exc)
        self._index_built(version, SearchIndex(guests))  # a filter without typos is worse than a wait

    def _build_short(self) -> None:
        """The rows of each letter and pair of letters for the filter as it is now (its display
        order), made on a worker; a filter made since (a sort, new rows) is not given them."""
        target = self._filter
        texts, order = target.texts, target.order
        run_job(lambda _job: short_places(texts, order, self._until_typing_stops),
                lambda short: self._short_built(target, short),
                lambda exc: log.warning("short words' rows not made (%s); they are searched row by row", exc),
                owner=self)

    def _until_typing_stops(self) -> None:
        """On the worker making short places: wait while the filter is typed into. A worker
        running Python makes each of the GUI thread's calls back into Python (the table asks
        data() ~900 times a paint) wait for the interpreter's lock: 67 ms a keystroke instead
        of 8 at 100,000 guests. Meanwhile short words are searched in the texts, as before."""
        while time.monotonic() - self._typed_at < TYPING_PAUSE:
            time.sleep(TYPING_PAUSE / 5)

    def _short_built(self, target: ListFilter, short: dict[str, array[int]]) -> None:
        if target is self._filter:
            target.short = short

    def _index_built(self, version: int, index: SearchIndex) -> None:
        if version != self._version:  # rows set again meanwhile: their own build is under way
            return
        self._filter.index = index
        self._build_short()
        if self._query:
            self.set_query(self._query)
        self.index_ready.emit()

    @property
    def index_is_ready(self) -> bool:
        """The filter forgives typing errors now: its index is there, or is built at the first word."""
        return self._filter.index is not None or len(self._rows) <= QUICK_INDEX

    @property
    def short_words_are_looked_up(self) -> bool:
        """The first two letters of a word are looked up now (a big list's short places are
        made), or the list is small enough to read through for them."""
        return self._filter.short is not None or len(self._rows) <= QUICK_INDEX

    def row(self, display_row: int) -> AttendeeRow:
        """The guest shown in a row of the table."""
        return self._rows[self._visible[display_row]]

    @property
    def total(self) -> int:
        return len(self._rows)

    def all_rows(self) -> list[AttendeeRow]:
        return list(self._rows)

    # -- filter and sort -------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        """Show guests whose name, organisation or e-mail contain every word (folded), or a word
        one typo from it ("Schmidd" finds Schmidt, as at the desk)."""
        self._query = text
        self._typed_at = time.monotonic()
        if self._filter.index is None and len(self._rows) <= QUICK_INDEX and text.strip():
            self._filter.index = SearchIndex(self._guests)  # ~0.1 s at 10,000
        self.beginResetModel()
        self._visible = self._filter.rows(text)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == self._sort:  # the view showing the list asks for the order it has (0.25 s at 100,000)
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._apply_sort(self._filter.index)
        self._visible = self._filter.rows(self._query)
        self.layoutChanged.emit()

    def _apply_sort(self, index: SearchIndex | None, *, same_texts: bool = False) -> None:
        """The rows in the sort's order, and a filter over them in that order (``same_texts``:
        the rows' search texts are those of the filter before)."""
        column, order = self._sort
        keys = self._keys
        rows = sorted(range(len(keys)), key=lambda i: keys[i][column], reverse=order == Qt.SortOrder.DescendingOrder)
        before, self._filter = self._filter, ListFilter(self._search, rows, index)
        if same_texts and before.short is not None and before.order == rows:
            self._filter.short = before.short  # a check-in came in: the same texts in the same order
        elif index is not None and len(rows) > QUICK_INDEX:  # a big list: its first two letters looked up
            self._build_short()

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY:
            return self._cells[self._visible[index.row()]][index.column()]
        if role == ROW_ROLE:
            return index.row()
        if role == _TOOLTIP and index.column() == 0:
            return self._rows[self._visible[index.row()]].attendee.door_note or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None
