"""Lists order guests by family name (its particles skipped), given name, then id."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kosi_checkin.domain.model import Attendee, AttendeeId, list_order

names = st.text(alphabet="abcÄäöüßvon derBülowDe la ", max_size=14)


@given(st.lists(st.tuples(names, names, st.text(alphabet="ABC123", min_size=1, max_size=4)), max_size=12))
def test_list_order_is_the_sort_key_then_the_id(people: list[tuple[str, str, str]]) -> None:
    guests = [Attendee(AttendeeId(i), first_name=first, last_name=last) for first, last, i in people]
    assert [list_order(a) for a in guests] == [(*a.sort_key, a.id) for a in guests]
    assert sorted(guests, key=list_order) == sorted(guests, key=lambda a: (a.sort_key, a.id))


def test_particles_do_not_count_and_the_id_breaks_ties() -> None:
    guests = [Attendee(AttendeeId("B"), "Anna", "von Bülow"), Attendee(AttendeeId("A"), "Anna", "Becker"),
              Attendee(AttendeeId("C"), "Anna", "Bülow"), Attendee(AttendeeId("D"), "Anna", "Dahl")]
    assert [a.id for a in sorted(guests, key=list_order)] == ["A", "B", "C", "D"]
