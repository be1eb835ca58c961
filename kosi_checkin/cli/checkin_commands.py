"""`checkin`, `undo` and `code`: the door desk from the command line (scripts, rehearsals,
a desk without a window). Exit codes of `checkin`: 0 checked in, 3 already checked in, 4 unknown,
altered or foreign code / unknown guest / no match, 5 not registered (refused), 6 several guests
match; `undo`: 0 undone, 3 nothing to undo."""

from __future__ import annotations

import os
import sys

from kosi_checkin.cli.arguments import add_event
from kosi_checkin.cli.output import print_json, print_table
from kosi_checkin.config import load_settings
from kosi_checkin.i18n import _, language
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.repositories import JournalRepository

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    import argparse
    from typing import Any

EXIT_UNKNOWN = 4


def _params(args: argparse.Namespace) -> dict[str, object]:
    return {"scan": getattr(args, "scan", None), "attendee": args.attendee, "name": getattr(args, "name", None),
            "session": args.session, "desk": args.desk or load_settings().desk_name or "",
            "force": bool(getattr(args, "force", False)), "now": os.environ.get("KOSI_NOW", ""),
            "exit": bool(getattr(args, "exit", False))}


def _door(command: str, args: argparse.Namespace) -> int:
    """Run `checkin` or `undo` on the file, or through the app that has the event open."""
    from kosi_checkin.services.door_reply import Reply

    owner = getattr(args, "owner", None)
    if owner is not None:
        from kosi_checkin.cli.through_app import ask_owner

        reply = Reply.from_wire(ask_owner(owner, args.event, {"op": "command", "command": command,
                                                              "params": _params(args), "lang": language()}))
    else:
        from kosi_checkin.services.door_commands import COMMANDS, DoorParams

        # the context of a command's short use, its place as given (open_event_context spells a
        # file as a Path, which costs a command's start 5 ms for pathlib)
        opened = EventContext(args.event, *open_event(args.event))
        try:
            reply = COMMANDS[command](opened, DoorParams.from_wire(_params(args)))
        finally:
            opened.close()
    for line in reply.err:
        print(line, file=sys.stderr)
    if args.format == "json" and reply.json is not None:
        print_json(reply.json)
    else:
        for line in reply.out:
            print(line)
    return reply.exit


def cmd_checkin(args: argparse.Namespace) -> int:
    return _door("checkin", args)


def cmd_undo(args: argparse.Namespace) -> int:
    return _door("undo", args)


def cmd_code(args: argparse.Namespace) -> int:
    from kosi_checkin.services.badge_codes import badge_code

    conn, _event = open_event(args.event)
    try:
        print(badge_code(conn, args.attendee))
    finally:
        conn.close()
    return 0


def cmd_refused(args: argparse.Namespace) -> int:
    conn, _event = open_event(args.event)
    try:
        rows = JournalRepository(conn).refused()
    finally:
        conn.close()
    if args.format == "json":
        print_json([{"at": at, "desk": desk, "input": text, "reason": reason} for at, desk, text, reason in rows])
        return 0
    print_table([_("Time"), _("Desk"), _("Scanned"), _("Reason")], [list(r) for r in rows], max_width=60)
    return 0


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("checkin", help=_("check a guest in (by scanned code, id or name)"))
    add_event(p)
    p.add_argument("--scan", metavar="TEXT", help=_("a scanned badge, ticket or order code"))
    p.add_argument("--attendee", metavar="ID", help=_("the guest's id"))
    p.add_argument("--name", metavar="QUERY", help=_("part of the guest's name, organisation or e-mail"))
    p.add_argument("--session", metavar="ID", help=_("session id (default: the one running now, else the next that day)"))
    p.add_argument("--desk", metavar="NAME", help=_("name of this desk, recorded with the check-in"))
    p.add_argument("--force", action="store_true",
                   help=_("admit a guest who is not registered for the session, or into a full room"))
    p.add_argument("--exit", action="store_true",
                   help=_("an exit: the guest leaves the session's room (exit 3 when not inside)"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_checkin)

    p = sub.add_parser("undo", help=_("take back a guest's check-in"))
    add_event(p)
    p.add_argument("--attendee", metavar="ID", required=True)
    p.add_argument("--session", metavar="ID", help=_("only this session (default: the guest's newest check-in)"))
    p.add_argument("--desk", metavar="NAME", help=_("name of this desk, recorded with the undo"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_undo)

    p = sub.add_parser("refused", help=_("list refused scans (unknown, altered or foreign codes) with their reason"))
    add_event(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_refused)

    p = sub.add_parser("code", help=_("print a guest's badge code"))
    add_event(p)
    p.add_argument("--attendee", metavar="ID", required=True)
    p.set_defaults(func=cmd_code)
