"""Telling a USB hand scanner from a person typing. A scanner "types" a whole code in a burst:
at least 6 characters, every gap under a threshold (default 35 ms; people need 80 ms and more
between keys), usually followed by Enter, sometimes by nothing (then a pause ends it). Keys are
held back while they come that fast; a burst that reads as a code is a scan, anything else is
handed on to the focused field as typed."""

from __future__ import annotations

from collections.abc import Callable

from kosi_checkin.domain.values import dataclass, field

DEFAULT_GAP_MS = 35
MIN_LENGTH = 6


@dataclass
class Burst:
    gap_ms: float = DEFAULT_GAP_MS
    min_length: int = MIN_LENGTH
    times: list[float] = field(default_factory=list)  # milliseconds
    chars: list[str] = field(default_factory=list)

    def fits(self, t_ms: float) -> bool:
        """Whether a key at ``t_ms`` continues this burst (or starts one)."""
        return not self.times or t_ms - self.times[-1] < self.gap_ms

    def add(self, char: str, t_ms: float) -> None:
        self.chars.append(char)
        self.times.append(t_ms)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def is_scan(self, reads_as_code: Callable[[str], bool]) -> bool:
        if len(self.chars) < self.min_length:
            return False
        if any(b - a >= self.gap_ms for a, b in zip(self.times, self.times[1:])):
            return False
        return reads_as_code(self.text)

    def clear(self) -> None:
        self.chars.clear()
        self.times.clear()

    def __bool__(self) -> bool:
        return bool(self.chars)
