"""XLSX workbooks through openpyxl's read-only mode, with the sheet that holds the data,
merged cells filled down, dates and numbers turned into text the way a person reads them."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from kosi_checkin.domain.errors import UnreadableFileError, UsageError
from kosi_checkin.i18n import _
from kosi_checkin.importers.table import RawTable

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_PROBE_ROWS = 200


def cell_text(value: Any) -> str:
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
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _merged_ranges(workbook: Any, worksheet: Any) -> list[tuple[int, int, int, int]]:
    """(first_row, first_col, last_row, last_col), 1-based rows, 0-based columns."""
    try:
        with workbook._archive.open(worksheet._worksheet_path) as handle:
            data = handle.read()
    except (AttributeError, KeyError, OSError):
        return []
    return [
        (int(r1), _column_index(c1), int(r2), _column_index(c2))
        for c1, r1, c2, r2 in _MERGE.findall(data[data.rfind(b"</sheetData>") :] if b"</sheetData>" in data else data)
    ]


def _density(worksheet: Any) -> int:
    filled = 0
    for i, row in enumerate(worksheet.iter_rows(values_only=True)):
        if i >= _PROBE_ROWS:
            break
        if sum(1 for v in row if v not in (None, "")) >= 3:
            filled += 1
    return filled


def read_xlsx(path: Path, sheet: str | None = None) -> RawTable:
    import openpyxl  # type: ignore[import-untyped]  # imported here: only an XLSX import pays for it

    name = path.name
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError, AttributeError) as exc:
        raise UnreadableFileError(
            _("{name} cannot be read as an Excel workbook ({reason}).").format(name=name, reason=exc or type(exc).__name__)
        ) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise UnreadableFileError(
            _("{name} cannot be read as an Excel workbook ({reason}).").format(name=name, reason=type(exc).__name__)
        ) from exc
    try:
        return _read_sheet(workbook, name, sheet)
    except (UnreadableFileError, UsageError):
        raise
    except Exception as exc:
        raise UnreadableFileError(
            _("{name} cannot be read as an Excel workbook ({reason}).").format(name=name, reason=type(exc).__name__)
        ) from exc
    finally:
        workbook.close()


def _read_sheet(workbook: Any, name: str, sheet: str | None) -> RawTable:
    names = tuple(workbook.sheetnames)
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
        chosen = max(names, key=lambda n: (_density(workbook[n]), -names.index(n)))
    worksheet = workbook[chosen]
    rows = [[cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
    for r1, c1, r2, _c2 in _merged_ranges(workbook, worksheet):
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
