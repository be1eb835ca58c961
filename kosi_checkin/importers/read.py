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
        if path.suffix.lower() == ".ods":
            raise UnreadableFileError(
                _("{name} is an OpenDocument spreadsheet; save it as .xlsx or .csv first.").format(name=path.name)
            )
        return read_xlsx(path, sheet)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFileError(
            _("{name} is an old Excel .xls file; save it as .xlsx or .csv first.").format(name=path.name)
        )
    if not data.strip():
        raise UnreadableFileError(_("{name} is empty.").format(name=path.name))
    return read_csv(data, path.name)
