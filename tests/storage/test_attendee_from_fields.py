"""Attendee.from_fields, the loading path of storage, gives the same guest as the dataclass
constructor and refuses values that are not exactly the fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_checkin.domain.model import Attendee, AttendeeId
from kosi_checkin.domain.values import FrozenInstanceError, fields, replace
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.repositories import AttendeeRepository


def test_a_stored_guest_equals_the_one_the_constructor_makes(tmp_path: Path) -> None:
    create_demo(tmp_path / "demo.kosi").close()
    conn, _event = open_event(tmp_path / "demo.kosi")
    for guest in AttendeeRepository(conn).all():
        values = {f.name: getattr(guest, f.name) for f in fields(Attendee)}
        made = Attendee(**values)
        assert made == guest and hash(made) == hash(guest) and repr(made) == repr(guest)
        assert replace(guest, first_name="X").first_name == "X"
        with pytest.raises(FrozenInstanceError):
            guest.first_name = "Y"  # type: ignore[misc]  # the point: frozen still
    conn.close()


def test_missing_or_unknown_fields_are_refused() -> None:
    values = {f.name: getattr(Attendee(id=AttendeeId("A")), f.name) for f in fields(Attendee)}
    assert Attendee.from_fields(dict(values)) == Attendee(id=AttendeeId("A"))
    del values["edited"]
    with pytest.raises(TypeError):
        Attendee.from_fields(values)
    with pytest.raises(TypeError):
        Attendee.from_fields({**values, "edited": frozenset(), "shoe_size": 44})


def test_a_stored_journal_entry_equals_the_one_the_constructor_makes() -> None:
    import datetime as dt

    from kosi_checkin.domain.model import Action, JournalEntry, SessionId

    values = {"uuid": "u", "attendee_id": AttendeeId("A"), "session_id": SessionId("werkstatt"),
              "at": dt.datetime(2019, 4, 2, 9, 31, tzinfo=dt.timezone.utc), "desk": "Tisch 1",
              "action": Action.CHECK_IN, "forced": False, "note": ""}
    made = JournalEntry.from_fields(dict(values))
    assert made == JournalEntry(**values) and hash(made) == hash(JournalEntry(**values))  # type: ignore[arg-type]  # the fields' values
    with pytest.raises(TypeError):
        JournalEntry.from_fields({**values, "size": 1})


def test_from_many_refuses_any_one_of_them_with_other_fields() -> None:
    good = {f.name: getattr(Attendee(id=AttendeeId("A")), f.name) for f in fields(Attendee)}
    made = Attendee.from_many([dict(good), {**good, "id": AttendeeId("B")}])
    assert [a.id for a in made] == ["A", "B"] and made[1] == Attendee(id=AttendeeId("B"))
    with pytest.raises(TypeError):
        Attendee.from_many([dict(good), {**good, "shoe_size": 44}])


def test_extra_fields_are_stored_as_given_shared_or_not(tmp_path: Path) -> None:
    """Extras are encoded once per combination (a cache keyed by their items); a value that is
    no text, as a file edited by hand may hold, is stored too."""
    from kosi_checkin.services.event_config import load_template
    from kosi_checkin.services.events import create_event
    from kosi_checkin.storage.db import transaction

    conn = create_event(tmp_path / "e.kosi", load_template("kosi-2019"))
    repo = AttendeeRepository(conn)
    extras = [{"Anrede": "Frau", "Ernährung": "vegan"}, {"Anrede": "Frau", "Ernährung": "vegan"},
              {"Ernährung": "vegan", "Anrede": "Frau"}, {}, {"Liste": ["a", 1]}]
    with transaction(conn):
        stored = repo.add_many([(Attendee(id=AttendeeId(""), last_name=f"Gast {n}", extra=extra), {})  # type: ignore[arg-type]  # the list: by hand
                                for n, extra in enumerate(extras)])
    back = {a.id: a.extra for a in repo.all()}
    assert [back[a.id] for a in stored] == extras
    assert [list(back[a.id]) for a in stored][2] == ["Ernährung", "Anrede"]  # the order as given
    conn.close()
