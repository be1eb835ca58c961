"""Arguments that several commands take, with one help text each."""

from __future__ import annotations

import argparse

from kosi_checkin.i18n import _


def add_event(parser: argparse.ArgumentParser, **options: object) -> None:
    """The EVENT every command on an event names first."""
    parser.add_argument("event", metavar="EVENT", help=_("the event: its file (….kosi) or a postgresql:// URL"),
                        **options)  # type: ignore[arg-type]  # argparse's keywords, passed through
