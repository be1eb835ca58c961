"""Which rows of a guest list its filter text shows, in the list's order, fast enough to run on
every keystroke of a 100,000-guest list.

A row is shown when each word of the text (folded: case, accents and umlaut spellings do not
matter) occurs in the guest's name, organisation or e-mail address, or, for a word of at least
``SLIP_FROM`` letters, is one edit from a word of them (the desk's SearchIndex, once it is
there: "Schmidd" finds Schmidt). The texts are kept in display order in one string, so a word
is looked for at the speed of ``str.find`` rather than row by row and what is found is already
in order; a text that only lengthens the words of the one before it or adds some (the next
keystroke) is looked for among the rows found before.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import accumulate, compress, repeat
from operator import contains

from kosi_checkin.domain.folding import fold
from kosi_checkin.search.index import SearchIndex

SLIP_FROM = 4  # shorter words have too many one-edit neighbours: the list would fill with noise
_SCAN_SHARE = 8  # a word in more than one row in this many is looked for row by row after the first
_SAMPLE = 64  # rows found
_MASK_SLICE = 10_000  # texts read by one C-level call while letter masks are made


def letter_masks(texts: Sequence[str]) -> dict[str, bytes]:
    """For each letter found in ``texts``: one byte per text, 1 where the text holds it. A first
    letter typed into a big list is in most rows; reading every row's text for it took 15–27 ms
    at 100,000 guests, its mask 2 (about 40 letters: 4 MB; made on a worker, 0.2–0.5 s)."""
    letters = set("".join(texts))
    letters.discard(" ")
    # in slices of texts: each C-level slice holds the interpreter's lock ~1 ms, so that the GUI
    # thread gets it back between them (one call over 100,000 texts held it up to 15 ms)
    slices = [texts[start:start + _MASK_SLICE] for start in range(0, len(texts), _MASK_SLICE)]
    return {letter: b"".join([bytes(map(contains, part, repeat(letter))) for part in slices]) for letter in letters}


class ListFilter:
    def __init__(self, texts: Sequence[str], order: Sequence[int], index: SearchIndex | None = None) -> None:
        """``texts``: each row's folded name, organisation and e-mail (services.attendees.haystack);
        ``order``: the row numbers in display order; ``index``: the SearchIndex over the same
        rows (person i is row i), or None until it is built."""
        self.order = list(order)
        # letter_masks of self.texts (display order), given once made on a worker; None: a single
        # letter is looked for in the texts
        self.letters: dict[str, bytes] | None = None
        self._joined = "\n".join([texts[row] for row in self.order]) + "\n"  # folded texts hold no line breaks
        self._texts = self._joined.split("\n")[:-1]  # by place in the list, made in that order
        self._starts = [0, *accumulate(len(text) + 1 for text in self._texts)]
        self._place = [0] * len(self.order)
        for place, row in enumerate(self.order):
            self._place[row] = place
        self.index = index
        self._words: list[str] = []
        self._found: list[int] = []  # places holding every one of ``_words``, in order

    @property
    def texts(self) -> list[str]:
        """Each row's text, in display order (what ``letters`` is made from)."""
        return self._texts

    def rows(self, text: str) -> list[int]:
        """The row numbers ``text`` shows, in display order (no words: all rows)."""
        words = fold(text).split()
        if not words:
            self._words, self._found = [], []
            return list(self.order)
        found = self._holding(words)
        index, place = self.index, self._place.__getitem__
        slips = {word: set(map(place, index.one_slip(word))) for word in words
                 if index is not None and len(word) >= SLIP_FROM}
        if any(slips.values()):
            more = self._slipped(words, slips, set().union(*slips.values()).difference(found))
            if more:
                found = sorted(found + more)  # two sorted runs: one merge
        return list(map(self.order.__getitem__, found))

    def _slipped(self, words: list[str], slips: dict[str, set[int]], nearly: set[int]) -> list[int]:
        """The places of ``nearly`` (one edit from some word) where each word is found or one
        edit away: word by word, the word with the fewest slips first, so that the places left to
        read shrink at once ("weber stad": the few Webers, not the 18,000 "stadt"s, are read for "stad")."""
        texts = self._texts
        for word in sorted(words, key=lambda w: len(slips.get(w, ()))):
            if not nearly:
                break
            slipped = slips.get(word, set())
            nearly = (nearly & slipped) | {p for p in nearly.difference(slipped) if word in texts[p]}
        return list(nearly)

    def _holding(self, words: list[str]) -> list[int]:
        """The places holding every word, longest word first; among the places found for the
        text before when this one only lengthens its words or adds some."""
        before, texts = self._words, self._texts
        refines = bool(before) and len(words) >= len(before) and all(old in new for old, new in zip(before, words))
        found: list[int] | None = self._found if refines else None
        for word in sorted(set(words), key=len, reverse=True):
            found = self._places_with(word) if found is None else [p for p in found if word in texts[p]]
        assert found is not None
        self._words, self._found = words, found
        return found

    def _places_with(self, word: str) -> list[int]:
        """The places whose text holds ``word``: by ``str.find`` over all texts at once while it
        is rare, row by row once it turns out common (a letter or two)."""
        if len(word) == 1 and self.letters is not None:
            mask = self.letters.get(word)
            return [] if mask is None else list(compress(range(len(mask)), mask))
        joined, starts, texts = self._joined, self._starts, self._texts
        places: list[int] = []
        at = joined.find(word)
        while at != -1:
            place = bisect.bisect_right(starts, at) - 1
            places.append(place)
            if len(places) >= _SAMPLE and place < len(places) * _SCAN_SHARE:  # in more than one row in eight
                return places + [p for p in range(place + 1, len(texts)) if word in texts[p]]
            at = joined.find(word, starts[place + 1])
        return places
