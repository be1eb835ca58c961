"""A plain command line read without argparse gives what argparse gives it; every other line is
left to argparse. Lines generated from each command's own declarations: its flags spelled out,
abbreviated, with "=", twice, values among its choices and not, values that look like options,
help, unknown words."""

from __future__ import annotations

import argparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kosi_checkin.cli import plain_line
from kosi_checkin.cli.commands import COMMAND_MODULES, adders
from kosi_checkin.cli.parser import build_parser
from kosi_checkin.i18n import LANGUAGES

COMMANDS = [name for names in COMMAND_MODULES.values() for name in names]


def declared(name: str) -> plain_line._Command:
    commands = plain_line._Commands()
    for add in adders(name):
        add(commands)
    return commands.found[name]


def argparse_flags(name: str) -> tuple[list[str], dict[str, tuple[str, ...] | None]]:
    """The command's flags and their choices as argparse knows them (None: a switch or any value)."""
    sub = next(a for a in build_parser(name)._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    flags: dict[str, tuple[str, ...] | None] = {}
    for action in sub.choices[name]._actions:  # noqa: SLF001
        for flag in action.option_strings:
            flags[flag] = tuple(action.choices) if action.choices else None
    return list(flags), flags


words = st.sampled_from(["ev.kosi", "postgresql://desk@host/kosi", "", "zwei Wörter", "a=b", "werkstatt", "json",
                         "table", "text", "csv", "7P4QBB8SL", "Müller"]) | st.text(max_size=6)
odd = st.sampled_from(["-", "--", "-5", "-h", "--help", "--nope", "-x", "--format=", "--lang", "--lang=en", "-oX"])


@st.composite
def lines(draw: st.DrawFn) -> list[str]:
    prefix = draw(st.sampled_from([[], ["--lang", "en"], ["--lang=de"], ["--lang", "fr"], ["--la", "en"],
                                   ["--lang", "en", "--lang", "de"], ["--version"], ["--lang"]]))
    name = draw(st.sampled_from(COMMANDS) | st.sampled_from(["atendees", ""]))
    flags, choices = argparse_flags(name) if name in COMMANDS else ([], {})
    tokens: list[str] = []
    for _ in range(draw(st.integers(0, 7))):
        kind = draw(st.integers(0, 9))
        if kind <= 2 or not flags:
            tokens.append(draw(words | odd) if kind == 0 else draw(words))
            continue
        flag = draw(st.sampled_from(flags))
        values = choices[flag]
        value = draw(st.sampled_from(values) | words if values else words)
        if kind == 3 and flag.startswith("--"):
            tokens.append(f"{flag}={value}")
        elif kind == 4 and flag.startswith("--") and len(flag) > 3:
            tokens += [flag[: draw(st.integers(3, len(flag) - 1))], value]  # an abbreviation argparse allows
        elif kind == 5:
            tokens.append(flag)  # a switch, or an option whose value is missing or follows later
        else:
            tokens += [flag, value]
    return [*prefix, name, *tokens] if name else prefix


@settings(max_examples=1500, deadline=None)
@given(lines())
def test_a_plain_line_reads_as_argparse_reads_it(line: list[str]) -> None:
    plain = plain_line.read_plain(line, LANGUAGES)
    if plain is None:
        return  # argparse reads it (or says what is wrong) as before
    parsed = build_parser(line[line.index(plain.command)]).parse_args(line)  # a SystemExit here fails the test
    assert vars(plain) == vars(parsed), line


@pytest.mark.parametrize("line", [
    ["attendees", "ev.kosi", "--format", "json"], ["attendees", "--search", "Müller", "ev.kosi"],
    ["--lang", "en", "sessions", "ev.kosi", "--format=json"], ["stats", "ev.kosi"], ["refused", "ev.kosi"],
    ["code", "ev.kosi", "--attendee", "7P4QBB8SL"], ["undo", "ev.kosi", "--attendee", "7P4QBB8SL"],
    ["checkin", "ev.kosi", "--scan", "KOSI1-ABC", "--session", "werkstatt", "--desk", "Tür 1", "--format", "json"],
    ["checkin", "ev.kosi", "--attendee", "7P4QBB8SL", "--force"], ["checkin", "--name", "", "ev.kosi"],
], ids=lambda line: " ".join(line))
def test_the_lines_scripts_and_desks_type_are_read_plainly_as_argparse_reads_them(line: list[str]) -> None:
    plain = plain_line.read_plain(line, LANGUAGES)
    assert plain is not None
    assert vars(plain) == vars(build_parser(plain.command).parse_args(line))


def test_the_read_commands_and_checkin_are_declared_plainly_and_the_others_as_argparse_needs() -> None:
    plain = {name for name in COMMANDS if declared(name).plain}
    assert {"attendees", "sessions", "stats", "code", "checkin", "undo", "refused", "export"} <= plain
    # exclusive groups, optional positionals, lists of values, numbers: argparse reads those
    assert not plain & {"new", "logo", "gui", "badges", "calibrate", "certificates", "walk-in"}


@pytest.mark.parametrize("line", [
    ["attendees", "--help"], ["attendees", "ev.kosi", "--form", "json"], ["attendees", "ev.kosi", "--format", "xml"],
    ["attendees"], ["attendees", "a.kosi", "b.kosi"], ["checkin", "ev.kosi", "--scan", "-5"], ["--version"],
    ["checkin", "ev.kosi", "--force=yes"], ["attendees", "ev.kosi", "--format", "json", "--format", "csv"],
    ["code", "ev.kosi"], ["--lang", "fr", "stats", "ev.kosi"], ["gui", "--demo"], ["stats", "ev.kosi", "--"],
], ids=lambda line: " ".join(line))
def test_help_mistakes_and_other_forms_are_left_to_argparse(line: list[str]) -> None:
    assert plain_line.read_plain(line, LANGUAGES) is None

