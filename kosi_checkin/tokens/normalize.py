"""One normalised form for codes typed by a scanner or imported from a ticketing tool.

USB scanners at German desks are often set to a US layout (or the reverse): Y and Z swap and
punctuation turns into other punctuation (a "-" can arrive as "ß"). So codes compare upper case,
without anything but ASCII letters and digits, with Z read as Y.
"""

from __future__ import annotations

import re

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")  # before upper-casing: "ß".upper() would be "SS"


def normalize_code(text: str) -> str:
    return _NOT_ALNUM.sub("", text).upper().replace("Z", "Y")
