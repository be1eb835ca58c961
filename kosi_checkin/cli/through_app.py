"""Commands on an event that the app has open on this computer (see README, *One owner*).

No command ever opens the event file beside the app that owns it. Per command:
- ``checkin`` and ``undo`` run through the app, on its connection, so the open desk shows them at once;
- read commands (``attendees``, ``code``, ``sessions``, ``stats``, ``refused``, ``audit``, ``guide --event``)
  read a consistent copy that the app writes for them with SQLite's backup API;
- every other command refuses with exit 9 and one sentence (``restore``, ``purge`` and ``pin``
  among them, always).
Without an app, a command holds a shared lock on the event while it runs (``restore`` and
``purge`` an exclusive one), so several commands still run side by side.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from kosi_checkin.owner.access import OwnerRefused, open_in_app, route, silent

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    import argparse
    from pathlib import Path
    from typing import Any

    from kosi_checkin.owner.client import Connection  # loaded with a connection to an app (owner/access.py)

THROUGH = frozenset({"checkin", "undo"})
SNAPSHOT = frozenset({"attendees", "code", "sessions", "stats", "refused", "audit", "guide"})
EXCLUSIVE = frozenset({"restore", "purge"})
UNROUTED = frozenset({"gui", "desk", "new", "demo"})  # the window's own hand-over; files that do not exist yet


def ask_owner(owner: Connection, event: str | Path, message: dict[str, Any]) -> Any:
    """The data of the app's reply; its error as the same error the command would raise."""
    from kosi_checkin.owner.client import OwnerGone, OwnerSilent

    try:
        reply = owner.ask(message)
    except (OwnerSilent, OwnerGone):
        raise silent(event) from None
    if not reply.get("ok"):
        raise OwnerRefused(str(reply.get("message", "")), int(reply.get("exit", 1)))
    return reply.get("data")


def on_snapshot(owner: Connection, args: argparse.Namespace, func: Callable[[argparse.Namespace], int]) -> int:
    """``func`` run on a copy of the event made by its owner, removed afterwards (with its -wal
    and -shm). (A function, not a context manager: a command's start loads no contextlib.)"""
    from kosi_checkin.owner.address import runtime_dir

    event = args.event
    path = runtime_dir() / f"snapshot-{os.getpid()}-{os.urandom(6).hex()}.kosi"
    try:
        ask_owner(owner, event, {"op": "snapshot", "path": str(path)})
        args.event = str(path)
        return func(args)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def run(args: argparse.Namespace, func: Callable[[argparse.Namespace], int]) -> int:
    """Run a command with the event's lock held, or through / beside the app that owns it."""
    from kosi_checkin.shared.url import is_shared

    event = getattr(args, "event", None)
    command = getattr(args, "command", None) or ""
    if not event or is_shared(str(event)) or command in UNROUTED:
        return func(args)
    if command not in EXCLUSIVE and not os.path.exists(event):
        return func(args)  # the command says the file is missing, as it always did
    with route(event, exclusive=command in EXCLUSIVE) as found:
        if found.owner is None:
            return func(args)
        if command in THROUGH:
            args.owner = found.owner
            return func(args)
        if command in SNAPSHOT:
            return on_snapshot(found.owner, args, func)
        raise open_in_app(event)

