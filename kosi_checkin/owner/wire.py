"""The hand-over protocol between a second process and the app that owns an event: one JSON
object per line, UTF-8. The client sends one request; the owner answers at once with
``{"accepted": true}`` (so a hung owner is told apart from a slow request) and then with the
reply ``{"ok": true, "data": …}`` or ``{"ok": false, "message": …, "exit": N}``.

Requests (``op``):
- ``hello``: is anyone there (the reply data is the owner's process id)
- ``gui``: raise the main window on the event (opening one if only a desk runs)
- ``desk``: open a desk, kiosk or print station (``session``, ``name``, ``mode``, ``fullscreen``)
- ``command``: run a door command (``command``: "checkin" or "undo", ``params``, ``lang``)
- ``snapshot``: a consistent copy of the event for a read command, written by the owner with
  SQLite's backup API to ``path`` (in the private socket folder); the client removes it
"""

from __future__ import annotations

import json

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from typing import Any

VERSION = 1
MAX_LINE = 64 * 1024 * 1024

ACCEPTED: dict[str, Any] = {"accepted": True}


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    value = json.loads(line.decode("utf-8"))
    if not isinstance(value, dict):
        raise ValueError("a hand-over message is a JSON object")
    return value


def ok(data: Any = None) -> dict[str, Any]:
    return {"ok": True, "data": data}


def failed(message: str, exit_code: int) -> dict[str, Any]:
    return {"ok": False, "message": message, "exit": exit_code}
