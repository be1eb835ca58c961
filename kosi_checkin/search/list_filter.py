"""Which rows of a guest list its filter text shows, in the list's order, fast enough to run on
every keystroke of a 100,000-guest list.

A row is shown when each word of the text (folded: case, accents and umlaut spellings do not
matter) occurs in the guest's name, organisation or e-mail address, or, for a word of at least
``SLIP_FROM`` letters, is one edit from a word of them (the desk's SearchIndex, once it is
there: "Schmidd" finds Schmidt). The texts are kept in display order in one string, so a word
is looked for at the speed of ``str.find`` rather than row by row and what is found is already
in order; a text that only lengthens the words of the one before it or adds some (the next
keystroke) is looked for among the rows found before. The first two letters of a word, which
are in most rows of a big list, are looked up in ``short_places``, made on a worker.
"""

from __future__ import annotations

import bisect
from array import array
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from itertools import accumulate, islice
from operator import add

from kosi_checkin.domain.folding import fold
from kosi_checkin.search.index import SearchIndex

SLIP_FROM = 4  # shorter words have too many one-edit neighbours: the list would fill with noise
SHORT = 2  # words up to this long are looked up in short_places, once it is there
_SCAN_SHARE = 8  # a word in more than one row in this many is looked for row by row after the first
_SAMPLE = 64  # rows found
_PAUSE_EVERY = 128  # texts read between two calls of short_places' ``pause``


def short_places(texts: Sequence[str], order: Sequence[int],
                 pause: Callable[[], None] | None = None) -> dict[str, array[int]]:
    """For each character and each pair of adjacent characters in ``texts`` (white space aside):
    the rows whose text holds it, in display order (``texts[i]`` is the text of row ``order[i]``).
    The first letter typed into a big list is in most rows and so is the second: reading every
    row's text for them took 4–11 ms a keystroke at 100,000 guests, a look-up here none (made in
    about a second on a worker: 36 MB for 100,000 guests, rows as 4-byte numbers). ``pause`` is
    called every few texts (a worker waits there while the user types)."""
    found: defaultdict[str, array[int]] = defaultdict(partial(array, "I"))
    for start in range(0, len(texts), _PAUSE_EVERY):
        if pause is not None:
            pause()
        for row, text in zip(order[start:start + _PAUSE_EVERY], texts[start:start + _PAUSE_EVERY]):
            for key in {*text, *map(add, text, islice(text, 1, None))}:
                found[key].append(row)
    return {key: rows for key, rows in found.items() if not any(char.isspace() for char in key)}


class ListFilter:
    def __init__(self, texts: Sequence[str], order: Sequence[int], index: SearchIndex | None = None) -> None:
        """``texts``: each row's folded name, organisation and e-mail (services.attendees.haystack);
        ``order``: the row numbers in display order; ``index``: the SearchIndex over the same
        rows (person i is row i), or None until it is built."""
        self.order = list(order)
        # short_places of self.texts in this order, given once made on a worker; None: short
        # words are looked for in the texts
        self.short: dict[str, array[int]] | None = None
        self._joined = "\n".join([texts[row] for row in self.order]) + "\n"  # folded texts hold no line breaks
        self._texts = self._joined.split("\n")[:-1]  # by place in the list, made in that order
        self._starts = [0, *accumulate(len(text) + 1 for text in self._texts)]
        self._place = [0] * len(self.order)
        # the same texts by row: rows found are read in display order, and so from texts lying in
        # memory in that order (three times faster than the texts given, lying in row order)
        self._by_row = [""] * len(self.order)
        for place, row in enumerate(self.order):
            self._place[row] = place
            self._by_row[row] = self._texts[place]
        self.index = index
        self._words: list[str] = []
        self._found: Sequence[int] = []  # rows holding every one of ``_words``, in display order

    @property
    def texts(self) -> list[str]:
        """Each row's text, in display order (what ``short`` is made from, with ``order``)."""
        return self._texts

    def rows(self, text: str) -> Sequence[int]:
        """The row numbers ``text`` shows, in display order (no words: all rows). Not to be
        changed: a short word's rows are those of ``short`` itself."""
        words = fold(text).split()
        if not words:
            self._words, self._found = [], []
            return self.order
        found = self._holding(words)
        index = self.index
        slips = {word: index.one_slip(word) for word in words if index is not None and len(word) >= SLIP_FROM}
        if any(slips.values()):
            more = self._slipped(words, slips, set().union(*slips.values()).difference(found))
            if more:
                found = sorted([*found, *more], key=self._place.__getitem__)  # two runs in order: one merge
        return found

    def _slipped(self, words: list[str], slips: dict[str, set[int]], nearly: set[int]) -> list[int]:
        """The rows of ``nearly`` (one edit from some word) where each word is found or one edit
        away: word by word, the word with the fewest slips first, so that the rows left to read
        shrink at once ("weber stad": the few Webers, not the 18,000 "stadt"s, are read for "stad")."""
        texts = self._by_row
        for word in sorted(words, key=lambda w: len(slips.get(w, ()))):
            if not nearly:
                break
            slipped = slips.get(word, set())
            nearly = (nearly & slipped) | {r for r in nearly.difference(slipped) if word in texts[r]}
        return list(nearly)

    def _holding(self, words: list[str]) -> Sequence[int]:
        """The rows holding every word, longest word first; among the rows found for the text
        before when this one only lengthens its words or adds some (unless the longest word is
        short enough to be looked up)."""
        before, texts = self._words, self._by_row
        longest = max(map(len, words))
        refines = (bool(before) and len(words) >= len(before) and all(old in new for old, new in zip(before, words))
                   and not (longest <= SHORT and self.short is not None))
        found: Sequence[int] | None = self._found if refines else None
        for n, word in enumerate(sorted(set(words), key=len, reverse=True)):
            rarest = self._rarest_pair(word) if n == 0 else None  # later words narrow what the first found
            if rarest is not None and (found is None or len(rarest) < len(found)):
                found = rarest  # a superset of the rows holding the word, which are read out of it
            if found is None:
                found = self._rows_with(word)
            else:
                found = [r for r in found if word in texts[r]]
        assert found is not None
        self._words, self._found = words, found
        return found

    def _rarest_pair(self, word: str) -> Sequence[int] | None:
        """For a word longer than ``SHORT``, once short places are there: the rows of the rarest
        pair of adjacent letters in it (all rows holding the word are among them; "schm": those
        of "hm", fewer than those of "sc" found for the keystroke before)."""
        if self.short is None or len(word) <= SHORT:
            return None
        short = self.short
        return min((short.get(word[i:i + 2], ()) for i in range(len(word) - 1)), key=len)

    def _rows_with(self, word: str) -> Sequence[int]:
        """The rows whose text holds ``word``, in display order: looked up when short, else by
        ``str.find`` over all texts at once while it is rare, row by row once it turns out
        common (a letter or two)."""
        if len(word) <= SHORT and self.short is not None:
            return self.short.get(word, ())
        joined, starts, texts = self._joined, self._starts, self._texts
        places: list[int] = []
        at = joined.find(word)
        while at != -1:
            place = bisect.bisect_right(starts, at) - 1
            places.append(place)
            if len(places) >= _SAMPLE and place < len(places) * _SCAN_SHARE:  # in more than one row in eight
                places += [p for p in range(place + 1, len(texts)) if word in texts[p]]
                break
            at = joined.find(word, starts[place + 1])
        return list(map(self.order.__getitem__, places))
