"""Entry point of `kosi-checkin`: global options, commands and exit codes.

Exit codes: 0 success; 1 anything unexpected; 2 bad usage, an unreadable file, a missing event
file or one from a newer version, an unknown attendee id. `checkin` adds 3 already checked in,
4 unknown/altered/foreign code or no match, 5 not registered, 6 several guests match, 10 the
room is full; `undo` 3 nothing to undo; 9 (any command on an event file) the event is open in KoSI Check-in on this
computer and the command does not run through it, or the app does not answer.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from kosi_checkin import __version__
from kosi_checkin.config import load_settings
from kosi_checkin.domain.errors import KosiError
from kosi_checkin.i18n import LANGUAGES, _, ngettext, set_language

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from typing import Any, NoReturn

# argparse's own words ("usage:", "options", its error messages) come from the app's catalogue,
# German first like the rest of the line (resources/locale, "argparse" in the .po). Left to
# itself, argparse asks gettext's global domain, which searches the system's locale folders on
# each of its ~30 lookups and imports locale: 3 of a read command's ~50 ms.
setattr(argparse, "_", _)  # noqa: B010  # argparse looks its words up through this module-level name
setattr(argparse, "ngettext", ngettext)  # noqa: B010  # likewise for its plurals

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2

# Which module of kosi_checkin.cli adds which commands, in the order --help lists them. A command
# loads only its own module (a read command does not import the badge renderer or the exporters);
# --help, no command or an unknown one load them all. tests/cli/test_import_set.py checks the table.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "gui_command": ("gui", "desk"),
    "event_commands": ("new", "demo", "sessions", "logo"),
    "import_command": ("import",),
    "attendee_commands": ("attendees",),
    "checkin_commands": ("checkin", "undo", "refused", "code"),
    "badge_commands": ("badges", "layouts", "printers", "calibrate"),
    "report_commands": ("export", "signatures", "certificates", "stats", "mark-present", "walk-in"),
    "trust_commands": ("backup", "restore", "purge", "delete", "pin", "audit"),
    "shared_commands": ("publish", "pull"),
    "event_commands:guide": ("guide",),
}


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
        self.exit(EXIT_USAGE, _("{prog}: error: {message}\n").format(prog=self.prog, message=message))


def _command_in(argv: Sequence[str]) -> str | None:
    """The command named on the line (the first word that is not a global option), if any."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return word
        elif not word.startswith("--lang="):
            return None  # --help, --version or a mistake: the whole parser answers
    return None


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
    chosen = [key for key, names in COMMAND_MODULES.items() if command in names] or list(COMMAND_MODULES)
    for key in chosen:
        module, _sep, adder = key.partition(":")
        name = f"kosi_checkin.cli.{module}"
        __import__(name)  # not importlib.import_module: the importlib package loads warnings (1 ms of a start)
        found = sys.modules[name]
        getattr(found, f"add_{adder}_parser" if adder else "add_parsers")(sub)
    return parser


def _language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return load_settings().language


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language(argv)
    set_language(lang if lang in LANGUAGES else "de")
    parser = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        from kosi_checkin.cli.gui_command import cmd_default

        func = cmd_default
    try:
        from kosi_checkin.cli.through_app import run

        return int(run(args, func))
    except KosiError as exc:
        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the one place that turns a bug into an exit code
        import logging

        logging.getLogger("kosi_checkin").exception("unexpected error")
        print(_("Unexpected error ({kind}: {message}). Please report it with the command you ran.").format(
            kind=type(exc).__name__, message=exc), file=sys.stderr)
        return EXIT_UNEXPECTED


# Commands whose process has nothing left to do once main returns: it ends at once instead of
# freeing every module and object one by one (4–5 ms of a read command's ~90 ms here). They start
# no thread and leave no temporary file, log handler or open event file for the interpreter's
# exit to see to; what they print is flushed first.
QUICK_EXIT = frozenset({"attendees", "sessions", "stats", "code", "checkin", "undo", "refused", "layouts"})


def console() -> NoReturn:
    """`kosi-checkin` as the console script, ``python -m kosi_checkin`` and the built app run it."""
    argv = sys.argv[1:]
    quick = _command_in(argv) in QUICK_EXIT
    if quick:
        # what a quick command makes dies with its process, which it leaves at once: the cyclic
        # collector would only walk it (4.5 % of the instructions of `attendees` or `stats`);
        # reference counting still frees what the command is done with
        gc.disable()
    code = main(argv)
    if quick:
        _leave(code)
    sys.exit(code)


def _leave(code: int) -> None:
    """End the process with ``code`` without the interpreter's clean-up, when nothing needs it:
    the output flushed, no thread but this one. Otherwise return (the caller exits normally)."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: the normal exit reports it as before
        return
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    os._exit(code)


if __name__ == "__main__":
    console()
