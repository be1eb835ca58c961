"""`backup`, `restore`, `purge`, `delete`, `pin` and `audit`: keeping the event file safe and
lean on personal data."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kosi_checkin.cli.arguments import add_event
from kosi_checkin.cli.output import print_json, print_table
from kosi_checkin.config import load_settings
from kosi_checkin.domain.errors import UnknownAttendee, UsageError
from kosi_checkin.i18n import _
from kosi_checkin.services.events import open_event
from kosi_checkin.shared.url import location

if TYPE_CHECKING:
    import argparse


def _who(args: argparse.Namespace) -> str:
    return getattr(args, "by", None) or load_settings().desk_name or ""


def _confirm(question: str, yes: bool) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(_("{question} Confirm with --yes (there is no terminal to ask).").format(question=question))
    answer = input(f"{question} [j/N] " if _("yes") == "ja" else f"{question} [y/N] ").strip().lower()
    if answer not in ("j", "ja", "y", "yes"):
        raise UsageError(_("Nothing was changed."))


def cmd_backup(args: argparse.Namespace) -> int:
    from kosi_checkin.trust.backup import list_backups, make_backup

    open_event(args.event)[0].close()  # a missing or foreign file: exit 2 before anything is written
    if args.list:
        backups = list_backups(location(args.event))
        if args.format == "json":
            print_json([{"path": str(b.path), "made": b.made.isoformat(), "reason": b.reason} for b in backups])
        else:
            print_table([_("Made (UTC)"), _("Reason"), _("File")],
                        [[b.made.strftime("%Y-%m-%d %H:%M:%S"), b.reason, str(b.path)] for b in backups], max_width=90)
        return 0
    path = make_backup(location(args.event), "manual", who=_who(args))
    print(_("Backup written: {path}").format(path=path))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kosi_checkin.trust.backup import restore

    open_event(args.event)[0].close()
    _confirm(_("Replace the content of {event} with the backup {backup}?").format(event=args.event, backup=args.backup),
             args.yes)
    safety = restore(location(args.event), Path(args.backup), who=_who(args))
    print(_("Restored from {backup}. The file as it was before is kept as {safety}.").format(
        backup=args.backup, safety=safety))
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from kosi_checkin.trust.backup import reach_backups
    from kosi_checkin.trust.erase import purge

    conn, event = open_event(args.event)
    try:
        _confirm(_("Remove all personal data from {event}? This cannot be undone.").format(event=args.event), args.yes)
        purge(conn, event, keep_counts=args.keep_counts, who=_who(args))
    finally:
        conn.close()
    cleaned = reach_backups(location(args.event), purge=True)
    print(_("Personal data removed from {event} and {n} backup(s).").format(event=args.event, n=cleaned))
    print(_("Anonymous counts per session and sector were kept.") if args.keep_counts else
          _("No counts were kept."))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from kosi_checkin.storage.records import CountsRepository
    from kosi_checkin.trust.backup import reach_backups
    from kosi_checkin.trust.erase import erase_guest

    conn, _event = open_event(args.event)
    try:
        if not CountsRepository(conn).has_attendee(args.attendee):
            raise UnknownAttendee.of(args.attendee)
        _confirm(_("Delete guest {id} with all their check-ins? This cannot be undone.").format(id=args.attendee),
                 args.yes)
        erase_guest(conn, args.attendee, who=_who(args))
    finally:
        conn.close()
    cleaned = reach_backups(location(args.event), erased=[args.attendee])
    print(_("Guest {id} deleted from the event file and {n} backup(s).").format(id=args.attendee, n=cleaned))
    return 0


def cmd_pin(args: argparse.Namespace) -> int:
    from kosi_checkin.trust.pin import set_pin

    conn, _event = open_event(args.event)
    try:
        if args.remove:
            set_pin(conn, None, who=_who(args))
            print(_("The organiser PIN was removed: organiser mode is open."))
            return 0
        if sys.stdin.isatty():
            pin = getpass.getpass(_("New organiser PIN: "))
            if getpass.getpass(_("Once more: ")) != pin:
                raise UsageError(_("The two PINs differ; nothing was changed."))
        else:
            pin = sys.stdin.readline().strip()
        set_pin(conn, pin, who=_who(args))
    finally:
        conn.close()
    print(_("The organiser PIN is set. It locks the window, not the file: use disk encryption on desk laptops."))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from kosi_checkin.trust.audit import AuditLog

    conn, _event = open_event(args.event)
    try:
        entries = AuditLog(conn).entries()
    finally:
        conn.close()
    if args.format == "json":
        print_json([e.__dict__ for e in entries])
        return 0
    print_table([_("Time (UTC)"), _("Who"), _("Action"), _("Detail")],
                [[e.at, e.who, e.action, e.detail] for e in entries], max_width=70)
    return 0


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("backup", help=_("make a backup of the event file (kept next to it, rotating)"))
    add_event(p)
    p.add_argument("--list", action="store_true", help=_("list the backups instead"))
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--by", metavar="NAME")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help=_("restore the event file from a backup"))
    add_event(p)
    p.add_argument("backup", metavar="BACKUP")
    p.add_argument("--yes", action="store_true", help=_("do not ask"))
    p.add_argument("--by", metavar="NAME")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("purge", help=_("after the event: remove all personal data"))
    add_event(p)
    p.add_argument("--keep-counts", action="store_true", help=_("keep anonymous counts per session and sector"))
    p.add_argument("--yes", action="store_true", help=_("do not ask"))
    p.add_argument("--by", metavar="NAME")
    p.set_defaults(func=cmd_purge)

    p = sub.add_parser("delete", help=_("delete one guest with their check-ins (a request under the GDPR)"))
    add_event(p)
    p.add_argument("--attendee", metavar="ID", required=True)
    p.add_argument("--yes", action="store_true", help=_("do not ask"))
    p.add_argument("--by", metavar="NAME")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("pin", help=_("set the organiser PIN (read from the terminal or one line of input)"))
    add_event(p)
    p.add_argument("--remove", action="store_true", help=_("remove the PIN"))
    p.add_argument("--by", metavar="NAME")
    p.set_defaults(func=cmd_pin)

    p = sub.add_parser("audit", help=_("show the audit log: who did what when"))
    add_event(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_audit)
