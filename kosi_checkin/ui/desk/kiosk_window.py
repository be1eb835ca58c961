"""The self-service kiosk screen: full screen, one field for the scanner, a big answer. Guests
scan their e-ticket or confirmation code and get their badge printed. Nothing else is reachable
from this screen: no menus, no search, Esc and Alt+F4 do nothing; only Ctrl+Alt+Shift+Q leaves
it, and where the event has an organiser PIN only with that PIN."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QVBoxLayout, QWidget

from kosi_checkin.checkin.answers import Answer, Kind
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.kiosk import Kiosk
from kosi_checkin.checkin.targets import Target, target_at, targets
from kosi_checkin.domain.errors import KosiError
from kosi_checkin.i18n import _
from kosi_checkin.services.badge_on_demand import OnDemandBadges
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk.answer_panel import AnswerPanel
from kosi_checkin.ui.desk.badge_printing import DeskBadgePrinting
from kosi_checkin.ui.lock import OrganiserLock

LEAVE_KEYS = "Ctrl+Alt+Shift+Q"
RESET_MS = 8000  # the answer stays this long, then the screen invites the next guest


class KioskWindow(QMainWindow):
    def __init__(self, context: AppContext, desk: Desk, lock: OrganiserLock | None = None) -> None:
        super().__init__()
        self.context = context
        self.desk = desk
        self.lock = lock  # with an organiser PIN set, leaving asks for it
        self.badges = OnDemandBadges.from_settings(desk.conn, desk.event, desk.name, context.settings)
        self.kiosk = Kiosk(desk, self.badges.times_printed)
        self.printing = DeskBadgePrinting(self.badges, self)
        self.printing.finished.connect(self._printed)
        self.leaving = False
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setWindowTitle(_("Self-service badges — {event}").format(event=desk.event.name))
        self.heading = QLabel(desk.event.name)
        self.heading.setObjectName("kioskHeading")
        self.heading.setWordWrap(True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.invite = QLabel(_("Welcome! Hold the QR code of your ticket or confirmation under the scanner."))
        self.invite.setObjectName("kioskInvite")
        self.invite.setWordWrap(True)
        self.invite.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.panel = AnswerPanel(_("Your badge is printed at once, and you are checked in."))
        self.field = QLineEdit()
        self.field.setObjectName("kioskField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)  # no one reads a code over a shoulder
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.returnPressed.connect(self.submit)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.heading)
        layout.addWidget(self.invite)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.field)
        self.setCentralWidget(central)
        self.setStyleSheet("#kioskHeading { font-size: 26pt; font-weight: bold; }"
                           "#kioskInvite { font-size: 20pt; }"
                           "#kioskField { font-size: 18pt; }")
        leave = QShortcut(QKeySequence(LEAVE_KEYS), self)
        leave.setContext(Qt.ShortcutContext.ApplicationShortcut)
        leave.activated.connect(self.leave)
        self.reset_timer = QTimer(self)
        self.reset_timer.setSingleShot(True)
        self.reset_timer.setInterval(RESET_MS)
        self.reset_timer.timeout.connect(self.panel.ready)
        self.field.setFocus()

    def target(self) -> Target:
        found = target_at(self.desk.event, self.desk.clock())
        return found if found is not None else targets(self.desk.event)[0]

    def submit(self) -> None:
        text = self.field.text()
        self.field.clear()
        try:
            step = self.kiosk.handle(text, self.target())
        except (KosiError, sqlite3.Error, OSError) as exc:
            self.show_answer(Answer(Kind.PRINT_FAILED, _("Please go to the desk."), str(exc)))
            return
        self.show_answer(step.answer)
        if step.print_for is not None:
            self.printing.print_badge(step.print_for)

    def _printed(self, answer: Answer, _seconds: float) -> None:
        if answer.kind is Kind.PRINTED:
            answer = Answer(Kind.PRINTED, _("Your badge is ready, {name}!").format(
                name=answer.attendee.display_name if answer.attendee else ""), _("Please take it from the printer."))
        else:
            answer = Answer(answer.kind, _("The badge could not be printed."), _("Please go to the desk."))
        self.show_answer(answer)

    def show_answer(self, answer: Answer) -> None:
        self.panel.show_answer(answer, "")
        self.reset_timer.start()
        self.field.setFocus()

    # -- nothing else reachable -----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        self.field.setFocus()  # every key goes to the code field; nothing else reacts
        event.accept()

    def leave(self) -> None:
        if self.lock is not None and not self.lock.require(self):
            self.field.setFocus()
            return
        self.leaving = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.leaving:
            event.ignore()  # Alt+F4 and the like: the kiosk stays
            return
        self.reset_timer.stop()
        super().closeEvent(event)
