"""The organiser PIN: set per event, kept in the event file only as a salted hash made with a
slow key derivation (scrypt, from the standard library). Wrong PINs are rate-limited: after three
in a row each further try waits longer (5 s, 10 s, 20 s … up to 5 minutes).

The PIN locks the window, not the file: the file is not encrypted."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import time
from collections.abc import Callable

from kosi_checkin.domain.errors import UsageError
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import EventRepository
from kosi_checkin.trust.audit import PIN, AuditLog

KEY = "organiser_pin"
N, R, P = 2**14, 8, 1  # scrypt cost: about 50 ms here, 16 MB of memory per try
FREE_TRIES = 3
MAX_WAIT = 300.0


def _derive(pin: str, salt: bytes, n: int = N, r: int = R, p: int = P) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    return f"scrypt${N}${R}${P}${salt.hex()}${_derive(pin, salt).hex()}"


def check_hash(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        return hmac.compare_digest(_derive(pin, bytes.fromhex(salt), int(n), int(r), int(p)), bytes.fromhex(digest))
    except (ValueError, TypeError):
        return False


def valid_pin(pin: str) -> None:
    if len(pin) < 4 or not pin.isdigit():
        raise UsageError(_("A PIN has at least 4 digits (and only digits)."))


def has_pin(conn: sqlite3.Connection) -> bool:
    return bool(EventRepository(conn).meta(KEY))


def set_pin(conn: sqlite3.Connection, pin: str | None, who: str = "") -> None:
    """Set (or with None remove) the event's organiser PIN."""
    if pin is not None:
        valid_pin(pin)
    with transaction(conn):
        EventRepository(conn).set_meta(KEY, hash_pin(pin) if pin is not None else "")
        AuditLog(conn).add(PIN, "set" if pin is not None else "removed", who)


@dataclass(frozen=True)
class Attempt:
    ok: bool
    wait: float = 0.0  # seconds before the next try is taken


class PinGate:
    """Checks PINs against the event's hash, with the rate limit (kept for the app's run)."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], float] = time.monotonic) -> None:
        self.conn = conn
        self.clock = clock
        self.failures = 0
        self.blocked_until = 0.0

    @property
    def open(self) -> bool:
        """No PIN set: organiser mode needs none (the demo)."""
        return not has_pin(self.conn)

    def wait(self) -> float:
        return max(0.0, self.blocked_until - self.clock())

    def try_pin(self, pin: str) -> Attempt:
        if self.open:
            return Attempt(True)
        if self.wait() > 0:
            return Attempt(False, self.wait())
        if check_hash(pin, EventRepository(self.conn).meta(KEY)):
            self.failures = 0
            return Attempt(True)
        self.failures += 1
        if self.failures >= FREE_TRIES:
            self.blocked_until = self.clock() + min(MAX_WAIT, 5.0 * 2 ** (self.failures - FREE_TRIES))
        return Attempt(False, self.wait())
