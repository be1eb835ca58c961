"""The command line's argparse parser: every command's options, help texts and error messages.

A command line in its plain form is read without it (cli/plain_line.py); help, mistakes and
every other form are read here."""

from __future__ import annotations

import argparse
import os
import sys

from kosi_checkin import __version__
from kosi_checkin.cli.commands import adders
from kosi_checkin.domain.errors import UsageError
from kosi_checkin.i18n import LANGUAGES, _, ngettext

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from typing import Any, NoReturn

# argparse's own words ("usage:", "options", its error messages) come from the app's catalogue,
# German first like the rest of the line (resources/locale, "argparse" in the .po). Left to
# itself, argparse asks gettext's global domain, which searches the system's locale folders on
# each of its ~30 lookups and imports locale: 3 of a read command's ~50 ms.
setattr(argparse, "_", _)  # noqa: B010  # argparse looks its words up through this module-level name
setattr(argparse, "ngettext", ngettext)  # noqa: B010  # likewise for its plurals


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` tells it (``COLUMNS`` first, 80 when
    there is no terminal), without importing shutil: argparse does for every argument it adds, and
    shutil loads bz2 and lzma (3 of a read command's 60 ms)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    columns = 0
    if sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (ValueError, OSError):  # no terminal (a pipe, a file)
            pass
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(UsageError.exit_code, _("{prog}: error: {message}\n").format(prog=self.prog, message=message))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or only of ``command``'s module when it names a known one."""
    parser = _Parser(
        prog="kosi-checkin",
        description=_("KoSI Check-in: registration import, door desk, badges and attendance for one-day events."),
    )
    parser.add_argument("--version", action="version", version=f"kosi-checkin {__version__}",
                        help=_("show the program's version and exit"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of the app and its messages (default: de)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in adders(command):
        add(sub)
    return parser
