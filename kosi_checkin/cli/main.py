"""Entry point of `kosi-checkin`: global options, commands and exit codes.

Exit codes: 0 success; 1 anything unexpected; 2 bad usage, an unreadable file, a missing event
file or one from a newer version, an unknown attendee id. `checkin` adds 3 already checked in,
4 unknown/altered/foreign code or no match, 5 not registered, 6 several guests match, 10 the
room is full; `undo` 3 nothing to undo; 9 (any command on an event file) the event is open in KoSI Check-in on this
computer and the command does not run through it, or the app does not answer.
"""

from __future__ import annotations

import gc
import os
import sys

from kosi_checkin.cli.plain_line import read_plain
from kosi_checkin.config import load_settings
from kosi_checkin.domain.errors import KosiError
from kosi_checkin.i18n import LANGUAGES, _, set_language

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import NoReturn

EXIT_OK = 0
EXIT_UNEXPECTED = 1


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
    args = read_plain(argv, LANGUAGES)
    if args is None:  # help, a mistake or a line of another form: argparse reads it
        from kosi_checkin.cli.parser import build_parser

        args = build_parser(_command_in(argv)).parse_args(argv)
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
