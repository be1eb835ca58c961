"""The main window: an event's guest list with search, import and the guest editor."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin.domain.model import Event
from kosi_checkin.i18n import _, ngettext, set_language
from kosi_checkin.services.attendees import list_attendees
from kosi_checkin.services.event_config import load_config, load_template, template_names
from kosi_checkin.services.events import create_event, open_event
from kosi_checkin.ui.app import AppContext, quit_app
from kosi_checkin.domain.errors import ServerUnreachable, UsageError
from kosi_checkin.shared.url import is_shared, location
from kosi_checkin.ui import trust_actions
from kosi_checkin.ui.errors import show_error
from kosi_checkin.ui.lock import OrganiserLock
from kosi_checkin.ui.ownership import HandedOver
from kosi_checkin.ui.models.attendee_table import AttendeeTableModel
from kosi_checkin.ui.file_dialogs import open_file_name, save_file_name

EVENT_FILTER = "KoSI-Veranstaltung (*.kosi);;SQLite (*.sqlite *.db);;* (*)"


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.conn: sqlite3.Connection | None = None
        self.kosi_event: Event | None = None
        self.event_path: Path | None = None
        self.model: AttendeeTableModel | None = None
        self.lock: OrganiserLock | None = None
        self.claimed: Path | str | None = None  # the event this window owns (ui/ownership.py)

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("#heading { font-size: 16pt; font-weight: bold; }")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.table = QTableView()
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(200)  # measure 200 rows, not 10,000
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.doubleClicked.connect(self._edit_index)
        self.table.activated.connect(self._edit_index)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.resize(1200, 720)
        self.retranslate()

    # -- texts and menus -------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search name, organisation or e-mail …"))
        self._build_menus()
        self._update_heading()
        if self.model is not None:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(_("&File"))
        self._action(file_menu, _("&Welcome …"), self.show_welcome)
        self._action(file_menu, _("New event from &template …"), self.new_from_template, QKeySequence.StandardKey.New,
                     organiser=True)
        self._action(file_menu, _("New event from TOML &file …"), self.new_from_config, organiser=True)
        self._action(file_menu, _("&Open event …"), self.choose_event, QKeySequence.StandardKey.Open, organiser=True)
        self._action(file_menu, _("Open a shared event on a &server …"), self.choose_server, organiser=True)
        self.publish_action = self._action(file_menu, _("&Publish this event to a server …"), self.publish_to_server,
                                           organiser=True)
        recent = file_menu.addMenu(_("&Recent events"))
        for path in self.context.settings.recent_files:
            recent.addAction(path, lambda p=path: self._guarded(lambda: self.open_event(location(p))))
        recent.setEnabled(bool(self.context.settings.recent_files))
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, _("&Import registration list …"), self.choose_import, "Ctrl+I",
                                          organiser=True)
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, _("Make a &backup now"), lambda: trust_actions.backup_now(self))
        self.restore_action = self._action(file_menu, _("&Restore from a backup …"),
                                           lambda: trust_actions.restore_from_backup(self), organiser=True)
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), quit_app, QKeySequence.StandardKey.Quit)

        door = bar.addMenu(_("&Door"))
        self.desk_action = self._action(door, _("Open the check-in &desk"), lambda: self.open_desk("desk"), "F9")
        self.station_action = self._action(door, _("Open a badge &print station"), lambda: self.open_desk(mode="print"))
        self.kiosk_action = self._action(door, _("Open the self-service &kiosk"), lambda: self.open_desk(mode="kiosk"))

        badges = bar.addMenu(_("&Badges"))
        self.badges_action = self._action(badges, _("&Print badges …"), self.print_badges, QKeySequence.StandardKey.Print,
                                          organiser=True)
        self._action(badges, _("Printer &set-up and calibration …"), self.printer_setup, organiser=True)
        self.logo_action = self._action(badges, _("Event &logo for badges …"), self.choose_logo, organiser=True)

        report = bar.addMenu(_("&Report"))
        self.export_action = self._action(report, _("&Export attendance …"), lambda: self.export(), "Ctrl+Shift+E",
                                          organiser=True)
        self.signatures_action = self._action(report, _("&Signature lists …"), lambda: self.export("signatures"),
                                              organiser=True)
        self.stats_action = self._action(report, _("S&tatistics"), self.show_stats, "F10")

        guests = bar.addMenu(_("&Guests"))
        self.edit_action = self._action(guests, _("&Edit guest …"), self.edit_selected, "Ctrl+E", organiser=True)
        self.late_action = self._action(guests, _("Mark &present afterwards …"), self.mark_late, "Ctrl+Shift+A",
                                        organiser=True)
        self.delete_action = self._action(guests, _("&Delete guest on request …"),
                                          lambda: trust_actions.delete_guest(self), organiser=True)
        self._action(guests, _("&Find"), self.focus_search, QKeySequence.StandardKey.Find)

        settings = bar.addMenu(_("&Settings"))
        self.lock_action = self._action(settings, _("Switch to &desk mode"), self.lock_window, "Ctrl+L")
        self.unlock_action = self._action(settings, _("Switch to &organiser mode …"), self.unlock_window)
        self.pin_action = self._action(settings, _("Organiser &PIN …"), lambda: trust_actions.change_pin(self),
                                       organiser=True)
        settings.addSeparator()
        language = settings.addMenu(_("&Language"))
        for code, label in (("de", "Deutsch"), ("en", "English")):
            action = language.addAction(label, lambda c=code: self._guarded(lambda: self.set_language(c)))
            action.setCheckable(True)
            action.setChecked(self.context.settings.language == code)
        help_menu = bar.addMenu(_("&Help"))
        self._action(help_menu, _("&Door guide for volunteers"), self.show_guide, "F1")
        self._update_actions()

    def show_welcome(self) -> None:
        from kosi_checkin.ui.welcome_dialog import WelcomeDialog

        self.welcome_dialog = WelcomeDialog(self)
        self.welcome_dialog.open()

    def show_guide(self) -> None:
        from kosi_checkin.ui.guide_dialog import GuideDialog

        name = f"{self.kosi_event.name} — {self.kosi_event.date.strftime('%d.%m.%Y')}" if self.kosi_event else ""
        self.guide_dialog = GuideDialog(name, self)
        self.guide_dialog.open()

    def _action(self, menu: QMenu, text: str, slot: object, shortcut: object = None, organiser: bool = False) -> QAction:
        """A menu entry; ``organiser`` ones ask for the PIN in desk mode."""
        action = menu.addAction(text)
        action.triggered.connect((lambda: self._guarded(slot)) if organiser else slot)  # type: ignore[arg-type]
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[arg-type]
        return action

    def _guarded(self, slot: object) -> None:
        if self.lock is None or self.lock.require(self):
            slot()  # type: ignore[operator]

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
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.claimed is not None:
            owner = self.context.owners.get(self.claimed)
            if owner is not None:
                try:
                    owner.journal_changed.disconnect(self.reload)
                except (RuntimeError, TypeError):
                    pass
            self.context.owners.release(self.claimed)
            self.claimed = None

    def _update_actions(self) -> None:
        has_event = self.conn is not None
        organiser = self.lock is None or self.lock.organiser
        for action in (self.backup_action, self.restore_action, self.delete_action, self.pin_action):
            action.setEnabled(has_event)
        self.lock_action.setEnabled(has_event and organiser)
        self.unlock_action.setEnabled(has_event and not organiser)
        self.import_action.setEnabled(has_event)
        self.desk_action.setEnabled(has_event)
        self.station_action.setEnabled(has_event)
        self.kiosk_action.setEnabled(has_event)
        self.badges_action.setEnabled(has_event)
        self.logo_action.setEnabled(has_event)
        for action in (self.export_action, self.signatures_action, self.stats_action, self.late_action):
            action.setEnabled(has_event)
        self.edit_action.setEnabled(has_event)

    def _update_heading(self) -> None:
        if self.kosi_event is None:
            self.setWindowTitle("KoSI Check-in")
            self.heading.setText(_("No event open. Open an event file or create one from the File menu."))
            return
        mode = "" if self.lock is None or self.lock.organiser else " — " + _("desk mode")
        self.setWindowTitle(f"KoSI Check-in — {self.kosi_event.name}{mode}")
        self.heading.setText(f"{self.kosi_event.name}\n{self.kosi_event.date.strftime('%d.%m.%Y')} · {self.kosi_event.venue}")
        if self.model is not None:
            rows = self.model.all_rows()
            total = len(rows)
            present = sum(1 for r in rows if r.checkins)
            self.statusBar().showMessage(
                ngettext("{n} guest", "{n} guests", total).format(n=total) + " · " + _("{n} present").format(n=present)
            )

    def open_desk(self, mode: str = "desk") -> None:
        """The desk (or a print station, or the kiosk) in its own window, on its own connection."""
        if self.event_path is None:
            return
        from kosi_checkin.ui.desk.launch import open_desk_window

        try:
            self.desk_window = open_desk_window(self.context, self.event_path, mode=mode, lock=self.lock)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            show_error(self, exc)
            return
        self.desk_window.destroyed.connect(lambda *_a: self._reload())
        self.desk_window.show()

    def selected_ids(self) -> list[str]:
        if self.model is None or self.table.selectionModel() is None:
            return []
        return [self.model.row(index.row()).attendee.id for index in self.table.selectionModel().selectedRows()]

    def print_badges(self) -> None:
        from kosi_checkin.ui.badges.batch_dialog import BadgeBatchDialog

        if self.conn is None or self.kosi_event is None or self.event_path is None:
            return
        self.badge_dialog = BadgeBatchDialog(self.context, self.event_path, self.conn, self.kosi_event,
                                             self.selected_ids(), self)
        self.badge_dialog.open()

    def export(self, kind: str = "xlsx") -> None:
        from kosi_checkin.ui.report.export_dialog import ExportDialog

        if self.event_path is None or self.kosi_event is None:
            return
        self.export_dialog = ExportDialog(self.event_path, self.kosi_event, kind, self)
        self.export_dialog.open()

    def show_stats(self) -> None:
        from kosi_checkin.ui.report.stats_window import StatsWindow

        if self.event_path is None:
            return
        try:
            conn, event = open_event(self.event_path)  # its own connection, refreshed by a timer
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            show_error(self, exc)
            return
        window = StatsWindow(conn, event)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_a: conn.close())
        self.stats_window = window
        window.show()

    def mark_late(self) -> None:
        from kosi_checkin.ui.report.late_dialog import LateDialog

        if self.conn is None or self.kosi_event is None or self.model is None:
            return
        guests = [self.model.row(i.row()).attendee for i in self.table.selectionModel().selectedRows()]
        if not guests:
            self.statusBar().showMessage(_("Select the guests on the signed list first (Ctrl+click, Shift+click)."), 10000)
            return
        dialog = LateDialog(self.conn, self.kosi_event, guests, self.context.settings.desk_name, self)
        dialog.accepted.connect(self.reload)
        self.late_dialog = dialog
        dialog.open()

    def choose_logo(self) -> None:
        from kosi_checkin.services.event_logo import set_logo

        if self.conn is None:
            return
        name = open_file_name(self, _("Event logo for badges"), str(Path.home()),
                                                    _("Images (*.png *.jpg *.jpeg)"))
        if not name:
            return
        try:
            set_logo(self.conn, Path(name))
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            show_error(self, exc)

    def printer_setup(self) -> None:
        from kosi_checkin.ui.badges.printer_setup import PrinterSetupDialog

        self.printer_dialog = PrinterSetupDialog(self.context, self)
        self.printer_dialog.open()

    def _reload(self) -> None:
        self.reload()  # check-ins made at the desk show in the list

    def set_language(self, code: str) -> None:
        set_language(code)
        self.context.settings.language = code
        self.context.save()
        self.retranslate()

    # -- events ----------------------------------------------------------------------------
    def open_event(self, path: Path) -> bool:
        """Own the event (its lock, its hand-over socket), then open it."""
        try:
            owner = self.context.owners.claim(path)
        except HandedOver as exc:  # open in another KoSI Check-in process, which now shows it
            self.statusBar().showMessage(str(exc), 15000)
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            show_error(self, exc)
            return False
        try:
            conn, event = open_event(path)
        except ServerUnreachable as exc:
            self.context.owners.release(path)
            if "password" not in str(exc) or not ask_server_password(self, str(path)):
                show_error(self, exc)
                return False
            return self.open_event(path)
        except Exception as exc:
            self.context.owners.release(path)
            show_error(self, exc)
            return False
        self.close_event_file()
        self.claimed = path
        owner.journal_changed.connect(self.reload)  # a command's check-in through this app shows at once
        self.conn, self.kosi_event, self.event_path = conn, event, location(path)  # type: ignore[assignment]
        self.lock = OrganiserLock(conn, self.context.settings.desk_name, self)
        self.lock.changed.connect(self._mode_changed)
        self.context.settings.remember(path)
        self.context.save()
        self.model = AttendeeTableModel(event, [])
        self.model.set_query(self.search.text())
        self.reload()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 360))
        self._build_menus()
        self._update_heading()
        return True

    def reload(self) -> None:
        if self.conn is None or self.model is None:
            return
        link = getattr(self.conn, "shared", None)
        if link is not None:  # a shared event: send this window's changes, take the others'
            try:
                link.resync(self.conn)
            except Exception as exc:  # noqa: BLE001 - shown, the list stays as it was
                show_error(self, exc)
        self.model.set_rows(list_attendees(self.conn))
        self._update_heading()

    def _filter(self, text: str) -> None:
        if self.model is not None:
            self.model.set_query(text)

    def ask_url(self, title: str) -> str:
        url, ok = QInputDialog.getText(self, title, _("Server address (postgresql://user@host/database):"),
                                       text="postgresql://")
        url = url.strip() if ok else ""
        if url and not is_shared(url):
            show_error(self, UsageError(_("The address starts with postgresql://")))
            return ""
        return url

    def choose_server(self) -> None:
        url = self.ask_url(_("Open a shared event"))
        if url:
            self.open_event(url)  # type: ignore[arg-type]

    def publish_to_server(self) -> None:
        """Upload this event file for several desks, then work on the shared event."""
        from kosi_checkin.shared.session import publish

        if self.event_path is None or is_shared(str(self.event_path)):
            return
        url = self.ask_url(_("Publish this event to a server"))
        if not url:
            return
        try:
            guests = publish(Path(self.event_path), url)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            show_error(self, exc)
            return
        self.statusBar().showMessage(_("Published: {n} guests. Desks open the same address.").format(n=guests), 15000)
        self.open_event(url)  # type: ignore[arg-type]

    def choose_event(self) -> None:
        path = open_file_name(self, _("Open event"), "", EVENT_FILTER)
        if path:
            self.open_event(Path(path))

    def _save_path(self) -> Path | None:
        path = save_file_name(self, _("Save the new event as"), "", EVENT_FILTER)
        if not path:
            return None
        return Path(path if path.endswith(".kosi") or "." in Path(path).name else path + ".kosi")

    def new_from_template(self) -> None:
        names = template_names()
        name, ok = QInputDialog.getItem(self, _("New event"), _("Template:"), names, 0, False)
        if ok and name:
            self._create(lambda: load_template(name))

    def new_from_config(self) -> None:
        source = open_file_name(self, _("Event description (TOML)"), "", "TOML (*.toml)")
        if source:
            self._create(lambda: load_config(source))

    def _create(self, load: object) -> None:
        try:
            event = load()  # type: ignore[operator]
            target = self._save_path()
            if target is None:
                return
            create_event(target, event).close()
        except Exception as exc:
            show_error(self, exc)
            return
        self.open_event(target)

    # -- import ----------------------------------------------------------------------------
    def choose_import(self) -> None:
        if self.kosi_event is None or self.event_path is None:
            return
        path = open_file_name(
            self, _("Import registration list"), "", _("Registration lists (*.csv *.xlsx *.txt *.tsv);;All files (*)")
        )
        if path:
            self.start_import(Path(path))

    def start_import(self, path: Path) -> None:
        from kosi_checkin.ui.import_dialog import ImportDialog

        assert self.kosi_event is not None and self.event_path is not None
        dialog = ImportDialog(self.event_path, self.kosi_event, path, self)
        dialog.imported.connect(self.reload)
        dialog.open()
        self.import_dialog = dialog

    # -- guests ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _edit_index(self, index: QModelIndex) -> None:
        if self.model is None or not index.isValid():
            return
        self._guarded(lambda: self.edit_row(index.row()))

    def edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if rows:
            self._edit_index(rows[0])

    def edit_row(self, row: int) -> None:
        from kosi_checkin.ui.attendee_editor import AttendeeEditor

        if self.model is None or self.conn is None or self.kosi_event is None:
            return
        dialog = AttendeeEditor(self.conn, self.kosi_event, self.model.row(row), self)
        dialog.saved.connect(lambda _a: self.reload())
        dialog.open()
        self.editor = dialog

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.close_event_file()
        super().closeEvent(event)


def ask_server_password(parent: QWidget, url: str) -> bool:
    """A server that wants a password and has none in ~/.pgpass: ask, and keep it for this run
    only (in the process's environment for libpq), never in the settings."""
    import os

    from kosi_checkin.shared.url import display

    password, ok = QInputDialog.getText(parent, _("Event server"), _("Password for {server}:").format(
        server=display(url)), QLineEdit.EchoMode.Password)
    if not ok or not password:
        return False
    os.environ["PGPASSWORD"] = password
    return True
