"""Open any supported registration file as a RawTable."""

from __future__ import annotations

from pathlib import Path

from kosi_checkin.domain.errors import UnreadableFileError
from kosi_checkin.i18n import _
from kosi_checkin.importers.csv_source import read_csv
from kosi_checkin.importers.table import RawTable
from kosi_checkin.importers.xlsx_source import read_xlsx


def read_table(path: str | Path, sheet: str | None = None) -> RawTable:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableFileError(_("File not found: {path}").format(path=path)) from exc
    except OSError as exc:
        raise UnreadableFileError(_("{path} cannot be read: {reason}").format(path=path, reason=exc.strerror)) from exc
    if data.startswith(b"PK\x03\x04"):
        if b"application/vnd.oasis.opendocument" in data[:256] or path.suffix.lower() in (".ods", ".odt", ".fods"):
            raise UnreadableFileError(_(
                "{name} is an OpenDocument spreadsheet (LibreOffice, OpenOffice), whatever its name says: open it "
                "in LibreOffice Calc and choose File → Save As… → \"Excel 2007-365 (.xlsx)\" or \"Text CSV (.csv)\", "
                "then import that file."
            ).format(name=path.name))
        return read_xlsx(path, sheet)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFileError(_(
            "{name} is an old Excel 97–2003 workbook (.xls): open it in Excel or LibreOffice Calc and save it as "
            "\"Excel Workbook (.xlsx)\" or \"CSV UTF-8\", then import that file."
        ).format(name=path.name))
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) and path.suffix.lower() in (".xls", ".xlsx"):
        raise UnreadableFileError(_(
            "{name} is a web page (HTML or XML) saved under an Excel name, as some tools export: open it in Excel "
            "or LibreOffice Calc and save it as .xlsx or .csv, then import that file."
        ).format(name=path.name))
    if not data.strip():
        raise UnreadableFileError(_("{name} is empty.").format(name=path.name))
    return read_csv(data, path.name)
