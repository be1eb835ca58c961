"""Turn the rows of a mapped table into people: names split, sessions and sectors matched,
cancelled registrations set aside, duplicates merged, unreadable rows reported."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from itertools import filterfalse, repeat
from operator import itemgetter

from kosi_checkin.domain.folding import fold, strip_accents
from kosi_checkin.domain.model import Event, SessionId
from kosi_checkin.domain.values import dataclass, field
from kosi_checkin.i18n import _
from kosi_checkin.importers.mapping import EXTRA, FULL_NAME, IGNORE, SESSIONS, STATUS, Column
from kosi_checkin.importers.matching import CategoryMatcher, SectorMatcher, SessionMatcher
from kosi_checkin.importers.names import clean_part, parse_name
from kosi_checkin.importers.row_kinds import RowKinds
from kosi_checkin.importers.vocabulary import EXCLUDED_STATUS, mark_value

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TEXT_FIELDS = ("first_name", "last_name", "title", "organisation", "sector", "email", "category", "door_note")
SALUTATION = "Anrede"  # the extra field a salutation found in a name goes to


def clean(text: str) -> str:
    """Surrounding white space (including non-breaking spaces) removed, inner runs collapsed."""
    return " ".join(text.split()) if text else ""  # str.split() also splits on U+00A0 and other Unicode spaces


@dataclass
class Person:
    rows: list[int]
    values: dict[str, str]  # canonical text fields present in the file
    sessions: set[SessionId] = field(default_factory=set)
    codes: dict[str, str] = field(default_factory=dict)  # raw code -> "ticket" | "order"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.values.get("first_name", ""), self.values.get("last_name", "")) if p)

    @property
    def key(self) -> str:
        return email_key(self.values.get("email", "")) or "name:" + fold(self.name) + "|" + fold(
            self.values.get("organisation", ""))


def email_key(email: str) -> str:
    """A person known by an e-mail address: the part of ``Person.key`` it gives ("" without one)."""
    return "email:" + email if email else ""


@dataclass
class Problem:
    row: int | None
    column: str | None
    message: str

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Extraction:
    people: list[Person]
    problems: list[Problem]
    excluded: list[dict[str, object]]
    duplicates: list[dict[str, object]]
    data_rows: int
    present_fields: set[str]


def _email(text: str) -> str:
    value = "".join(text.split()).lower()  # white space of any kind out (clean(), then its spaces)
    if value.startswith("mailto:"):
        value = value[7:]
    return "" if value in _NO_ADDRESS else value


_NO_ADDRESS = frozenset({"anonymous", "anonym", "-"})


def _emails(cells: list[str]) -> tuple[list[str], set[str]]:
    """``_email`` of each cell, and those of the results that are no e-mail address: by C-level
    calls over the column (addresses are all distinct; a Python call per cell took 2 µs each)."""
    found = list(map(str.lower, map("".join, map(str.split, cells))))  # as _email: white space out, lower case
    distinct = set(found)
    odd = {value for value in distinct if value.startswith("mailto:") or value in _NO_ADDRESS}
    if odd:
        found = [_email(value) if value in odd else value for value in found]
        distinct = set(found)
    distinct.discard("")
    return found, set(filterfalse(_EMAIL.match, distinct))


def extract_people(
    headers: list[str],
    rows: list[tuple[int, list[str]]],
    columns: list[Column],
    event: Event,
    progress: Callable[[int], None] | None = None,
) -> Extraction:
    sessions = SessionMatcher(event)
    sectors = SectorMatcher(event)
    categories = CategoryMatcher(event)
    by_field: dict[str, Column] = {c.field: c for c in columns if c.field not in (SESSIONS, EXTRA, IGNORE)}
    session_columns = [c for c in columns if c.field == SESSIONS]
    extra_columns = [c for c in columns if c.field == EXTRA]
    extra_names = _unique_names([c.header for c in extra_columns])
    present = {f for f in TEXT_FIELDS if f in by_field}
    if FULL_NAME in by_field:
        present |= {"first_name", "last_name"}
    if session_columns:
        present.add("sessions")
    field_index = [(f, by_field[f].index) for f in sorted(present) if f in by_field]
    name_column = by_field.get("last_name") or by_field.get(FULL_NAME) or by_field.get("first_name")
    width = len(headers)

    problems: list[Problem] = []
    excluded: list[dict[str, object]] = []
    people: dict[str, Person] = {}
    duplicates: dict[str, Person] = {}
    data_rows = 0
    session_cells = _session_reader(session_columns, sessions)
    sector_of = cache(sectors.match)  # by distinct value: a list repeats its few sectors, marks and notes
    clean_extra = cache(clean)
    field_names = [f for f, _i in field_index]

    status_index = by_field[STATUS].index if STATUS in by_field else None
    full_name_index = by_field[FULL_NAME].index if FULL_NAME in by_field else None
    email_column = by_field.get("email")
    code_indexes = [(by_field[f].index, kind) for f, kind in (("ticket_code", "ticket"), ("order_code", "order")) if f in by_field]
    extra_indexes = [(c.index, name) for c, name in zip(extra_columns, extra_names)]
    grouped = frozenset(s.id for s in event.sessions if s.group)
    padding = [""] * width
    name_indexes = [by_field[f].index for f in ("first_name", "last_name", FULL_NAME) if f in by_field]
    row_kinds = RowKinds(headers, name_indexes)
    category_column = by_field.get("category")
    first_data_row = rows[0][0] if rows else None
    raw = [row for _number, row in rows]
    suspects = row_kinds.suspects(raw)  # the only rows kind() may refuse
    emails, not_addresses = _emails(_column(raw, email_column.index)) if email_column is not None else ([], set())
    # the text fields of every row, cleaned column by column (each distinct cell once; clean() per
    # cell was a third of the extraction), e-mail addresses as _email reads them
    text_columns = [emails if name == "email" else _clean_column(raw, index) for name, index in field_index]
    if "sector" in field_names:  # matched to the event's sectors by distinct value, the column at once
        place = field_names.index("sector")
        matched = {value: sector_of(value) for value in set(text_columns[place]) if value}
        text_columns[place] = list(map(matched.get, text_columns[place], text_columns[place]))
    # a guest with an e-mail address is known by it (Person.key), made for the column at once
    keys_by_email = list(map(email_key, emails)) if emails else repeat("")
    cleaned_rows = zip(*text_columns) if text_columns else repeat(())
    row_values = map(dict, map(zip, repeat(field_names), cleaned_rows))  # each row's fields, made at C level
    part_of = cache(clean_part)  # double first names and family names repeat
    # the name parts that may hold a title or salutation ("Dr. Anna", "Frau Dr. Weiß"), by distinct value
    name_parts = {part: column for part, column in zip(field_names, text_columns) if part in ("first_name", "last_name")}
    with_title = {value for column in name_parts.values() for value in set(column)
                  if " " in value or "." in value or value.lower() in ("herr", "frau")}

    for n, ((row_number, row), values, by_email) in enumerate(zip(rows, row_values, keys_by_email)):
        if progress is not None and n % 500 == 0:
            progress(n)
        if len(row) > width:
            if any(cell.strip() for cell in row[width:]):
                problems.append(Problem(row_number, None, _("The row has {cells} cells but the header has {width} columns; skipped.").format(cells=len(row), width=width)))
                continue
        elif len(row) < width:
            row = row + padding[len(row):]  # every mapped index is below width from here on
        if n in suspects:  # any other row has two cells of text: neither blank nor anything but a guest
            if not "".join(row).strip():
                continue
            kind = row_kinds.kind(row, under_header=row_number == first_data_row)
            if kind is not None:
                problems.append(Problem(row_number, None, _(kind)))
                continue
        salutation = ""
        if full_name_index is not None and not (values.get("first_name") or values.get("last_name")):
            parsed = parse_name(clean(row[full_name_index]))
            values["first_name"], values["last_name"], salutation = parsed.first, parsed.last, parsed.salutation
            if parsed.title and not values.get("title"):
                values["title"] = parsed.title
                present.add("title")
        else:
            for part in name_parts:  # "Dr. Anna", "Frau Dr. Weiß": titles out of the name
                value = values[part]
                if value in with_title:
                    cleaned = part_of(value)
                    if cleaned.title or cleaned.salutation:
                        values[part] = cleaned.first
                        salutation = salutation or cleaned.salutation
                        if cleaned.title:
                            values["title"] = " ".join(filter(None, (values.get("title"), cleaned.title)))
                            present.add("title")
        if not values.get("first_name") and not values.get("last_name"):
            problems.append(Problem(row_number, name_column.header if name_column else None, _("No name in this row; skipped.")))
            continue
        data_rows += 1
        status = clean(row[status_index]) if status_index is not None else ""
        if status and strip_accents(status) in EXCLUDED_STATUS:
            excluded.append({"row": row_number, "name": " ".join(filter(None, (values.get("first_name"), values.get("last_name")))),
                             "email": emails[n] if emails else "", "reason": _("status {status!r}").format(status=status)})
            continue
        if values.get("email"):  # as _email reads it (cleaned above)
            if values["email"] in not_addresses:
                assert email_column is not None
                problems.append(Problem(row_number, email_column.header, _("{value!r} is not an e-mail address; kept as given.").format(value=values["email"])))
        odd_category = ""
        if values.get("category"):
            category = categories.match(values["category"])
            if category is None:
                if strip_accents(values["category"]) in EXCLUDED_STATUS:  # "STORNIERT" in a category column
                    excluded.append({"row": row_number, "name": " ".join(filter(None, (values.get("first_name"), values.get("last_name")))),
                                     "email": values.get("email", ""), "reason": _("status {status!r}").format(status=values["category"])})
                    continue
                assert category_column is not None
                problems.append(Problem(row_number, category_column.header, _(
                    "{value!r} is none of the event's categories ({categories}); kept as an extra field.").format(
                    value=values["category"], categories=", ".join(event.categories))))
                odd_category, values["category"] = values["category"], ""
            else:
                values["category"] = category
        found, issues = session_cells(row)
        person = Person([row_number], values, set(found))  # by position: the compiled __init__ takes them fastest
        for header, message in issues:
            problems.append(Problem(row_number, header, message))
        if odd_category:
            assert category_column is not None
            person.extra[clean(category_column.header) or _("Category")] = odd_category
        if salutation:
            person.extra.setdefault(SALUTATION, salutation)
        for index, kind in code_indexes:
            code = clean(row[index])
            if code:
                person.codes[code] = kind
        for index, name in extra_indexes:
            value = clean_extra(row[index])
            if value:
                person.extra[name] = value
        if len(person.sessions & grouped) > 1:
            _keep_one_per_group(person, event, problems)
        key = by_email or person.key
        if key in people:
            _merge(people[key], person)
            duplicates[key] = people[key]
        else:
            people[key] = person
    for person in people.values():
        if len(person.rows) > 1:
            _keep_one_per_group(person, event, problems)
    return Extraction(
        people=list(people.values()),
        problems=problems,
        excluded=excluded,
        duplicates=[{"rows": p.rows, "name": p.name, "email": p.values.get("email", "")} for p in duplicates.values()],
        data_rows=data_rows,
        present_fields=present,
    )


def _column(rows: list[list[str]], index: int) -> list[str]:
    """The cells at ``index``, "" where a row is shorter."""
    return [row[index] if index < len(row) else "" for row in rows]


def _clean_column(rows: list[list[str]], index: int) -> list[str]:
    """``clean()`` of the cells at ``index``: each distinct value once, the rest looked up."""
    cells = _column(rows, index)
    done = {cell: " ".join(cell.split()) for cell in set(cells)}
    return list(map(done.__getitem__, cells))


def _cells_at(indexes: Sequence[int]) -> Callable[[Sequence[str]], tuple[str, ...]]:
    """The cells of a row at ``indexes``, as a tuple (``itemgetter`` of one index gives the cell itself)."""
    if len(indexes) == 1:
        only = indexes[0]
        return lambda row: (row[only],)
    return itemgetter(*indexes) if indexes else (lambda row: ())


Said = tuple[frozenset[SessionId], tuple[tuple[str, str], ...]]  # sessions, and (header, message) per odd cell


def _session_reader(columns: list[Column], sessions: SessionMatcher) -> Callable[[Sequence[str]], Said]:
    """What a row's session cells say: the sessions marked or named, and a message for each cell
    that is neither. Read once per distinct tuple of cells (a list has few: ja/nein, Forum A/B/C)."""
    cells_of = _cells_at([c.index for c in columns])

    @cache
    def read(cells: tuple[str, ...]) -> Said:
        found: set[SessionId] = set()
        issues: list[tuple[str, str]] = []
        for column, raw in zip(columns, cells):
            cell = clean(raw)
            if column.session is not None:
                mark = mark_value(cell)
                if mark:
                    found.add(column.session)
                elif mark is None:
                    issues.append((column.header, _("{value!r} is not a mark (x, ja, yes, 1 …); read as not registered.").format(value=cell)))
                continue
            named = sessions.mentions(cell, sessions.group_letters(column.group) if column.group else None)
            if named is None:
                issues.append((column.header, _("{value!r} names no session of this event; ignored.").format(value=cell)))
            else:
                found |= named
        return frozenset(found), tuple(issues)

    return lambda row: read(cells_of(row))


def _merge(into: Person, other: Person) -> None:
    """Same person twice: union of sessions and codes; empty fields filled from the later row."""
    into.rows.extend(other.rows)
    into.sessions |= other.sessions
    into.codes.update({k: v for k, v in other.codes.items() if k not in into.codes})
    for name, value in other.values.items():
        if value and not into.values.get(name):
            into.values[name] = value
    for name, value in other.extra.items():
        into.extra.setdefault(name, value)


def _keep_one_per_group(person: Person, event: Event, problems: list[Problem]) -> None:
    for group in event.groups:
        chosen = [s for s in event.sessions if s.group == group.id and s.id in person.sessions]
        if len(chosen) > 1:
            keep = chosen[-1]
            person.sessions -= {s.id for s in chosen if s is not keep}
            problems.append(Problem(person.rows[-1], None, _("{name} chose several parallel sessions ({sessions}); kept {kept}.").format(
                name=person.name, sessions=", ".join(s.id for s in chosen), kept=keep.id)))


def _unique_names(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for header in headers:
        base = clean(header) or _("Column")
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return names
