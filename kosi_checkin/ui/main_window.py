"""The main window: an event's guest list with search, import and the guest editor."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QWidget,
)

from kosi_checkin import formats
from kosi_checkin.domain.errors import Cancelled, PasswordNeeded
from kosi_checkin.domain.model import Attendee, Event
from kosi_checkin.i18n import _, ngettext, set_language
from kosi_checkin.places import demo_event_path
from kosi_checkin.search.index import QUICK_INDEX
from kosi_checkin.services.attendees import guest_count, list_attendees
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.shared.url import display, is_shared, location
from kosi_checkin.ui import event_files, main_menus, trust_actions
from kosi_checkin.ui.context import AppContext, quit_app
from kosi_checkin.ui.errors import show_error
from kosi_checkin.ui.event_dialogs import EventDialogs
from kosi_checkin.ui.guest_list_view import GuestListView
from kosi_checkin.ui.lock import OrganiserLock
from kosi_checkin.ui.models.attendee_table import AttendeeTableModel, ListRows, list_rows
from kosi_checkin.ui.ownership import HandedOver
from kosi_checkin.ui.qt_language import use_qt_language
from kosi_checkin.ui.screen_fit import fit_on_screen
from kosi_checkin.ui.server_password import ask_server_password
from kosi_checkin.ui.waiting import close_without_freezing, open_without_freezing
from kosi_checkin.ui.workers import run_job

log = logging.getLogger(__name__)
SLOW_SERVER_MS = 5000  # a shared event's resync still under way after this: the status bar says so


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.current: EventContext | None = None  # the open event, handed to every dialog
        self.openers = EventDialogs(self, context, self.reload)
        self.menu_actions: dict[str, QAction] = {}
        self.model: AttendeeTableModel | None = None
        self.lock: OrganiserLock | None = None
        self._loading = self._shown = 0  # loads of the list begun / the one shown (a big list loads on a worker)
        self._worker_busy = False  # a worker is loading a list (of this event, or of one closed since)
        self._again = False  # reload once that load is done
        self._syncing = False  # a worker resyncs a shared event's copy with its server
        self._sync_again = False  # resync again once that one is done
        self._syncs = 0  # resyncs begun (the one a "still waiting" timer belongs to)

        view = GuestListView()
        self.heading, self.search, self.table = view.heading, view.search, view.table
        self.view = view
        self.search.textChanged.connect(self._filter)
        self.table.activated.connect(self._edit_index)  # Enter, and a double click (Qt activates on it)
        self.setCentralWidget(view)
        fit_on_screen(self, 1200, 720)
        self.retranslate()

    @property
    def conn(self) -> sqlite3.Connection | None:
        return self.current.conn if self.current is not None else None

    @property
    def kosi_event(self) -> Event | None:
        return self.current.event if self.current is not None else None

    @property
    def event_path(self) -> Path | str | None:
        return self.current.location if self.current is not None else None

    @property
    def dialogs(self) -> dict[str, QWidget]:
        """The dialogs and windows opened from here, by name."""
        return self.openers.opened

    # -- texts and menus -------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search name, organisation or e-mail …"))
        self._build_menus()
        self._update_heading()
        if self.model is not None:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    def _build_menus(self) -> None:
        slots: dict[str, main_menus.Slot] = {
            "welcome": self.show_welcome, "new_from_template": self.new_from_template,
            "new_from_config": self.new_from_config, "choose_event": self.choose_event,
            "choose_server": self.choose_server, "publish": self.publish_to_server, "import": self.choose_import,
            "backup": self.backup_now, "restore": self.restore_backup, "quit": quit_app,
            "desk": lambda: self.open_desk("desk"), "station": lambda: self.open_desk(mode="print"),
            "kiosk": lambda: self.open_desk(mode="kiosk"), "badges": self.print_badges,
            "printer_setup": self.printer_setup, "logo": self.choose_logo, "export": lambda: self.export(),
            "signatures": lambda: self.export("signatures"), "certificates": self.certificates, "stats": self.show_stats, "edit": self.edit_selected,
            "late": self.mark_late, "delete": self.delete_selected, "find": self.focus_search,
            "lock": self.lock_window, "unlock": self.unlock_window, "pin": self.change_pin, "guide": self.show_guide,
        }
        self.menu_actions = main_menus.build(self.menuBar(), slots, self._guarded, self.context.settings.recent_files,
                                        lambda p: self.open_event(location(p)), self.context.settings.language,
                                        self.set_language)
        self._update_actions()

    def show_welcome(self) -> None:
        from kosi_checkin.ui.welcome_dialog import WelcomeChoices, WelcomeDialog

        choices = WelcomeChoices(self.new_from_template, self.new_from_config, self.choose_event, self.open_event)
        behind = self.current.location if self.current is not None else None
        dialog = WelcomeDialog(self, choices, self.context.settings.recent_files, behind, demo_event_path())
        self.dialogs["welcome"] = dialog
        dialog.open()

    def show_guide(self) -> None:
        self.openers.show_guide(self.current)

    def _guarded(self, slot: main_menus.Slot) -> None:
        """Organiser actions ask for the PIN in desk mode."""
        if self.lock is None or self.lock.require(self):
            slot()

    def lock_window(self) -> None:
        if self.lock is not None:
            self.lock.lock()

    def unlock_window(self) -> None:
        if self.lock is not None:
            self.lock.unlock(self)

    def _mode_changed(self, _organiser: bool) -> None:
        self._update_heading()
        self._update_actions()

    def close_event_file(self) -> None:
        """Close the open event: its connection, then its lock (the event context holds both)."""
        if self.current is None:
            return
        owner = self.context.owners.get(self.current.location)
        if owner is not None:
            try:
                owner.journal_changed.disconnect(self.reload)
            except (RuntimeError, TypeError):
                pass
        current, self.current = self.current, None  # gone for late workers' answers, even if closing fails
        close_without_freezing(self, current)  # a shared event's changes go to its server off this thread

    def _update_actions(self) -> None:
        has_event = self.current is not None
        organiser = self.lock is None or self.lock.organiser
        for key in ("backup", "restore", "delete", "pin", "import", "desk", "station", "kiosk", "badges", "logo",
                    "export", "signatures", "certificates", "stats", "late", "edit"):
            self.menu_actions[key].setEnabled(has_event)
        self.menu_actions["lock"].setEnabled(has_event and organiser)
        self.menu_actions["unlock"].setEnabled(has_event and not organiser)

    def _update_heading(self) -> None:
        if self.kosi_event is None:
            self.setWindowTitle("KoSI Check-in")
            self.heading.setText(_("No event open. Open an event file or create one from the File menu."))
            return
        mode = "" if self.lock is None or self.lock.organiser else " — " + _("desk mode")
        self.setWindowTitle(f"KoSI Check-in — {self.kosi_event.name}{mode}")
        heading = f"{self.kosi_event.name}\n{formats.date(self.kosi_event.date)} · {self.kosi_event.venue}"
        if self.model is not None and not self.model.total:  # a new, empty event: what to do first
            heading += "\n" + _("No guests yet: import the registration list (File → Import registration list …, Ctrl+I).")
        self.heading.setText(heading)
        self._update_status()

    def _update_status(self) -> None:
        """Guests, those shown by the filter, those present (each keystroke of the filter)."""
        if self.model is None:
            return
        if self.loading:  # a big list, on a worker: nothing to count yet
            self.statusBar().showMessage(_("Loading the guest list …"))
            return
        total, shown = self.model.total, self.model.rowCount()
        count = (_("{shown} of {total} shown").format(shown=formats.number(shown), total=formats.number(total))
                 if shown != total  # filtered; big numbers grouped: "12 von 100.000"
                 else ngettext("{n} guest", "{n} guests", total).format(n=formats.number(total)))
        waiting = "" if self.model.index_is_ready or not self.model.total else " · " + _(
            "typing errors are forgiven in a moment")  # a big list builds its search on a worker
        present = _("{n} present").format(n=formats.number(self.model.present))
        self.statusBar().showMessage(count + " · " + present + waiting)

    # -- dialogs on the event (ui/event_dialogs.py) ---------------------------------------
    def open_desk(self, mode: str = "desk") -> None:
        if self.current is not None:
            self.openers.open_desk(self.current, mode, self.lock)

    def selected_guests(self) -> list[Attendee]:
        model = self.model
        return [model.row(row).attendee for row in self.view.selected_rows()] if model is not None else []

    def selected_ids(self) -> list[str]:
        return [guest.id for guest in self.selected_guests()]

    def print_badges(self) -> None:
        if self.current is not None:
            self.openers.print_badges(self.current, self.selected_ids())

    def export(self, kind: str = "xlsx") -> None:
        if self.current is not None:
            self.openers.export(self.current, kind)

    def certificates(self) -> None:
        if self.current is not None:
            self.openers.certificates(self.current, self.selected_ids())

    def show_stats(self) -> None:
        if self.current is not None:
            self.openers.show_stats(self.current)

    def mark_late(self) -> None:
        if self.current is not None:
            self.openers.mark_late(self.current, self.selected_guests())

    def choose_logo(self) -> None:
        if self.current is not None:
            self.openers.choose_logo(self.current)

    def printer_setup(self) -> None:
        self.openers.printer_setup()

    # -- trust ------------------------------------------------------------------------------
    def backup_now(self) -> Path | None:
        if self.current is None:
            return None
        return trust_actions.backup_now(self, self.current, self.context.settings.desk_name)

    def restore_backup(self, choice: Path | None = None) -> bool:
        if self.current is None:
            return False
        return trust_actions.restore_from_backup(self, Path(self.current.location), self.context.owners,
                                                 self.context.settings.desk_name, self.close_event_file,
                                                 self.open_event, choice)

    def delete_selected(self, confirm: bool = True) -> bool:
        """Delete the one selected guest on request (GDPR)."""
        if self.current is None:
            return False
        guests = self.selected_guests()
        deleted = trust_actions.delete_guest(self, self.current, guests[0] if len(guests) == 1 else None,
                                             self.context.settings.desk_name, confirm)
        if deleted:
            self.reload()
        return deleted

    def change_pin(self) -> bool:
        if self.current is None:
            return False
        return trust_actions.change_pin(self, self.current, self.context.settings.desk_name)

    def set_language(self, code: str) -> None:
        set_language(code)
        use_qt_language(code)  # Qt's own texts (Ctrl+Q, Cancel, the file dialog) switch too
        self.context.settings.language = code
        self.context.save()
        self.retranslate()

    # -- events ----------------------------------------------------------------------------
    def open_event(self, path: Path | str) -> bool:
        """Own the event (its lock, its hand-over socket), then open it."""
        try:
            opened = open_without_freezing(self, path, claim=self.context.owners.hold)
        except Cancelled:
            self.statusBar().showMessage(_("Opening {event} was cancelled.").format(event=display(str(path))), 15000)
            return False
        except HandedOver as exc:  # open in another KoSI Check-in process, which now shows it
            self.statusBar().showMessage(str(exc), 15000)
            return False
        except PasswordNeeded as exc:
            if not ask_server_password(self, str(path)):
                show_error(self, exc)
                return False
            return self.open_event(path)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            show_error(self, exc)
            return False
        self.close_event_file()
        owner = self.context.owners.get(path)
        if owner is not None:  # a command's check-in through this app shows at once
            owner.journal_changed.connect(self.reload)
        self.current = opened
        self.lock = OrganiserLock(opened.conn, self.context.settings.desk_name, self)
        self.lock.changed.connect(self._mode_changed)
        self.context.settings.remember(path)
        self.context.save()
        self.model = AttendeeTableModel(opened.event, [])
        self.model.index_ready.connect(self._update_status)
        self.model.set_query(self.search.text())
        self.reload()
        self.view.show_model(self.model)
        self._build_menus()
        self._update_heading()
        return True

    def reload(self) -> None:
        if self.current is None or self.model is None:
            return
        if self.current.link is not None:  # a shared event: send this window's changes, take the others'
            self._resync_on_worker(self.current)  # then the list is read again
        self._reload_list()  # this computer's copy at once (an edit made here shows, whatever the network does)

    def _resync_on_worker(self, current: EventContext) -> None:
        """A shared event's resync runs on a worker (a network that stalls must not freeze the
        window), on a connection of its own to the window's local copy; the list is read again
        once it is done. One at a time: a reload asked for meanwhile resyncs again after it.
        A server that does not answer (within SLOW_SERVER, or with an error) is said in the
        status bar; the list shows this computer's copy meanwhile."""
        if self._syncing:
            self._sync_again = True
            return
        resync = current.resync_job()
        assert resync is not None
        self._syncing = True
        started = self._syncs = self._syncs + 1

        def still_waiting() -> None:
            if self._syncing and self._syncs == started and current is self.current:
                self.statusBar().showMessage(_("The server does not answer at the moment; the list shows this "
                                               "computer's copy."))

        QTimer.singleShot(SLOW_SERVER_MS, self, still_waiting)

        def finished(_result: object, exc: BaseException | None = None) -> None:
            self._syncing = False
            if current is not self.current:  # another event opened meanwhile
                return
            if self._sync_again:
                self._sync_again = False
                self._resync_on_worker(current)
                return
            self._reload_list()  # the server's changes, now in the copy
            if exc is not None:
                log.warning("resync with the server failed: %s", exc)
                self.statusBar().showMessage(_("The server did not answer ({reason}); the list shows this "
                                               "computer's copy.").format(reason=exc), 15000)

        run_job(lambda _job: resync(), finished, lambda exc: finished(None, exc), owner=self)

    def _reload_list(self) -> None:
        assert self.current is not None
        if not is_shared(str(self.current.location)) and guest_count(self.current.conn) > QUICK_INDEX:
            self._load_on_worker(self.current)  # a second or more: the window stays responsive meanwhile
            return
        self._loading += 1  # a load still under way on a worker is not shown
        self._show_rows(list_rows(self.current.event, list_attendees(self.current.conn)))

    def _load_on_worker(self, current: EventContext) -> None:
        """The rows of a big list read and made on a worker, on a connection of its own (SQLite
        shares its locks between the connections of a process). One load at a time: a reload
        asked for meanwhile (a check-in through the app) runs once it is done."""
        if self._worker_busy:
            self._again = True
            return
        self._worker_busy = True
        self._loading += 1
        loading = self._loading
        self._update_status()

        def load(_job: object) -> ListRows:
            reader = current.reopened()
            try:
                return list_rows(reader.event, list_attendees(reader.conn))
            finally:
                reader.close()

        def finished(prepared: ListRows | None, exc: BaseException | None = None) -> None:
            self._worker_busy = False
            if current is self.current:  # not another event opened meanwhile
                if exc is not None:
                    self._shown = loading
                    show_error(self, exc)
                    self._update_status()
                elif loading == self._loading:  # not a list loaded here since
                    assert prepared is not None
                    self._show_rows(prepared)
            if self._again:
                self._again = False
                self.reload()

        run_job(load, finished, lambda exc: finished(None, exc), owner=self)

    @property
    def loading(self) -> bool:
        """A load of the list is under way on a worker (its rows are not shown yet)."""
        return self._loading != self._shown

    def _show_rows(self, prepared: ListRows) -> None:
        if self.model is None:
            return
        was_empty = self.model.total == 0
        self._shown = self._loading
        self.model.show_rows(prepared)
        if was_empty and self.model.total:  # the first import: the columns were sized for an empty list
            self.view.fit_columns()
        self._update_heading()

    def _filter(self, text: str) -> None:
        if self.model is not None:
            self.model.set_query(text)
            self._update_status()

    def choose_server(self) -> None:
        url = event_files.ask_server_url(self, _("Open a shared event"))
        if url:
            self.open_event(url)

    def publish_to_server(self) -> None:
        """Upload this event file for several desks, then work on the shared event."""
        if self.current is None or is_shared(str(self.current.location)):
            return
        url = event_files.publish_event(self, Path(self.current.location))
        if url:
            self.open_event(url)

    def choose_event(self) -> None:
        path = event_files.choose_event_file(self)
        if path:
            self.open_event(path)

    def _save_path(self) -> Path | None:
        return event_files.ask_new_event_path(self)

    def new_from_template(self) -> None:
        path = event_files.new_from_template(self)
        if path:
            self.open_event(path)

    def new_from_config(self) -> None:
        path = event_files.new_from_config(self)
        if path:
            self.open_event(path)

    # -- import ----------------------------------------------------------------------------
    def choose_import(self) -> None:
        if self.current is not None:
            path = event_files.choose_list_file(self)
            if path:
                self.start_import(path)

    def start_import(self, path: Path) -> None:
        assert self.current is not None
        self.openers.start_import(self.current, path)

    # -- guests ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _edit_index(self, index: QModelIndex) -> None:
        if self.model is None or not index.isValid():
            return
        self._guarded(lambda: self.edit_row(index.row()))

    def edit_selected(self) -> None:
        rows = self.view.selected_rows()
        if rows and self.model is not None:
            self._guarded(lambda: self.edit_row(rows[0]))

    def edit_row(self, row: int) -> None:
        if self.model is not None and self.current is not None:
            self.openers.edit(self.current, self.model.row(row))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.close_event_file()
        super().closeEvent(event)
