"""The read commands and `checkin` start like bare Python: on a file event they load none of the
heavy libraries (Excel, PDF, numbers, Qt, PostgreSQL). Not a timing test: the set of modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("openpyxl", "reportlab", "numpy", "PySide6", "psycopg")
# what their start does without, too: logging (4 ms; an event file's desk needs no worker thread),
# typing (2 ms; the type-only names sit under TYPE_CHECKING) and
# shutil (3 ms with bz2 and lzma; argparse loads it for the terminal width, cli/main.py asks os),
# getpass (with termios: only when the audit log has no name for who acts), csv (only for CSV) and
# dataclasses with inspect (12 ms; the value classes come from kosi_checkin.domain.values)
# pathlib with urllib.parse and ipaddress (5 ms: paths are text on the way, places.py, owner/)
# and threading (a shared event's desk asks its server on a worker; an event file decides at once)
# and contextlib (0.5 ms: the context managers on the way are classes, storage/db.py), weakref
# (0.5 ms: owner/lock.py keeps the held locks by descriptor), argparse with warnings (1.7 ms to load
# and build: a plain line is read without it, cli/plain_line.py)
LIGHT = ("typing", "shutil", "logging", "getpass", "csv", "dataclasses", "inspect", "pathlib", "urllib", "ipaddress",
         "threading", "contextlib", "weakref", "argparse", "warnings")
# and hashlib with hmac (OpenSSL, 3 ms) only where a badge code's MAC is made: `code` makes one,
# a check-in by id does not
MAC = ("hashlib", "hmac", "warnings")  # hmac loads warnings
# zoneinfo (3 ms with sysconfig) only where a time is made in the event's zone: a check-in's
ZONE = ("zoneinfo", "sysconfig", "weakref")  # zoneinfo keeps its zones in a weak cache
# and of the app's own modules, those only writes need: bulk inserts, making ids (0.5 ms with the
# code normaliser); a check-in makes its entry's uuid, a badge code is written in the ids' alphabet
IDS = "kosi_checkin.domain.ids"
WRITERS = (IDS, "kosi_checkin.storage.bulk_insert")
ALLOWED = {"code": (*MAC, IDS), "checkin": (*ZONE, IDS)}
PROBE = ("import json, sys\n"
         "from kosi_checkin.cli import main as m\n"
         "try:\n    rc = m.main(sys.argv[1:])\nexcept SystemExit as exc:\n    rc = exc.code\n"
         "print(json.dumps([rc, sorted(({n.split('.')[0] for n in sys.modules} | set(sys.modules)) & set(%r))]),"
         " file=sys.stderr)" % (HEAVY + LIGHT + MAC + ZONE + WRITERS,))
# without site (-S), the source tree on the path: as an installed wheel starts (the development
# venv's editable install loads pathlib for its import finder at every start, a bare one too)
SOURCE = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("imports") / "demo.kosi"
    subprocess.run([sys.executable, "-m", "kosi_checkin", "demo", str(path)], check=True, capture_output=True)
    return path


@pytest.mark.parametrize("command", [
    ["attendees", "{event}", "--format", "json"], ["sessions", "{event}"], ["stats", "{event}", "--format", "json"],
    ["code", "{event}", "--attendee", "{guest}"], ["checkin", "{event}", "--attendee", "{guest}", "--session", "werkstatt",
                                                  "--force"],
], ids=lambda c: c[0])
def test_read_commands_and_checkin_load_no_heavy_library_nor_typing(demo: Path, command: list[str]) -> None:
    guests = json.loads(subprocess.run([sys.executable, "-m", "kosi_checkin", "attendees", str(demo), "--format", "json"],
                                       capture_output=True, text=True, check=True).stdout)
    args = [a.format(event=demo, guest=guests[0]["id"]) for a in command]
    env = {**os.environ, "PYTHONPATH": str(SOURCE)}
    done = subprocess.run([sys.executable, "-S", "-c", PROBE, *args], capture_output=True, text=True, timeout=60,
                          env=env)
    rc, loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert rc == 0, (command[0], done.stderr)  # the command did its work (a check-in is written)
    assert [name for name in loaded if name not in ALLOWED.get(command[0], ())] == [], (command[0], loaded)


def test_the_command_table_names_every_command_of_every_module() -> None:
    """commands.COMMAND_MODULES decides which module a command loads: it must list exactly the
    commands each module adds, and the whole parser must offer every one of them."""
    import argparse
    import importlib

    from kosi_checkin.cli.commands import COMMAND_MODULES
    from kosi_checkin.cli.parser import build_parser

    for key, names in COMMAND_MODULES.items():
        module, _sep, adder = key.partition(":")
        sub = argparse.ArgumentParser().add_subparsers()
        getattr(importlib.import_module(f"kosi_checkin.cli.{module}"), f"add_{adder}_parser" if adder else "add_parsers")(sub)
        assert tuple(sub.choices) == names, key
    whole = build_parser()
    offered = next(a for a in whole._actions if isinstance(a, argparse._SubParsersAction)).choices  # noqa: SLF001
    assert set(offered) == {n for names in COMMAND_MODULES.values() for n in names}
    for names in COMMAND_MODULES.values():  # each command's own parser knows it, and only its module's
        one = build_parser(names[0])
        assert set(next(a for a in one._actions if isinstance(a, argparse._SubParsersAction)).choices) == set(names)


def test_an_unknown_command_hears_of_all_commands() -> None:
    done = subprocess.run([sys.executable, "-m", "kosi_checkin", "atendees"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "attendees" in done.stderr and "signatures" in done.stderr
