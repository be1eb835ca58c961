"""RowKinds.kind is written for speed (whole-row C-level calls); its meaning is the plain cell-by-cell
reading below, kept here as the oracle: on generated rows of every kind the two must agree."""

from __future__ import annotations

import re
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from kosi_checkin.domain.folding import strip_accents
from kosi_checkin.importers.row_kinds import (
    HEADER,
    IDS,
    SEPARATOR,
    TOTALS,
    RowKinds,
    _is_identifier,
    _may_tell,
    _told_by_pattern,
)
from kosi_checkin.importers.vocabulary import SEPARATOR_WORDS, TOTAL_WORDS

_NUMBER = re.compile(r"^[\s\d.,%€$+\-–()/:]*$")


def reference_kind(row: Sequence[str], headers: Sequence[str], name_indexes: Sequence[int], under_header: bool) -> str | None:
    """The rules of row_kinds' docstring, one cell at a time."""
    lowered_headers = [h.strip().lower() for h in headers]
    names_at = frozenset(name_indexes)
    filled = [(i, cell.strip()) for i, cell in enumerate(row) if cell and not cell.isspace()]
    if not filled:
        return None
    same = sum(1 for i, cell in filled if i < len(headers) and cell.lower() == lowered_headers[i])
    if same >= 2 and same >= 0.5 * len(filled):
        return HEADER
    for _i, cell in filled[:3]:
        if cell[:3].lower() in {w[:3] for w in TOTAL_WORDS} or cell[:1] == "Σ":
            word = strip_accents(cell).strip(" :.")
            if word in TOTAL_WORDS or word.split(" ")[0] in TOTAL_WORDS:
                if all(_NUMBER.match(other) for _j, other in filled[1:]):
                    return TOTALS
            break
    names = [cell for i, cell in filled if i in names_at] if names_at else [c for _i, c in filled]
    if len(filled) >= 2 and names and all(_is_identifier(c, under_header) for c in names):
        codes = [cell for _i, cell in filled if _is_identifier(cell, under_header)]
        if len(codes) >= 0.6 * len(filled) and any(_is_identifier(cell, False) for cell in codes):
            return IDS
    if len(filled) == 1 and len(headers) >= 3:
        index, cell = filled[0]
        key = strip_accents(cell).strip(" :.")
        in_name = not names_at or index in names_at
        if key in SEPARATOR_WORDS or cell.endswith(":") or cell[:3] in ("---", "===", "***", "###"):
            return SEPARATOR
        if in_name and any(c.isdigit() for c in cell):
            return SEPARATOR
    return None


HEADERS = ["Vorname", "Nachname", " E-Mail ", "", "Organisation", "Werkstatt (x)", "ΣΑΣ", "Status"]
WORDS = ["Anna", "Müller", "vorname", "NACHNAME", "e-mail", "Summe", "Gesamt:", "Σ", "12", "3,5 %", "G01Q02",
         "SQ001", "q_3", "submitdate", '{"ImportId":"QID1"}', "Nachmeldungen", "Stand 20.03.2019", "---", "x",
         "ja", "Warteliste:", "grand total", "σας", "ΑΣ", "İstanbul", "a\x1fb", "\x1f", "anna@example.org",
         "Dr. Weiß", "²", "organisation", "werkstatt (x)", "status"]
cell = st.one_of(st.sampled_from(WORDS), st.sampled_from(["", " ", "\u00a0", "\t"]), st.text(max_size=8))
padded = st.tuples(st.sampled_from(["", " ", "\u00a0"]), cell, st.sampled_from(["", " ", "\n"])).map("".join)


@settings(max_examples=3000, deadline=None)
@given(row=st.lists(padded, max_size=len(HEADERS) + 2),
       names=st.sampled_from([(), (0, 1), (1,), (4, 0)]),
       width=st.sampled_from([len(HEADERS), 2, 3]),
       under_header=st.booleans())
def test_the_fast_reading_agrees_with_the_cell_by_cell_one(row: list[str], names: tuple[int, ...], width: int,
                                                           under_header: bool) -> None:
    headers = HEADERS[:width]
    assert RowKinds(headers, names).kind(row, under_header) == reference_kind(row, headers, names, under_header)


def test_each_kind_is_told() -> None:
    kinds = RowKinds(HEADERS, (0, 1))
    assert kinds.kind(["vorname", "NACHNAME ", "e-mail"]) == HEADER
    assert kinds.kind(["VORNAME", "Nachname", "a\x1fb"]) == HEADER
    assert kinds.kind(["Summe:", "", "", "", "", "12"]) == TOTALS
    assert kinds.kind(["G01Q01", "G01Q02", "G01Q03"]) == IDS
    assert kinds.kind(["Nachmeldungen"]) == SEPARATOR
    assert kinds.kind(["Anna", "Müller", "anna@example.org"]) is None
    assert kinds.kind(["", " "]) is None


@settings(max_examples=1500, deadline=None)
@given(table=st.lists(st.lists(padded, max_size=len(HEADERS) + 2), max_size=12),
       names=st.sampled_from([(), (0, 1), (1,), (4, 0)]),
       width=st.sampled_from([len(HEADERS), 2, 3]))
def test_a_row_that_is_no_suspect_is_a_candidate_guest(table: list[list[str]], names: tuple[int, ...],
                                                       width: int) -> None:
    kinds = RowKinds(HEADERS[:width], names)
    suspects = kinds.suspects(table)
    for position, row in enumerate(table):
        if position not in suspects:
            assert kinds.kind(row, False) is None and kinds.kind(row, True) is None, row


ODD_LETTERS = "\u212a\u0130\u0131\u017f\u03c2\u03a3\u03c3\u00df\u1e9e\u00a0\u2003\u3000\x1c\x85KkSsIiGgEeTtMm-@. "


@settings(max_examples=3000, deadline=None)
@given(cell=st.one_of(st.sampled_from(WORDS), st.text(alphabet=ODD_LETTERS, max_size=8), st.text(max_size=8)),
       header=st.sampled_from([None, "e-mail", "status", "ksum", "sum", "a+b (x)", "ges"]),
       around=st.tuples(st.sampled_from(["", " ", "\u00a0", "\u2003"]), st.sampled_from(["", " ", "\n", "\u3000"])))
def test_the_column_pattern_finds_every_cell_may_tell_finds(cell: str, header: str | None, around: tuple[str, str]) -> None:
    """Columns that hold no names are matched by one pattern: it must find every cell that the
    cell-by-cell reading finds (the Kelvin sign, dotted İ, long s, final sigma, Unicode spaces)."""
    cell = around[0] + cell + around[1]
    if _may_tell(cell, header, False):
        assert _told_by_pattern(header).match(cell), (cell, header)
