"""The peak count kept incrementally agrees with its definition (the most guests present and
not out of the room at any moment), on generated sequences of check-ins, undos and exits."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kosi_checkin.checkin.room import peak_inside
from kosi_checkin.domain.model import Action, AttendeeId, JournalEntry, Movement, SessionId

START = dt.datetime(2019, 4, 2, 9, 0, tzinfo=dt.timezone.utc)
steps = st.lists(st.tuples(st.sampled_from(["check_in", "undo", "out", "in"]), st.integers(0, 5),
                           st.integers(0, 40), st.sampled_from(["werkstatt", "podium"])), max_size=60)


def by_definition(events: list[tuple[str, int, int, str]], session: str) -> int:
    ordered = sorted(((minute, 0 if what in ("check_in", "undo") else 1, n, what, guest)
                      for n, (what, guest, minute, s) in enumerate(events) if s == session))
    present: set[int] = set()
    out: set[int] = set()
    peak = 0
    for _minute, _order, _n, what, guest in ordered:
        if what == "check_in":
            present.add(guest)
        elif what == "undo":
            present.discard(guest)
            out.discard(guest)
        elif what == "out" and guest in present:
            out.add(guest)
        elif what == "in":
            out.discard(guest)
        peak = max(peak, len(present - out))
    return peak


@settings(max_examples=300, deadline=None)
@given(steps)
def test_peak_matches_its_definition(events: list[tuple[str, int, int, str]]) -> None:
    entries, movements = [], []
    for n, (what, guest, minute, session) in enumerate(events):
        at, who, where = START + dt.timedelta(minutes=minute), AttendeeId(f"G{guest}"), SessionId(session)
        if what in ("check_in", "undo"):
            action = Action.CHECK_IN if what == "check_in" else Action.UNDO
            entries.append(JournalEntry(f"e{n}", who, where, at, "Tisch 1", action))
        else:
            movements.append(Movement(f"m{n}", who, where, at, "Ausgang", what))
    for session in ("werkstatt", "podium"):
        assert peak_inside(entries, movements, session) == by_definition(events, session)
