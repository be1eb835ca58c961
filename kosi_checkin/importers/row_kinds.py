"""Rows of a registration list that are not people: a repeated header, totals, a row of column
ids or question codes (as survey tools write under the header), a separator or title row
("Nachmeldungen", "Stand 20.03.2019"). They are reported by row number, never imported, and never
used to decide what a column is."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kosi_checkin.i18n import N_
from kosi_checkin.importers.vocabulary import SEPARATOR_WORDS, TOTAL_WORDS, clean_header
from kosi_checkin.search.normalize import strip_accents

HEADER = N_("a repeated header row; not a guest")
TOTALS = N_("a totals row; not a guest")
IDS = N_("a row of column ids or question codes; not a guest")
SEPARATOR = N_("a separator or title row; not a guest")

_NUMBER = re.compile(r"^[\s\d.,%€$+\-–()/:]*$")
_IDENTIFIER = re.compile(r"^[{\[]?[\"']?[A-Za-z_][\w.\[\]:{}\"'\-]*$")


def _is_identifier(cell: str, loose: bool) -> bool:
    """A column id or question code: "G01Q02", "SQ001", "q_3", '{"ImportId":"QID1"}'; ``loose``
    (the row right under the header): also a bare lower-case word such as "submitdate"."""
    if not _IDENTIFIER.match(cell) or "@" in cell:
        return False
    return any(c.isdigit() or c in "_[{" for c in cell) or (loose and len(cell) >= 2 and cell.islower())


def row_kind(row: Sequence[str], headers: Sequence[str], name_indexes: Sequence[int] = (),
             under_header: bool = False) -> str | None:
    """Why a row is not a person (one of the messages above), or None for a candidate guest.
    ``under_header``: the row comes right after the header (where survey tools put their ids)."""
    filled = [(i, cell.strip()) for i, cell in enumerate(row) if cell.strip()]
    if not filled:
        return None
    same = sum(1 for i, cell in filled if i < len(headers) and clean_header(cell) == clean_header(headers[i]))
    if same >= 2 and same >= 0.5 * len(filled):
        return HEADER
    first_words = [strip_accents(cell).strip(" :.") for _i, cell in filled[:3]]
    if any(word in TOTAL_WORDS or word.split(" ")[0] in TOTAL_WORDS for word in first_words):
        others = [cell for _i, cell in filled[1:]]
        if all(_NUMBER.match(cell) for cell in others):
            return TOTALS
    names = [cell for i, cell in filled if i in name_indexes] if name_indexes else [cell for _i, cell in filled]
    if len(filled) >= 2 and names and all(_is_identifier(c, under_header) for c in names):
        codes = [cell for _i, cell in filled if _is_identifier(cell, under_header)]
        if len(codes) >= 0.6 * len(filled) and any(_is_identifier(cell, False) for cell in codes):
            return IDS
    if len(filled) == 1 and len(headers) >= 3:
        cell = filled[0][1]
        key = strip_accents(cell).strip(" :.")
        in_name = not name_indexes or filled[0][0] in name_indexes
        if key in SEPARATOR_WORDS or cell.endswith(":") or cell[:3] in ("---", "===", "***", "###"):
            return SEPARATOR
        if in_name and any(c.isdigit() for c in cell):  # "Stand 20.03.2019": no name has digits
            return SEPARATOR
    return None
