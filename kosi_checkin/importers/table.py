"""A sheet of text cells as read from a file, before any interpretation."""

from __future__ import annotations

from kosi_checkin.domain.values import dataclass


@dataclass
class RawTable:
    rows: list[list[str]]  # every row of the sheet, cells as text ("" for empty)
    row_numbers: list[int]  # the row number a spreadsheet shows for each row
    container: str  # "csv" or "xlsx"
    encoding: str  # Python codec of a CSV, "xlsx" for a workbook
    delimiter: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
