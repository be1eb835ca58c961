"""XLSX workbooks (read by the streaming reader in xlsx_stream), with the sheet that holds the
data, merged cells filled down, dates and numbers turned into text the way a person reads them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from kosi_checkin.domain.errors import UnreadableFileError, UsageError
from kosi_checkin.i18n import _
from kosi_checkin.importers.table import RawTable
from kosi_checkin.importers.xlsx_stream import Workbook, XlsxError

_PROBE_ROWS = 200


def cell_text(value: Any) -> str:
    if type(value) is str:  # nearly every cell of a registration list: first, 120,000 times
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def _density(workbook: Workbook, name: str) -> int:
    rows = workbook.read_sheet(name, max_rows=_PROBE_ROWS).rows
    return sum(1 for row in rows if sum(1 for v in row if v not in (None, "")) >= 3)


def read_xlsx(path: Path, sheet: str | None = None) -> RawTable:
    name = path.name
    try:
        with Workbook(path) as workbook:
            return _read_sheet(workbook, name, sheet)
    except XlsxError as exc:
        raise UnreadableFileError(
            _("{name} cannot be read as an Excel workbook ({reason}).").format(name=name, reason=exc)
        ) from exc
    except (UnreadableFileError, UsageError):
        raise
    except (ValueError, KeyError, IndexError, TypeError, OverflowError, RecursionError, MemoryError) as exc:
        raise UnreadableFileError(
            _("{name} cannot be read as an Excel workbook ({reason}).").format(name=name, reason=type(exc).__name__)
        ) from exc


def _read_sheet(workbook: Workbook, name: str, sheet: str | None) -> RawTable:
    names = workbook.sheet_names
    if not names:
        raise UnreadableFileError(_("{name} has no worksheets.").format(name=name))
    if sheet is not None:
        if sheet not in names:
            raise UsageError(
                _("{name} has no sheet {sheet!r}; its sheets are: {names}.").format(
                    name=name, sheet=sheet, names=", ".join(names)
                )
            )
        chosen = sheet
    elif len(names) == 1:
        chosen = names[0]
    else:
        chosen = max(names, key=lambda n: (_density(workbook, n), -names.index(n)))
    data = workbook.read_sheet(chosen)
    rows = [[cell_text(v) for v in row] for row in data.rows]
    for r1, c1, r2, _c2 in data.merged:
        # a cell merged down over several rows (e.g. one organisation for a group) fills
        # down its first column; a merge across columns (a title, a section label) stays
        # in its first cell only.
        if r2 > r1 and r1 - 1 < len(rows) and c1 < len(rows[r1 - 1]):
            value = rows[r1 - 1][c1]
            for r in range(r1, min(r2, len(rows))):
                row = rows[r]
                while len(row) <= c1:
                    row.append("")
                if not row[c1]:
                    row[c1] = value
    return RawTable(
        rows=rows,
        row_numbers=list(range(1, len(rows) + 1)),
        container="xlsx",
        encoding="xlsx",
        sheet=chosen,
        sheets=names,
    )
