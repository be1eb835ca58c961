"""The scanner-or-person rule on timestamps alone."""

from __future__ import annotations

from kosi_checkin.checkin.burst import Burst


def feed(text: str, gap: float) -> Burst:
    burst = Burst(gap_ms=35)
    for i, char in enumerate(text):
        assert burst.fits(i * gap)
        burst.add(char, i * gap)
    return burst


def looks_like_code(text: str) -> bool:
    return any(c.isdigit() for c in text)


def test_scanner_burst_is_a_scan() -> None:
    assert feed("K7QABCDEFGH1", gap=4).is_scan(looks_like_code)


def test_too_short_or_not_a_code_or_too_slow() -> None:
    assert not feed("K7Q12", gap=4).is_scan(looks_like_code)  # under 6 characters
    assert not feed("Mueller", gap=4).is_scan(looks_like_code)  # fast, but a name
    slow = Burst(gap_ms=35)
    slow.add("A", 0)
    assert not slow.fits(80)  # a person's gap ends the burst


def test_threshold_is_configurable() -> None:
    burst = Burst(gap_ms=60)
    for i, char in enumerate("ABC123"):
        burst.add(char, i * 50)
    assert burst.is_scan(looks_like_code)
    burst.gap_ms = 35
    assert not burst.is_scan(looks_like_code)
