"""The parts of a person's name that are not the name itself: academic titles, salutations, and
the particles that start a family name ("von", "van der", "de la"). Plain data and pure rules."""

from __future__ import annotations

# Academic and professional titles (compared without case).
TITLES = frozenset({
    "prof.", "prof", "professor", "professorin", "dr.", "dr", "dr.-ing.", "dr.-ing", "dr. med.", "med.", "rer.",
    "nat.", "pol.", "oec.", "soc.", "phil.", "jur.", "theol.", "habil.", "dipl.-ing.", "dipl.-ing", "dipl.-kfm.",
    "dipl.-kffr.", "dipl.-päd.", "dipl.-soz.", "dipl.-psych.", "dipl.-volksw.", "dipl.-geogr.", "dipl.", "ing.",
    "mag.", "pd", "apl.", "h.c.", "e.h.", "em.", "jun.-prof.", "m.a.", "b.a.", "m.sc.", "b.sc.", "m.eng.", "b.eng.",
    "mba", "llm", "ll.m.", "ph.d.", "phd", "dphil", "dr.in", "dr.-in",
})
# Salutations: kept as the guest's "Anrede", never in the name.
SALUTATIONS = frozenset({
    "herr", "herrn", "frau", "hr.", "fr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "divers",
    "m.", "mme", "mme.", "sir", "madam",
})
# Words that start a family name ("von der Beck", "van der Berg", "de la Cruz").
PARTICLES = frozenset({
    "von", "van", "vom", "zu", "zum", "zur", "de", "der", "den", "del", "della", "di", "da", "dos", "das", "du",
    "des", "la", "le", "ten", "ter", "op", "'t", "al", "el", "bin", "ibn", "mac", "y",
})
# German nobility ranks are part of the family name: "Freifrau von Hohenstein".
RANKS = frozenset({"freiherr", "freifrau", "freiin", "graf", "gräfin", "prinz", "prinzessin", "baron", "baronin",
                   "edler", "ritter"})


def is_title(word: str) -> bool:
    return word.lower() in TITLES


def is_salutation(word: str) -> bool:
    return word.lower().rstrip(",") in SALUTATIONS


def sortable_surname(last_name: str) -> str:
    """The family name as lists sort it (DIN 5007-2): "von Bülow" under B, "van der Berg" under B,
    "Freifrau von Hohenstein" under H."""
    words = last_name.split()
    while len(words) > 1 and (words[0].lower() in PARTICLES or words[0].lower() in RANKS):
        words.pop(0)
    return " ".join(words)
