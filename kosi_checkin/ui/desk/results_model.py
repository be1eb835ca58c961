"""Search results at the desk: name, organisation, and per session registered (○) or present
(✔ with time). Filled from the search index; nothing here searches."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kosi_checkin import formats
from kosi_checkin.checkin.presence import Presence
from kosi_checkin.domain.model import Attendee, Event, Session
from kosi_checkin.i18n import _

_Index = QModelIndex | QPersistentModelIndex


def header_title(session: Session, limit: int = 25) -> str:
    """A column header: the title up to its colon ("Arbeitsforum A"), cut at a word with "…"
    beyond ``limit`` letters (the whole title is the header's tooltip). Never the id."""
    short = session.short_title
    if len(short) <= limit:
        return short
    cut = short[:limit].rsplit(" ", 1)[0]
    return cut + " …"


class ResultsModel(QAbstractTableModel):
    def __init__(self, event: Event, presence: Presence) -> None:
        super().__init__()
        self.kosi_event = event
        self.presence = presence
        self.guests: list[Attendee] = []

    def set_guests(self, guests: list[Attendee]) -> None:
        self.beginResetModel()
        self.guests = guests
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.guests)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 2 + len(self.kosi_event.sessions)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if section == 0:
            return _("Name")
        if section == 1:
            return _("Organisation")
        session = self.kosi_event.sessions[section - 2]
        return session.title if role == Qt.ItemDataRole.ToolTipRole else header_title(session)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        guest = self.guests[index.row()]
        column = index.column()
        if column == 0:
            return guest.display_name + (" " + _("(walk-in)") if guest.walk_in else "")
        if column == 1:
            return guest.organisation
        session = self.kosi_event.sessions[column - 2]
        entry = self.presence.entry(guest.id, session.id)
        if entry is not None and entry.is_late:
            return "✔ " + _("marked afterwards") if role == Qt.ItemDataRole.DisplayRole else _(
                "marked present afterwards by {who}").format(who=entry.desk)
        if entry is not None:
            text = "✔ " + formats.time(entry.at)
            return text if role == Qt.ItemDataRole.DisplayRole else _("present since {time} ({desk})").format(
                time=formats.time(entry.at), desk=entry.desk)
        if session.id in guest.sessions:
            return "○" if role == Qt.ItemDataRole.DisplayRole else _("registered, not yet here")
        return ""

    def guest_at(self, row: int) -> Attendee | None:
        return self.guests[row] if 0 <= row < len(self.guests) else None
