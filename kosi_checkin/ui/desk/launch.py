"""Open the desk window on an event file (from the main window or `kosi-checkin desk`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import resolve_target
from kosi_checkin.services.events import open_event
from kosi_checkin.ui.app import AppContext
from kosi_checkin.ui.desk.desk_window import DeskWindow
from kosi_checkin.shared.session import cache_path
from kosi_checkin.shared.url import is_shared
from kosi_checkin.ui.desk.backups import DeskBackups
from kosi_checkin.ui.desk.sync_thread import SyncThread
from kosi_checkin.ui.desk.kiosk_window import KioskWindow
from kosi_checkin.ui.lock import OrganiserLock


def open_desk_window(context: AppContext, path: Path, session: str | None = None, name: str | None = None,
                     mode: str = "desk", lock: OrganiserLock | None = None) -> QMainWindow:
    """A desk on its own connection; ``session`` fixes the session (else the clock chooses).
    ``mode``: "desk", "print" (a badge print station) or "kiosk" (self-service badges).
    Raises KosiError (unknown session, unreadable file) before any window exists."""
    shared = is_shared(str(path))
    conn, event = open_event(path, desk=shared)  # a shared event: a lasting local copy, offline allowed
    try:
        desk = Desk(conn, event, name or context.settings.desk_name or "")
        key = resolve_target(event, session, desk.clock()).key if session else None
    except BaseException:
        conn.close()
        raise
    lock = lock or OrganiserLock(conn, desk.name)
    window: QMainWindow = (KioskWindow(context, desk, lock) if mode == "kiosk"
                           else DeskWindow(context, desk, key, mode, lock=lock))
    if shared:
        sync = SyncThread(str(path))
        window.use_sync(sync) if isinstance(window, DeskWindow) else None
        sync.start()
        window.destroyed.connect(lambda *_args: sync.stop())
        window.sync = sync  # type: ignore[attr-defined]
    copy = cache_path(str(path)) if shared else path  # a shared event's backups: its complete local copy
    backups = DeskBackups(copy, context.settings.backup_minutes, desk.name)  # outlives the window's children
    window.backups = backups  # type: ignore[attr-defined]
    window.destroyed.connect(lambda *_args: backups.stop())
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(lambda *_args: conn.close())
    return window
