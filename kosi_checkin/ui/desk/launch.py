"""Open the desk window on an event file (from the main window or `kosi-checkin desk`)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import resolve_target
from kosi_checkin.i18n import _
from kosi_checkin.shared.url import cache_path, is_shared
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk.backups import DeskBackups
from kosi_checkin.ui.desk.desk_window import DeskWindow
from kosi_checkin.ui.desk.kiosk_window import KioskWindow
from kosi_checkin.ui.desk.sync_thread import SyncThread
from kosi_checkin.ui.lock import OrganiserLock
from kosi_checkin.ui.waiting import open_without_freezing

log = logging.getLogger(__name__)


def open_desk_window(context: AppContext, path: Path | str, session: str | None = None, name: str | None = None,
                     mode: str = "desk", lock: OrganiserLock | None = None) -> QMainWindow:
    """A desk on its own connection; ``session`` fixes the session (else the clock chooses).
    ``mode``: "desk", "print" (a badge print station) or "kiosk" (self-service badges).
    Raises KosiError (unknown session, unreadable file) before any window exists."""
    shared = is_shared(str(path))
    # this app owns the event (or its local copy) while the desk runs; a shared event: a lasting
    # local copy, offline allowed
    opened = open_without_freezing(None, path, desk=shared, claim=context.owners.hold)  # a server: off this thread
    if not name and not context.settings.desk_name:
        # the suggested name, stored as shown: the journal keeps it whatever language the UI speaks later
        context.settings.desk_name = _("Desk 1")
        context.save()
    conn, event = opened.conn, opened.event
    try:
        desk = Desk(conn, event, name or context.settings.desk_name or "", server=opened.server)
        key = resolve_target(event, session, desk.clock()).key if session else None
    except BaseException:
        opened.close()
        raise
    lock = lock or OrganiserLock(conn, desk.name)
    window: QMainWindow = (KioskWindow(context, desk, lock) if mode == "kiosk"
                           else DeskWindow(context, desk, key, mode, lock=lock))
    sync = SyncThread(str(path)) if shared else None
    if sync is not None:
        window.use_sync(sync) if isinstance(window, DeskWindow) else None
        sync.start()
    copy = cache_path(str(path)) if shared else Path(path)  # a shared event's backups: its complete local copy
    backups = DeskBackups(copy, context.settings.backup_minutes, desk.name)  # outlives the window's children
    owner = context.owners.get(path)
    if isinstance(window, DeskWindow) and owner is not None:
        owner.journal_changed.connect(window.tick)  # a command's check-in through this app shows at once

    def finished(*_args: object) -> None:
        """The window is gone: sync stopped, the last backup made, then the event context closed
        (its connection, then, the last user of the event gone, its lock). At the interpreter's
        end Qt may have deleted the helpers first: each step still runs."""
        for step in ((sync.stop if sync is not None else None), backups.stop, desk.close, opened.close):
            if step is None:
                continue
            try:
                step()
            except RuntimeError:  # a C++ object already deleted
                log.debug("desk clean-up step skipped", exc_info=True)

    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(finished)
    return window
