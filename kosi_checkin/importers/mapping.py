"""Which column means what: inferred from headers and values, corrected with --map or in
the import dialog."""

from __future__ import annotations

import re

from kosi_checkin.domain.errors import UsageError
from kosi_checkin.domain.model import Event, SessionId
from kosi_checkin.domain.values import dataclass, replace
from kosi_checkin.i18n import _
from kosi_checkin.importers.matching import SessionMatcher
from kosi_checkin.importers.vocabulary import (
    FIELDS,
    clean_header,
    header_field,
    header_variants,
    is_free_text_header,
    mark_value,
)

# Roles a column can have besides the canonical fields.
SESSIONS = "sessions"  # a mark column (with ``session``) or a choice column (without)
FULL_NAME = "full_name"
STATUS = "status"
EXTRA = "extra"  # kept as an extra field, shown in the guest's details
IGNORE = "ignore"
ROLES = (*FIELDS, FULL_NAME, SESSIONS, STATUS, EXTRA, IGNORE)

_EMAIL = re.compile(r"^\s*(?:mailto:)?[^@\s]+@[^@\s]+\.[^@\s]+\s*$", re.IGNORECASE)
_MIN_CHOICE_SHARE = 0.8
_MIN_MARK_SHARE = 0.9  # of a column's filled cells; the odd ones are reported row by row
_MAX_CHOICE_VALUES = 40


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    field: str  # one of ROLES
    session: SessionId | None = None  # for a mark column
    group: str = ""  # the id of the session group a choice column picks from ("Arbeitsforum": A/B/C)

    def as_json(self) -> dict[str, object]:
        field = self.field if self.field not in (EXTRA, IGNORE, STATUS, FULL_NAME) else None
        data: dict[str, object] = {"index": self.index, "header": self.header, "field": field}
        if self.session:
            data["session"] = self.session
        if self.group:
            data["group"] = self.group
        if self.field in (EXTRA, IGNORE, STATUS, FULL_NAME):
            data["role"] = self.field
        return data


def _values(rows: list[list[str]], index: int) -> list[str]:
    return [row[index].strip() for row in rows if index < len(row) and row[index].strip()]


def infer_columns(headers: list[str], rows: list[list[str]], event: Event, sessions: SessionMatcher) -> list[Column]:
    """One Column per header: the best canonical field for each, session columns, extras."""
    columns: list[Column] = []
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, index)
    for i, header in enumerate(headers):
        hit = header_field(header)
        if hit and not is_free_text_header(header):
            name, rank = hit
            if name not in best or rank < best[name][0]:
                best[name] = (rank, i)
    booker = 1000 // 2  # ranks from here on are the booker's columns (vocabulary._ROLE_RANK)
    if {"first_name", "last_name"} <= best.keys() and (best["first_name"][0] < booker) != (best["last_name"][0] < booker):
        best.pop("first_name" if best["first_name"][0] >= booker else "last_name")  # never half the booker's name
    parts = [best[f][0] for f in ("first_name", "last_name") if f in best]
    if parts and min(parts) >= booker and FULL_NAME in best and best[FULL_NAME][0] < booker:
        for name in ("first_name", "last_name"):  # the booker's name parts beside the attendee's full name
            best.pop(name, None)
    chosen = {index: name for name, (_rank, index) in best.items()}
    has_parts = "first_name" in chosen.values() or "last_name" in chosen.values()
    for i, header in enumerate(headers):
        field: str | None = chosen.get(i)
        if field == FULL_NAME and has_parts:
            field = None
        if field is None and "name" in header_variants(clean_header(header)) and "first_name" in chosen.values() \
                and "last_name" not in chosen.values():
            field = "last_name"  # "Vorname" + "Name" as in office lists
        if field is not None:
            columns.append(Column(i, header, field))
            continue
        columns.append(_session_or_extra(i, header, _values(rows, i), sessions))
    if not any(c.field in ("first_name", "last_name", FULL_NAME) for c in columns):
        columns = _names_by_shape(columns, rows)  # no header names a name: a column of names does
    if not any(c.field == "email" for c in columns):  # no header says e-mail: a column of addresses does
        for n, column in enumerate(columns):
            values = _values(rows, column.index) if column.field == EXTRA else []
            if values and sum(1 for v in values if _EMAIL.match(v)) >= _MIN_CHOICE_SHARE * len(values):
                columns[n] = replace(column, field="email")
                break
    return columns


_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|von|van|de|der|den|zu|zur|vom|la|le|di|da|del|ten|ter)$")


def looks_like_a_name(text: str) -> bool:
    """"Anna Becker", "Becker, Anna", "Prof. Dr. Hans-Georg von Bülow": two to six words, each
    capitalised (or a name particle), no digits, no address."""
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 6 or any(c.isdigit() or c in "@/:;()" for c in text):
        return False
    return all(_NAME_WORD.match(w) for w in words)


def _names_by_shape(columns: list[Column], rows: list[list[str]]) -> list[Column]:
    best: tuple[float, int] | None = None
    for n, column in enumerate(columns):
        if column.field != EXTRA or is_free_text_header(column.header):
            continue
        values = _values(rows, column.index)
        if len(values) < 2:
            continue
        share = sum(1 for v in values if looks_like_a_name(v)) / len(values)
        distinct = len(set(values)) / len(values)  # names differ from row to row; a ticket type does not
        if share >= _MIN_CHOICE_SHARE and distinct >= 0.8 and (best is None or share > best[0]):
            best = (share, n)
    if best is not None:
        columns = list(columns)
        columns[best[1]] = replace(columns[best[1]], field=FULL_NAME)
    return columns


def _session_or_extra(index: int, header: str, values: list[str], sessions: SessionMatcher) -> Column:
    if not header.strip() and not values:
        return Column(index, header, IGNORE)
    if is_free_text_header(header) or not values:
        return Column(index, header, EXTRA)
    named = sessions.header_session(header)
    marks = sum(1 for v in values if mark_value(v) is not None)
    if named is not None and marks >= _MIN_MARK_SHARE * len(values):
        return Column(index, header, SESSIONS, session=named)
    distinct = sorted(set(values))
    if len(distinct) > _MAX_CHOICE_VALUES:
        return Column(index, header, EXTRA)
    label = sessions.group_label_of_header(header)
    if label is None:  # no group named: a column of one group's letters or numbers still is its choice
        label = sessions.group_by_values(distinct)
    group = sessions.group_letters(sessions.group_ids[label]) if label else None
    resolved = {v: sessions.mentions(v, group) for v in distinct}
    known = sum(1 for v in values if resolved[v] is not None)
    if any(resolved.values()) and known >= _MIN_CHOICE_SHARE * len(values):
        return Column(index, header, SESSIONS, group=sessions.group_ids[label] if label else "")
    return Column(index, header, EXTRA)


def find_header(headers: list[str], name: str) -> int:
    """Column index for ``--map`` text: ``#N`` (1-based) or a header, exact or folded."""
    name = name.strip()
    if name.startswith("#") and name[1:].isdigit():
        index = int(name[1:]) - 1
        if 0 <= index < len(headers):
            return index
        raise UsageError(_("There is no column {name}; the file has {n} columns.").format(name=name, n=len(headers)))
    for i, header in enumerate(headers):
        if header.strip() == name:
            return i
    for i, header in enumerate(headers):
        if clean_header(header) == clean_header(name):
            return i
    raise UsageError(
        _("No column is headed {name!r}; the headers are: {headers}.").format(
            name=name, headers=", ".join(repr(h) for h in headers if h.strip())
        )
    )


GROUP_PREFIX = "group:"  # a choice column of a session group: its letters, numbers or names


def parse_override(text: str, event: Event) -> tuple[str, SessionId | None, str]:
    """``FIELD=HEADER``, ``session:ID=HEADER`` or ``group:GROUP_ID=HEADER`` -> (field, session,
    header); a group's field is "group:GROUP_ID"."""
    field, sep, header = text.partition("=")
    field = field.strip()
    if not sep or not field or not header.strip():
        raise UsageError(_("--map takes FIELD=HEADER, e.g. email=\"E-Mail\" or session:podium=\"Podium (x)\"; got {text!r}.").format(text=text))
    if field.startswith("session:"):
        sid = field.split(":", 1)[1]
        if sid not in event.session_ids:
            raise UsageError(
                _("Unknown session {id!r}; the sessions are: {ids}.").format(id=sid, ids=", ".join(event.session_ids))
            )
        return SESSIONS, SessionId(sid), header
    if field.startswith(GROUP_PREFIX):
        gid = field.split(":", 1)[1]
        if gid not in [g.id for g in event.groups]:
            raise UsageError(_("Unknown session group {id!r}; the groups are: {ids}.").format(
                id=gid, ids=", ".join(g.id for g in event.groups) or "—"))
        return field, None, header
    if field not in ROLES:
        raise UsageError(_("Unknown field {field!r}; choose one of: {fields}.").format(field=field, fields=", ".join(ROLES)))
    return field, None, header


def apply_overrides(columns: list[Column], overrides: list[tuple[str, SessionId | None, int]], sessions: SessionMatcher) -> list[Column]:
    """Put the user's choices over the inferred ones; a field given to a column by hand is
    taken from any other column that had it."""
    result = list(columns)
    for field, session, index in overrides:
        single = field in FIELDS or field in (FULL_NAME, STATUS)
        if single:
            result = [replace(c, field=EXTRA, session=None) if c.field == field and c.index != index else c for c in result]
        result[index] = choose(result[index], field, session, sessions)
    return result


def choose(column: Column, field: str, session: SessionId | None, sessions: SessionMatcher) -> Column:
    """A column given a role by hand (``group:ID`` for a group's letters)."""
    if field.startswith(GROUP_PREFIX):
        return replace(column, field=SESSIONS, session=None, group=field.split(":", 1)[1])
    group = ""
    if field == SESSIONS and session is None:
        label = sessions.group_label_of_header(column.header)
        group = sessions.group_ids[label] if label else ""
    return replace(column, field=field, session=session, group=group)
