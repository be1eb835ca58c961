"""`new`, `demo` and `sessions`."""

from __future__ import annotations

from kosi_checkin import formats
from kosi_checkin.cli.arguments import add_event
from kosi_checkin.cli.output import print_json, print_table
from kosi_checkin.domain.errors import UsageError
from kosi_checkin.i18n import _
from kosi_checkin.services.events import create_event, open_event

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    import argparse
    from typing import Any


def cmd_new(args: argparse.Namespace) -> int:
    from kosi_checkin.services.event_config import load_config, load_template, signature_file

    event = load_template(args.template) if args.template else load_config(args.config)
    conn = create_event(args.event, event, signature=signature_file(args.config) if args.config else None)
    conn.close()
    print(_("Created {path}: {name}, {date}, {n} sessions.").format(
        path=args.event, name=event.name, date=event.date.isoformat(), n=len(event.sessions)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from kosi_checkin.services.demo import create_demo
    from kosi_checkin.storage.repositories import AttendeeRepository

    conn = create_demo(args.event)
    count = AttendeeRepository(conn).count()
    conn.close()
    print(_("Created the demo event {path} with {n} fictional guests.").format(path=args.event, n=count))
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    from kosi_checkin.services.sessions import session_overview

    conn, event = open_event(args.event)
    try:
        overview = session_overview(conn, event)
    finally:
        conn.close()
    if args.format == "json":
        print_json([o.as_json() for o in overview])
        return 0
    headers = [_("Id"), _("Title"), _("Start"), _("End"), _("Room"), _("Registered"), _("Present"), _("Capacity")]
    rows = [
        [
            o.session.id,
            o.session.title,
            (formats.time(o.session.start) if o.session.start else "") + ("*" if o.session.times_assumed else ""),
            (formats.time(o.session.end) if o.session.end else "") + ("*" if o.session.times_assumed else ""),
            o.session.room,
            str(o.registered),
            str(o.present),
            str(o.session.capacity or ""),
        ]
        for o in overview
    ]
    print(f"{event.name} — {formats.date(event.date)}, {event.venue}")
    print_table(headers, rows, max_width=60)
    if any(o.session.times_assumed for o in overview):
        print(_("* assumed time: the published programme does not give it"))
    return 0


def cmd_logo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kosi_checkin.services.event_logo import set_logo

    if bool(args.image) == bool(args.remove):
        raise UsageError(_("Give an image (PNG or JPEG) or --remove."))
    conn, _event = open_event(args.event)
    try:
        set_logo(conn, None if args.remove else Path(args.image))
    finally:
        conn.close()
    print(_("The logo was removed.") if args.remove else _("The logo is stored in the event file."))
    return 0


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("new", help=_("create an event file from a template or a TOML file"))
    p.add_argument("event", metavar="EVENT", help=_("the event file to create (e.g. kosi2019.kosi)"))
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--template", metavar="NAME", help=_("built-in template, e.g. kosi-2019"))
    source.add_argument("--config", metavar="FILE.toml", help=_("an event described in TOML"))
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("demo", help=_("create the demo event with its fictional guests"))
    add_event(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("sessions", help=_("list the sessions of an event"))
    add_event(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_sessions)

    p = sub.add_parser("logo", help=_("put the event's logo (PNG or JPEG) on its badges, or remove it"))
    add_event(p)
    p.add_argument("image", metavar="IMAGE", nargs="?")
    p.add_argument("--remove", action="store_true")
    p.set_defaults(func=cmd_logo)



def cmd_guide(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kosi_checkin.report.guide import write_guide

    name = ""
    if args.event:
        conn, event = open_event(args.event)
        conn.close()
        name = f"{event.name} — {formats.date(event.date)}, {event.venue}"
    write_guide(Path(args.output), name)
    print(_("Door guide written to {path}").format(path=args.output))
    return 0


def add_guide_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("guide", help=_("the one-page door guide for volunteers as a PDF"))
    p.add_argument("-o", "--output", metavar="OUT.pdf", required=True)
    p.add_argument("--event", metavar="EVENT", help=_("put the event's name on it"))
    p.set_defaults(func=cmd_guide)
