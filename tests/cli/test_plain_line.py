"""A plain command line read without argparse gives what argparse gives it; every other line is
left to argparse. Lines generated from each command's arguments as argparse knows them: clean
lines as users type them (every one of a plainly declared command is read plainly), and lines
with mistakes and other forms in them (flags abbreviated, twice, without their value, values
outside their choices or like options, unknown words, positionals missing or too many, other
global options)."""

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


class Arguments:
    """A command's arguments as argparse knows them: positionals, and each option's flags, whether
    it takes a value, its choices and whether it is required."""

    def __init__(self, name: str) -> None:
        sub = next(a for a in build_parser(name)._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
        actions = [a for a in sub.choices[name]._actions if not isinstance(a, argparse._HelpAction)]  # noqa: SLF001
        self.positionals = [a for a in actions if not a.option_strings]
        self.options = [a for a in actions if a.option_strings]
        self.flags = [flag for a in self.options for flag in a.option_strings]


ARGUMENTS = {name: Arguments(name) for name in COMMANDS}
words = st.sampled_from(["ev.kosi", "postgresql://desk@host/kosi", "", "zwei Wörter", "a=b", "werkstatt", "json",
                         "table", "text", "csv", "7P4QBB8SL", "Müller", "1.5"]) | st.text(max_size=6)
plain_words = words.filter(lambda w: not w.startswith("-"))
odd = st.sampled_from(["-", "--", "-5", "-h", "--help", "--nope", "-x", "--format=", "--lang", "--lang=en", "-oX"])


def _value(draw: st.DrawFn, action: argparse.Action) -> str:
    return draw(st.sampled_from(list(action.choices)) if action.choices else plain_words)


@st.composite
def clean_lines(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A line as a user types it: the command's positionals, some of its options (the required
    ones always) spelled out, with a value from its choices, in any order. Its command's name too."""
    name = draw(st.sampled_from(COMMANDS))
    known = ARGUMENTS[name]
    pieces = [[draw(plain_words)] for _ in known.positionals]
    for action in known.options:
        if not (action.required or draw(st.booleans())):
            continue
        flag = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:  # a switch
            pieces.append([flag])
        elif flag.startswith("--") and draw(st.booleans()):
            pieces.append([f"{flag}={_value(draw, action)}"])
        else:
            pieces.append([flag, _value(draw, action)])
    order = draw(st.permutations(range(len(pieces))))
    prefix = draw(st.sampled_from([[], [], ["--lang", "en"], ["--lang=de"]]))
    return name, [*prefix, name, *(word for i in order for word in pieces[i])]


@st.composite
def lines(draw: st.DrawFn) -> list[str]:
    """A clean line, or one with mistakes and other forms in it: another global option, a flag
    abbreviated, twice, missing its value, a value outside its choices or like an option, an
    unknown word, a positional too many or too few."""
    name, line = draw(clean_lines())
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(line)))
        flags = ARGUMENTS[name].flags
        change = draw(st.integers(0, 6))
        if change == 0:
            line = [*draw(st.sampled_from([["--lang", "fr"], ["--la", "en"], ["--version"], ["--lang", "en"]])), *line]
        elif change == 1 and flags:
            flag = draw(st.sampled_from(flags))
            cut = flag[: draw(st.integers(2, len(flag)))] if flag.startswith("--") else flag
            line = [*line[:at], cut, *line[at:]]
        elif change == 2 and flags:
            line = [*line[:at], draw(st.sampled_from(flags)), draw(words | odd), *line[at:]]
        elif change == 3:
            line = [*line[:at], draw(odd), *line[at:]]
        elif change == 4:
            line = [*line[:at], draw(words), *line[at:]]
        elif change == 5 and len(line) > 1:
            line = line[:at] + line[at + 1:]
        elif change == 6 and flags:
            line = [*line[:at], f"{draw(st.sampled_from(flags))}={draw(words)}", *line[at:]]
    return line


@settings(max_examples=1500, deadline=None)
@given(lines())
def test_a_plain_line_reads_as_argparse_reads_it(line: list[str]) -> None:
    plain = plain_line.read_plain(line, LANGUAGES)
    if plain is None:
        return  # argparse reads it (or says what is wrong) as before
    parsed = build_parser(line[line.index(plain.command)]).parse_args(line)  # a SystemExit here fails the test
    assert vars(plain) == vars(parsed), line


@settings(max_examples=1000, deadline=None)
@given(clean_lines())
def test_every_clean_line_of_a_plainly_declared_command_is_read_plainly(drawn: tuple[str, list[str]]) -> None:
    name, line = drawn
    plain = plain_line.read_plain(line, LANGUAGES)
    if not declared(name).plain:
        assert plain is None
        return
    assert plain is not None, line
    assert vars(plain) == vars(build_parser(name).parse_args(line)), line


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

