"""Import a registration list into an event: preview (what was detected), then apply as one
transaction that merges with the guests already there."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from kosi_checkin.bulk import gc_paused
from kosi_checkin.domain.errors import Cancelled, UnreadableFileError
from kosi_checkin.domain.folding import fold
from kosi_checkin.domain.model import DEFAULT_CATEGORY, Attendee, AttendeeId, Event, SessionId
from kosi_checkin.domain.values import dataclass, field, replace
from kosi_checkin.i18n import _
from kosi_checkin.importers.formats import detect_format
from kosi_checkin.importers.header import find_header_row
from kosi_checkin.importers.mapping import (
    EXTRA,
    FULL_NAME,
    IGNORE,
    SESSIONS,
    Column,
    apply_overrides,
    find_header,
    infer_columns,
    parse_override,
)
from kosi_checkin.importers.matching import SessionMatcher
from kosi_checkin.importers.read import read_table
from kosi_checkin.importers.records import Extraction, Person, Problem, extract_people
from kosi_checkin.importers.row_kinds import RowKinds
from kosi_checkin.importers.table import RawTable
from kosi_checkin.importers.vocabulary import clean_header
from kosi_checkin.shared.link import shared_link
from kosi_checkin.storage.db import bulk_write, db_path, transaction
from kosi_checkin.storage.records import ImportHistory
from kosi_checkin.storage.repositories import AttendeeRepository
from kosi_checkin.tokens.normalize import normalize_code
from kosi_checkin.trust.audit import IMPORT, AuditLog
from kosi_checkin.trust.backup import make_backup

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from typing import Any

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class ImportPreview:
    path: Path
    table: RawTable
    header_index: int
    columns: list[Column]
    format: str

    @property
    def headers(self) -> list[str]:
        return self.table.rows[self.header_index]

    @property
    def header_row(self) -> int:
        return self.table.row_numbers[self.header_index]

    @property
    def data(self) -> list[tuple[int, list[str]]]:
        start = self.header_index + 1
        return list(zip(self.table.row_numbers[start:], self.table.rows[start:]))

    def with_columns(self, columns: list[Column]) -> ImportPreview:
        return replace(self, columns=columns)

    def summary(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "format": self.format,
            "encoding": self.table.encoding,
            "delimiter": self.table.delimiter,
            "sheet": self.table.sheet,
            "header_row": self.header_row,
            "mapping": [c.as_json() for c in self.columns],
        }


def preview_import(path: str | Path, event: Event, *, sheet: str | None = None, overrides: Sequence[str] = ()) -> ImportPreview:
    """Read a file and work out its format, header row and column mapping. Writes nothing."""
    with gc_paused():
        return _preview(Path(path), event, sheet, overrides)


def _preview(path: Path, event: Event, sheet: str | None, overrides: Sequence[str]) -> ImportPreview:
    table = read_table(path, sheet)
    sessions = SessionMatcher(event)
    parsed = [parse_override(text, event) for text in overrides]
    names = {clean_header(header) for _f, _s, header in parsed if not header.strip().startswith("#")}
    index = find_header_row(table, sessions, names)
    if index is None:
        first = next((i for i, row in enumerate(table.rows) if sum(1 for c in row if c.strip()) >= 2), None)
        if first is not None and (parsed or _names_below(table.rows, first, event, sessions)):
            index = first  # headers nobody can read (question codes): the values say what the columns are
        if index is None:
            raise UnreadableFileError(
                _(
                    "{name} has no recognisable header row: none of its first rows names columns such as "
                    "Vorname, Nachname, Name or E-Mail. Use --map FIELD=HEADER to name them."
                ).format(name=path.name)
            )
    headers = table.rows[index]
    sample = recognition_sample(table.rows[index + 1 :], headers)
    columns = infer_columns(headers, sample, event, sessions)
    name_columns = [c.index for c in columns if c.field in ("first_name", "last_name", FULL_NAME)]
    named = [row for row in sample if any(i < len(row) and row[i].strip() for i in name_columns)]
    if name_columns and named and len(named) < len(sample):  # again, from the rows that will import
        columns = infer_columns(headers, named, event, sessions)
    resolved = [(f, s, find_header(headers, h)) for f, s, h in parsed]
    columns = apply_overrides(columns, resolved, sessions)
    return ImportPreview(path=path, table=table, header_index=index, columns=columns, format=detect_format(headers, table.container))


SAMPLE_ROWS = 1000  # rows recognition reads; the import itself reads every row


def _names_below(rows: list[list[str]], index: int, event: Event, sessions: SessionMatcher) -> bool:
    """Whether the rows under a row nobody recognises as a header hold a column of names."""
    headers = rows[index]
    columns = infer_columns(headers, recognition_sample(rows[index + 1:], headers), event, sessions)
    return any(c.field in ("first_name", "last_name", FULL_NAME) for c in columns)


def recognition_sample(rows: list[list[str]], headers: list[str]) -> list[list[str]]:
    """The rows a column's meaning is read from: of the header's width (a shifted row's stray
    cells never decide), and no totals, id, header or separator rows."""
    width = len(headers)
    kinds = RowKinds(headers)
    sample: list[list[str]] = []
    for n, row in enumerate(rows):
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            continue
        if not "".join(row).strip() or kinds.kind(row, under_header=n == 0) is not None:
            continue
        sample.append(row)
        if len(sample) >= SAMPLE_ROWS:
            break
    return sample


def session_counts(extraction: Extraction, event: Event) -> dict[str, int]:
    """Registrations per session found in the file (every session of the event, zeros too)."""
    counts: dict[str, int] = {s.id: 0 for s in event.sessions}
    for person in extraction.people:
        for sid in person.sessions:
            counts[sid] = counts.get(sid, 0) + 1
    return counts


def import_warnings(preview: ImportPreview, extraction: Extraction, event: Event) -> list[dict[str, object]]:
    """Columns that name a session or group but are not read as registrations, and sessions the
    file names that get no registration: what an organiser must look at before the day."""
    sessions = SessionMatcher(event)
    counts = session_counts(extraction, event)
    titles = {s.id: s.title for s in event.sessions}
    warnings: list[dict[str, object]] = []
    for column in preview.columns:
        named = sessions.header_session(column.header)
        group = sessions.group_label_of_header(column.header)
        if column.field == SESSIONS:
            target = column.session or named
            if target is not None and counts.get(target, 0) == 0:
                warnings.append({"index": column.index + 1, "header": column.header, "message": _(
                    "No guest in this file is registered for {title}, though this column names it.").format(
                    title=titles.get(target, target))})
            continue
        if column.field not in (EXTRA, IGNORE) or (named is None and group is None):
            continue
        what = titles[named] if named is not None else next((g.label for g in event.groups
                                                             if g.id == sessions.group_ids.get(group or "")), group)
        warnings.append({"index": column.index + 1, "header": column.header, "message": _(
            "This column names {what} but is not read as registrations (its cells are neither marks such as "
            "x, ja, 1 nor session names); map it by hand if it holds registrations.").format(what=what)})
    return warnings


@dataclass
class ImportReport:
    preview: ImportPreview
    extraction: Extraction
    event: Event  # the event imported into (session counts, warnings)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    missing: list[dict[str, object]] = field(default_factory=list)
    conflicts: list[dict[str, object]] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict[str, object]:
        data = self.preview.summary()
        data.update(
            {
                "dry_run": self.dry_run,
                "data_rows": self.extraction.data_rows,
                "attendees": len(self.extraction.people),
                "added": self.added,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "duplicates": self.extraction.duplicates,
                "excluded": self.extraction.excluded,
                "missing": self.missing,
                "conflicts": self.conflicts,
                "problems": [p.as_json() for p in self.extraction.problems],
                "session_counts": self.session_counts,
                "warnings": self.warnings,
            }
        )
        return data

    @property
    def session_counts(self) -> dict[str, int]:
        return session_counts(self.extraction, self.event)

    @property
    def warnings(self) -> list[dict[str, object]]:
        return import_warnings(self.preview, self.extraction, self.event)


def extract(preview: ImportPreview, event: Event, progress: Progress | None = None) -> Extraction:
    data = preview.data
    total = len(data)
    return extract_people(
        preview.headers, data, preview.columns, event, (lambda n: progress(n, total)) if progress else None
    )


def dry_run(preview: ImportPreview, event: Event, conn: sqlite3.Connection | None = None) -> ImportReport:
    """What an import would do, without writing: the counts are computed against the event."""
    extraction = extract(preview, event)
    report = ImportReport(preview, extraction, dry_run=True, event=event)
    if conn is not None:
        _merge(AttendeeRepository(conn), extraction, report, write=False)
    else:
        report.added = len(extraction.people)
    return report


def apply_import(
    conn: sqlite3.Connection,
    preview: ImportPreview,
    event: Event,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    who: str = "",
) -> ImportReport:
    """Import as one transaction: it lands whole or not at all; a backup of the event file is
    made first, and the audit log records the import."""
    with gc_paused():
        extraction = extract(preview, event, progress)
    report = ImportReport(preview, extraction, event=event)
    link = shared_link(conn)  # a shared event: the backup is a pull of the server's event
    path = link.url if link is not None else db_path(conn)
    if path is not None:
        make_backup(path, "before-import", who=who)
    with gc_paused(), bulk_write(conn), transaction(conn):
        _merge(AttendeeRepository(conn), extraction, report, write=True, progress=progress, cancelled=cancelled)
        ImportHistory(conn).add(preview.path.name, preview.format, report.added, report.updated, report.unchanged)
        AuditLog(conn).add(IMPORT, f"{preview.path.name}: +{report.added} ~{report.updated}", who)
    return report


def _name_key(first: str, last: str, organisation: str) -> str:
    return fold(f"{first} {last}") + "|" + fold(organisation)


def _merge(
    repo: AttendeeRepository,
    extraction: Extraction,
    report: ImportReport,
    *,
    write: bool,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> None:
    existing = repo.all()
    by_email = {a.email: a for a in existing if a.email}
    by_name = {_name_key(a.first_name, a.last_name, a.organisation): a for a in existing}
    by_code: dict[str, Attendee] = {}
    for a in existing:
        for code in a.ticket_codes:
            by_code.setdefault(normalize_code(code), a)
    matched: set[AttendeeId] = set()
    code_owner: dict[str, str] = {}
    present = extraction.present_fields
    total = len(extraction.people)
    new: list[Person] = []
    for n, person in enumerate(extraction.people):
        if n % 200 == 0:
            if cancelled():
                raise Cancelled(_("Import cancelled; nothing was changed."))
            if progress is not None:
                progress(n, total)
        if person.codes:
            _check_code_clashes(person, code_owner, extraction.problems)
        values = person.values
        found = None
        if existing:  # a first import has nothing to match against
            found = by_email.get(values.get("email", "")) if values.get("email") else None
            if found is None:
                found = next((by_code[c] for c in map(normalize_code, _ticket_codes(person)) if c in by_code), None)
            if found is None:
                found = by_name.get(_name_key(values.get("first_name", ""), values.get("last_name", ""), values.get("organisation", "")))
        if found is None or found.id in matched:
            report.added += 1
            new.append(person)
            continue
        matched.add(found.id)
        updated = _updated(found, person, present, report)
        if updated == found:
            report.unchanged += 1
        else:
            report.updated += 1
            if write:
                repo.update(updated, code_kinds=person.codes)
    if write and new:
        # handed out in order: add_many writes in id order, and a list walked in the order it was
        # built is walked from the CPU's cache (twice as fast as a shuffled one)
        ids = sorted(repo.fresh_ids(len(new)))
        guests = Attendee.from_many(_new_attendee(person, id_) for person, id_ in zip(new, ids))
        repo.add_many(list(zip(guests, (person.codes for person in new))))
    report.missing = [
        {"id": a.id, "name": a.display_name, "email": a.email}
        for a in existing
        if a.id not in matched and not a.walk_in
    ]


def _ticket_codes(person: Person) -> list[str]:
    return [code for code, kind in person.codes.items() if kind == "ticket"]


def _check_code_clashes(person: Person, owner: dict[str, str], problems: list[Problem]) -> None:
    for code in _ticket_codes(person):
        norm = normalize_code(code)
        if norm in owner and owner[norm] != person.key:
            problems.append(Problem(person.rows[0], None, _("Ticket code {code} is also held by {other}; scanning it will ask which guest is meant.").format(code=code, other=owner[norm].split(":", 1)[1])))
        owner.setdefault(norm, person.key)


def _new_attendee(person: Person, id_: AttendeeId) -> dict[str, Any]:
    """The fields of the file's guest as stored, for ``Attendee.from_many``: the dataclass
    ``__init__`` of 10,000 guests was a tenth of an import."""
    v = person.values
    get = v.get
    return {
        "id": id_,
        "first_name": get("first_name", ""),
        "last_name": get("last_name", ""),
        "title": get("title", ""),
        "organisation": get("organisation", ""),
        "sector": get("sector", ""),
        "email": get("email", ""),
        "sessions": frozenset(person.sessions),
        "category": get("category", "") or DEFAULT_CATEGORY,
        "door_note": get("door_note", ""),
        "ticket_codes": tuple(person.codes),
        "extra": dict(person.extra),
        "walk_in": False,
        "edited": frozenset(),
    }


def _updated(current: Attendee, person: Person, present: set[str], report: ImportReport) -> Attendee:
    """The stored guest with the file's values; a field edited by hand keeps its value and the
    difference is reported as a conflict."""
    changes: dict[str, object] = {}
    for name, value in person.values.items():
        if name not in present or (name == "category" and not value):
            continue
        old = getattr(current, name)
        if value == old:
            continue
        if name in current.edited:
            report.conflicts.append({"id": current.id, "name": current.display_name, "field": name, "kept": old, "file": value})
            continue
        changes[name] = value
    if "sessions" in present and frozenset(person.sessions) != current.sessions:
        if "sessions" in current.edited:
            report.conflicts.append({"id": current.id, "name": current.display_name, "field": "sessions",
                                     "kept": sorted(current.sessions), "file": sorted(person.sessions)})
        else:
            changes["sessions"] = frozenset(SessionId(s) for s in person.sessions)
    codes = tuple(dict.fromkeys((*current.ticket_codes, *person.codes)))
    if set(codes) != set(current.ticket_codes):
        changes["ticket_codes"] = codes
    extra = {**current.extra, **person.extra}
    if extra != current.extra:
        changes["extra"] = extra
    return replace(current, **changes) if changes else current
