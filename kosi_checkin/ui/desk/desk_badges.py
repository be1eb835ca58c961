"""A badge printed at the desk or the print station in one key: a reprint first asks why (and
takes a corrected name), then the badge goes to the printer off the GUI thread
(badge_printing.py) and the answer comes back to the desk."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kosi_checkin.checkin.answers import Answer, Kind
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.config import Settings
from kosi_checkin.domain.errors import KosiError
from kosi_checkin.domain.model import Attendee
from kosi_checkin.i18n import _
from kosi_checkin.services.attendees import edit_attendee
from kosi_checkin.services.badge_on_demand import OnDemandBadges
from kosi_checkin.ui.desk.badge_printing import DeskBadgePrinting
from kosi_checkin.ui.desk.reprint_dialog import ReprintDialog

Show = Callable[[Answer], None]


class DeskBadges:
    """``show``: the desk's answer (with its sound); ``note``: a line on the panel without a
    sound (printing …); ``ready``: back to scan-ready."""

    def __init__(self, parent: QWidget, desk: Desk, settings: Settings, show: Show, note: Show,
                 ready: Callable[[], None]) -> None:
        self.parent, self.desk, self.show, self.note, self.ready = parent, desk, show, note, ready
        self.badges = OnDemandBadges.from_settings(desk.conn, desk.event, desk.name, settings)
        self.printing = DeskBadgePrinting(self.badges, parent)
        self.printing.finished.connect(self._printed)
        self.last_print_seconds: float | None = None
        self.reprint_dialog: ReprintDialog | None = None

    def print_guest(self, guest: Attendee) -> None:
        reason = ""
        times = self.badges.times_printed(guest.id)
        if times:
            dialog = self.reprint_dialog = ReprintDialog(guest, times, self.parent)
            if not dialog.exec():
                self.ready()
                return
            reason = dialog.reason()
            changes = dialog.changes()
            if changes:
                try:
                    guest = edit_attendee(self.desk.conn, self.desk.event, guest.id, changes)
                except (KosiError, sqlite3.Error) as exc:
                    self.show(Answer(Kind.PRINT_FAILED, _("Badge NOT printed"), str(exc), attendee=guest))
                    return
                self.desk.replace_guest(guest)
        self.note(Answer(Kind.PRINTING, _("Printing the badge of {name} …").format(name=guest.display_name),
                         attendee=guest))
        self.ready()
        self.printing.print_badge(guest, reason)

    def _printed(self, answer: Answer, seconds: float) -> None:
        self.last_print_seconds = seconds
        self.show(answer)
