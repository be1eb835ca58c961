"""Fold text so that case, accents and German transliterations compare equal.

``fold("Müller") == fold("Mueller") == fold("Muller")`` and ``fold("Çelik") == fold("Celik")``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose into base letter + accent.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "\u00a0": " ",
    }
)
# German transliterations: after removing accents, "ue" and "u" are the same letter.
_UMLAUT_PAIRS = re.compile(r"([aou])e")
_SPACES = re.compile(r"\s+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    """Lower case, accents removed, special letters spelled out; spaces collapsed."""
    if text.isascii():
        return " ".join(text.lower().split())
    text = text.translate(_SPECIAL)
    base = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    if not base.isascii():  # rarer marks outside the common blocks
        base = "".join(ch for ch in base if not unicodedata.combining(ch))
    return " ".join(base.casefold().split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A search key: accents removed and German umlaut spellings merged (ae -> a, oe -> o,
    ue -> u), so Müller, Mueller and Muller all give ``muller``."""
    return _UMLAUT_PAIRS.sub(r"\1", strip_accents(text))


def words(text: str) -> list[str]:
    """The folded alphanumeric words of a text."""
    return re.findall(r"[a-z0-9]+", fold(text))
