"""The streaming XLSX reader reads the same values as openpyxl, cell for cell, and refuses
damaged workbooks with a reason."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from kosi_checkin.domain.errors import UnreadableFileError
from kosi_checkin.importers.xlsx_source import cell_text, read_xlsx
from kosi_checkin.importers.xlsx_stream import Workbook, XlsxError


def openpyxl_rows(path: Path, sheet: str) -> list[list[str]]:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return trimmed([[cell_text(v) for v in row] for row in workbook[sheet].iter_rows(values_only=True)])
    finally:
        workbook.close()


def stream_rows(path: Path, sheet: str) -> list[list[str]]:
    with Workbook(path) as workbook:
        return trimmed([[cell_text(v) for v in row] for row in workbook.read_sheet(sheet).rows])


def trimmed(rows: list[list[str]]) -> list[list[str]]:
    """Trailing empty cells and rows do not count (openpyxl pads to the sheet's dimension)."""
    out = []
    for row in rows:
        while row and row[-1] == "":
            row = row[:-1]
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def tricky_workbook(path: Path, date1904: bool = False) -> None:
    workbook = openpyxl.Workbook()
    workbook.epoch = openpyxl.utils.datetime.MAC_EPOCH if date1904 else openpyxl.utils.datetime.WINDOWS_EPOCH
    sheet = workbook.active
    sheet.title = "Anmeldungen"
    sheet.append(["Vorname", "Nachname", "Datum", "Uhrzeit", "Zahl", "Anteil", "Bool", "Formel", "Dauer"])
    sheet.append(["Özlem", "Çelik", dt.datetime(2019, 3, 20, 9, 42, 5), dt.time(9, 30), 42, 0.125, True, "=1+1",
                  dt.timedelta(hours=30, minutes=15)])
    sheet.append(["Łukasz", "Żółć", dt.date(2019, 4, 2), dt.time(14, 30), 3.0, 1e-7, False, "=A2", dt.timedelta(0)])
    sheet["C4"] = 43556  # a serial under a custom German date format
    sheet["C4"].number_format = "DD.MM.YYYY"
    sheet["D4"] = 0.5
    sheet["D4"].number_format = '[$-407]hh:mm'
    sheet["E4"] = 1234567
    sheet["E4"].number_format = '#,##0 "Tage"'  # quoted letters are no date
    sheet["A6"] = CellRichText([TextBlock(InlineFont(b=True), "Dr. "), "Anna ", TextBlock(InlineFont(i=True), "Meyer")])
    sheet["B6"] = "  spaces  & <angles> \"quotes\"\n new line"
    sheet["K9"] = "far away"
    sheet["C10"] = 59
    sheet["C10"].number_format = "yyyy-mm-dd"  # before Excel's phantom 29 Feb 1900
    sheet["C11"] = 61
    sheet["C11"].number_format = "yyyy-mm-dd"
    sheet.merge_cells("F12:F14")
    sheet["F12"] = "merged"
    other = workbook.create_sheet("Notizen")
    other["A1"] = "nothing here"
    workbook.save(path)


@pytest.mark.parametrize("date1904", [False, True])
def test_same_values_as_openpyxl_on_tricky_workbook(tmp_path: Path, date1904: bool) -> None:
    path = tmp_path / "tricky.xlsx"
    tricky_workbook(path, date1904)
    for sheet in ("Anmeldungen", "Notizen"):
        assert stream_rows(path, sheet) == openpyxl_rows(path, sheet)
    rows = stream_rows(path, "Anmeldungen")
    assert rows[1][:4] == ["Özlem", "Çelik", "2019-03-20 09:42:05", "09:30:00"]
    assert rows[3][2] == ("2023-04-02" if date1904 else "2019-04-01")  # same serial, other calendar
    assert rows[3][3] == "12:00:00" and rows[3][4] == "1234567"
    assert rows[5][:2] == ["Dr. Anna Meyer", "  spaces  & <angles> \"quotes\"\n new line"]
    assert rows[8][10] == "far away"
    assert rows[1][7] == ""  # a formula without a cached value reads as empty, never as a formula


def test_same_values_as_openpyxl_on_fixture(data_dir: Path) -> None:
    path = data_dir / "Anmeldeliste.xlsx"
    with Workbook(path) as workbook:
        names = workbook.sheet_names
    assert names == tuple(openpyxl.load_workbook(path, read_only=True).sheetnames)
    for sheet in names:
        assert stream_rows(path, sheet) == openpyxl_rows(path, sheet)


def test_inline_strings_and_cells_without_references(tmp_path: Path) -> None:
    """Some exporters write inline strings and leave out the r= attributes."""
    path = tmp_path / "inline.xlsx"
    sheet_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row><c t="inlineStr"><is><t>Vorname</t></is></c><c t="inlineStr"><is><t>Nachname</t></is></c></row>'
        '<row><c t="inlineStr"><is><r><t>Jo</t></r><r><t>sé</t></r></is></c><c t="inlineStr"><is><t xml:space="preserve">García</t></is></c>'
        '<c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="d"><v>2019-04-02T09:30:00Z</v></c></row>'
        '</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells></worksheet>'
    )
    write_minimal_xlsx(path, sheet_xml)
    with Workbook(path) as workbook:
        data = workbook.read_sheet("Tabelle1")
    assert [[cell_text(v) for v in row] for row in data.rows] == [
        ["Vorname", "Nachname"], ["José", "García", "true", "#N/A", "2019-04-02 09:30:00"]]
    assert data.merged == [(2, 0, 3, 0)]


def write_minimal_xlsx(path: Path, sheet_xml: str, *, workbook_xml: str | None = None, drop: str = "") -> None:
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": workbook_xml or '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                           '<sheet name="Tabelle1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            if name != drop:
                archive.writestr(name, text)


GOOD_SHEET = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
              '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>')


@pytest.mark.parametrize(
    ("sheet_xml", "drop", "reason"),
    [
        (GOOD_SHEET, "", "shared string"),  # points into a shared-strings table that is not there
        ("<worksheet><sheetData><row><c><v>1</v></row>", "", "broken XML"),
        (GOOD_SHEET.replace('r="A1"', 'r="1A"'), "", "cell reference"),
        # a column without its row is refused after a good reference to that column too
        (GOOD_SHEET.replace('<c r="A1" t="s"><v>0</v></c>', '<c r="A1"><v>1</v></c><c r="A"><v>2</v></c>'), "",
         "cell reference"),
        (GOOD_SHEET, "xl/worksheets/sheet1.xml", "missing"),
        (GOOD_SHEET, "xl/workbook.xml", "missing"),
    ],
)
def test_damaged_workbooks_refused_with_reason(tmp_path: Path, sheet_xml: str, drop: str, reason: str) -> None:
    path = tmp_path / "damaged.xlsx"
    write_minimal_xlsx(path, sheet_xml, drop=drop)
    with pytest.raises(UnreadableFileError, match=reason):
        read_xlsx(path)


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(XlsxError):
        Workbook(path)
