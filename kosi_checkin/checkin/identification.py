"""Who a scanned text names, pure: a ticket or order code imported with the list, or a badge
code (checked against the event's secret). Plain data in, a decision out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kosi_checkin.checkin.answers import Kind
from kosi_checkin.domain.model import Attendee, AttendeeId
from kosi_checkin.domain.values import dataclass
from kosi_checkin.tokens.badge_code import BadgeCodec, CodeKind
from kosi_checkin.tokens.normalize import normalize_code


@dataclass(frozen=True)
class Found:
    guest: Attendee


@dataclass(frozen=True)
class Several:
    """A code shared by several guests (a group's order code): pick one."""

    guests: tuple[Attendee, ...]


@dataclass(frozen=True)
class Refused:
    kind: Kind  # UNKNOWN, ALTERED or FOREIGN
    text: str  # what was scanned, printable


Identified = Found | Several | Refused


def identify(text: str, codes: Mapping[str, Sequence[AttendeeId]], guests: Mapping[AttendeeId, Attendee],
             codec: BadgeCodec) -> Identified:
    code = normalize_code(text)
    holders = codes.get(code, []) if code else []
    if len(holders) == 1 and holders[0] in guests:
        return Found(guests[holders[0]])
    if len(holders) > 1:
        return Several(tuple(sorted((guests[h] for h in holders if h in guests), key=lambda a: a.sort_key)))
    decoded = codec.decode(text)
    if decoded.kind is CodeKind.VALID and decoded.attendee_id in guests:
        assert decoded.attendee_id is not None
        return Found(guests[decoded.attendee_id])
    clean = "".join(c if c.isprintable() else "?" for c in text)
    if decoded.kind is CodeKind.FOREIGN:
        return Refused(Kind.FOREIGN, clean)
    if decoded.kind is CodeKind.ALTERED:
        return Refused(Kind.ALTERED, clean)
    return Refused(Kind.UNKNOWN, clean)


def _token(text: str) -> str | None:
    """The text as one token (surrounding blanks dropped), or None when it has none or several."""
    stripped = text.strip()
    return stripped if stripped and not any(c.isspace() for c in stripped) else None


def names_a_code(text: str, codes: Mapping[str, object], codec: BadgeCodec) -> bool:
    """Whether text typed by hand (slowly, then Enter) is meant as a code: a known ticket
    code or the shape of a badge code. Unlike a fast burst, no guess from the look of it."""
    token = _token(text)
    return token is not None and (normalize_code(token) in codes or codec.looks_like_badge(token))


def reads_as_code(text: str, codes: Mapping[str, object], codec: BadgeCodec) -> bool:
    """Whether a fast burst of keys is a code (else it was someone typing quickly): what
    ``names_a_code`` takes, or a token of at least 6 letters/digits with a digit in it."""
    token = _token(text)
    if token is None:
        return False
    if names_a_code(token, codes, codec):
        return True
    code = normalize_code(token)
    return len(code) >= 6 and any(c.isdigit() for c in code)
