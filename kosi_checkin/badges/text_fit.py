"""Names of any length fit their box: shrink within the layout's limits, then wrap to two
lines, then shrink further; never clipped, never overflowing."""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth

from kosi_checkin.domain.values import dataclass

ABSOLUTE_MIN = 4.0  # pt: below the layout's minimum only for names that would overflow
LEADING = 1.15


@dataclass(frozen=True)
class Fitted:
    lines: list[str]
    size: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING


def _two_lines(text: str) -> list[str]:
    """Split at the space or hyphen nearest the middle."""
    cuts = [m.end() for m in re.finditer(r"[ \-]", text)]
    if not cuts:
        return [text]
    middle = len(text) / 2
    cut = min(cuts, key=lambda c: abs(c - middle))
    return [text[:cut].rstrip(), text[cut:].lstrip()]


def fit(lines: list[str], font: str, width: float, height: float, max_size: float, min_size: float) -> Fitted:
    """The largest size at which ``lines`` fit ``width`` × ``height`` points."""
    lines = [line for line in lines if line]

    def fits(widest: float, count: int, size: float) -> bool:
        # a text's width grows with the font size: measured once at 1 pt, then multiplied
        return widest * size <= width and count * size * LEADING <= height + 0.01

    widest = max((stringWidth(line, font, 1) for line in lines), default=0)
    size = max_size
    while size >= min_size:
        if fits(widest, len(lines), size):
            return Fitted(lines, size)
        size -= 0.5
    wrapped = [part for line in lines for part in (_two_lines(line) if stringWidth(line, font, min_size) > width else [line])]
    widest = max((stringWidth(line, font, 1) for line in wrapped), default=0)
    size = max_size
    while size >= ABSOLUTE_MIN:
        if fits(widest, len(wrapped), size):
            return Fitted(wrapped, size)
        size -= 0.25
    size = min(width / (widest or 1), height / (len(wrapped) * LEADING))  # whatever it takes to stay inside
    return Fitted(wrapped, size)


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap into lines no wider than ``width`` points; a word wider than a line is
    broken between characters (nothing is ever clipped)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if current and stringWidth(current + char, font, size) > width:
                lines.append(current)
                current = ""
            current += char
    if current or not lines:
        lines.append(current)
    return lines
