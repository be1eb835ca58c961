"""Arguments that several commands take, with one help text each."""

from __future__ import annotations

from kosi_checkin.i18n import _

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    import argparse


def add_event(parser: argparse.ArgumentParser, **options: object) -> None:
    """The EVENT every command on an event names first."""
    parser.add_argument("event", metavar="EVENT", help=_("the event: its file (….kosi) or a postgresql:// URL"),
                        **options)  # type: ignore[arg-type]  # argparse's keywords, passed through
