"""The main window's filter: every word found as typed or one typo away, in the list's order,
the same whichever keystrokes led to the text (it narrows the rows found before)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kosi_checkin.domain.folding import fold
from kosi_checkin.domain.model import Attendee, AttendeeId
from kosi_checkin.search.index import SearchIndex
from kosi_checkin.search.list_filter import SLIP_FROM, ListFilter, short_places
from kosi_checkin.services.attendees import haystack

NAMES = ["Müller", "Mueller", "Schmidt", "Schmitt", "Schäfer", "Weiß", "Çelik", "Hoffmann", "Becker", "Ölberg", "Sa"]
people = st.lists(st.builds(lambda first, last, org: (first, last, org), st.sampled_from(NAMES),
                            st.sampled_from(NAMES), st.sampled_from(["", "Stadt Wuppertal", "Uni Wuppertal", "ZgT e. V."])),
                  min_size=1, max_size=60)
words = st.sampled_from(["s", "sc", "sch", "schm", "schmidd", "mül", "mue", "wupp", "stadt", "e. v.", "beker", "x", "ä", ""])


def guests(rows: list[tuple[str, str, str]]) -> list[Attendee]:
    return [Attendee(id=AttendeeId(f"G{i}"), first_name=f, last_name=l, organisation=o) for i, (f, l, o) in enumerate(rows)]


def expected(people: list[Attendee], order: list[int], text: str, index: SearchIndex | None) -> list[int]:
    """Row by row, with no shortcut: each word in the guest's text, or one slip from one of its words."""
    query = fold(text).split()
    if not query:
        return order
    texts = [haystack(a) for a in people]
    slips = {w: index.one_slip(w) if index is not None and len(w) >= SLIP_FROM else set() for w in query}
    return [row for row in order if all(w in texts[row] or row in slips[w] for w in query)]


@settings(max_examples=150, deadline=None)
@given(people, st.lists(st.lists(words, min_size=1, max_size=3), min_size=1, max_size=6), st.booleans(), st.booleans(),
       st.randoms())
def test_any_keystrokes_show_what_a_row_by_row_look_shows(rows, texts, with_index, with_short,  # type: ignore[no-untyped-def]
                                                          rng: random.Random) -> None:
    found_people = guests(rows)
    order = list(range(len(found_people)))
    rng.shuffle(order)
    index = SearchIndex(found_people) if with_index else None
    list_filter = ListFilter([haystack(a) for a in found_people], order, index)
    if with_short:
        list_filter.short = short_places(list_filter.texts, list_filter.order)
    for parts in texts:
        text = " ".join(parts)
        for end in range(1, len(text) + 1):  # typed letter by letter, then the next text from scratch
            assert list(list_filter.rows(text[:end])) == expected(found_people, order, text[:end], index), text[:end]


def test_a_typo_is_forgiven_once_the_index_is_there_and_short_words_stay_literal() -> None:
    people = guests([("Eva", "Schmidt", ""), ("Ole", "Hoffmann", "Stadt Wuppertal"), ("Pia", "Becker", "")])
    list_filter = ListFilter([haystack(a) for a in people], [2, 1, 0])
    assert list(list_filter.rows("Schmidd")) == []  # no index yet: words as typed
    assert list_filter.rows("mann") == [1] and list_filter.rows("") == [2, 1, 0]
    list_filter.index = SearchIndex(people)
    assert list_filter.rows("Schmidd") == [0]
    assert list_filter.rows("Beker wupp") == []  # every word must match
    assert list_filter.rows("Hofmann wupp") == [1]  # one word by a slip, one as typed
    assert list_filter.rows("Hofman") == []  # two slips: too far
    assert list_filter.rows("Bec") == [2]  # three letters: no slips ("Bec" is not one from "Ben")


def test_a_common_word_in_a_big_list_is_found_in_every_row_that_has_it() -> None:
    texts = [fold(f"guest {i} {'wupp' if i % 3 else 'sol'}") for i in range(5000)]  # as haystack() folds them
    list_filter = ListFilter(texts, range(5000))
    assert list_filter.rows("wupp") == [i for i in range(5000) if i % 3]
    assert list_filter.rows("sol") == [i for i in range(5000) if not i % 3]
    assert list_filter.rows("guest 4999") == [4999]


def test_short_places_name_the_rows_holding_each_letter_and_pair_in_display_order() -> None:
    texts = ["anna muller", "schmidt", "", "celik x", "weiss stadt wuppertal", "a", "zz"]
    order = [6, 2, 0, 5, 1, 4, 3]  # texts[i] is the text of row order[i]
    short = short_places(texts, order)
    pieces = {text[i:i + n] for text in texts for n in (1, 2) for i in range(len(text) - n + 1)}
    assert set(short) == {piece for piece in pieces if " " not in piece}
    for piece, rows in short.items():
        assert list(rows) == [row for row, text in zip(order, texts) if piece in text], piece


def test_a_short_word_is_looked_up_once_the_short_places_are_there() -> None:
    texts = [fold(f"guest {i} {'wupp' if i % 3 else 'sol'}") for i in range(5000)]
    list_filter = ListFilter(texts, range(4999, -1, -1))
    before = list(list_filter.rows("wu"))
    list_filter.short = short_places(list_filter.texts, list_filter.order)
    assert list(list_filter.rows("w")) == list(list_filter.rows("wu")) == before == [i for i in range(4999, -1, -1) if i % 3]
    assert list(list_filter.rows("wup")) == before  # the third letter narrows the looked-up rows
    assert list(list_filter.rows("q")) == [] and list(list_filter.rows("so")) == [i for i in range(4999, -1, -1) if not i % 3]
