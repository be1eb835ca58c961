"""Attendee ids: of the scanner-safe alphabet, distinct, never one that is taken, every symbol
as likely as the next; the demo's seeded ids stay what they were."""

from __future__ import annotations

import random
from collections import Counter

from kosi_checkin.domain.ids import ID_ALPHABET, ID_LENGTH, new_attendee_ids


def test_ids_have_the_shape_of_an_id_and_are_distinct() -> None:
    ids = new_attendee_ids(5000)
    assert len(set(ids)) == 5000
    assert all(len(i) == ID_LENGTH and set(i) <= set(ID_ALPHABET) for i in ids)


def test_a_taken_id_is_never_given() -> None:
    taken = set(new_attendee_ids(50, rng=random.Random(1)))
    ids = new_attendee_ids(50, taken.__contains__, random.Random(1))  # the same stream: every first pick is taken
    assert not taken & set(ids) and len(ids) == 50


def test_every_symbol_in_every_place_is_equally_likely() -> None:
    ids = new_attendee_ids(32 * 400)
    for place in range(ID_LENGTH):
        counts = Counter(i[place] for i in ids)
        assert set(counts) == set(ID_ALPHABET)
        # 400 expected each; chi-square with 31 degrees of freedom, p < 1e-6 only when it tops 80
        assert sum((n - 400) ** 2 / 400 for n in counts.values()) < 80, place


def test_the_demo_ids_of_a_seed_stay_the_same() -> None:
    assert new_attendee_ids(3, rng=random.Random(7)) == ["Q1DDE9HAW", "P93U9K8LC", "G297AKEH1"]
