"""`export`, `signatures`, `stats`, `mark-present` and `walk-in`: attendance for the report."""

from __future__ import annotations

from kosi_checkin import formats
from kosi_checkin.cli.arguments import add_event
from kosi_checkin.cli.output import print_json, print_table
from kosi_checkin.config import load_settings
from kosi_checkin.domain.errors import UsageError
from kosi_checkin.domain.model import Attendee, AttendeeId, SessionId
from kosi_checkin.i18n import _, ngettext
from kosi_checkin.services.events import open_event

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    import argparse
    from typing import Any

# pathlib only in the commands that write files: `stats` starts without it (5 ms)


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kosi_checkin.services.export import export_attendance

    conn, event = open_event(args.event)
    try:
        result = export_attendance(conn, event, Path(args.output), anonymous=args.anonymous, session_id=args.session,
                                   delimiter=args.delimiter)
    finally:
        conn.close()
    what = _("counts only, no personal data") if result.anonymous else ngettext(
        "{n} guest", "{n} guests", result.guests).format(n=result.guests)
    print(_("Attendance written to {path} ({sessions} session(s), {what}).").format(
        path=result.path, sessions=result.sessions, what=what))
    return 0


def cmd_signatures(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kosi_checkin.services.export import chosen_sessions, signature_lists

    out = Path(args.output)
    conn, event = open_event(args.event)
    try:
        sessions = chosen_sessions(event, args.session)
        pages = signature_lists(conn, event, out, session_id=args.session, after=args.after,
                                who=load_settings().desk_name)
    finally:
        conn.close()
    print(_("Signature lists for {sessions} session(s) on {pages} page(s) written to {path}").format(
        sessions=len(sessions), pages=pages, path=out))
    return 0


def cmd_certificates(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kosi_checkin.services.certificates import issue

    if not args.output and not args.split:
        raise UsageError(_("Give either an output file or a folder for one file per guest."))
    conn, event = open_event(args.event)
    try:
        issued = issue(conn, event, Path(args.output) if args.output else None,
                       split=Path(args.split) if args.split else None, session_id=args.session,
                       attendee_ids=args.attendee or (), who=load_settings().desk_name)
    finally:
        conn.close()
    if issued.purged:
        print(_("The personal data of this event were purged: no certificates can be issued."))
    elif not issued.certificates:
        print(_("Nobody of those chosen was present: no certificate was written."))
    elif args.split:
        print(ngettext("{n} certificate of attendance written to {folder} (one file per guest).",
                       "{n} certificates of attendance written to {folder} (one file per guest).",
                       issued.certificates).format(n=issued.certificates, folder=args.split))
    else:
        print(ngettext("{n} certificate of attendance written to {path}.",
                       "{n} certificates of attendance written to {path}.",
                       issued.certificates).format(n=issued.certificates, path=args.output))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from kosi_checkin.report.attendance import OTHER_SECTOR, Attendance, sector_label
    from kosi_checkin.trust.erase import COUNT_MEASURES, kept_counts, purged_at

    conn, event = open_event(args.event)
    try:
        attendance = Attendance.load(conn, event, ordered=False)  # counts only: no list to sort
        purged, kept = purged_at(conn), kept_counts(conn)
    finally:
        conn.close()
    if purged:  # the guests are gone; what the purge kept is the record
        if args.format == "json":
            print_json({s.id: {"title": s.title, "registered": 0, "present": 0, "walk_ins": 0, "no_shows": 0,
                               "by_sector": {}, **kept.get(s.id, {})} for s in event.sessions})
        else:
            print(_("Personal data was removed on {date}; these are the counts kept then.").format(date=purged[:10]))
            print_table([_("Session"), *COUNT_MEASURES], [[s.id, *[str(kept.get(s.id, {}).get(m, "–"))
                                                                for m in COUNT_MEASURES]] for s in event.sessions])
        return 0
    stats = attendance.all_stats()
    if args.format == "json":
        print_json({s.session.id: s.as_json() for s in stats})
        return 0
    sectors = [*event.sector_names, OTHER_SECTOR]
    headers = [_("Session"), _("Registered"), _("Present"), _("No-shows"), _("Walk-ins"),
               *[sector_label(event, s) for s in sectors]]
    print(f"{event.name} — {formats.date(event.date)}")
    print_table(headers, [[s.session.id, str(s.registered), str(s.present), str(s.no_shows), str(s.walk_ins),
                           *[str(s.by_sector.get(x, 0)) for x in sectors]] for s in stats])
    return 0


def cmd_mark_present(args: argparse.Namespace) -> int:
    from kosi_checkin.checkin.afterwards import mark_present_afterwards

    who = args.by or load_settings().desk_name
    conn, event = open_event(args.event)
    try:
        marked = mark_present_afterwards(conn, event, args.attendee, args.session, who or "")
    finally:
        conn.close()
    print(ngettext("{n} guest marked present afterwards for {session}", "{n} guests marked present afterwards for {session}",
                   len(marked.added)).format(n=len(marked.added), session=args.session))
    if marked.already:
        print(_("Already present (unchanged): {ids}").format(ids=", ".join(marked.already)))
    return 0


def cmd_walk_in(args: argparse.Namespace) -> int:
    from kosi_checkin.checkin.desk import Desk
    from kosi_checkin.checkin.targets import resolve_target
    from kosi_checkin.services.event_context import open_event_context

    opened = open_event_context(args.event)
    conn, event = opened.conn, opened.event
    try:
        desk = Desk(conn, event, args.desk or load_settings().desk_name or "", server=opened.server)
        target = resolve_target(event, args.session, desk.clock())
        sector = args.sector or ""
        guest = Attendee(id=AttendeeId(""), first_name=args.first_name or "", last_name=args.last_name or "",
                         title=args.title or "", organisation=args.organisation or "", sector=sector,
                         email=args.email or "", sessions=frozenset(SessionId(s) for s in args.register or ()))
        if args.register:
            unknown = [s for s in args.register if event.session(s) is None]
            if unknown:
                raise UsageError(_("Unknown session(s): {ids}.").format(ids=", ".join(unknown)))
        answer = desk.walk_in(guest, target)
    finally:
        opened.close()
    if args.format == "json":
        print_json(answer.as_json())
    else:
        print(answer.title)
        if answer.detail:
            print(answer.detail)
    return answer.exit_code


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("export", help=_("export attendance to Excel (.xlsx) or CSV (.csv)"))
    add_event(p)
    p.add_argument("-o", "--output", metavar="OUT.xlsx|OUT.csv", required=True)
    p.add_argument("--anonymous", action="store_true", help=_("counts per session and sector only, no personal data"))
    p.add_argument("--session", metavar="ID", help=_("only this session"))
    p.add_argument("--delimiter", default=",", help=_("CSV delimiter, e.g. ';' for German Excel (default ',')"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("signatures", help=_("signature lists per session as a PDF"))
    add_event(p)
    p.add_argument("-o", "--output", metavar="OUT.pdf", required=True)
    p.add_argument("--session", metavar="ID", help=_("only this session"))
    p.add_argument("--after", action="store_true", help=_("after the event: with the check-in marks"))
    p.set_defaults(func=cmd_signatures)

    p = sub.add_parser("certificates", help=_("certificates of attendance (PDF, one page per guest present)"))
    add_event(p)
    p.add_argument("-o", "--output", metavar="OUT.pdf", help=_("one PDF with every certificate"))
    p.add_argument("--split", metavar="DIR", help=_("one PDF per guest in this folder instead"))
    p.add_argument("--session", metavar="ID", help=_("only guests present in this session (and only it on the page)"))
    p.add_argument("--attendee", metavar="ID", action="append", help=_("only this guest (repeat for more)"))
    p.set_defaults(func=cmd_certificates)

    p = sub.add_parser("stats", help=_("attendance per session: registered, present, walk-ins, no-shows, sectors"))
    add_event(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("mark-present", help=_("after the event: mark guests present from a signed paper list"))
    add_event(p)
    p.add_argument("--session", metavar="ID", required=True)
    p.add_argument("--attendee", metavar="ID", nargs="+", required=True)
    p.add_argument("--by", metavar="NAME", help=_("who marks them (kept with the record)"))
    p.set_defaults(func=cmd_mark_present)

    p = sub.add_parser("walk-in", help=_("register a guest at the door and check them in"))
    add_event(p)
    p.add_argument("--first-name", metavar="NAME")
    p.add_argument("--last-name", metavar="NAME")
    p.add_argument("--title")
    p.add_argument("--organisation")
    p.add_argument("--sector")
    p.add_argument("--email")
    p.add_argument("--register", metavar="SESSION", nargs="+", help=_("sessions the guest signs up for"))
    p.add_argument("--session", metavar="ID", help=_("session to check in (default: by the clock)"))
    p.add_argument("--desk", metavar="NAME")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_walk_in)
