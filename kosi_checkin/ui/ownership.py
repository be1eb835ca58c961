"""The app as the one owner of the events it has open: an exclusive lock on each event's lock
file (taken before SQLite opens the event, held until the last window on it closes), and a
QLocalServer on the event's socket that serves second starts and commands (see owner/wire.py).

Requests are served on the GUI thread, between two scans: each is short (a check-in, a raised
window, a backup-API copy of the file)."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from kosi_checkin.domain.errors import EventFileError, KosiError
from kosi_checkin.i18n import _, speaking
from kosi_checkin.owner import wire
from kosi_checkin.owner.access import ask_owner_once, busy
from kosi_checkin.owner.address import lock_target, runtime_dir, socket_path
from kosi_checkin.owner.lock import POLL, WAIT, EventLock, try_lock
from kosi_checkin.services.event_context import EventContext, open_event_context
from kosi_checkin.shared.url import is_shared, without_password
from kosi_checkin.storage.file_copy import copy_into

log = logging.getLogger(__name__)


class Launcher(Protocol):
    """What a second start can ask the running app for."""

    def show_main(self, location: Path | str) -> None: ...

    def open_desk(self, location: Path | str, session: str | None, name: str | None, mode: str,
                  fullscreen: bool) -> None: ...


class HandedOver(KosiError):
    """The event is open in another KoSI Check-in process, which was asked to show it."""

    exit_code = 0


def owner_key(location: Path | str) -> str:
    return without_password(str(location)) if is_shared(str(location)) else str(Path(location).resolve())


class EventOwner(QObject):
    """One event owned by this process."""

    journal_changed = Signal()  # a check-in or undo came in through a command

    def __init__(self, location: Path | str, lock: EventLock, launcher: Launcher | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.location, self.lock, self.launcher = location, lock, launcher
        self.users = 1
        self._opened: EventContext | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        try:
            self.path = str(socket_path(location))
        except OSError:
            log.warning("no private folder for the hand-over socket", exc_info=True)
            return
        QLocalServer.removeServer(self.path)  # a killed owner's socket file (we hold the lock now)
        if not self.server.listen(self.path):
            log.warning("hand-over socket %s: %s", self.path, self.server.errorString())
        self.server.newConnection.connect(self._accept)

    # -- the service connection -------------------------------------------------------------
    def _service(self) -> EventContext:
        """The owner's own context on the event (it holds no claim: this owner is the lock)."""
        from kosi_checkin.storage.repositories import EventRepository

        if self._opened is None:
            self._opened = open_event_context(self.location)
        else:  # settings may have changed in the window
            self._opened.event = EventRepository(self._opened.conn).load()
        return self._opened

    def close(self) -> None:
        self.server.close()
        for sock in list(self._buffers):
            sock.abort()
        self._buffers.clear()
        if self._opened is not None:
            self._opened.close()
            self._opened = None
        self.lock.release()

    # -- requests --------------------------------------------------------------------------------
    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        if sock not in self._buffers:
            return
        data = self._buffers[sock] + bytes(sock.readAll().data())
        if b"\n" not in data:
            self._buffers[sock] = data if len(data) < wire.MAX_LINE else b""
            return
        line, _sep, _rest = data.partition(b"\n")
        self._buffers[sock] = b""
        sock.write(wire.encode(wire.ACCEPTED))
        sock.flush()
        try:
            reply = self.handle(wire.decode(line))
        except Exception as exc:  # noqa: BLE001 - the asking process gets the one sentence
            log.exception("hand-over request failed")
            reply = wire.failed(_("Unexpected error ({kind}: {message}).").format(kind=type(exc).__name__,
                                                                                 message=exc), 1)
        sock.write(wire.encode(reply))
        sock.flush()
        sock.disconnectFromServer()

    def handle(self, message: dict[str, Any]) -> dict[str, Any]:
        op = message.get("op")
        try:
            if op == "hello":
                return wire.ok(os.getpid())
            if op == "gui":
                if self.launcher is not None:
                    self.launcher.show_main(self.location)
                return wire.ok()
            if op == "desk":
                if self.launcher is not None:
                    self.launcher.open_desk(self.location, message.get("session"), message.get("name"),
                                            str(message.get("mode") or "desk"), bool(message.get("fullscreen")))
                return wire.ok()
            if op == "command":
                return self._command(str(message.get("command")), message.get("params") or {}, message.get("lang"))
            if op == "snapshot":
                return self._snapshot(Path(str(message.get("path"))))
        except KosiError as exc:
            return wire.failed(str(exc), exc.exit_code)
        return wire.failed(f"unknown request {op!r}", 1)

    def _command(self, command: str, params: dict[str, Any], lang: Any) -> dict[str, Any]:
        from kosi_checkin.services.door_commands import COMMANDS, DoorParams

        run = COMMANDS.get(command)
        if run is None:
            return wire.failed(f"unknown command {command!r}", 1)
        opened = self._service()
        with speaking(lang if lang in ("de", "en") else None):
            try:
                reply = run(opened, DoorParams.from_wire(params))
            except KosiError as exc:
                return wire.failed(str(exc), exc.exit_code)
        self.journal_changed.emit()
        return wire.ok(reply.to_wire())

    def _snapshot(self, path: Path) -> dict[str, Any]:
        if path.parent.resolve() != runtime_dir().resolve() or path.exists():
            return wire.failed("a snapshot goes into a new file in the private socket folder", 1)
        copy_into(self._service().conn, path)
        return wire.ok(str(path))


class OwnerHold:
    """One user's claim on an owned event (services/event_context.Hold): released once."""

    def __init__(self, owners: Owners, location: Path | str) -> None:
        self.owners, self.location = owners, location
        self._held = True

    def release(self) -> None:
        if self._held:
            self._held = False
            self.owners.release(self.location)


class Owners(QObject):
    """The events this process owns, each claimed by the windows that use it."""

    def __init__(self, launcher: Launcher | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.launcher = launcher
        self._owned: dict[str, EventOwner] = {}

    def get(self, location: Path | str) -> EventOwner | None:
        return self._owned.get(owner_key(location))

    def claim(self, location: Path | str, wait: float = WAIT) -> EventOwner:
        """Own the event (or count one more user of it). Waits up to ``wait`` s for commands
        that still run on it. HandedOver if another app owns it (it was asked to show it);
        EventInUse if that app does not answer, or commands keep the file busy."""
        key = owner_key(location)
        owner = self._owned.get(key)
        if owner is not None:
            owner.users += 1
            return owner
        target = lock_target(location)
        if is_shared(str(location)):
            target.parent.mkdir(parents=True, exist_ok=True)
        elif not target.is_file():
            raise EventFileError(_("Event file not found: {path}").format(path=location))
        deadline = time.monotonic() + wait
        while True:
            lock = try_lock(target, exclusive=True)
            if lock is not None:
                break
            if ask_owner_once(location, {"op": "gui"}):
                raise HandedOver(_("{path} is open in another KoSI Check-in window; it was brought to the front.")
                                 .format(path=location))
            if time.monotonic() >= deadline:
                raise busy(location)
            time.sleep(POLL)
        owner = self._owned[key] = EventOwner(location, lock, self.launcher, self)
        return owner

    def hold(self, location: Path | str) -> OwnerHold:
        """``claim`` as a handle to give back (an event context keeps it while it is open)."""
        self.claim(location)
        return OwnerHold(self, location)

    def release(self, location: Path | str) -> None:
        key = owner_key(location)
        owner = self._owned.get(key)
        if owner is None:
            return
        owner.users -= 1
        if owner.users <= 0:
            del self._owned[key]
            owner.close()
            owner.deleteLater()

    def release_all(self) -> None:
        for owner in list(self._owned.values()):
            owner.close()
        self._owned.clear()


_registry: Owners | None = None


def registry() -> Owners:
    """This process's owners: one per process, as the lock is (whatever window or context asks)."""
    global _registry
    if _registry is None:
        _registry = Owners()
    return _registry
