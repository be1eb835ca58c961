"""The door desk: always ready for the next scan, big unmistakable answers, search as you type,
one-key actions. All decisions are the Desk service's; this window shows them."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QMainWindow,
)

from kosi_checkin.checkin.answers import Answer, Kind, Tone
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import Target
from kosi_checkin.domain.errors import KosiError
from kosi_checkin.domain.model import Attendee
from kosi_checkin.formats import number
from kosi_checkin.i18n import _
from kosi_checkin.search.index import QUICK_INDEX, SearchIndex
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk.camera import FrameSource, QrReader
from kosi_checkin.ui.desk.camera_control import CameraControl
from kosi_checkin.ui.desk.desk_badges import DeskBadges
from kosi_checkin.ui.desk.desk_view import STYLE, DeskView
from kosi_checkin.ui.desk.guest_dialog import GuestDialog
from kosi_checkin.ui.desk.link_banner import LinkBanner
from kosi_checkin.ui.desk.results_model import ResultsModel
from kosi_checkin.ui.desk.scanner_filter import ScannerFilter
from kosi_checkin.ui.desk.search_keys import SearchKeys
from kosi_checkin.ui.desk.session_choice import SessionChoice
from kosi_checkin.ui.desk.sound import Sounds
from kosi_checkin.ui.desk.walk_in_dialog import WalkInDialog
from kosi_checkin.ui.lock import OrganiserLock
from kosi_checkin.ui.screen_fit import fit_on_screen
from kosi_checkin.ui.workers import run_job

if TYPE_CHECKING:
    from kosi_checkin.ui.desk.sync_thread import SyncThread  # loads psycopg: only a shared event's desk

log = logging.getLogger(__name__)
RESULT_LIMIT = 50


class DeskWindow(QMainWindow):
    """``mode`` "desk" checks guests in; "print" is a print station: whoever is scanned or picked
    gets their badge printed and is not marked present."""

    def __init__(self, context: AppContext, desk: Desk, session_key: str | None = None, mode: str = "desk",
                 lock: OrganiserLock | None = None) -> None:
        super().__init__()
        self.context = context
        self.desk = desk
        self.mode = mode
        self.lock = lock  # leaving full screen needs organiser mode
        self.badge_keys = DeskBadges(self, desk, context.settings, self.show_answer,
                                     lambda answer: self.panel.show_answer(answer, ""), self.ready)
        self.badges, self.printing = self.badge_keys.badges, self.badge_keys.printing
        self.last_answer: Answer | None = None

        self._building_index = False
        self._painted = False
        self._after_first_paint: Callable[[], object] | None = None
        self.model = ResultsModel(desk.event, desk.presence)
        view = DeskView(self.model)
        self.setCentralWidget(view)
        self.setStyleSheet(STYLE)
        self.session_label, self.target_box, self.counts_label = view.session_label, view.target_box, view.counts_label
        self.desk_label, self.camera_label, self.banner, self.panel = (view.desk_label, view.camera_label, view.banner,
                                                                        view.panel)
        self.search, self.results = view.search, view.results
        self.link = LinkBanner(self.banner, desk)
        self.camera = CameraControl(self.camera_label, self.on_scan)
        self.force_button, self.undo_button, self.details_button = view.force_button, view.undo_button, view.details_button
        self.walk_in_button, self.print_button = view.walk_in_button, view.print_button
        self.search.textChanged.connect(self._search)
        self.keys = SearchKeys(self.search, self.results, self.model, desk.names_a_code, self.on_scan,
                               self._check_in_row)
        self.results.activated.connect(lambda index: self._check_in_row(index.row()))
        self.results.doubleClicked.connect(lambda index: self._check_in_row(index.row()))
        for button, slot in ((self.force_button, self.force), (self.undo_button, self.undo_last),
                             (self.details_button, self.details), (self.walk_in_button, self.walk_in),
                             (self.print_button, self.print_current)):
            button.clicked.connect(slot)
        self.sounds = Sounds(context.settings.desk_sound)
        self.scanner = ScannerFilter(self, desk.reads_as_code, context.settings.scan_gap_ms)
        self.scanner.passthrough.add(self.search)
        self.scanner.scanned.connect(self.on_scan)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.scanner)
        self._actions()
        self.sessions = SessionChoice(self.target_box, desk.event, desk.clock, session_key)
        self.sessions.chosen.connect(self._target_chosen)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.retranslate()
        fit_on_screen(self, 1280, 800)  # a 1366×768 laptop: the key bar stays on the screen
        self._prepare_search()
        self.search.setFocus()

    # -- set-up ---------------------------------------------------------------------------------
    def _actions(self) -> None:
        def action(key: QKeySequence.StandardKey | str | Qt.Key, slot: object) -> QAction:
            act = QAction(self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        action(Qt.Key.Key_F2, self.force)
        action(Qt.Key.Key_F3, self.details)
        action(Qt.Key.Key_F4, self.undo_last)
        action(Qt.Key.Key_F5, self.walk_in)
        action(Qt.Key.Key_F6, self._choose_session)
        action(Qt.Key.Key_F7, self.toggle_camera)
        action(Qt.Key.Key_F8, self.print_current)
        action(Qt.Key.Key_F11, self.toggle_full_screen)
        action(Qt.Key.Key_Escape, self.ready)
        action(QKeySequence.StandardKey.Quit, self.close)

    def _choose_session(self) -> None:
        self.target_box.setFocus()
        self.target_box.showPopup()

    def retranslate(self) -> None:
        title = (_("Badge print station — {event}") if self.mode == "print" else
                 _("Exit — {event}") if self.mode == "exit" else _("Check-in desk — {event}"))
        self.setWindowTitle(title.format(event=self.desk.event.name))
        self.search.setPlaceholderText(_("Scan, or type a name, organisation or e-mail …"))
        self.force_button.setText(_("Admit anyway (F2)"))
        self.details_button.setText(_("Details (F3)"))
        self.undo_button.setText(_("Undo last check-in (F4)"))
        self.walk_in_button.setText(_("Walk-in (F5)"))
        self.print_button.setText(_("Print badge (F8)"))
        for widget in (self.force_button, self.undo_button, self.walk_in_button, self.target_box):
            widget.setVisible(self.mode == "desk")  # a print station checks nobody in
        self.target_box.setVisible(self.mode in ("desk", "exit"))  # an exit desk: out of which room
        self.desk_label.setText(_("Desk: {desk} · Esc: ready for the next guest · F6: session · F7: camera · F8: badge · F11: full screen").format(
            desk=self.desk.name))
        self._update_header()

    @property
    def target(self) -> Target:
        """The session (or group of parallel sessions) this desk admits into now."""
        return self.sessions.target

    def _target_chosen(self) -> None:
        self._update_header()
        self.ready()

    # -- the loop of the desk -------------------------------------------------------------------
    def tick(self) -> None:
        """Each second: check-ins of other desks, the clock's session, counts."""
        try:
            changed = self.desk.refresh()
        except sqlite3.Error:
            log.warning("refresh failed", exc_info=True)
            changed = []
        self.sessions.follow_clock()
        self._update_header()
        if changed and self.model.guests:
            self.model.layoutChanged.emit()
        while self.desk.late_notes:  # the server answered after the desk had decided alone
            self.statusBar().showMessage(self.desk.late_notes.pop(0), 20000)

    def _update_header(self) -> None:
        automatic = _(" (automatic)") if self.sessions.auto else ""
        self.session_label.setText(_("Session: {label}").format(label=self.target.label) + automatic)
        if self.mode == "print":
            self.session_label.setText(_("Print station: scanned or picked guests get their badge, no check-in"))
        self.counts_label.setText(self.desk.counts_line(self.target))

    def ready(self) -> None:
        """Back to scan-ready: search cleared, focus in the search box."""
        self.search.clear()
        self.search.setFocus()

    def on_scan(self, text: str) -> None:
        if self.mode == "print":
            found = self._run_identify(text)
            if found is not None:
                self.print_guest(found)
            return
        if self.mode == "exit":  # an exit desk: out of the room
            guest = self._run_identify(text)
            if guest is not None:
                self._run(lambda: self.desk.exit(guest.id, self.target))
            return
        self._run(lambda: self.desk.scan(text, self.target))

    def _run_identify(self, text: str) -> Attendee | None:
        try:
            found = self.desk.identify(text)
        except (KosiError, sqlite3.Error, OSError) as exc:
            found = Answer(Kind.UNKNOWN, str(exc))
        if isinstance(found, Answer):
            self.show_answer(found)
            return None
        return found

    def _run(self, step: Callable[[], Answer]) -> Answer | None:
        """One desk action: the answer shown (after the check-in is durable) or a red message."""
        try:
            answer = step()
        except KosiError as exc:
            answer = Answer(Kind.UNKNOWN, str(exc))
        except (sqlite3.Error, OSError) as exc:
            log.exception("check-in not saved")
            answer = Answer(Kind.UNKNOWN, _("Not saved: the event file cannot be written"),
                            _("{reason}. The check-in was NOT recorded. Tell the organiser.").format(reason=exc))
        self.show_answer(answer)
        return answer

    def show_answer(self, answer: Answer) -> None:
        self.last_answer = answer
        hint = ""
        if answer.kind in (Kind.NOT_REGISTERED, Kind.ROOM_FULL):
            hint = _("F2: admit anyway")
        elif answer.kind is Kind.WELCOME:
            hint = _("F4: undo")
        elif answer.kind is Kind.CHOOSE:
            hint = _("Pick with ↑ ↓ and Enter")
        self.panel.show_answer(answer, hint)
        self.sounds.play(answer.tone)
        self.link.after_answer()
        if answer.kind is Kind.CHOOSE:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.model.set_guests(list(answer.candidates))
            self.keys.select(0)
            self.search.setFocus()
        else:
            self.ready()
            self.model.layoutChanged.emit()
        self._update_header()

    # -- search ---------------------------------------------------------------------------------
    def _prepare_search(self) -> None:
        """Have the name search ready before the first key: built here for a small event (not on
        the first key typed, which would stretch a scan's gaps), on a worker for a big one, so
        the desk scans at once and the panel says the name search is on its way."""
        if self.desk.index_ready or self._building_index:
            return
        if len(self.desk.guests) <= QUICK_INDEX:  # built here (~0.1 s); more: on a worker
            self.desk.index  # noqa: B018 - built now
            return
        version, guests = self.desk.index_source()
        self._building_index = True
        self.panel.set_waiting(_("The name search is being prepared ({count} guests); scanning works already.").format(
            count=number(len(guests))))
        start = partial(run_job, lambda _job: SearchIndex(guests), lambda index: self._index_built(version, index),
                        self._index_failed, owner=self)
        if self._painted:
            start()
        else:  # once the window is on the screen: the worker holds the interpreter's lock half the time
            self._after_first_paint = start

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._painted = True
        if self._after_first_paint is not None:
            QTimer.singleShot(0, self, self._after_first_paint)  # after the rest of this paint
            self._after_first_paint = None

    def _index_built(self, version: int, index: SearchIndex) -> None:
        self._building_index = False
        if not self.desk.adopt_index(version, index):  # the guests changed meanwhile: again, from them
            self._prepare_search()
            return
        self.panel.set_waiting("")
        if self.search.text().strip():  # typed while it was built: the results now
            self._search(self.search.text())

    def _index_failed(self, exc: BaseException) -> None:
        self._building_index = False
        log.error("building the name search failed", exc_info=exc)
        self.panel.set_waiting("")
        self.desk.index  # noqa: B018 - here, then: a desk without name search is worse than a wait

    def _search(self, text: str) -> None:
        if text.strip() and self.panel.answer is not None:  # the next guest: the last answer is not theirs
            self.panel.ready()
        if not self.desk.index_ready:
            self._prepare_search()
        guests = self.desk.index.search(text, RESULT_LIMIT) if text.strip() and self.desk.index_ready else []
        self.model.set_guests(guests)
        if guests:
            self.keys.select(0)

    def _check_in_row(self, row: int) -> None:
        guest = self.model.guest_at(row)
        if guest is None:
            return
        if self.mode == "print":
            self.print_guest(guest)
            return
        if self.mode == "exit":
            self._run(lambda: self.desk.exit(guest.id, self.target))
            return
        self._run(lambda: self.desk.check_in(guest.id, self.target))

    # -- a shared event ----------------------------------------------------------------------
    def use_sync(self, sync: SyncThread) -> None:
        """Rounds of the live link: other desks' check-ins at once, the banner when offline."""
        sync.round_done.connect(self.on_sync_round)

    def on_sync_round(self, done: object) -> None:
        online = bool(getattr(done, "online", True))
        if getattr(done, "guests_changed", False):
            self.desk.reload()
            self.model.presence = self.desk.presence
            self._prepare_search()
        if getattr(done, "journal", 0) or getattr(done, "sent", 0):
            self.tick()
        self.link.after_round(online)

    # -- badges -----------------------------------------------------------------------------
    def current_guest(self) -> Attendee | None:
        """The guest selected in the results, else the one of the last answer."""
        guest = self.model.guest_at(self.keys.selected_row())
        if guest is None and self.last_answer is not None:
            guest = self.last_answer.attendee
        return self.desk.guests.get(guest.id, guest) if guest is not None else None

    def print_current(self) -> None:
        guest = self.current_guest()
        if guest is None:
            self.panel.show_answer(Answer(Kind.PROMPT, _("Scan or search the guest first, then F8.")), "")
            return
        self.print_guest(guest)

    def print_guest(self, guest: Attendee) -> None:
        """Print the guest's badge; a reprint asks why (and takes a corrected name first)."""
        self.badge_keys.print_guest(guest)

    # -- one-key actions ------------------------------------------------------------------------
    def force(self) -> None:
        answer = self.last_answer
        if answer is not None and answer.kind is Kind.ROOM_FULL and answer.attendee is not None:
            guest, room = answer.attendee, answer.sessions[0]  # into the full room, on the volunteer's word
            self._run(lambda: self.desk.check_in(guest.id, self.target, force=room.id not in guest.sessions,
                                                 force_session=room.id if self.target.kind == "group" else None,
                                                 over_capacity=True))
            return
        if answer is None or answer.kind is not Kind.NOT_REGISTERED or answer.attendee is None:
            return
        guest = answer.attendee
        force_session = None
        if answer.force_choices:
            titles = [s.title for s in answer.force_choices]
            title, ok = QInputDialog.getItem(self, _("Admit anyway"), _("Admit {name} into:").format(
                name=guest.display_name), titles, 0, False)
            if not ok:
                return
            force_session = answer.force_choices[titles.index(title)].id
        self._run(lambda: self.desk.check_in(guest.id, self.target, force=True, force_session=force_session))

    def undo_last(self) -> None:
        if self.mode == "desk":
            self._run(self.desk.undo_last)

    def details(self) -> None:
        guest: Attendee | None = self.model.guest_at(self.keys.selected_row())
        if guest is None and self.last_answer is not None:
            guest = self.last_answer.attendee
        if guest is None:
            return
        dialog = GuestDialog(self.desk, self.desk.guests.get(guest.id, guest), self)
        dialog.exec()
        if dialog.answers:
            self.show_answer(dialog.answers[-1])

    def walk_in(self) -> None:
        if self.mode != "desk":
            return
        name = self.search.text().strip()
        dialog = WalkInDialog(self.desk.event, self.target, self, name=name)
        if dialog.exec():
            self._run(lambda: self.desk.walk_in(dialog.attendee(), self.target))

    # -- camera (camera_control.py) -----------------------------------------------------------
    @property
    def camera_reader(self) -> QrReader | None:
        return self.camera.reader

    def toggle_camera(self) -> None:
        self.camera.toggle()

    def use_frames(self, source: FrameSource) -> QrReader:
        return self.camera.use_frames(source)

    def stop_camera(self) -> None:
        self.camera.stop()

    def toggle_full_screen(self) -> None:
        if not self.isFullScreen():
            self.showFullScreen()
        elif self.lock is None or self.lock.require(self):
            self.showNormal()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
        self.timer.stop()
        self.stop_camera()
        super().closeEvent(event)


def tone_of(window: DeskWindow) -> Tone | None:
    """The tone shown now (for tests and screenshots)."""
    return window.panel.answer.tone if window.panel.answer else None
