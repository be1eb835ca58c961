"""`attendees`: the guest list as a table, JSON or CSV."""

from __future__ import annotations

from kosi_checkin.cli.arguments import add_event
from kosi_checkin.cli.output import print_csv, print_json_records, print_table
from kosi_checkin.i18n import _
from kosi_checkin.services.events import open_event

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    import argparse
    from typing import Any


def cmd_attendees(args: argparse.Namespace) -> int:
    from kosi_checkin.services.attendees import list_attendees
    from kosi_checkin.storage.repositories import BadgePrintRepository

    conn, _event = open_event(args.event)
    try:
        rows = list_attendees(conn, args.search or "")
        printed = BadgePrintRepository(conn).print_counts()
    finally:
        conn.close()
    if args.format == "json":
        print_json_records(r.as_json(badges_printed=printed.get(r.attendee.id, 0)) for r in rows)
        return 0
    if args.format == "csv":
        headers = ["id", "title", "first_name", "last_name", "organisation", "sector", "email", "category",
                   "door_note", "sessions", "checkins"]
        print_csv(headers, [
            [r.attendee.id, r.attendee.title, r.attendee.first_name, r.attendee.last_name, r.attendee.organisation,
             r.attendee.sector, r.attendee.email, r.attendee.category, r.attendee.door_note,
             " ".join(sorted(r.attendee.sessions)),
             " ".join(f"{s}={t.isoformat()}" for s, t in sorted(r.checkins.items()))]
            for r in rows
        ])
        return 0
    headers = [_("Id"), _("Name"), _("Organisation"), _("Sector"), _("Sessions"), _("Present in")]
    print_table(headers, [
        [r.attendee.id, r.attendee.display_name, r.attendee.organisation, r.attendee.sector,
         " ".join(sorted(r.attendee.sessions)), " ".join(sorted(r.checkins))]
        for r in rows
    ])
    print(_("{n} guests").format(n=len(rows)))
    return 0


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("attendees", help=_("list the guests of an event"))
    add_event(p)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--search", metavar="QUERY", help=_("only guests whose name, organisation or e-mail match"))
    p.set_defaults(func=cmd_attendees)
