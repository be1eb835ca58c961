"""Split a single full-name cell into title, first name and last name."""

from __future__ import annotations

import re

# Academic and professional titles that precede a name (compared without case).
_TITLES = (
    "prof.", "prof", "dr.", "dr", "dr.-ing.", "dr.-ing", "dr. med.", "med.", "rer.", "nat.", "phil.",
    "habil.", "dipl.-ing.", "dipl.-ing", "dipl.-kfm.", "dipl.-kffr.", "dipl.-päd.", "dipl.-soz.", "dipl.",
    "ing.", "mag.", "pd", "apl.", "h.c.", "em.", "m.a.", "b.a.", "m.sc.", "b.sc.", "mba", "llm", "ll.m.",
)
# Salutations that are not part of a name.
_SALUTATIONS = ("herr", "frau", "hr.", "fr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.", "divers")
# Words that start a family name ("von der Beck", "van der Berg", "de la Cruz").
_PARTICLES = (
    "von", "van", "vom", "zu", "zum", "zur", "de", "der", "den", "del", "della", "di", "da", "dos", "das",
    "du", "des", "la", "le", "ten", "ter", "op", "'t", "al", "el", "bin", "ibn", "mac",
)
# German nobility ranks are part of the family name: "Freifrau von Hohenstein".
_RANKS = ("freiherr", "freifrau", "freiin", "graf", "gräfin", "prinz", "prinzessin", "baron", "baronin", "edler", "ritter")


def _leading_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Academic titles from the front of a name (salutations dropped) and the rest."""
    titles: list[str] = []
    while words and (words[0].lower() in _TITLES or words[0].lower() in _SALUTATIONS):
        word = words.pop(0)
        if word.lower() not in _SALUTATIONS:
            titles.append(word)
    return titles, [w for w in words if w]


def split_full_name(text: str) -> tuple[str, str, str]:
    """(title, first_name, last_name) of "Prof. Dr. Anna von der Heide" or "Heide, Anna"."""
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    if not text:
        return "", "", ""
    if "," in text:
        family, _sep, given = text.partition(",")
        titles, words = _leading_titles(given.strip().split(" "))
        if words and family.strip():
            return " ".join(titles), " ".join(words), family.strip()
    titles, words = _leading_titles(text.split(" "))
    if not words:
        return " ".join(titles), "", ""
    if len(words) == 1:
        return " ".join(titles), "", words[0]
    start = len(words) - 1
    for i in range(1, len(words) - 1):
        low = words[i].lower()
        if low in _RANKS or low in _PARTICLES:
            start = i
            break
    return " ".join(titles), " ".join(words[:start]), " ".join(words[start:])
