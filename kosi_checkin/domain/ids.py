"""Attendee ids: random, short, scanner-safe strings that two desks can make at once
without clashing, and that are never reused."""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable

from kosi_checkin.domain.model import AttendeeId

# Digits and A-X without I and O (easily confused with 1 and 0); no Y/Z, which
# swap between German and US keyboard layouts. 32 symbols = 5 bits each.
ID_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWX"
ID_LENGTH = 9  # 45 bits: two desks making 10,000 ids each clash with odds ~ 1e-6


def new_attendee_id(
    taken: Callable[[str], bool] = lambda _id: False, rng: random.Random | None = None
) -> AttendeeId:
    """A fresh id; ``taken`` says whether an id is in use or was ever used. ``rng`` makes
    ids reproducible (the demo event); by default they come from the OS's secure source."""
    bits = 5 * ID_LENGTH
    while True:
        number = rng.getrandbits(bits) if rng is not None else secrets.randbits(bits)
        candidate = "".join(ID_ALPHABET[(number >> (5 * i)) & 31] for i in range(ID_LENGTH))
        if not taken(candidate):
            return AttendeeId(candidate)
