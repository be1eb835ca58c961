"""Where the app that owns an event listens for a second start or a command: a Unix socket per
event in ``$XDG_RUNTIME_DIR/kosi-checkin`` (or a 0700 folder of the user's in the temp folder),
never an abstract name another user could reach."""

from __future__ import annotations

import os
import stat

from kosi_checkin.owner.lock import event_key

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from pathlib import Path


class UnsafeRuntimeDir(OSError):
    """The socket folder exists but belongs to someone else or is open to others."""


MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux, 104 on macOS


def runtime_dir(short: bool = False) -> Path:
    """The private folder for sockets; ``short``: the one in the temp folder (for a
    $XDG_RUNTIME_DIR too deep for a socket path)."""
    from pathlib import Path  # here: a command on a free event file asks no socket

    base = os.environ.get("XDG_RUNTIME_DIR")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    if base and Path(base).is_dir() and not short:
        folder = Path(base) / "kosi-checkin"
    else:
        import tempfile  # not on POSIX

        folder = Path("/tmp" if os.name == "posix" else tempfile.gettempdir()) / f"kosi-checkin-{uid}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except FileExistsError:
        pass
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != uid) or info.st_mode & 0o077:
        raise UnsafeRuntimeDir(f"{folder} is not a private folder of this user")
    return folder


def socket_name(key: str) -> str:
    import hashlib  # 4 ms to import: only when an app is asked (a free event file needs no socket)

    return "event-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + ".sock"


def socket_path(event: str | Path) -> Path:
    """The socket of an event file (the path as given, resolved) or of a shared event's URL."""
    from kosi_checkin.shared.url import is_shared, without_password

    key = without_password(str(event)) if is_shared(str(event)) else event_key(event)
    path = runtime_dir() / socket_name(key)
    if len(os.fsencode(path)) > MAX_SOCKET_PATH:
        path = runtime_dir(short=True) / socket_name(key)
    return path


def lock_target(event: str | Path) -> Path:
    """The file whose lock makes a process the event's owner: the event file, or for a shared
    event the desk's lasting local copy of it."""
    from pathlib import Path

    from kosi_checkin.shared.url import cache_path, is_shared

    return cache_path(str(event)) if is_shared(str(event)) else Path(event)
