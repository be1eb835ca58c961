"""`publish` and `pull`: a prepared event file up to the shared PostgreSQL server, and back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kosi_checkin.domain.errors import UsageError
from kosi_checkin.i18n import _
from kosi_checkin.shared.url import display, is_shared

if TYPE_CHECKING:
    import argparse


def cmd_publish(args: argparse.Namespace) -> int:
    from kosi_checkin.shared.session import publish

    if not is_shared(args.url):
        raise UsageError(_("The second argument is the server: postgresql://user@host/database"))
    guests = publish(Path(args.event), args.url, replace=args.replace)
    print(_("Published {event} to {server}: {n} guests. Desks open it with `kosi-checkin desk URL`.").format(
        event=args.event, server=display(args.url), n=guests))
    return 0


def cmd_pull(args: argparse.Namespace) -> int:
    from kosi_checkin.shared.session import pull

    if not is_shared(args.url):
        raise UsageError(_("The first argument is the server: postgresql://user@host/database"))
    if Path(args.event).exists():
        raise UsageError(_("The file {path} exists already; choose another name.").format(path=args.event))
    guests = pull(args.url, Path(args.event))
    print(_("Pulled the shared event into {path}: {n} guests.").format(path=args.event, n=guests))
    return 0


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("publish", help=_("upload a prepared event file to a PostgreSQL server for several desks"))
    p.add_argument("event", metavar="EVENT.kosi")
    p.add_argument("url", metavar="postgresql://…")
    p.add_argument("--replace", action="store_true", help=_("replace the event the server holds"))
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("pull", help=_("bring the shared event back into one event file"))
    p.add_argument("url", metavar="postgresql://…")
    p.add_argument("event", metavar="EVENT.kosi")
    p.set_defaults(func=cmd_pull)
