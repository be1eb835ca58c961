"""Search as you type over guests: name, organisation and e-mail; case-, accent- and
typo-tolerant, fast enough for every keystroke at 100,000 guests.

Every word of a guest's fields is indexed under its search keys (domain/folding.word_keys):
folded (Müller = Mueller = Muller, Çelik = Celik), accents removed ("muller"), and spelled out
("mueller"), so a typo in any spelling stays one edit from the name ("Schäer" finds Schäfer); a
query word is looked up under all of its keys. Each key is
indexed three ways: exact, by prefix (a sorted word list and bisection, so "Mül" finds Müller while it is
typed) and by one edit (a symmetric-deletion index: a word and all its one-letter deletions point
to the words they come from, so "Mueler", "Celki" or "Weis" find Müller, Çelik, Weiß without
scoring every name). Every query word must match some word of the guest; guests rank by how well
(exact, prefix, one edit), then by which field matched (last name first), then alphabetically.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import attrgetter

from kosi_checkin.domain.folding import word_keys
from kosi_checkin.domain.model import Attendee

EXACT, PREFIX, TYPO = 0, 1, 2  # a typo of two edits scores TYPO + 1
_LONG_WORD = 5  # a one-letter slip in a word this long is as likely as a word still being typed
# field ranks: a query word found in the last name beats one found in the e-mail address
_LAST, _FIRST, _ORGANISATION, _EMAIL = 0, 1, 2, 3
_MIN_TYPO_LENGTH = 3  # shorter words have too many one-edit neighbours to be useful
_MAX_PREFIX_TOKENS = 5000  # a one-letter prefix at 100,000 guests: cap the words we look at
QUICK_INDEX = 10_000  # guests whose index is built where it is needed (~0.1 s); more: on a worker


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): swapped neighbours count once."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


_FIELDS = (  # (field rank, attribute, typo-tolerant), best rank first
    (_LAST, "last_name", True),
    (_FIRST, "first_name", True),
    (_ORGANISATION, "organisation", True),
    (_EMAIL, "email", False),  # unique per guest: prefix search only
)


class SearchIndex:
    def __init__(self, attendees: Iterable[Attendee]) -> None:
        self.people: list[Attendee] = list(attendees)
        self._postings: dict[str, dict[int, int]] = defaultdict(dict)  # word -> person -> best field rank
        self._typo: dict[str, set[str]] = defaultdict(set)  # word or deletion -> indexed words
        self._ids: dict[str, int] = {a.id: i for i, a in enumerate(self.people)}
        self._name_words: list[int] = [len(word_keys(a.first_name)) + len(word_keys(a.last_name)) for a in self.people]
        # field by field, best rank first, each distinct text once: guests share first names and
        # organisations, so at 100,000 guests this splits and folds a third of the texts
        for rank, field, typo in _FIELDS:
            holders: dict[str, list[int]] = defaultdict(list)
            for person, text in enumerate(map(attrgetter(field), self.people)):
                holders[text].append(person)
            for text, persons in holders.items():
                self._post(text, persons, rank, typo)
        self._sorted: list[str] = sorted(self._postings)

    def _post(self, text: str, persons: Iterable[int], rank: int, typo: bool) -> None:
        """Record ``persons`` under each word of ``text`` with ``rank`` where they hold no better
        rank (fields are posted best rank first, so a person already there keeps theirs); a word
        new to the index and typo-tolerant gets its one-letter deletions."""
        for word in {word for keys in word_keys(text) for word in keys}:
            postings = self._postings[word]
            if typo and not postings and len(word) >= _MIN_TYPO_LENGTH - 1:
                self._typo[word].add(word)
                for variant in _deletions(word):
                    self._typo[variant].add(word)
            for person in persons:
                postings.setdefault(person, rank)

    def _add(self, attendee: Attendee) -> None:
        index = len(self.people)
        self.people.append(attendee)
        self._name_words.append(len(word_keys(attendee.first_name)) + len(word_keys(attendee.last_name)))
        self._ids[attendee.id] = index
        for rank, field, typo in _FIELDS:
            self._post(getattr(attendee, field), (index,), rank, typo)

    def add(self, attendee: Attendee) -> None:
        """A guest added at the door (a walk-in). A changed guest re-builds the index."""
        if attendee.id in self._ids:
            people = list(self.people)
            people[self._ids[attendee.id]] = attendee
            self.__init__(people)  # type: ignore[misc]  # rebuilt in place: the index is shared by its holders
            return
        self._add(attendee)
        text = " ".join((attendee.last_name, attendee.first_name, attendee.organisation, attendee.email))
        for word in {w for pair in word_keys(text) for w in pair}:
            position = bisect.bisect_left(self._sorted, word)
            if position >= len(self._sorted) or self._sorted[position] != word:
                self._sorted.insert(position, word)

    def __len__(self) -> int:
        return len(self.people)

    def search(self, query: str, limit: int = 50) -> list[Attendee]:
        return [self.people[i] for i, _score in self.ranked(query, limit)]

    def ranked(self, query: str, limit: int = 50) -> list[tuple[int, tuple[int, ...]]]:
        """(person index, score) of the best matches, best first; a lower score is better."""
        terms = list(dict.fromkeys(word_keys(query)))
        if not terms:
            return []
        total: dict[int, list[int]] | None = None
        for term in sorted(terms, key=lambda t: len(t[0]), reverse=True):  # longest (most selective) first
            found = self._matches_either(term, None if total is None else total.keys())
            if total is None:
                total = {i: [q, r, e] for i, (q, r, e) in found.items()}
            else:
                total = {i: [total[i][0] + q, total[i][1] + r, total[i][2] + e] for i, (q, r, e) in found.items()
                         if i in total}
            if not total:
                return []
        assert total is not None
        people, name_words = self.people, self._name_words
        best = heapq.nsmallest(limit, total.items(), key=lambda item: (
            item[1][0], item[1][1], item[1][2], name_words[item[0]], people[item[0]].sort_key, people[item[0]].id))
        return [(i, (q, r)) for i, (q, r, _e) in best]

    def _matches_either(self, term: tuple[str, ...], within: Iterable[int] | None) -> dict[int, tuple[int, int, int]]:
        """person -> best (match quality, field rank, edits) for a query word under any of its keys."""
        found = self._matches(term[0], within)
        for key in term[1:]:
            for person, score in self._matches(key, within).items():
                if score < found.get(person, (99, 99, 99)):
                    found[person] = score
        return found

    def _matches(self, term: str, within: Iterable[int] | None) -> dict[int, tuple[int, int, int]]:
        """person -> (match quality, field rank, edits) for one query word. A completion of the
        word is a prefix match; a one-edit typo of a long word ranks with the completions, and
        among them fewer edits (letters to complete, or the typo's one) rank first."""
        allowed = set(within) if within is not None else None
        found: dict[int, tuple[int, int, int]] = {}

        def take(word: str, quality: int, edits: int) -> None:
            for person, rank in self._postings.get(word, {}).items():
                if allowed is not None and person not in allowed:
                    continue
                old = found.get(person)
                if old is None or (quality, rank, edits) < old:
                    found[person] = (quality, rank, edits)

        take(term, EXACT, 0)
        start = bisect.bisect_left(self._sorted, term)
        end = bisect.bisect_left(self._sorted, term + "\x7f", lo=start)
        for word in self._sorted[start : min(end, start + _MAX_PREFIX_TOKENS)]:
            if word != term:
                take(word, PREFIX, len(word) - len(term))
        if len(term) >= _MIN_TYPO_LENGTH:
            for word in self._near(term):
                if word != term and not word.startswith(term):
                    distance = edit_distance(term, word)
                    one_slip = distance == 1 and len(term) >= _LONG_WORD
                    take(word, PREFIX if one_slip else TYPO + (distance > 1), distance)
        return found

    def _near(self, term: str) -> set[str]:
        """Indexed words sharing a one-letter deletion with ``term`` (at most two edits from it)."""
        near: set[str] = set()
        for variant in (term, *_deletions(term)):
            near |= self._typo.get(variant, set())
        return near

    def one_slip(self, word: str) -> set[int]:
        """Guests with a word one edit (a letter wrong, missing, extra or two swapped) from a
        search key of ``word``: what the main window's filter adds to the words it finds as
        they are typed ("Schmidd" finds Schmidt). Nothing for a word of several parts."""
        keys = word_keys(word)
        if len(keys) != 1:
            return set()
        persons: set[int] = set()
        for key in keys[0]:
            for near in self._near(key):
                if edit_distance(key, near) == 1:
                    persons.update(self._postings.get(near, ()))
        return persons

    def best_matches(self, query: str, limit: int = 50) -> Sequence[Attendee]:
        """The guests a name query means: those matching as well as the best one (for the
        command line's --name: one of them is picked, several are listed)."""
        ranked = self.ranked(query, limit)
        if not ranked:
            return []
        top = ranked[0][1]  # match quality and field: an exact last name beats a company's name
        return [self.people[i] for i, score in ranked if score == top]
