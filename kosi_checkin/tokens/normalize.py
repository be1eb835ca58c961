"""One normalised form for codes typed by a scanner or imported from a ticketing tool.

USB scanners at German desks are often set to a US layout (or the reverse): Y and Z swap and
punctuation turns into other punctuation (a "-" can arrive as "ß"). So codes compare upper case,
without anything but ASCII letters and digits, with Z read as Y.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _not_letter_or_digit() -> re.Pattern[str]:
    """Compiled when first asked: a command that reads no code need not (the patterns of a
    start compiled at import took 0.7 ms)."""
    return re.compile(r"[^A-Za-z0-9]")


def letters_and_digits(text: str) -> str:
    """Only the ASCII letters and digits of ``text`` (taken before upper-casing: "ß".upper() is "SS")."""
    return _not_letter_or_digit().sub("", text)


def normalize_code(text: str) -> str:
    return letters_and_digits(text).upper().replace("Z", "Y")
