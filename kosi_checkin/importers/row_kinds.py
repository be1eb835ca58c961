"""Rows of a registration list that are not people: a repeated header, totals, a row of column
ids or question codes (as survey tools write under the header), a separator or title row
("Nachmeldungen", "Stand 20.03.2019"). They are reported by row number, never imported, and never
used to decide what a column is."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kosi_checkin.domain.folding import strip_accents
from kosi_checkin.i18n import N_
from kosi_checkin.importers.vocabulary import SEPARATOR_WORDS, TOTAL_WORDS

HEADER = N_("a repeated header row; not a guest")
TOTALS = N_("a totals row; not a guest")
IDS = N_("a row of column ids or question codes; not a guest")
SEPARATOR = N_("a separator or title row; not a guest")

_NUMBER = re.compile(r"^[\s\d.,%€$+\-–()/:]*$")
_IDENTIFIER = re.compile(r"^[{\[]?[\"']?[A-Za-z_][\w.\[\]:{}\"'\-]*$")


def _is_identifier(cell: str, loose: bool) -> bool:
    """A column id or question code: "G01Q02", "SQ001", "q_3", '{"ImportId":"QID1"}'; ``loose``
    (the row right under the header): also a bare lower-case word such as "submitdate"."""
    coded = any(c.isdigit() or c in "_[{" for c in cell)
    if not coded and not (loose and len(cell) >= 2 and cell.islower()):
        return False
    return bool(_IDENTIFIER.match(cell)) and "@" not in cell


_TOTAL_STARTS = frozenset(word[:3] for word in TOTAL_WORDS)


class RowKinds:
    """Tells the rows of one table that are not people (see the module's docstring); the header
    is prepared once, so that a 10,000-row import pays little for it."""

    def __init__(self, headers: Sequence[str], name_indexes: Sequence[int] = ()) -> None:
        self.headers = [h.strip().lower() for h in headers]
        self.width = len(headers)
        self.name_indexes = frozenset(name_indexes)

    def kind(self, row: Sequence[str], under_header: bool = False) -> str | None:
        """Why a row is not a person (one of the messages above), or None for a candidate guest.
        ``under_header``: the row comes right after the header (where survey tools put their ids)."""
        filled = [(i, cell.strip()) for i, cell in enumerate(row) if cell and not cell.isspace()]
        if not filled:
            return None
        headers = self.headers
        same = sum(1 for i, cell in filled if i < self.width and cell.lower() == headers[i])
        if same >= 2 and same >= 0.5 * len(filled):
            return HEADER
        for _i, cell in filled[:3]:
            if cell[:3].lower() in _TOTAL_STARTS or cell[:1] == "Σ":
                word = strip_accents(cell).strip(" :.")
                if word in TOTAL_WORDS or word.split(" ")[0] in TOTAL_WORDS:
                    if all(_NUMBER.match(other) for _j, other in filled[1:]):
                        return TOTALS
                break
        names = [cell for i, cell in filled if i in self.name_indexes] if self.name_indexes else [c for _i, c in filled]
        if len(filled) >= 2 and names and all(_is_identifier(c, under_header) for c in names):
            codes = [cell for _i, cell in filled if _is_identifier(cell, under_header)]
            if len(codes) >= 0.6 * len(filled) and any(_is_identifier(cell, False) for cell in codes):
                return IDS
        if len(filled) == 1 and self.width >= 3:
            index, cell = filled[0]
            key = strip_accents(cell).strip(" :.")
            in_name = not self.name_indexes or index in self.name_indexes
            if key in SEPARATOR_WORDS or cell.endswith(":") or cell[:3] in ("---", "===", "***", "###"):
                return SEPARATOR
            if in_name and any(c.isdigit() for c in cell):  # "Stand 20.03.2019": no name has digits
                return SEPARATOR
        return None


def row_kind(row: Sequence[str], headers: Sequence[str], name_indexes: Sequence[int] = (),
             under_header: bool = False) -> str | None:
    """Why a row is not a person, or None (see RowKinds.kind)."""
    return RowKinds(headers, name_indexes).kind(row, under_header)
