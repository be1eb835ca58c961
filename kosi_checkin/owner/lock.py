"""The event's lock file, ``EVENT.kosi.lock``: an exclusive ``flock`` for the app that owns the
event, shared ``flock``s for commands run beside each other while no app has it.

Why flock and not SQLite's own locks: SQLite locks with POSIX ``fcntl`` locks, and closing *any*
descriptor of a file drops all of the process's fcntl locks on it (a file dialog that peeks into
the event's folder is enough). A flock belongs to the open file description: closing other
descriptors never drops it, and it dies with the process, so a killed owner never blocks the
next start. Children of a fork close their copy (see ``_forget_in_child``), so a forked worker
never keeps an event locked after its parent ends.

Where there is no flock (Windows), an exclusive lock is taken with ``msvcrt.locking`` and a
shared one is a no-op: several commands side by side are still fine, the app still owns the file.
"""

from __future__ import annotations

import errno
import os
import sys
import time

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]  # no fcntl on Windows: the lock falls back to msvcrt

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from pathlib import Path

SUFFIX = ".lock"
WAIT = 10.0  # how long a command waits for an owner that is closing (and the app for commands)
POLL = 0.02

# The locks this process holds, by their descriptor: (the event's key, exclusive). Descriptors,
# not the lock objects: a lock nobody keeps is closed, and so unlocked, when it is collected, as
# a file is (and no weakref is loaded for a set of weak references: 0.5 ms of a command's start).
_held: dict[int, tuple[str, bool]] = {}

# paths as text here: a command on an event takes its lock without loading pathlib (5 ms)


def lock_file(event: str | Path) -> str:
    return os.fspath(event) + SUFFIX


def event_key(event: str | Path) -> str:
    """The one name of an event file however it is spelled (relative, through a symlink)."""
    return os.path.realpath(event)  # as Path(event).resolve() spells it


class EventLock:
    """A held lock on one event; ``release()`` (or the end of the process) gives it back."""

    def __init__(self, event: str | Path, fd: int | None, exclusive: bool) -> None:
        self.event = event
        self.key = event_key(event)
        self.fd = fd
        self.exclusive = exclusive
        self._pid = os.getpid()  # a forked child closes its copy of the descriptor (_forget_in_child)
        if fd is not None:
            _held[fd] = (self.key, exclusive)

    @property
    def held(self) -> bool:
        return self.fd is not None and self._pid == os.getpid()

    def release(self) -> None:
        held, fd, self.fd = self.held, self.fd, None
        if held and fd is not None:
            _held.pop(fd, None)
            os.close(fd)  # closing the only descriptor of the lock's file description unlocks it

    def __enter__(self) -> EventLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        try:
            self.release()
        except OSError:
            pass


def owned_here(event: str | Path) -> bool:
    """Whether this process holds the event's exclusive lock (it is the owner)."""
    key = event_key(event)
    return (key, True) in _held.values()


def _open(path: str) -> int | None:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOINHERIT", 0)
    try:
        return os.open(path, flags, 0o644)
    except PermissionError:
        pass
    except FileNotFoundError:
        return None  # no folder: the event file is missing too, which the caller reports
    try:  # a read-only folder or lock file: a read-only descriptor can be flocked as well
        return os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None


def try_lock(event: str | Path, exclusive: bool) -> EventLock | None:
    """The lock if it can be had now, else None (someone else holds it in a conflicting way).
    A folder where no lock file can be made gives an unheld lock: SQLite then decides."""
    fd = _open(lock_file(event))
    if fd is None:
        return EventLock(event, None, exclusive)
    try:
        if fcntl is not None:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        elif exclusive:  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, errno.EDEADLK):
            return None
        raise
    return EventLock(event, fd, exclusive)


def acquire(event: str | Path, exclusive: bool, wait: float = WAIT) -> EventLock | None:
    """Wait up to ``wait`` seconds for the lock; None if it could not be had."""
    deadline = time.monotonic() + wait
    while True:
        lock = try_lock(event, exclusive)
        if lock is not None or time.monotonic() >= deadline:
            return lock
        time.sleep(POLL)


def _forget_in_child() -> None:
    """In a forked child: close the inherited lock descriptors (the parent keeps its locks; the
    child never keeps them alive after the parent ends, and never thinks it owns the event: its
    copies of the lock objects know they were made in another process)."""
    for fd in list(_held):
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


if hasattr(os, "register_at_fork") and sys.platform != "win32":
    os.register_at_fork(after_in_child=_forget_in_child)
