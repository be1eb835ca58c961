"""Fold text so that case, accents and German transliterations compare equal.

``fold("Müller") == fold("Mueller") == fold("Muller")`` and ``fold("Çelik") == fold("Celik")``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

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
# the combining marks of the common blocks, to delete with str.translate (a pattern compiled at
# import took a command's start 0.2 ms)
_COMBINING = dict.fromkeys([*range(0x0300, 0x0370), *range(0x1AB0, 0x1B00), *range(0x1DC0, 0x1E00),
                            *range(0x20D0, 0x2100), *range(0xFE20, 0xFE30)])


def merge_umlauts(text: str) -> str:
    """German transliterations merged: after removing accents, "ue" and "u" are the same letter.
    ``ae``, ``oe``, ``ue`` -> ``a``, ``o``, ``u``: what ``re.sub(r"([aou])e", r"\\1", text)`` gives,
    16 times faster (a template substitution is a Python call into ``re`` each time, and an
    import of it once PySide6 hooks ``__import__``: opening 100,000 guests in the main window
    took 4.0 s with it, 3.2 s without)."""
    return text.replace("ae", "a").replace("oe", "o").replace("ue", "u")


@lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    """Lower case, accents removed, special letters spelled out; spaces collapsed."""
    if text.isascii():
        return " ".join(text.lower().split())
    text = text.translate(_SPECIAL)
    base = unicodedata.normalize("NFKD", text).translate(_COMBINING)
    if not base.isascii():  # rarer marks outside the common blocks
        base = "".join(ch for ch in base if not unicodedata.combining(ch))
    return " ".join(base.casefold().split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A search key: accents removed and German umlaut spellings merged (ae -> a, oe -> o,
    ue -> u), so Müller, Mueller and Muller all give ``muller``."""
    return merge_umlauts(strip_accents(text))


def fold_words(parts: Iterable[str]) -> str:
    """``fold(" ".join(parts))``, each part folded on its own: a list's first names,
    organisations and family names repeat and come from the cache, where the whole text of a
    guest is new each time (the main window folded 100,000 of them in 0.85 s, now 0.39 s)."""
    return " ".join(filter(None, map(fold, parts)))


_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "s", "ẞ": "s"})


@lru_cache(maxsize=65536)
def spelled(text: str) -> str:
    """A second search key: umlauts spelled out (ä -> ae), ß as one letter, other accents removed,
    no merging. "Schäfer" and "Schaefer" give ``schaefer``: a typo in that spelling stays one
    edit away ("Schäer" -> ``schaeer``), where ``fold`` makes it two ("schar")."""
    return strip_accents(text.translate(_SPELLED))


@cache
def _words() -> Callable[[str], list[str]]:
    """The words of a folded text, compiled when first asked (a command that searches no name need not)."""
    return re.compile(r"[a-z0-9]+").findall


@lru_cache(maxsize=1 << 17)
def word_keys(text: str) -> tuple[tuple[str, ...], ...]:
    """Each word of a text under its search keys, ``fold``'s first, then those that differ from
    it: accents removed without merging ("Krüert" -> ``kruert``, where ``fold`` gives ``krurt``)
    and ``spelled``. A typo of any of a name's spellings is one edit from one of its keys."""
    words = _words()
    if text.isascii():  # most names and every e-mail address: no accents to remove or spell out
        lower = text.lower()
        plain = other = words(lower)
        merged = merge_umlauts(lower)
        if merged == lower:
            return tuple((w,) for w in plain)
        folded = words(merged)
    else:
        folded = words(fold(text))
        plain, other = words(strip_accents(text)), words(spelled(text))
    if not len(folded) == len(plain) == len(other):  # a letter that splits words differently
        return tuple((w,) for w in folded)
    return tuple(tuple(dict.fromkeys(keys)) for keys in zip(folded, plain, other))
