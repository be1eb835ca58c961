"""`import`: read a registration list into an event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kosi_checkin.cli.arguments import add_event
from kosi_checkin.cli.output import print_json, print_table
from kosi_checkin.i18n import _, ngettext
from kosi_checkin.services.events import open_event

if TYPE_CHECKING:
    import argparse

    from kosi_checkin.services.importing import ImportReport

PREVIEW_ROWS = 5


def cmd_import(args: argparse.Namespace) -> int:
    from kosi_checkin.services.importing import apply_import, dry_run, preview_import

    conn, event = open_event(args.event)
    try:
        preview = preview_import(args.file, event, sheet=args.sheet, overrides=args.map or ())
        report = dry_run(preview, event, conn) if args.dry_run else apply_import(conn, preview, event)
    finally:
        conn.close()
    if args.format == "json":
        data = report.as_json()
        if args.dry_run:
            data["preview"] = [
                {"rows": p.rows, **p.values, "sessions": sorted(p.sessions)} for p in report.extraction.people[:PREVIEW_ROWS]
            ]
        print_json(data)
    else:
        print_report(report)
    return 0


def print_report(report: ImportReport) -> None:
    p = report.preview
    where = f"{p.table.sheet!r}, " if p.table.sheet else ""
    print(_("File: {file}").format(file=p.path.name))
    print(_("Detected format: {format}; encoding: {encoding}; {where}header in row {row}").format(
        format=p.format, encoding=p.table.encoding, where=where, row=p.header_row))
    print()
    print_table(
        [_("Column"), _("Header"), _("Field")],
        [[str(c.index + 1), c.header, c.field + (f" ({c.session})" if c.session else "")] for c in p.columns],
        max_width=50,
    )
    print()
    if report.dry_run:
        print(_("Dry run: nothing was written. The first guests as they would be imported:"))
        print_table(
            [_("Row"), _("Name"), _("Organisation"), _("Sector"), _("E-mail"), _("Sessions")],
            [[",".join(map(str, x.rows)), " ".join(filter(None, (x.values.get("title"), x.name))),
              x.values.get("organisation", ""), x.values.get("sector", ""), x.values.get("email", ""),
              " ".join(sorted(x.sessions))] for x in report.extraction.people[:PREVIEW_ROWS]],
        )
        print()
    verb = _("would be") if report.dry_run else _("were")
    print(_("{rows} person rows, {people} guests: {added} added, {updated} updated, {unchanged} unchanged ({verb}).").format(
        rows=report.extraction.data_rows, people=len(report.extraction.people), added=report.added,
        updated=report.updated, unchanged=report.unchanged, verb=verb))
    counts = report.session_counts
    titles: dict[str, str] = {s.id: s.short_title for s in report.event.sessions}  # "Arbeitsforum A"
    print(_("Registrations per session in this file: {counts}").format(
        counts=", ".join(f"{titles.get(sid, sid)} {n}" for sid, n in counts.items()) or "—"))
    for warning in report.warnings:
        print(_("Warning: column {index} {header!r}: {message}").format(**warning))
    for d in report.extraction.duplicates:
        print(_("Duplicate: rows {rows} are one guest ({name}); sessions merged.").format(
            rows=", ".join(map(str, d["rows"])), name=d["name"]))  # type: ignore[call-overload]  # the warning dict's values are typed object
    for x in report.extraction.excluded:
        print(_("Not imported: row {row}, {name}: {reason}.").format(**x))
    if report.missing:
        print(ngettext("{n} guest of the event is not in this file (kept, not deleted):",
                       "{n} guests of the event are not in this file (kept, not deleted):", len(report.missing)).format(n=len(report.missing)))
        for m in report.missing[:20]:
            print(f"  {m['id']}  {m['name']}  {m['email']}")
    for c in report.conflicts:
        print(_("Hand edit kept: {name}, {field}: {kept!r} (file says {file!r}).").format(**c))
    for problem in report.extraction.problems:
        column = f", {_('column')} {problem.column!r}" if problem.column else ""
        row = _("row {row}").format(row=problem.row) if problem.row else ""
        print(_("Problem: {row}{column}: {message}").format(row=row, column=column, message=problem.message))


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("import", help=_("import a registration list (CSV or XLSX)"))
    add_event(p)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=_("show what was detected and write nothing"))
    p.add_argument("--sheet", metavar="NAME", help=_("the worksheet of an XLSX file"))
    p.add_argument("--map", metavar="FIELD=HEADER", action="append",
                   help=_("map a column by hand: FIELD=HEADER, FIELD=#N (N-th column), session:ID=HEADER (a mark column) or group:GROUP_ID=HEADER (the letters, numbers or names of a parallel group)"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_import)
