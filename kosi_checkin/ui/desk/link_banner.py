"""A shared event's desk: the banner that says when the server cannot be reached (the desk goes
on with its own copy) and how many check-ins wait to be sent."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kosi_checkin.checkin.desk import Desk
from kosi_checkin.i18n import _


class LinkBanner:
    def __init__(self, banner: QLabel, desk: Desk) -> None:
        self.banner, self.desk = banner, desk

    def after_answer(self) -> None:
        """After each answer: the state the last server question left (file events: nothing)."""
        if self.desk.remote is not None:
            self.show(not self.desk.offline)

    def after_round(self, online: bool) -> None:
        """After a round of the live link (shared/sync.py)."""
        if online and not self.desk.queued():
            self.desk.offline = False  # the server is back and has everything
        self.show(online and not self.desk.offline)

    def show(self, online: bool) -> None:
        if online:
            self.banner.hide()
            return
        self.banner.setText(_("The event server cannot be reached: this desk goes on with its own copy. "
                              "{n} check-in(s) wait to be sent; they go as soon as the server is back.").format(
                                  n=self.desk.queued()))
        self.banner.show()
