"""A session's counts (the overview, the stats window, the funder's figures) are counted by C-level
map and sum; they must be what reading the rows one by one gives, for any mix of registered guests,
walk-ins, guests admitted without registration, check-ins marked afterwards, undos and sectors the
event does not name."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from kosi_checkin.domain.model import LATE_NOTE, Action, Attendee, AttendeeId, JournalEntry, SessionId
from kosi_checkin.report.attendance import OTHER_SECTOR, Attendance
from kosi_checkin.services.event_config import load_template

KOSI = load_template("kosi-2019")
SESSIONS = [s.id for s in KOSI.sessions]
START = dt.datetime(2019, 4, 2, 9, 0, tzinfo=dt.timezone.utc)

guest = st.fixed_dictionaries({
    "sessions": st.sets(st.sampled_from(SESSIONS)),
    "walk_in": st.booleans(),
    "sector": st.sampled_from([*KOSI.sector_names, "", "Presse", "sonstwo"]),
})
entry = st.tuples(st.integers(0, 29), st.sampled_from(SESSIONS), st.sampled_from([Action.CHECK_IN, Action.UNDO]),
                  st.booleans())


def by_hand(a: Attendance, session_id: str) -> tuple[object, ...]:
    """The counts, one row at a time (what stats() counted before it used map and sum)."""
    session = KOSI.session(session_id)
    assert session is not None
    registered = present = walk_ins = forced = late = shows = 0
    sectors: Counter[str] = Counter({name: 0 for name in (*KOSI.sector_names, OTHER_SECTOR)})
    for row in a.rows(session):
        registered += row.registered
        if row.entry is None:
            continue
        present += 1
        shows += row.registered
        walk_ins += row.guest.walk_in
        forced += not row.registered and not row.guest.walk_in
        late += row.entry.is_late
        sectors[row.guest.sector if row.guest.sector in KOSI.sector_names else OTHER_SECTOR] += 1
    return registered, present, walk_ins, forced, late, registered - shows, dict(sectors)


@settings(max_examples=200, deadline=None)
@given(guests=st.lists(guest, min_size=1, max_size=30), journal=st.lists(entry, max_size=80))
def test_the_counts_are_the_rows_counted_one_by_one(guests: list[dict[str, object]],
                                                     journal: list[tuple[int, str, Action, bool]]) -> None:
    people = [Attendee(id=AttendeeId(f"G{k:08d}"), first_name="Gast", last_name=f"Nr{k}", **g)  # type: ignore[arg-type]
              for k, g in enumerate(guests)]
    entries = [JournalEntry(uuid=f"u{n}", attendee_id=people[who % len(people)].id, session_id=SessionId(sid),
                            at=START + dt.timedelta(minutes=n), desk="Tisch 1", action=action,
                            note=LATE_NOTE if afterwards else "")
               for n, (who, sid, action, afterwards) in enumerate(journal)]
    a = Attendance(KOSI, people, entries, ordered=False)
    for s in KOSI.sessions:
        got = a.stats(s)
        assert (got.registered, got.present, got.walk_ins, got.forced, got.late, got.no_shows, got.by_sector) == \
            by_hand(a, s.id), s.id


@settings(max_examples=100, deadline=None)
@given(names=st.lists(st.tuples(st.sampled_from(["Anna", "Özlem", "Jörg", "Émile", "anna"]),
                                st.sampled_from(["von Bülow", "Müller", "Mueller", "Çelik", "Adeyemi", "de Vries", ""])),
                      min_size=1, max_size=25),
       journal=st.lists(entry, max_size=40), stats_first=st.booleans())
def test_rows_are_in_name_order_whichever_is_asked_first(names: list[tuple[str, str]],
                                                          journal: list[tuple[int, str, Action, bool]],
                                                          stats_first: bool) -> None:
    people = [Attendee(id=AttendeeId(f"G{k:08d}"), first_name=first, last_name=last,
                       sessions=frozenset({SessionId("werkstatt")}))
              for k, (first, last) in enumerate(names)]
    entries = [JournalEntry(uuid=f"u{n}", attendee_id=people[who % len(people)].id, session_id=SessionId(sid),
                            at=START + dt.timedelta(minutes=n), desk="Tisch 1", action=action)
               for n, (who, sid, action, _late) in enumerate(journal)]
    a = Attendance(KOSI, people, entries, ordered=False)  # counted without sorting first
    b = Attendance(KOSI, list(reversed(people)), entries)
    if stats_first:
        counts = a.all_stats()
    werkstatt = KOSI.session("werkstatt")
    assert werkstatt is not None
    in_order = sorted(people, key=lambda g: (g.sort_key, g.id))
    assert [row.guest for row in a.rows(werkstatt)] == in_order
    assert [row.guest for row in b.rows(werkstatt)] == in_order
    assert a.guests == b.guests == in_order
    if not stats_first:
        counts = a.all_stats()
    assert counts == b.all_stats()
