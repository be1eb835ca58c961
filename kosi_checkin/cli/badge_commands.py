"""`badges`, `layouts`, `printers` and `calibrate`: print-ready badges from the command line."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kosi_checkin.badges.layouts import BAND_BY, DEFAULT_LAYOUT, all_layouts, layout_named
from kosi_checkin.cli.arguments import add_event
from kosi_checkin.cli.output import print_json, print_table
from kosi_checkin.config import load_settings, save_settings
from kosi_checkin.domain.errors import UsageError
from kosi_checkin.i18n import _, ngettext
from kosi_checkin.services.events import open_event

if TYPE_CHECKING:
    import argparse

    from kosi_checkin.badges.calibration import Calibration


def printer_calibration(printer: str) -> Calibration:
    from kosi_checkin.badges.calibration import Calibration

    return Calibration.from_dict(load_settings().printer_calibration.get(printer))


def cmd_badges(args: argparse.Namespace) -> int:
    from kosi_checkin.services.badges import BatchOptions, make_batch, print_batch, select_guests

    if bool(args.output) == bool(args.printer):
        raise UsageError(_("Say where the badges go: -o OUT.pdf or --printer NAME (one of them)."))
    layout = layout_named(args.layout)
    calibration = printer_calibration(args.printer or args.calibration or "")
    conn, event = open_event(args.event)
    try:
        guests = select_guests(conn, args.attendee or (), unprinted=args.unprinted, changed=args.changed,
                               order=args.sort)
        options = BatchOptions(layout, back=args.back, calibration=calibration, mark=not args.preview,
                               reason=args.reason or "", desk=load_settings().desk_name, band_by=args.band)
        if args.printer:
            result = print_batch(conn, event, guests, options, args.printer, title=f"{event.name} – {_('Badges')}")
        else:
            result = make_batch(conn, event, guests, options, Path(args.output))
    finally:
        conn.close()
    if args.format == "json":
        print_json({"badges": result.badges, "pages": result.pages, "marked": result.marked,
                    "path": str(result.path) if result.path else None, "printer": result.printer or None,
                    "job": result.job or None, "layout": layout.name, "back": args.back})
        return 0
    if result.printer:
        print(ngettext("{n} badge on {pages} page(s) sent to {printer} (job {job})",
                       "{n} badges on {pages} page(s) sent to {printer} (job {job})", result.badges).format(
            n=result.badges, pages=result.pages, printer=result.printer, job=result.job))
    else:
        print(ngettext("{n} badge on {pages} page(s) written to {path}", "{n} badges on {pages} page(s) written to {path}",
                       result.badges).format(n=result.badges, pages=result.pages, path=result.path))
    if not result.marked:
        print(_("Preview: nobody was marked as printed.") if args.preview else _("No badges to print."))
    return 0


def cmd_layouts(args: argparse.Namespace) -> int:
    layouts = all_layouts()
    if args.format == "json":
        print_json([{"name": l.name, "title": l.title, "product": l.product, "page_mm": list(l.page),
                     "badge_mm": list(l.badge), "per_page": l.per_page, "back": l.back,
                     "title_en": l.title_in("en"), "product_en": l.product_in("en")} for l in layouts])
        return 0
    rows = [[l.name, l.title_in(), f"{l.page[0]:g} × {l.page[1]:g}", f"{l.badge[0]:g} × {l.badge[1]:g}", str(l.per_page),
             {"duplex": _("duplex"), "fold": _("fold-over"), "none": "–"}[l.back]] for l in layouts]
    print_table([_("Layout"), _("Description"), _("Page (mm)"), _("Badge (mm)"), _("Per page"), _("Back")], rows,
                max_width=70)
    return 0


def cmd_printers(args: argparse.Namespace) -> int:
    from kosi_checkin.badges.calibration import Calibration
    from kosi_checkin.printing import cups

    names = cups.printers()
    calibrations = load_settings().printer_calibration
    default = cups.default_printer() if names else ""
    if args.format == "json":
        print_json([{"name": n, "default": n == default, "calibration": Calibration.from_dict(calibrations.get(n)).as_dict()}
                    for n in names])
        return 0
    if not names:
        print(_("No printers: CUPS is not installed, not running, or has no printer set up."))
        return 0
    rows = []
    for name in names:
        c = Calibration.from_dict(calibrations.get(name))
        rows.append([name + (" *" if name == default else ""), f"{c.dx:+.1f}", f"{c.dy:+.1f}", f"{c.scale:.4f}"])
    print_table([_("Printer"), "dx (mm)", "dy (mm)", _("Scale")], rows)
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from kosi_checkin.badges.calibration import Calibration, from_measurements, line_length, write_calibration_page
    from kosi_checkin.printing import cups

    layout = layout_named(args.layout)
    if args.page or args.output:
        if args.output:
            write_calibration_page(Path(args.output), layout, args.printer)
            print(_("Calibration page written to {path}").format(path=args.output))
        else:
            with tempfile.TemporaryDirectory() as folder:
                page = Path(folder) / "calibration.pdf"
                write_calibration_page(page, layout, args.printer)
                job = cups.send(page, args.printer, title=_("Calibration page"), options={"print-scaling": "none"})
            print(_("Calibration page sent to {printer} (job {job}).").format(printer=args.printer, job=job))
        return 0
    settings = load_settings()
    measured = (args.left, args.top, args.length)
    direct = (args.dx, args.dy, args.scale)
    if any(v is not None for v in measured):
        if any(v is None for v in measured):
            raise UsageError(_("Give all three measurements: --left, --top and --length."))
        calibration = from_measurements(args.left, args.top, args.length, line_length(layout))
    elif any(v is not None for v in direct) or args.reset:
        old = Calibration() if args.reset else Calibration.from_dict(settings.printer_calibration.get(args.printer))
        calibration = Calibration(args.dx if args.dx is not None else old.dx, args.dy if args.dy is not None else old.dy,
                                  args.scale if args.scale is not None else old.scale)
        if not 0.8 <= calibration.scale <= 1.2 or abs(calibration.dx) > 30 or abs(calibration.dy) > 30:
            raise UsageError(_("A scale between 0.8 and 1.2 and offsets within ±30 mm, please."))
    else:
        calibration = Calibration.from_dict(settings.printer_calibration.get(args.printer))
        print(_("{printer}: dx {dx:+.2f} mm, dy {dy:+.2f} mm, scale {scale:.4f}").format(
            printer=args.printer, **calibration.as_dict()))
        return 0
    if calibration.is_identity:
        settings.printer_calibration.pop(args.printer, None)
    else:
        settings.printer_calibration[args.printer] = calibration.as_dict()
    save_settings(settings)
    print(_("Saved for {printer}: dx {dx:+.2f} mm, dy {dy:+.2f} mm, scale {scale:.4f}").format(
        printer=args.printer, **calibration.as_dict()))
    return 0


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("badges", help=_("make name badges with QR codes as a PDF or print them"))
    add_event(p)
    p.add_argument("-o", "--output", metavar="OUT.pdf")
    p.add_argument("--printer", metavar="NAME", help=_("send the badges to this CUPS printer (see `printers`)"))
    p.add_argument("--layout", default=DEFAULT_LAYOUT, help=_("a layout name (see `layouts`) or a layout file"))
    p.add_argument("--attendee", metavar="ID", nargs="+", help=_("only these guests"))
    p.add_argument("--unprinted", action="store_true", help=_("only guests whose badge was not printed yet"))
    p.add_argument("--changed", action="store_true", help=_("only guests whose badge changed since it was printed"))
    p.add_argument("--back", action="store_true", help=_("print each guest's programme on the back (duplex or fold-over)"))
    p.add_argument("--sort", choices=("name", "organisation"), default="name")
    p.add_argument("--band", choices=BAND_BY, default="category",
                   help=_("colour band by category (default) or by sector (speakers, panel, team, press keep theirs)"))
    p.add_argument("--preview", action="store_true", help=_("mark nobody as printed"))
    p.add_argument("--reason", metavar="TEXT", help=_("why badges are printed again (lost, typo fixed), kept in the log"))
    p.add_argument("--calibration", metavar="PRINTER", help=_("with -o: apply this printer's calibration"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_badges)

    p = sub.add_parser("layouts", help=_("list the badge layouts"))
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_layouts)

    p = sub.add_parser("printers", help=_("list the printers (CUPS) and their calibration"))
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_printers)

    p = sub.add_parser("calibrate", help=_("print a calibration page, or save a printer's offset and scale"))
    p.add_argument("printer", metavar="PRINTER")
    p.add_argument("--page", action="store_true", help=_("send the calibration page to the printer"))
    p.add_argument("-o", "--output", metavar="OUT.pdf", help=_("save the calibration page instead"))
    p.add_argument("--layout", default=DEFAULT_LAYOUT, help=_("the paper the page is for"))
    p.add_argument("--left", type=float, metavar="MM", help=_("measured: left paper edge to the cross"))
    p.add_argument("--top", type=float, metavar="MM", help=_("measured: top paper edge to the cross"))
    p.add_argument("--length", type=float, metavar="MM", help=_("measured: length of the long line"))
    p.add_argument("--dx", type=float, metavar="MM", help=_("move the print right (negative: left)"))
    p.add_argument("--dy", type=float, metavar="MM", help=_("move the print down (negative: up)"))
    p.add_argument("--scale", type=float, help=_("scale the print (1 = as is)"))
    p.add_argument("--reset", action="store_true", help=_("forget the printer's calibration"))
    p.set_defaults(func=cmd_calibrate)
