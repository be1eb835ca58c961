"""`badges` and `layouts`: print-ready PDF badges from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from kosi_checkin.badges.layouts import DEFAULT_LAYOUT, all_layouts, layout_named
from kosi_checkin.cli.output import print_table
from kosi_checkin.domain.errors import UsageError
from kosi_checkin.i18n import _, ngettext
from kosi_checkin.services.badges import make_batch, select_guests
from kosi_checkin.services.events import open_event


def cmd_badges(args: argparse.Namespace) -> int:
    if not args.output:
        raise UsageError(_("Say where the badges go: -o OUT.pdf."))
    layout = layout_named(args.layout)
    conn, event = open_event(args.event)
    try:
        guests = select_guests(conn, args.attendee or (), unprinted=args.unprinted, order=args.sort)
        result = make_batch(conn, event, guests, layout, Path(args.output), mark=not args.preview,
                            reason=args.reason or "")
    finally:
        conn.close()
    print(ngettext("{n} badge on {pages} page(s) written to {path}", "{n} badges on {pages} page(s) written to {path}",
                   result.badges).format(n=result.badges, pages=result.pages, path=result.path))
    if not result.marked:
        print(_("Preview: nobody was marked as printed."))
    return 0


def cmd_layouts(args: argparse.Namespace) -> int:
    rows = [[l.name, l.title, f"{l.page[0]:g} × {l.page[1]:g}", f"{l.badge[0]:g} × {l.badge[1]:g}", str(l.per_page)]
            for l in all_layouts()]
    print_table([_("Layout"), _("Description"), _("Page (mm)"), _("Badge (mm)"), _("Per page")], rows, max_width=70)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("badges", help=_("make name badges with QR codes as a PDF"))
    p.add_argument("event", metavar="EVENT")
    p.add_argument("-o", "--output", metavar="OUT.pdf")
    p.add_argument("--layout", default=DEFAULT_LAYOUT, help=_("a layout name (see `layouts`) or a layout file"))
    p.add_argument("--attendee", metavar="ID", nargs="+", help=_("only these guests"))
    p.add_argument("--unprinted", action="store_true", help=_("only guests whose badge was not printed yet"))
    p.add_argument("--sort", choices=("name", "organisation"), default="name")
    p.add_argument("--preview", action="store_true", help=_("mark nobody as printed"))
    p.add_argument("--reason", metavar="TEXT", help=_("why badges are printed again (lost, typo fixed), kept in the log"))
    p.set_defaults(func=cmd_badges)

    p = sub.add_parser("layouts", help=_("list the badge layouts"))
    p.set_defaults(func=cmd_layouts)
