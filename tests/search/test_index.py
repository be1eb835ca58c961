"""Search as you type: accents, umlaut spellings, typos, prefixes, ranking."""

from __future__ import annotations

import datetime
import time

from kosi_checkin.domain.model import Attendee, AttendeeId, SessionId
from kosi_checkin.search.index import SearchIndex


def person(i: int, first: str, last: str, organisation: str = "", email: str = "") -> Attendee:
    return Attendee(id=AttendeeId(f"ID{i}"), first_name=first, last_name=last, organisation=organisation, email=email)


PEOPLE = [
    person(1, "Özlem", "Çelik", "Stadt Wuppertal", "oezlem.celik@stadt.wuppertal.example"),
    person(2, "Jürgen", "Müller", "Wuppertal Institut"),
    person(3, "Anna", "Weiß", "Zentrum für gute Taten"),
    person(4, "Ole", "Möller", "Bergische Universität"),
    person(5, "Hannelore", "Schmitz-Özdemir", "Stadt Solingen", "h.schmitz@solingen.example"),
    person(6, "Jan", "Muller-Lüdenscheidt", "Celik Consulting"),
]
INDEX = SearchIndex(PEOPLE)


def first(query: str) -> str:
    found = INDEX.search(query)
    return found[0].last_name if found else ""


def test_accents_and_umlaut_spellings() -> None:
    for query in ("Müller", "Mueller", "Muller", "müller", "MUELLER"):
        assert first(query) == "Müller", query
    assert first("Celik") == "Çelik" and first("Weiss") == "Weiß" and first("Ozlem") == "Çelik"


def test_one_typo_finds_the_guest() -> None:
    assert first("Mueler") == "Müller"
    assert first("Celki") == "Çelik"
    assert first("Weis") == "Weiß"
    assert first("Schmits") == "Schmitz-Özdemir"


def test_prefixes_while_typing() -> None:
    assert [a.last_name for a in INDEX.search("Mö")] == ["Möller"]
    assert first("Hann") == "Schmitz-Özdemir"
    assert first("Özd") == "Schmitz-Özdemir"


def test_every_word_must_match_and_name_beats_organisation() -> None:
    assert [a.last_name for a in INDEX.search("Jürgen Wuppertal")] == ["Müller"]
    assert [a.last_name for a in INDEX.search("celik")][:2] == ["Çelik", "Muller-Lüdenscheidt"]  # name before company
    assert INDEX.search("Jürgen Solingen") == []


def test_email_is_searchable() -> None:
    assert first("h.schmitz") == "Schmitz-Özdemir"
    assert first("solingen.example") == "Schmitz-Özdemir"


def test_best_matches_for_the_command_line() -> None:
    assert [a.last_name for a in INDEX.best_matches("Çelik")] == ["Çelik"]  # exact beats company prefix
    assert len(INDEX.best_matches("Stadt")) == 2


def test_walk_in_added_later_is_found() -> None:
    index = SearchIndex(PEOPLE)
    index.add(person(7, "Ngozi", "Okafor", "Quartiersbüro Ost"))
    assert index.search("Okaf")[0].last_name == "Okafor"
    assert index.search("Okafro")[0].last_name == "Okafor"
    assert index.search("")[:1] == []


# -- both spellings of a name (issue 19) -----------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kosi_checkin.domain.folding import spelled, strip_accents  # noqa: E402
from kosi_checkin.search.index import edit_distance  # noqa: E402

SPELLINGS = SearchIndex([person(10, "Eva", "Schäfer"), person(11, "Karl", "Schar"), person(12, "Pia", "Krüert"),
                         person(13, "Jörg", "Janß"), person(14, "Udo", "Krurt")])


def spelling_first(query: str) -> str:
    found = SPELLINGS.search(query)
    return found[0].last_name if found else ""


def test_a_typo_in_either_spelling_of_an_umlaut_stays_one_edit_away() -> None:
    assert "Schäfer" in [a.last_name for a in SPELLINGS.search("Schäer")]  # folded "schar": two edits from "schafer"
    assert SearchIndex([person(10, "Eva", "Schäfer")]).search("Schäer")[0].last_name == "Schäfer"
    assert spelling_first("Schaefr") == "Schäfer"
    assert spelling_first("Krlert") == "Krüert"  # one edit from "kruert"; folded "krurt" is another guest
    assert spelling_first("Janu") == "Janß"  # ß is one letter typed: one edit
    assert spelling_first("Schar") == "Schar"  # an exact name still comes first


_LETTERS = "abdeghiklmnorstuäöüß"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_LETTERS, min_size=4, max_size=9), st.integers(0, 20), st.sampled_from("ainrstu"))
def test_any_one_letter_slip_of_a_name_as_written_finds_it(stem: str, at: int, letter: str) -> None:
    """A query with one letter replaced, left out or added, typed from the name as it is written
    (umlauts as the one letter they are), finds the guest."""
    name = stem.capitalize()
    i = at % len(name)
    slips = [name[:i] + letter + name[i + 1:], name[:i] + name[i + 1:], name[:i] + letter + name[i:]]
    index = SearchIndex([person(1, "Kim", name), person(2, "Kim", "Zzzzzz")])
    for query in slips:
        if len(strip_accents(query)) < 3 or query.lower() == name.lower():
            continue
        keys = {strip_accents(query), spelled(query)}
        if min(edit_distance(k, t) for k in keys for t in {strip_accents(name), spelled(name)}) > 1:
            continue  # ß spelled out as "ss" by one key and "s" by the other: not one edit apart
        assert [a.last_name for a in index.search(f"Kim {query}")][:1] == [name], (name, query)


def test_the_main_window_filter_forgives_typos_like_the_desk(qtbot) -> None:  # type: ignore[no-untyped-def]
    from kosi_checkin.services.attendees import AttendeeRow
    from kosi_checkin.services.event_config import load_template
    from kosi_checkin.ui.models.attendee_table import AttendeeTableModel

    rows = [AttendeeRow(p, {}) for p in (person(1, "Eva", "Schmidt"), person(2, "Ole", "Hoffmann"),
                                         person(3, "Pia", "Becker"))]
    model = AttendeeTableModel(load_template("kosi-2019"), rows)
    model.set_query("Schmidd")
    assert [model.row(i).attendee.last_name for i in range(model.rowCount())] == ["Schmidt"]
    model.set_query("mann")  # a part of a word, as before
    assert [model.row(i).attendee.last_name for i in range(model.rowCount())] == ["Hoffmann"]
    model.set_query("")
    assert model.rowCount() == 3


def test_a_big_list_filters_as_typed_at_once_and_forgives_typos_when_its_index_arrives(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kosi_checkin.services.attendees import AttendeeRow
    from kosi_checkin.services.event_config import load_template
    from kosi_checkin.ui.models import attendee_table

    monkeypatch.setattr(attendee_table, "QUICK_INDEX", 1)  # "big": the index is built on a worker
    rows = [AttendeeRow(p, {}) for p in (person(1, "Eva", "Schmidt"), person(2, "Ole", "Hoffmann"))]
    model = attendee_table.AttendeeTableModel(load_template("kosi-2019"), rows)
    shown = lambda: [model.row(i).attendee.last_name for i in range(model.rowCount())]  # noqa: E731
    if not model.index_is_ready:  # the worker may be quick, but the filter never waited for it
        model.set_query("Schmi")
        assert shown() == ["Schmidt"]
    model.set_query("Schmidd")
    qtbot.waitUntil(lambda: model.index_is_ready, timeout=5000)
    assert shown() == ["Schmidt"]  # the query typed meanwhile is run again with the index
    model.set_rows([rows[1], AttendeeRow(person(3, "Pia", "Becker"), {})])  # new rows: a new index
    assert not model.index_is_ready and shown() == []  # the filter waits for their own index
    qtbot.waitUntil(lambda: model.index_is_ready, timeout=5000)
    model.set_query("Hofmann")
    assert shown() == ["Hoffmann"]
    at = datetime.datetime(2019, 4, 2, 9, 31, tzinfo=datetime.timezone.utc)
    present = [AttendeeRow(r.attendee, {SessionId("werkstatt"): at}) for r in model.all_rows()]
    model.set_rows(present)  # a check-in came in: the same guests, the index is kept
    assert model.index_is_ready and shown() == ["Hoffmann"] and model.present == 2


def test_a_big_list_looks_its_short_words_up_once_made_and_makes_them_while_nobody_types(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kosi_checkin.services.attendees import AttendeeRow
    from kosi_checkin.services.event_config import load_template
    from kosi_checkin.ui.models import attendee_table

    monkeypatch.setattr(attendee_table, "QUICK_INDEX", 1)  # "big": index and short places made on workers
    rows = [AttendeeRow(p, {}) for p in (person(1, "Eva", "Schmidt"), person(2, "Ole", "Hoffmann"),
                                         person(3, "Pia", "Schäfer"))]
    model = attendee_table.AttendeeTableModel(load_template("kosi-2019"), rows)
    shown = lambda: [model.row(i).attendee.last_name for i in range(model.rowCount())]  # noqa: E731
    qtbot.waitUntil(lambda: model.index_is_ready and model.short_words_are_looked_up, timeout=5000)
    for text, expected in (("s", ["Schäfer", "Schmidt"]), ("sc", ["Schäfer", "Schmidt"]), ("sch", ["Schäfer", "Schmidt"]),
                           ("schm", ["Schmidt"]), ("o", ["Hoffmann"]), ("ff", ["Hoffmann"]), ("q", []), ("", None)):
        model.set_query(text)
        assert shown() == (expected if expected is not None else ["Hoffmann", "Schäfer", "Schmidt"]), text
    short = model._filter.short
    at = datetime.datetime(2019, 4, 2, 9, 31, tzinfo=datetime.timezone.utc)
    model.set_rows([AttendeeRow(r.attendee, {SessionId("werkstatt"): at}) for r in rows])  # a check-in came in
    assert model._filter.short is short and shown() == ["Hoffmann", "Schäfer", "Schmidt"]  # kept: same texts, same order
    model.sort(1)  # another order: its own short places, the filter reads the texts meanwhile
    model.set_query("sc")
    assert sorted(shown()) == ["Schmidt", "Schäfer"]
    # the worker making them waits while the filter is typed into, and goes on once it is not
    model.set_query("s")
    began = time.monotonic()
    model._until_typing_stops()
    assert time.monotonic() - began >= attendee_table.TYPING_PAUSE * 0.8
