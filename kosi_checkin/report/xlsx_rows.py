"""Fast rows for large sheets. openpyxl builds the workbook (styles, header, frozen row, filter,
print setup, chart, properties); the data rows of the big sheets are then streamed into its sheet
XML as plain cells (shared strings, numbers): ten times faster than openpyxl's own writer for
10,000 guests, and still a workbook Excel and LibreOffice open as openpyxl made it.

Text is always written as a string (a shared string, ``t="s"``, or ``t="inlineStr"``), never as a
formula."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from kosi_checkin.domain.errors import Cancelled
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _
from kosi_checkin.report.cells import excel_serial, xml_text

Value = str | int | float | dt.datetime | None


@dataclass
class SheetRows:
    """Rows to put into the sheet at ``index`` (0-based, workbook order) from row ``first_row``."""

    index: int
    first_row: int
    rows: Iterable[Sequence[Value]]
    date_style: int  # the style id of a date-time cell (openpyxl's style_id)
    count: int = 0  # how many rows ``rows`` yields


class _Cells(dict[object, str]):
    """Each value's cell XML, looked up by C-level ``map`` over a row. A cell carries no
    reference (``r`` is optional: readers count on from the cell before), so an empty value is
    an empty cell ``<c/>`` that keeps the next one in its column. Text is kept after its first
    use (organisations, sectors, "ja" repeat a lot); ``strings``: the workbook's shared strings
    (each text once, ``<si>`` elements), which a cell names by its index; None: the text is
    written into the cell (``inlineStr``)."""

    def __init__(self, strings: list[str] | None) -> None:
        super().__init__({None: "<c/>", "": "<c/>"})
        self.strings = strings
        self.date_style = 0  # the style id of a date-time cell in the sheet being written

    def __missing__(self, value: object) -> str:
        if isinstance(value, dt.datetime):  # not kept: each moment is one of its own
            return f'<c s="{self.date_style}"><v>{excel_serial(value)!r}</v></c>'
        if not isinstance(value, str):
            return f"<c><v>{value!r}</v></c>"
        text = xml_text(value)
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        if not text:  # nothing but characters XML cannot hold
            xml = "<c/>"
        elif self.strings is None:
            xml = f'<c t="inlineStr"><is><t{space}>{text}</t></is></c>'
        else:
            self.strings.append(f"<si><t{space}>{text}</t></si>")
            xml = f'<c t="s"><v>{len(self.strings) - 1}</v></c>'
        self[value] = xml
        return xml


def fill_rows(path: Path, sheets: list[SheetRows], progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] = lambda: False) -> None:
    """Rewrite the workbook at ``path`` with the rows streamed into the given sheets. Their text
    goes into a table of shared strings of its own (as Excel and LibreOffice write it: a sheet
    XML less than half as long to deflate) unless the workbook has one already."""
    wanted = {f"xl/worksheets/sheet{s.index + 1}.xml": s for s in sheets}
    total = sum(s.count for s in sheets) or 1
    done = 0
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".export-", suffix=".xlsx")
    os.close(fd)
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            strings: list[str] | None = None if _SHARED_STRINGS in source.namelist() else []
            cells = _Cells(strings)  # one for the workbook: a shared string's index holds in every sheet
            cell = cells.__getitem__
            for info in source.infolist():
                data = source.read(info.filename)
                spec = wanted.get(info.filename)
                if spec is None:
                    if strings is not None and info.filename in _NAMING_PARTS:
                        data = _NAMING_PARTS[info.filename](data.decode("utf-8")).encode("utf-8")
                    target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                    continue
                xml = data.decode("utf-8")
                head, tail = _split(xml)
                head = dimension_ref(head, spec.first_row + spec.count - 1)
                member = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                member.compress_type = zipfile.ZIP_DEFLATED
                cells.date_style = spec.date_style
                with target.open(member, "w") as out:
                    send = out.write
                    send(head.encode("utf-8"))
                    chunk: list[str] = []
                    for n, values in enumerate(spec.rows):
                        chunk.append(f'<row r="{spec.first_row + n}">{"".join(map(cell, values))}</row>')
                        if len(chunk) == 500:
                            if cancelled():
                                raise Cancelled(_("Export cancelled; no file was written."))
                            send("".join(chunk).encode("utf-8"))
                            done += len(chunk)
                            chunk = []
                            if progress is not None:
                                progress(done, total)
                    send("".join(chunk).encode("utf-8"))
                    done += len(chunk)
                    send(tail.encode("utf-8"))
            if strings is not None:
                target.writestr(_SHARED_STRINGS, f'{_XML_DECLARATION}<sst xmlns="{_MAIN_NS}" uniqueCount="{len(strings)}">'
                                                 f'{"".join(strings)}</sst>'.encode("utf-8"))
        shutil.move(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(total, total)


_SHARED_STRINGS = "xl/sharedStrings.xml"
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _typed(xml: str) -> str:
    """[Content_Types].xml naming the shared strings' part."""
    return xml.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                   'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


def _related(xml: str) -> str:
    """The workbook's relationships with the shared strings' part."""
    return xml.replace("</Relationships>", '<Relationship Id="rIdKosiStrings" Type="http://schemas.openxmlformats.'
                                           'org/officeDocument/2006/relationships/sharedStrings" '
                                           'Target="sharedStrings.xml"/></Relationships>')


_NAMING_PARTS: dict[str, Callable[[str], str]] = {"[Content_Types].xml": _typed, "xl/_rels/workbook.xml.rels": _related}


def _split(xml: str) -> tuple[str, str]:
    """The sheet XML before the end of its data and from there on."""
    if "<sheetData/>" in xml:
        xml = xml.replace("<sheetData/>", "<sheetData></sheetData>")
    cut = xml.index("</sheetData>")
    return xml[:cut], xml[cut:]


_DIMENSION = re.compile(r'<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/>')


def dimension_ref(head: str, last_row: int) -> str:
    """openpyxl wrote the dimension of the header only; give the whole range."""
    match = _DIMENSION.search(head)
    if match is None:
        return head
    end_col = match.group(3) or match.group(1)
    return head[:match.start()] + f'<dimension ref="A1:{end_col}{max(last_row, 1)}"/>' + head[match.end():]
