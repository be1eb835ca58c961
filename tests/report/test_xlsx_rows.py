"""The streamed rows of the big sheets read back cell for cell in openpyxl: text with the
spaces it has (leading, trailing, inside), text that looks like a formula, characters XML cannot
hold dropped, numbers, date-times with their style, empty values as empty cells in their place."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess

import pytest
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


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-calc-nogui) is not installed")
def test_libreoffice_reads_cells_after_gaps_where_they_are(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Cells carry no reference (an empty value is an empty cell); every pattern of present and
    missing values in a row of five reads back in place in LibreOffice."""
    patterns = [[f"r{n}c{c}" if n >> c & 1 else None for c in range(5)] for n in range(32)]
    rows: list[list[object]] = [[*p[:4], 7 if p[4] else None] for p in patterns]
    path = tmp_path / "gaps.xlsx"
    wb = Workbook()
    for column in range(1, 6):
        wb.active.cell(row=1, column=column, value=f"Spalte {column}")
    wb.save(path)
    fill_rows(path, [SheetRows(0, 2, rows, 0, len(rows))])  # type: ignore[arg-type]
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path / "lo"), str(path)],
                   capture_output=True, timeout=240, check=True)
    back = list(csv.reader((tmp_path / "lo" / "gaps.csv").open(encoding="utf-8")))[1:]
    assert len(back) == len(rows)
    for mine, theirs in zip(rows, back):
        assert [("" if v is None else str(v)) for v in mine] == theirs + [""] * (5 - len(theirs))


def test_sheets_share_one_table_of_strings_and_read_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    path = tmp_path / "two.xlsx"
    wb = Workbook()
    wb.create_sheet("Zwei")
    wb.save(path)
    first = [["Stadt Wuppertal", " Anna ", 3], ["Stadt Wuppertal", "Ben", None]]
    second = [["Ben", "Stadt Wuppertal"], ["Zentrum für gute Taten e. V.", "<&>"]]
    fill_rows(path, [SheetRows(0, 2, first, 0, 2), SheetRows(1, 2, second, 0, 2)])  # type: ignore[arg-type]
    with zipfile.ZipFile(path) as z:
        table = z.read("xl/sharedStrings.xml").decode("utf-8")
        assert table.count("Stadt Wuppertal") == 1 and 'uniqueCount="5"' in table  # each text once
        assert 't="inlineStr"' not in z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    back = load_workbook(path)
    assert [[c.value for c in r] for r in back.worksheets[0].iter_rows(min_row=2)] == [
        ["Stadt Wuppertal", " Anna ", 3], ["Stadt Wuppertal", "Ben", None]]
    assert [[c.value for c in r] for r in back.worksheets[1].iter_rows(min_row=2)] == second


def test_a_workbook_with_its_own_table_of_strings_gets_inline_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    path = tmp_path / "own.xlsx"
    Workbook().save(path)
    with zipfile.ZipFile(path, "a") as z:  # as if openpyxl (or another writer) had made one
        z.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
    fill_rows(path, [SheetRows(0, 1, [["Anna", "Becker"]], 0, 1)])  # type: ignore[arg-type]
    with zipfile.ZipFile(path) as z:
        assert z.namelist().count("xl/sharedStrings.xml") == 1
        assert 't="inlineStr"' in z.read("xl/worksheets/sheet1.xml").decode("utf-8")
