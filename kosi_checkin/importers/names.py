"""Names as registration lists write them: one full-name cell ("Prof. Dr. Anna von der Heide",
"Heide, Anna", "von Bülow, Prof. Dr. Hans-Georg", "Dr. Weiß, Annegret"), or first and last name
cells that carry titles ("Dr. Anna"). Titles go to ``title`` wherever they stand, salutations are
kept apart (the guest's "Anrede"), particles stay in the family name."""

from __future__ import annotations

import re

from kosi_checkin.domain.name_parts import PARTICLES, RANKS, is_salutation, is_title
from kosi_checkin.domain.values import dataclass


@dataclass(frozen=True)
class Name:
    title: str = ""
    first: str = ""
    last: str = ""
    salutation: str = ""


def _words(text: str) -> list[str]:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().split(" ") if text.strip() else []


def take_titles(text: str) -> tuple[list[str], list[str], str]:
    """(titles, the other words, salutation) of a name part: titles and a salutation are taken
    from anywhere in it ("Dr. Anna", "Anna Müller M.A.", "Frau Prof. Dr. Weiß")."""
    titles: list[str] = []
    salutation = ""
    rest: list[str] = []
    for word in _words(text):
        bare = word.rstrip(",")
        if is_title(bare):
            titles.append(bare)
        elif is_salutation(bare) and not salutation and not rest:
            salutation = bare
        elif bare:
            rest.append(bare)
    return titles, rest, salutation


def parse_name(text: str) -> Name:
    """Title, first and last name of a full-name cell."""
    text = " ".join(_words(text))
    if not text:
        return Name()
    if "," in text:
        family, _sep, given = text.partition(",")
        family_titles, family_words, salutation_a = take_titles(family)
        given_titles, given_words, salutation_b = take_titles(given)
        if family_words and given_words:
            return Name(" ".join(given_titles + family_titles), " ".join(given_words), " ".join(family_words),
                        salutation_a or salutation_b)
    titles, words, salutation = take_titles(text)
    if not words:
        return Name(" ".join(titles), "", "", salutation)
    if len(words) == 1:
        return Name(" ".join(titles), "", words[0], salutation)
    start = len(words) - 1
    for i in range(1, len(words) - 1):
        low = words[i].lower()
        if low in RANKS or low in PARTICLES:
            start = i
            break
    return Name(" ".join(titles), " ".join(words[:start]), " ".join(words[start:]), salutation)


def split_full_name(text: str) -> tuple[str, str, str]:
    """(title, first_name, last_name) of a full-name cell (the salutation dropped)."""
    name = parse_name(text)
    return name.title, name.first, name.last


def clean_part(text: str) -> Name:
    """A first-name or last-name cell with its titles and salutation taken out."""
    titles, words, salutation = take_titles(text)
    return Name(" ".join(titles), " ".join(words), "", salutation)
