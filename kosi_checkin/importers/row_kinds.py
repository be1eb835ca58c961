"""Rows of a registration list that are not people: a repeated header, totals, a row of column
ids or question codes (as survey tools write under the header), a separator or title row
("Nachmeldungen", "Stand 20.03.2019"). They are reported by row number, never imported, and never
used to decide what a column is."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import zip_longest
from operator import eq

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
    coded = "_" in cell or "[" in cell or "{" in cell or any(map(str.isdigit, cell))
    if not coded and not (loose and len(cell) >= 2 and cell.islower()):
        return False
    return bool(_IDENTIFIER.match(cell)) and "@" not in cell


_TOTAL_STARTS = frozenset(word[:3] for word in TOTAL_WORDS)


class RowKinds:
    """Tells the rows of one table that are not people (see the module's docstring); the header
    is prepared once, so that a 10,000-row import pays little for it."""

    def __init__(self, headers: Sequence[str], name_indexes: Sequence[int] = ()) -> None:
        self.width = len(headers)
        self.name_indexes = frozenset(name_indexes)
        self._match = [h.strip().lower() or None for h in headers]  # an empty header never matches a cell

    def suspects(self, rows: Sequence[Sequence[str]]) -> set[int]:
        """The positions of the rows ``kind`` may tell as not a person; of every other row it
        says None. Read column by column, each distinct cell once (a list repeats its values),
        so that ``kind`` runs on the few rows that may be one instead of on all."""
        found: set[int] = set()
        for index, column in enumerate(zip_longest(*rows, fillvalue="")):
            header = self._match[index] if index < len(self._match) else None
            names = not self.name_indexes or index in self.name_indexes
            if names or not (header is None or header.isascii()):
                odd = {cell for cell in set(column) if _may_tell(cell, header, names)}
            else:  # e-mail addresses, codes, notes: mostly distinct, matched by one pattern at C speed
                odd = set(filter(_told_by_pattern(header).match, set(column)))
            if odd:
                found.update(k for k, cell in enumerate(column) if cell in odd)
        # at most one filled cell (a separator); a row with a cell of white space only is in already
        found.update(k for k, row in enumerate(rows) if len(row) - row.count("") <= 1)
        return found

    def kind(self, row: Sequence[str], under_header: bool = False) -> str | None:
        """Why a row is not a person (one of the messages above), or None for a candidate guest.
        ``under_header``: the row comes right after the header (where survey tools put their ids).

        Hot path of an import (every row): each test reads whole-row results of C-level calls
        (``map``, ``filter``) and looks at single cells only when one may apply."""
        stripped = list(map(str.strip, row))
        filled = len(stripped) - stripped.count("")
        if not filled:
            return None
        same = sum(map(eq, map(str.lower, stripped), self._match))
        if same >= 2 and same >= 0.5 * filled:
            return HEADER
        first = next(filter(None, stripped))  # only a first cell can be the word: the others must be numbers
        if first[:3].lower() in _TOTAL_STARTS or first[:1] == "Σ":
            word = strip_accents(first).strip(" :.")
            if word in TOTAL_WORDS or word.split(" ")[0] in TOTAL_WORDS:
                if all(_NUMBER.match(other) for other in [c for c in stripped if c][1:]):
                    return TOTALS
        if filled >= 2:
            width = len(stripped)
            names = ([stripped[i] for i in self.name_indexes if i < width and stripped[i]] if self.name_indexes
                     else [c for c in stripped if c])
            if names and all(_is_identifier(c, under_header) for c in names):
                cells = [c for c in stripped if c]
                codes = [cell for cell in cells if _is_identifier(cell, under_header)]
                if len(codes) >= 0.6 * filled and any(_is_identifier(cell, False) for cell in codes):
                    return IDS
            return None
        if self.width >= 3:
            index = next(i for i, cell in enumerate(stripped) if cell)
            cell = stripped[index]
            key = strip_accents(cell).strip(" :.")
            in_name = not self.name_indexes or index in self.name_indexes
            if key in SEPARATOR_WORDS or cell.endswith(":") or cell[:3] in ("---", "===", "***", "###"):
                return SEPARATOR
            if in_name and any(c.isdigit() for c in cell):  # "Stand 20.03.2019": no name has digits
                return SEPARATOR
        return None


def _may_tell(cell: str, header: str | None, names: bool) -> bool:
    """Whether a cell can take part in a row's not being a person: white space only (the row's
    filled cells are not simply its non-empty ones), its header again, the start of a totals word,
    or a code where a name would be."""
    stripped = cell.strip()
    if not stripped:
        return bool(cell)
    if stripped.lower() == header or stripped[:3].lower() in _TOTAL_STARTS or stripped[:1] == "Σ":
        return True
    return names and _is_identifier(stripped, True)  # loose reads every code the strict one reads


@cache
def _told_by_pattern(header: str | None) -> re.Pattern[str]:
    """``_may_tell(cell, header, names=False)`` as one pattern for ``match`` (an ASCII ``header``):
    white space only, the header again, or the start of a totals word, in any case. Case folding
    may match a cell ``_may_tell`` does not (ς for σ): ``kind`` reads such a row again.
    Measured: 10,000 e-mail addresses in 2 ms, where a call of ``_may_tell`` each took 9."""
    starts = "|".join(map(re.escape, sorted(_TOTAL_STARTS, key=len, reverse=True)))
    own = rf"|{re.escape(header)}\s*\Z" if header else ""
    return re.compile(rf"\s+\Z|\s*(?:{starts}|Σ{own})", re.IGNORECASE)


def row_kind(row: Sequence[str], headers: Sequence[str], name_indexes: Sequence[int] = (),
             under_header: bool = False) -> str | None:
    """Why a row is not a person, or None (see RowKinds.kind)."""
    return RowKinds(headers, name_indexes).kind(row, under_header)
