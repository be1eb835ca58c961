"""How a process gets at an event file: as its owner (the app: exclusive lock), beside others
(commands: shared lock), or through the app that owns it (the hand-over socket)."""

from __future__ import annotations

import os
import time

from kosi_checkin.domain.errors import EventInUse, KosiError
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _
from kosi_checkin.owner.lock import POLL, WAIT, EventLock, owned_here, try_lock

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from pathlib import Path

    from kosi_checkin.owner.client import Connection

# the socket's side (owner/client.py, address.py, wire.py) is loaded when a lock is taken already:
# a command on a free event file needs none of it


@dataclass
class Route:
    """Exactly one of the two is set: the lock held here, or the connection to the owner."""

    lock: EventLock | None = None
    owner: Connection | None = None

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()
        if self.owner is not None:
            self.owner.close()

    def __enter__(self) -> Route:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class OwnerRefused(KosiError):
    """The app took the request and answered with an error: its sentence, its exit code (an
    unknown session for a desk is exit 2 through the app as without it)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def silent(event: str | Path) -> EventInUse:
    return EventInUse(_(
        "{path} is open in KoSI Check-in on this computer, but the app does not answer: switch to its "
        "window, finish what it shows there, and try again."
    ).format(path=event))


def open_in_app(event: str | Path) -> EventInUse:
    return EventInUse(_(
        "{path} is open in KoSI Check-in on this computer, and this command does not run beside it: do "
        "it in the app's window, or quit the app (File → Quit) and run the command again."
    ).format(path=event))


def busy(event: str | Path) -> EventInUse:
    return EventInUse(_(
        "{path} is still in use by another command; try again when it has finished."
    ).format(path=event))


def route(event: str | Path, *, exclusive: bool = False, wait: float = WAIT) -> Route:
    """The lock (shared, or ``exclusive``) when no app owns the event, else a connection to the
    app that does. Waits up to ``wait`` seconds for an owner that is closing or starting (or,
    for an exclusive lock, for other commands). In the owner's own process: an unheld lock
    (the owner may open the file as often as it likes)."""
    event = os.fspath(event)  # as text: a command's start needs no pathlib
    if owned_here(event):
        return Route(lock=EventLock(event, None, exclusive))
    deadline = time.monotonic() + wait
    while True:
        lock = try_lock(event, exclusive)
        if lock is not None:
            return Route(lock=lock)
        from kosi_checkin.owner.client import connect

        owner = connect(event)
        if owner is not None:
            return Route(owner=owner)
        if time.monotonic() >= deadline:
            raise busy(event) if exclusive else silent(event)
        time.sleep(POLL)


def ask_owner_once(event: str | Path, message: dict[str, object]) -> bool:
    """Ask the app that owns the event (if one listens) to do ``message``: True when it did,
    False when none listens or it quit while asked; its refusal as its own error, a silent
    owner as EventInUse."""
    from kosi_checkin.owner.client import OwnerGone, OwnerSilent, connect

    owner = connect(event)
    if owner is None:
        return False
    try:
        reply = owner.ask(message)
    except OwnerSilent:
        raise silent(event) from None
    except OwnerGone:
        return False  # quitting while asked: the caller waits for it to be gone
    finally:
        owner.close()
    if not reply.get("ok"):
        raise OwnerRefused(str(reply.get("message", "")), int(reply.get("exit", 1)))
    return True


def hand_over(event: str | Path, message: dict[str, object], wait: float = WAIT) -> bool:
    """A second start: True if the app that owns the event took the request (it raised its
    window or opened the desk), False if no app owns it (this process may start one)."""
    from kosi_checkin.owner.address import lock_target

    deadline = time.monotonic() + wait
    while True:
        if ask_owner_once(event, message):
            return True
        lock = try_lock(lock_target(event), exclusive=False)
        if lock is not None:
            lock.release()
            return False
        if time.monotonic() >= deadline:
            raise silent(event)
        time.sleep(POLL)
