"""`gui` and the bare `kosi-checkin`: open the window. Qt is imported only here, lazily."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kosi_checkin.cli.arguments import add_event
from kosi_checkin.config import load_settings
from kosi_checkin.i18n import _
from kosi_checkin.places import demo_event_path
from kosi_checkin.shared.url import location

if TYPE_CHECKING:
    import argparse


def demo_event() -> Path:
    """The demo event in the user's data folder, created the first time."""
    demo = demo_event_path()
    if not demo.is_file():
        from kosi_checkin.services.demo import create_demo

        demo.parent.mkdir(parents=True, exist_ok=True)
        create_demo(demo).close()
    return demo


def _default_event() -> Path:
    """The last event opened, or the demo event the first time."""
    last = load_settings().last_event
    if last and Path(last).is_file():
        return Path(last)
    return demo_event()


def _handed_over(event: Path | str, message: dict[str, object]) -> bool:
    """A second start: the app that has the event open does it (raises its window, opens the
    desk) and this process ends; False when no app has it open."""
    from kosi_checkin.owner.access import hand_over

    if isinstance(event, Path) and not event.is_file():
        return False  # the window says the file is missing
    return hand_over(event, message)


def cmd_gui(args: argparse.Namespace) -> int:
    explicit = bool(getattr(args, "event", None))
    event: Path | str
    if getattr(args, "demo", False):
        event = demo_event()
    else:
        event = location(args.event) if explicit else _default_event()
    if _handed_over(event, {"op": "gui"}):
        return 0
    from kosi_checkin.ui.launch import run  # imports Qt

    return run(event, getattr(args, "lang", None), explicit)


def _check_desk(event: Path | str, session: str | None) -> None:
    """A missing or bad file, or a bad --session: exit 2 before Qt loads (under the event's
    shared lock, as any command)."""
    from kosi_checkin.owner.access import route
    from kosi_checkin.services.events import open_event

    if not isinstance(event, Path):
        conn, kosi_event = open_event(event)
    else:
        with route(event) as found:
            if found.owner is not None:
                return  # just taken by an app that started meanwhile: it checks the session
            conn, kosi_event = open_event(event)
    try:
        if session:
            from kosi_checkin.checkin.clock import event_clock
            from kosi_checkin.checkin.targets import resolve_target

            resolve_target(kosi_event, session, event_clock(kosi_event.timezone)())
    finally:
        conn.close()


def cmd_desk(args: argparse.Namespace) -> int:
    event = location(args.event)
    mode = "kiosk" if args.kiosk else "print" if args.print_station else "exit" if args.exit else "desk"
    if _handed_over(event, {"op": "desk", "session": args.session, "name": args.name, "mode": mode,
                            "fullscreen": bool(args.fullscreen)}):
        return 0
    _check_desk(event, args.session)
    from kosi_checkin.ui.launch import run_desk  # imports Qt

    return run_desk(event, getattr(args, "lang", None), args.session, args.name, args.fullscreen, mode)


def cmd_default(args: argparse.Namespace) -> int:
    args.event = None
    return cmd_gui(args)


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("gui", help=_("open the window (on the last event, or the demo event the first time)"))
    add_event(p, nargs="?")
    p.add_argument("--demo", action="store_true", help=_("open the demo event (created the first time)"))
    p.set_defaults(func=cmd_gui)

    p = sub.add_parser("desk", help=_("open straight into the check-in desk"))
    add_event(p)
    p.add_argument("--session", metavar="ID", help=_("session id (default: chosen by the clock, changeable in the window)"))
    p.add_argument("--name", metavar="DESK", help=_("name of this desk, recorded with every check-in"))
    p.add_argument("--fullscreen", action="store_true", help=_("full screen (F11 leaves it)"))
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--print-station", action="store_true",
                      help=_("print the badge of whoever is scanned or searched, without checking them in"))
    mode.add_argument("--exit", action="store_true",
                      help=_("an exit desk (Ausgang): scanned guests leave the room; the room count goes down"))
    mode.add_argument("--kiosk", action="store_true",
                      help=_("self-service: guests scan their own code and get their badge (Ctrl+Alt+Shift+Q leaves)"))
    p.set_defaults(func=cmd_desk)
