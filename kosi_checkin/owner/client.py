"""The second process's side of the hand-over: plain Python over a Unix socket (no Qt), so a
command through the running app costs hardly more than a bare Python start."""

from __future__ import annotations

import os
import time

from kosi_checkin.owner import wire
from kosi_checkin.owner.address import socket_path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    import socket
    from pathlib import Path
    from typing import Any

ANSWER_WAIT = 3.0  # an owner that has not accepted a request by then is reported, never bypassed
REPLY_WAIT = 120.0  # a request it accepted may take longer (a large event's snapshot)


class OwnerSilent(Exception):
    """Connected, but the owner did not accept the request in time."""


class OwnerGone(Exception):
    """The owner closed the connection before it replied (it is quitting)."""


class Connection:
    """One request to the owner of an event."""

    def __init__(self, sock: socket.socket, path: Path) -> None:
        self.sock, self.path = sock, path
        self._buffer = b""

    def _line(self, deadline: float) -> dict[str, Any]:
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            self.sock.settimeout(left)
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise OwnerGone
            self._buffer += chunk
            if len(self._buffer) > wire.MAX_LINE:
                raise OwnerGone
        line, _sep, self._buffer = self._buffer.partition(b"\n")
        return wire.decode(line)

    def ask(self, message: dict[str, Any], answer_wait: float = ANSWER_WAIT,
            reply_wait: float = REPLY_WAIT) -> dict[str, Any]:
        """The owner's reply; OwnerSilent if it did not accept within ``answer_wait``."""
        try:
            self.sock.settimeout(answer_wait)
            self.sock.sendall(wire.encode({"v": wire.VERSION, **message}))
            first = self._line(time.monotonic() + answer_wait)
        except TimeoutError as exc:  # socket.timeout is TimeoutError
            raise OwnerSilent from exc
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise OwnerGone from exc
        if not first.get("accepted"):
            return first
        try:
            return self._line(time.monotonic() + reply_wait)
        except TimeoutError as exc:  # socket.timeout is TimeoutError
            raise OwnerSilent from exc
        except ConnectionResetError as exc:
            raise OwnerGone from exc

    def close(self) -> None:
        self.sock.close()


def connect(event: str | Path) -> Connection | None:
    """A connection to the app that owns the event, or None if none listens."""
    import socket  # only when an app holds the event: a command on a free file does not load it

    if not hasattr(socket, "AF_UNIX"):  # pragma: no cover - Windows: no hand-over
        return None
    try:
        path = socket_path(event)
    except OSError:
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(ANSWER_WAIT)
    try:
        sock.connect(os.fspath(path))
    except (FileNotFoundError, ConnectionRefusedError, NotADirectoryError, TimeoutError, OSError):
        sock.close()
        return None
    return Connection(sock, path)
