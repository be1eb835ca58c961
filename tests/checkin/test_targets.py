"""Session choice by the clock and by name."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kosi_checkin.checkin.clock import event_clock, parse_now
from kosi_checkin.checkin.targets import resolve_target, target_at, targets
from kosi_checkin.domain.errors import UsageError

BERLIN = ZoneInfo("Europe/Berlin")


def at(hhmm: str, day: int = 2) -> dt.datetime:
    h, m = map(int, hhmm.split(":"))
    return dt.datetime(2019, 4, day, h, m, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("time", "expected"),
    [
        ("07:00", "werkstatt"),  # before the day starts: the first session
        ("09:30", "werkstatt"),
        ("12:59", "werkstatt"),
        ("13:30", "konferenz"),  # the break: the next session
        ("14:31", "konferenz"),
        ("16:05", "arbeitsforen"),  # parallel forums: the group
        ("17:45", "podium"),
    ],
)
def test_session_by_clock(kosi, time: str, expected: str) -> None:
    target = target_at(kosi, at(time))
    assert target is not None and target.key == expected


def test_after_the_last_session_and_on_another_day(kosi) -> None:
    assert target_at(kosi, at("22:00")) is None
    assert target_at(kosi, at("10:00", day=3)) is None
    with pytest.raises(UsageError, match="--session"):
        resolve_target(kosi, None, at("10:00", day=3))


def test_named_sessions_and_groups(kosi) -> None:
    assert resolve_target(kosi, "podium", at("10:00", day=3)).ids == ("podium",)
    assert resolve_target(kosi, "arbeitsforen", at("10:00")).ids == ("forum-a", "forum-b", "forum-c")
    with pytest.raises(UsageError):
        resolve_target(kosi, "nope", at("10:00"))
    assert [t.key for t in targets(kosi)] == ["werkstatt", "konferenz", "arbeitsforen", "forum-a", "forum-b",
                                              "forum-c", "podium"]  # every session at every door


def test_kosi_now_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOSI_NOW", "2019-04-02T09:42:00")
    assert event_clock("Europe/Berlin")() == at("09:42")
    monkeypatch.setenv("KOSI_NOW", "2019-04-02T07:42:00Z")
    assert event_clock("Europe/Berlin")() == at("09:42")
    with pytest.raises(UsageError):
        parse_now("halb zehn", BERLIN)
