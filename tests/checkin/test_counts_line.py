"""The desk's head line writes its numbers the way the desk's language does (12.345 in German,
12,345 in English), so a volunteer reads the count of a big event at a glance."""

from __future__ import annotations

import datetime as dt

from kosi_checkin.checkin.admission import SessionCount
from kosi_checkin.checkin.targets import resolve_target
from kosi_checkin.checkin.wording import counts_line
from kosi_checkin.i18n import speaking


def test_big_counts_are_grouped_in_the_desks_language(kosi) -> None:
    target = resolve_target(kosi, "werkstatt", dt.datetime(2019, 4, 2, 9, 42, tzinfo=dt.timezone.utc))
    session = target.sessions[0]
    counts = [SessionCount(session, present=4321, registered=12345, walk_ins=1200)]
    with speaking("de"):
        line = counts_line(target, counts, lambda _s: 4000, 2.5)
    assert "4.321 von 12.345 anwesend" in line and "1.200" in line and "4.000" in line and "2,5" in line
    with speaking("en"):
        line = counts_line(target, counts, lambda _s: 4000, 2.5)
    assert "4,321" in line and "12,345" in line and "2.5" in line
