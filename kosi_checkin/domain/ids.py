"""Attendee ids: random, short, scanner-safe strings that two desks can make at once
without clashing, and that are never reused."""

from __future__ import annotations

import os
from collections.abc import Callable

from kosi_checkin.domain.model import AttendeeId

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    import random  # only named in annotations: a command that makes no id does not load it

# Digits and A-X without I and O (easily confused with 1 and 0); no Y/Z, which
# swap between German and US keyboard layouts. 32 symbols = 5 bits each.
ID_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWX"
ID_LENGTH = 9  # 45 bits: two desks making 10,000 ids each clash with odds ~ 1e-6
_SHIFT = 80 - 5 * ID_LENGTH
_TO_ALPHABET = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", ID_ALPHABET.encode("ascii"))
_SYMBOL_OF_BYTE = bytes(ord(ID_ALPHABET[b % 32]) for b in range(256))


def new_attendee_id(
    taken: Callable[[str], bool] = lambda _id: False, rng: random.Random | None = None
) -> AttendeeId:
    """A fresh id; ``taken`` says whether an id is in use or was ever used. ``rng`` makes
    ids reproducible (the demo event); by default they come from the OS's secure source."""
    return new_attendee_ids(1, taken, rng)[0]


def new_attendee_ids(
    count: int, taken: Callable[[str], bool] = lambda _id: False, rng: random.Random | None = None
) -> list[AttendeeId]:
    """``count`` fresh, distinct ids. The OS's random source is read once for all of them
    (one read per id would cost ~15 µs each, noticeable in a 10,000-row import)."""
    ids: list[AttendeeId] = []
    made: set[str] = set()
    while len(ids) < count:
        wanted = count - len(ids)
        for candidate in (_seeded(rng, wanted) if rng is not None else _fresh(wanted)):
            if candidate not in made and not taken(candidate):
                made.add(candidate)
                ids.append(AttendeeId(candidate))
    return ids


def _fresh(count: int) -> list[str]:
    """``count`` ids from the OS's secure source: one byte per symbol (256 = 8 × 32, so each
    symbol is equally likely), mapped by one ``bytes.translate``."""
    letters = os.urandom(ID_LENGTH * count).translate(_SYMBOL_OF_BYTE).decode("ascii")
    return [letters[k : k + ID_LENGTH] for k in range(0, len(letters), ID_LENGTH)]


def _seeded(rng: random.Random, count: int) -> list[str]:
    """``count`` ids from ``rng`` (the demo event's ids, the same in every version): base32 of
    each number, most significant group first, mapped to our alphabet and reversed, so that
    character i holds bits 5i..5i+4. Ten bytes are sixteen base32 letters: the numbers are
    encoded in one go and cut apart."""
    import base64  # the demo alone needs it

    numbers = [rng.getrandbits(5 * ID_LENGTH) for _ in range(count)]
    blocks = b"".join((number << _SHIFT).to_bytes(10, "big") for number in numbers)
    letters = base64.b32encode(blocks).translate(_TO_ALPHABET).decode("ascii")
    return [letters[16 * k : 16 * k + ID_LENGTH][::-1] for k in range(count)]


def new_uuid() -> str:
    """A random (version 4) UUID as text, what ``str(uuid.uuid4())`` gives: the uuid module
    loads platform at import (4 ms of a check-in command that takes ~60 ms beyond a bare start).
    tests/checkin/test_attendee_ids.py checks the form against uuid.UUID."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
