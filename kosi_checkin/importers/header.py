"""Find the header row: title rows and empty rows may stand above it."""

from __future__ import annotations

import re

from kosi_checkin.importers.matching import SessionMatcher
from kosi_checkin.importers.table import RawTable
from kosi_checkin.importers.vocabulary import clean_header, header_field

SCAN_ROWS = 30
_ADDRESS = re.compile(r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$")


def header_score(row: list[str], sessions: SessionMatcher, extra_names: set[str]) -> tuple[int, int]:
    """(recognised headers, non-empty text cells) of a candidate header row."""
    known = 0
    texts = 0
    for cell in row:
        if not cell.strip():
            continue
        if not cell.replace(".", "").replace(",", "").replace("-", "").strip().isdigit():
            texts += 1
        if header_field(cell) or clean_header(cell) in extra_names:
            known += 1
        elif sessions.mentions(cell) or sessions.group_of_header(cell):
            known += 1
    return known, texts


def find_header_row(table: RawTable, sessions: SessionMatcher, extra_names: set[str] = frozenset()) -> int | None:  # type: ignore[assignment]  # an immutable default for a set parameter
    """Index of the most header-like row among the first rows, None if none is."""
    best: tuple[int, int] = (0, 0)
    best_index: int | None = None
    for i, row in enumerate(table.rows[:SCAN_ROWS]):
        if any(_ADDRESS.match(cell) for cell in row):
            continue  # a header never is an e-mail address: this is a guest's row
        known, texts = header_score(row, sessions, extra_names)
        if texts < 2 or known == 0:
            continue
        if (known, texts) > best:
            best, best_index = (known, texts), i
    return best_index
