"""The streamed rows of the big sheets read back cell for cell in openpyxl: text with the
spaces it has (leading, trailing, inside), text that looks like a formula, characters XML cannot
hold dropped, numbers, date-times with their style, empty cells left out."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from kosi_checkin.report.xlsx_rows import SheetRows, fill_rows

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
values = st.one_of(st.none(), texts, st.integers(-10**6, 10**6),
                   st.datetimes(dt.datetime(2019, 1, 1), dt.datetime(2030, 1, 1)).map(lambda d: d.replace(microsecond=0)))


def expected(value: object) -> object:
    if isinstance(value, str):
        kept = "".join(c for c in value if c in "\t\n\r" or ord(c) >= 32)
        kept = kept.replace("\r\n", "\n").replace("\r", "\n")  # XML reads line ends as \n
        return kept or None
    return value


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(values, min_size=4, max_size=4), min_size=1, max_size=20))
def test_streamed_rows_read_back(tmp_path_factory, rows: list[list[object]]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("xlsx") / "rows.xlsx"
    wb = Workbook()
    ws = wb.active
    for column in range(1, 5):
        ws.cell(row=1, column=column, value=f"Spalte {column}")
    probe = ws.cell(row=1, column=5, value=dt.datetime(2019, 4, 2, 9, 30))
    probe.number_format = "DD.MM.YYYY HH:MM"
    style = int(probe.style_id)
    wb.save(path)
    fill_rows(path, [SheetRows(0, 2, rows, style, len(rows))])  # type: ignore[arg-type]
    back = load_workbook(path).active
    for n, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = back.cell(row=n, column=column)
            assert cell.value == expected(value), (n, column, value)
            if isinstance(value, dt.datetime):
                assert cell.is_date and cell.number_format == "DD.MM.YYYY HH:MM"
    assert back.max_row == len(rows) + 1 or not any(v not in (None, "") for v in rows[-1])
