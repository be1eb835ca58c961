"""Search as you type: accents, umlaut spellings, typos, prefixes, ranking."""

from __future__ import annotations

from kosi_checkin.domain.model import Attendee, AttendeeId
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
