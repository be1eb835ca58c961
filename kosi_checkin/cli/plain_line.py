"""A command line in its plain form, read without argparse.

Loading argparse and building a command's parser takes a read command 1.7 ms of its ~40 (the
module defines some forty classes; it loads warnings). Most lines a script or a volunteer types
are plain: the global ``--lang XX`` or none, a command, then in any order its positional
arguments and its options spelled out (``--format json``, ``--format=json``, a switch such as
``--force``), each at most once, every value one of its choices, every required option given.
Such a line gives here the namespace argparse gives it. The commands' arguments are taken from
their own ``add_parsers``, which declare them to a recorder instead of to argparse: they are
written once. Everything else (help, a mistake, an abbreviation, a value that starts with "-", a
command with arguments of other kinds) is left to argparse (``read_plain`` returns None), which
reads it, or says what is wrong with it, as it always did. tests/cli/test_plain_line.py compares
both on lines generated from the commands' own declarations.
"""

from __future__ import annotations

from kosi_checkin.cli.commands import adders

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from argparse import Namespace
    from collections.abc import Callable, Collection, Sequence
    from typing import Any
else:  # what commands use of argparse's Namespace (attributes, vars(), ==) without loading argparse
    from types import SimpleNamespace as Namespace

_KNOWN = frozenset({"help", "metavar", "choices", "default", "required", "action"})


class _Option:
    __slots__ = ("dest", "switch", "choices")

    def __init__(self, dest: str, switch: bool, choices: Collection[str] | None) -> None:
        self.dest, self.switch, self.choices = dest, switch, choices


class _Command:
    """A command's arguments as its ``add_parsers`` declares them to argparse's sub-parser:
    ``plain`` while every one is of the kinds read here."""

    def __init__(self) -> None:
        self.plain = True
        self.positionals: list[str] = []
        self.options: dict[str, _Option] = {}
        self.defaults: dict[str, Any] = {}
        self.required: list[str] = []

    def add_argument(self, *flags: str, **options: Any) -> _Command:
        action = options.get("action", "store")
        if not flags or not options.keys() <= _KNOWN or action not in ("store", "store_true"):
            self.plain = False
        elif not flags[0].startswith("-"):
            if len(flags) > 1 or not options.keys() <= {"help", "metavar"}:
                self.plain = False
            else:
                self.positionals.append(flags[0])
        elif all(flag.startswith("-") for flag in flags) and (action == "store" or "choices" not in options):
            # argparse's dest: the first long flag, else the first, without its dashes
            dest = next((f for f in flags if f.startswith("--")), flags[0]).lstrip("-").replace("-", "_")
            option = _Option(dest, action == "store_true", options.get("choices"))
            self.options.update(dict.fromkeys(flags, option))
            self.defaults[dest] = options.get("default", False if action == "store_true" else None)
            if options.get("required"):
                self.required.append(dest)
        else:
            self.plain = False
        return self

    def set_defaults(self, **values: Any) -> None:
        self.defaults.update(values)

    def __getattr__(self, name: str) -> Callable[..., _Command]:
        """Any other part of argparse (a group of exclusive options, ...): not read here."""
        def other(*_args: Any, **_kwargs: Any) -> _Command:
            self.plain = False
            return self

        return other


class _Commands:
    """What ``add_parsers`` adds its commands to (argparse's sub-parsers), recording them."""

    def __init__(self) -> None:
        self.found: dict[str, _Command] = {}

    def add_parser(self, name: str, **options: Any) -> _Command:
        self.found[name] = command = _Command()
        if options.keys() - {"help"}:  # aliases and other settings: argparse's
            command.plain = False
        return command


def read_plain(argv: Sequence[str], languages: Collection[str]) -> Namespace | None:
    """The namespace argparse gives ``argv`` if it is a plain line (see above), else None."""
    lang = None
    at = 0
    while at < len(argv) and argv[at].startswith("-"):  # the global options before the command
        word = argv[at]
        if lang is None and word == "--lang" and at + 1 < len(argv):
            lang, at = argv[at + 1], at + 2
        elif lang is None and word.startswith("--lang="):
            lang, at = word[len("--lang="):], at + 1
        else:
            return None
        if lang not in languages:
            return None
    if at == len(argv):
        return None
    name = argv[at]
    commands = _Commands()
    for add in adders(name):
        add(commands)
    command = commands.found.get(name)
    if command is None or not command.plain:
        return None
    given = _arguments(command, argv[at + 1:])
    if given is None:
        return None
    return Namespace(lang=lang, command=name, **{**command.defaults, **given})


def _arguments(command: _Command, words: Sequence[str]) -> dict[str, Any] | None:
    given: dict[str, Any] = {}
    positionals: list[str] = []
    words_left = iter(words)
    for word in words_left:
        if not word.startswith("-"):
            positionals.append(word)
            continue
        flag, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        option = command.options.get(flag)
        if option is None or option.dest in given:
            return None
        if option.switch:
            if equals:
                return None
            given[option.dest] = True
            continue
        if not equals:
            value = next(words_left, "-")  # none left: a mistake argparse explains
        if value.startswith("-") or (option.choices is not None and value not in option.choices):
            return None
        given[option.dest] = value
    if len(positionals) != len(command.positionals) or any(dest not in given for dest in command.required):
        return None
    given.update(zip(command.positionals, positionals))
    return given
