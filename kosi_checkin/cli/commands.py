"""Which module of kosi_checkin.cli adds which commands, and loading only the ones a command needs."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# Which module adds which commands, in the order --help lists them. A command loads only its own
# module (a read command does not import the badge renderer or the exporters); --help, no command
# or an unknown one load them all. tests/cli/test_import_set.py checks the table.
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


def adders(command: str | None) -> list[Callable[[Any], None]]:
    """The functions that add ``command``'s module's commands to a parser's subcommands (each
    ``add_parsers(sub)``), or every module's when ``command`` is no known command."""
    chosen = [key for key, names in COMMAND_MODULES.items() if command in names] or list(COMMAND_MODULES)
    found = []
    for key in chosen:
        name, _sep, adder = _module_name(key).partition(":")
        __import__(name)  # not importlib.import_module: the importlib package loads warnings (1 ms of a start)
        found.append(getattr(sys.modules[name], f"add_{adder}_parser" if adder else "add_parsers"))
    return found


def command_modules() -> list[str]:
    """Every module the table names, by its full name. They are loaded by name, which a bundler
    cannot see in the code: the built app's spec (packaging/kosi-checkin.spec) names them."""
    return sorted({_module_name(key).partition(":")[0] for key in COMMAND_MODULES})


def _module_name(key: str) -> str:
    return f"kosi_checkin.cli.{key}"
