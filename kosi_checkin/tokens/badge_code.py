"""Badge codes: event prefix, attendee id and a MAC made with the event's secret.

    PPP IIIIIIIII MMMMMMMM     3 + 9 + 8 = 20 characters, digits and A–X without I and O

The MAC is HMAC-SHA256 over prefix and id, truncated to 40 bits: a code cannot be guessed or
altered (one guess in a trillion), and a code of another event (another prefix) is recognised as
such. No Y, Z or punctuation (which swap or change between German and US keyboard layouts), so
a scanner set to either layout types the same code; read case-insensitively; fits QR
alphanumeric mode.
"""

from __future__ import annotations

import enum
import re
from functools import cache

from kosi_checkin.domain.ids import ID_ALPHABET, ID_LENGTH
from kosi_checkin.domain.model import AttendeeId
from kosi_checkin.domain.values import dataclass
from kosi_checkin.tokens.normalize import letters_and_digits

PREFIX_LENGTH = 3
MAC_LENGTH = 8  # 40 bits
CODE_LENGTH = PREFIX_LENGTH + ID_LENGTH + MAC_LENGTH
_TO_ALPHABET = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", ID_ALPHABET.encode("ascii"))


@cache
def _shape() -> re.Pattern[str]:
    """A badge code's shape, compiled when a scan is first read (`code` writes one and reads none)."""
    return re.compile(f"[{ID_ALPHABET}]{{{CODE_LENGTH}}}")


class CodeKind(enum.Enum):
    VALID = "valid"  # ours, MAC correct
    ALTERED = "altered"  # our prefix, MAC wrong: mistyped, damaged or forged
    FOREIGN = "foreign"  # the shape of a badge code, another event's prefix
    NOT_BADGE = "not-badge"  # not shaped like a badge code at all (maybe a ticket code)


@dataclass(frozen=True)
class Decoded:
    kind: CodeKind
    attendee_id: AttendeeId | None = None


class BadgeCodec:
    def __init__(self, prefix: str, secret: str) -> None:
        if len(prefix) != PREFIX_LENGTH or any(c not in ID_ALPHABET for c in prefix):
            raise ValueError(f"bad badge code prefix {prefix!r}")
        self.prefix = prefix
        self._key = bytes.fromhex(secret)

    def _mac(self, attendee_id: str) -> str:
        # loaded here: OpenSSL's hashlib takes 3 ms to load, and a check-in by id or a scan of a
        # ticket code computes no MAC
        import base64
        import hashlib
        import hmac

        digest = hmac.new(self._key, (self.prefix + attendee_id).encode("ascii"), hashlib.sha256).digest()
        return base64.b32encode(digest[:5]).translate(_TO_ALPHABET).decode("ascii")

    def encode(self, attendee_id: str) -> str:
        return self.prefix + attendee_id + self._mac(attendee_id)

    def decode(self, text: str) -> Decoded:
        """What a scanned text is. Case, surrounding punctuation and spaces do not matter."""
        code = letters_and_digits(text).upper()
        if not _shape().fullmatch(code):
            return Decoded(CodeKind.NOT_BADGE)
        prefix, attendee_id, mac = code[:PREFIX_LENGTH], code[PREFIX_LENGTH:-MAC_LENGTH], code[-MAC_LENGTH:]
        if prefix != self.prefix:
            return Decoded(CodeKind.FOREIGN)
        expected = self._mac(attendee_id)
        import hmac  # loaded by _mac

        if not hmac.compare_digest(mac, expected):
            return Decoded(CodeKind.ALTERED)
        return Decoded(CodeKind.VALID, AttendeeId(attendee_id))

    def looks_like_badge(self, text: str) -> bool:
        return bool(_shape().fullmatch(letters_and_digits(text).upper()))
