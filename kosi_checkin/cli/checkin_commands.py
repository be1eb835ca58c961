"""`checkin`, `undo` and `code`: the door desk from the command line (scripts, rehearsals,
a desk without a window). Exit codes of `checkin`: 0 checked in, 3 already checked in, 4 unknown,
altered or foreign code / unknown guest / no match, 5 not registered (refused), 6 several guests
match; `undo`: 0 undone, 3 nothing to undo."""

from __future__ import annotations

import argparse
import sys

from kosi_checkin.checkin.answers import Answer, Kind
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import resolve_target
from kosi_checkin.cli.output import print_json, print_table
from kosi_checkin.config import load_settings
from kosi_checkin.domain.errors import UnknownAttendee, UsageError
from kosi_checkin.i18n import _
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.repositories import JournalRepository

EXIT_UNKNOWN = 4


def _desk(args: argparse.Namespace) -> Desk:
    conn, event = open_event(args.event)
    name = getattr(args, "desk", None) or load_settings().desk_name or ""
    return Desk(conn, event, name)


def _print(answer: Answer, fmt: str) -> int:
    if fmt == "json":
        print_json(answer.as_json())
        return answer.exit_code
    print(answer.title)
    if answer.detail:
        print(answer.detail)
    if answer.door_note:
        print(_("Note: {note}").format(note=answer.door_note))
    for guest in answer.candidates:
        organisation = f" — {guest.organisation}" if guest.organisation else ""
        print(f"  {guest.id}  {guest.display_name}{organisation}")
    if answer.kind is Kind.NOT_REGISTERED:
        print(_("Use --force to admit the guest anyway."))
    return answer.exit_code


def cmd_checkin(args: argparse.Namespace) -> int:
    given = [x for x in (args.scan, args.attendee, args.name) if x is not None]
    if len(given) != 1:
        raise UsageError(_("Give exactly one of --scan, --attendee or --name."))
    desk = _desk(args)
    try:
        target = resolve_target(desk.event, args.session, desk.clock())
        force_session = args.session if args.session and target.kind == "group" else None
        if args.scan is not None:
            answer = desk.scan(args.scan, target, force=args.force, force_session=force_session)
        elif args.attendee is not None:
            try:
                answer = desk.check_in(args.attendee, target, force=args.force, force_session=force_session)
            except UnknownAttendee as exc:
                print(_("Error: {message}").format(message=exc), file=sys.stderr)
                return EXIT_UNKNOWN
        else:
            found = desk.find(args.name)
            answer = found if isinstance(found, Answer) else desk.check_in(
                found.id, target, force=args.force, force_session=force_session)
        if answer.kind is Kind.NOT_REGISTERED and args.force and answer.force_choices:
            raise UsageError(_("{name} is registered for none of {label}; name the one to admit into with --session ({ids}).").format(
                name=answer.attendee.display_name if answer.attendee else "", label=target.label,
                ids=", ".join(s.id for s in answer.force_choices)))
        return _print(answer, args.format)
    finally:
        desk.conn.close()


def cmd_undo(args: argparse.Namespace) -> int:
    desk = _desk(args)
    try:
        return _print(desk.undo(args.attendee, args.session), args.format)
    finally:
        desk.conn.close()


def cmd_code(args: argparse.Namespace) -> int:
    desk = _desk(args)
    try:
        print(desk.code_of(args.attendee))
    finally:
        desk.conn.close()
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


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("checkin", help=_("check a guest in (by scanned code, id or name)"))
    p.add_argument("event", metavar="EVENT")
    p.add_argument("--scan", metavar="TEXT", help=_("a scanned badge, ticket or order code"))
    p.add_argument("--attendee", metavar="ID", help=_("the guest's id"))
    p.add_argument("--name", metavar="QUERY", help=_("part of the guest's name, organisation or e-mail"))
    p.add_argument("--session", metavar="ID", help=_("session id (default: the one running now, else the next that day)"))
    p.add_argument("--desk", metavar="NAME", help=_("name of this desk, recorded with the check-in"))
    p.add_argument("--force", action="store_true", help=_("admit a guest who is not registered for the session"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_checkin)

    p = sub.add_parser("undo", help=_("take back a guest's check-in"))
    p.add_argument("event", metavar="EVENT")
    p.add_argument("--attendee", metavar="ID", required=True)
    p.add_argument("--session", metavar="ID", help=_("only this session (default: the guest's newest check-in)"))
    p.add_argument("--desk", metavar="NAME", help=_("name of this desk, recorded with the undo"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_undo)

    p = sub.add_parser("refused", help=_("list refused scans (unknown, altered or foreign codes) with their reason"))
    p.add_argument("event", metavar="EVENT")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_refused)

    p = sub.add_parser("code", help=_("print a guest's badge code"))
    p.add_argument("event", metavar="EVENT")
    p.add_argument("--attendee", metavar="ID", required=True)
    p.set_defaults(func=cmd_code)
