"""kosi_checkin.domain.values behaves as the standard library's dataclasses for what it offers:
classes generated from a grammar of field lists (no default, a default, a factory; compared or
not, hashed or not), frozen or with slots, are made by both and their values compared call by
call: construction (positional, by keyword, missing arguments), repr, ==, hash, assignment,
replace, fields and asdict."""

from __future__ import annotations

import dataclasses as std
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kosi_checkin.domain import values as ours
from kosi_checkin.domain.model import Attendee, AttendeeId, Event

NAMES = ["id", "name", "count", "tags", "extra", "flag", "note", "when"]

field_spec = st.tuples(st.sampled_from(["plain", "default", "factory"]), st.booleans(), st.sampled_from([None, True, False]))
class_spec = st.tuples(
    st.lists(field_spec, min_size=0, max_size=len(NAMES)),
    st.sampled_from([(False, False), (True, False), (False, True)]),  # (frozen, slots)
)
cell = st.one_of(st.integers(-5, 5), st.text(max_size=3), st.tuples(st.integers(0, 3)), st.none())


def make(module: Any, spec: tuple[list[tuple[str, bool, bool | None]], tuple[bool, bool]]) -> type:
    fields_, (frozen, slots) = spec
    annotations: dict[str, str] = {}
    body: dict[str, Any] = {"__annotations__": annotations, "__module__": __name__, "__qualname__": "V"}
    for name, (kind, compare, hashed) in zip(NAMES, fields_, strict=False):
        annotations[name] = "object"
        if kind == "default":
            body[name] = module.field(default=len(name), compare=compare, hash=hashed)
        elif kind == "factory":
            body[name] = module.field(default_factory=list, compare=compare, hash=hashed)
        elif not compare or hashed is not None:
            body[name] = module.field(compare=compare, hash=hashed)
    return module.dataclass(frozen=frozen, slots=slots)(type("V", (), body))


def outcome(call: Any) -> tuple[str, Any]:
    try:
        return "ok", call()
    except TypeError:
        return "TypeError", None
    except AttributeError:  # FrozenInstanceError is one
        return "AttributeError", None


@settings(max_examples=300, deadline=None)
@given(class_spec, st.lists(st.lists(cell, max_size=len(NAMES)), min_size=2, max_size=4), st.data())
def test_made_like_dataclasses(spec: Any, argument_lists: list[list[Any]], data: st.DataObject) -> None:
    """Through the generic __init__ a class's first values are made by, and through the one it
    compiles afterwards; by position and by keyword."""
    by_keyword = [data.draw(st.dictionaries(st.sampled_from(NAMES), cell, max_size=len(NAMES))) for _ in argument_lists]
    before = ours.COMPILE_AFTER
    try:
        for after in (before, 0):
            ours.COMPILE_AFTER = after
            _made_alike(spec, argument_lists, by_keyword)
    finally:
        ours.COMPILE_AFTER = before


def _made_alike(spec: Any, argument_lists: list[list[Any]], by_keyword: list[dict[str, Any]]) -> None:
    theirs_made, ours_made = outcome(lambda: make(std, spec)), outcome(lambda: make(ours, spec))
    assert theirs_made[0] == ours_made[0]  # a plain field after a default one: TypeError in both
    if theirs_made[0] != "ok":
        return
    theirs, mine = theirs_made[1], ours_made[1]
    frozen = spec[1][0]
    assert [f.name for f in std.fields(theirs)] == [f.name for f in ours.fields(mine)]
    assert theirs.__match_args__ == mine.__match_args__
    assert (theirs.__hash__ is None) == (mine.__hash__ is None)
    made_theirs = [outcome(lambda a=args: theirs(*a)) for args in argument_lists]
    made_ours = [outcome(lambda a=args: mine(*a)) for args in argument_lists]
    made_theirs += [outcome(lambda k=kwargs: theirs(**k)) for kwargs in by_keyword]
    made_ours += [outcome(lambda k=kwargs: mine(**k)) for kwargs in by_keyword]
    made_theirs += [outcome(lambda a=args: theirs(*a[:1], **dict(zip(NAMES, a)))) for args in argument_lists]
    made_ours += [outcome(lambda a=args: mine(*a[:1], **dict(zip(NAMES, a)))) for args in argument_lists]
    assert [k for k, _ in made_theirs] == [k for k, _ in made_ours]
    pairs = [(t, o) for (k, t), (_, o) in zip(made_theirs, made_ours, strict=True) if k == "ok"]
    for t, o in pairs:
        assert repr(t) == repr(o)
        if frozen:
            assert outcome(lambda t=t: hash(t)) == outcome(lambda o=o: hash(o))  # the same tuple hashed
        assert outcome(lambda t=t: setattr(t, "name", 1))[0] == outcome(lambda o=o: setattr(o, "name", 1))[0]
        assert repr(t) == repr(o)
        assert std.asdict(t) == ours.asdict(o)
        if not (frozen or spec[1][1]):
            assert list(vars(t)) == list(vars(o))  # the fields in their order
        if std.fields(t):
            first = std.fields(t)[0].name
            assert repr(std.replace(t, **{first: "x"})) == repr(ours.replace(o, **{first: "x"}))
    for t1, o1 in pairs:
        for t2, o2 in pairs:
            assert (t1 == t2) == (o1 == o2)


def test_frozen_values_refuse_changes_and_fields_default_as_declared() -> None:
    guest = Attendee(id=AttendeeId("A1"), first_name="Ada")
    with pytest.raises(ours.FrozenInstanceError):
        guest.first_name = "Bea"  # type: ignore[misc]  # the point: frozen
    with pytest.raises(ours.FrozenInstanceError):
        del guest.first_name  # type: ignore[misc]  # the point: frozen
    assert isinstance(ours.FrozenInstanceError("x"), AttributeError)
    assert Attendee(id=AttendeeId("A2")).extra == {} and Attendee(id=AttendeeId("A2")).extra is not guest.extra
    assert ours.replace(guest, last_name="Lovelace").display_name == "Ada Lovelace"
    with pytest.raises(TypeError):
        ours.replace(guest, nickname="x")
    with pytest.raises(TypeError):
        ours.fields(object())


def test_values_pickle_and_a_mutable_default_is_refused() -> None:
    event = Event(name="KoSI", date=__import__("datetime").date(2019, 4, 2))
    assert pickle.loads(pickle.dumps(event)) == event
    guest = Attendee(id=AttendeeId("A1"), sessions=frozenset({"werkstatt"}))  # type: ignore[arg-type]  # a plain str stands for the id
    assert pickle.loads(pickle.dumps(guest)) == guest
    with pytest.raises(ValueError, match="mutable default"):
        ours.dataclass(type("Bad", (), {"__annotations__": {"items": "list[int]"}, "items": []}))


def test_a_class_keeps_the_methods_it_writes_itself() -> None:
    @ours.dataclass(frozen=True)
    class Named:
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

    assert repr(Named("x")) == "<x>" and Named("x") == Named("x") and hash(Named("x")) == hash(Named("x"))


def test_init_is_compiled_once_on_the_class_that_is_called() -> None:
    @ours.dataclass(slots=True)
    class Slotted:
        a: int
        b: list[int] = ours.field(default_factory=list)

    @ours.dataclass(frozen=True)
    class Base:
        a: int
        b: str = "x"

    class Plain(Base):  # not a value class: it inherits Base's __init__
        pass

    stub = Base.__init__
    made = [Plain(1), Plain(2, "y"), Plain(2, "y")]  # the first values: through the generic __init__
    while len(made) < ours.COMPILE_AFTER:
        made.append(Base(0))
    assert Base.__init__ is stub and made[0].b == "x" and made[1] == made[2] and made[-1] == Base(0, "x")
    assert Base.__init__ is not stub and Base.__init__.__qualname__.endswith("Base.__init__")
    compiled = Base.__init__
    assert Base(3) == Base(3, "x") and Base.__init__ is compiled  # compiled once, then called as it is
    for _ in range(ours.COMPILE_AFTER):
        Slotted(0)
    first, second = Slotted(1), Slotted(2)
    first.b.append(1)
    assert (first.a, first.b, second.b) == (1, [1], [])  # a new list per value, from the first value on
    assert not hasattr(first, "__dict__") and "__init__" in Slotted.__dict__
    with pytest.raises(TypeError):
        Slotted()  # the compiled __init__ checks its arguments as a written one does
    with pytest.raises(TypeError):
        Base(1, "x", "too many")
