"""Attendee ids and journal uuids: of the scanner-safe alphabet, distinct, never one that is taken, every symbol
as likely as the next; the demo's seeded ids stay what they were."""

from __future__ import annotations

import random
import uuid
from collections import Counter

from kosi_checkin.domain.ids import ID_ALPHABET, ID_LENGTH, new_attendee_ids, new_uuid


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


def test_new_uuid_is_a_random_version_4_uuid_as_uuid_writes_it() -> None:
    made = [new_uuid() for _ in range(2000)]
    assert len(set(made)) == 2000
    for text in made:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122
    # the 122 random bits: each of the 32 hex places but the fixed version digit takes many values
    assert all(len({t[i] for t in made}) > (3 if i == 19 else 12) for i in range(36) if i not in (8, 13, 14, 18, 23))
