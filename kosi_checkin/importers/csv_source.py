"""CSV in the shapes real tools write: UTF-8 (with or without BOM), Windows-1252 from German
Excel, UTF-16; ``,`` ``;`` or tab as delimiter; quoted fields with delimiters and line breaks."""

from __future__ import annotations

import csv
import io
import re

from kosi_checkin.domain.errors import UnreadableFileError
from kosi_checkin.i18n import _
from kosi_checkin.importers.table import RawTable

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_RECORDS = 50
_SNIFF_CHARS = 1 << 16  # 50 records of up to 1,300 characters


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the codec that read it."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data, "utf-8-sig", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", name), "utf-16"
    head = data[:4096]
    if head and head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a BOM: the NULs sit on the odd (LE) or even (BE) bytes
        codec = "utf-16-le" if head[1::2].count(b"\x00") > head[0::2].count(b"\x00") else "utf-16-be"
        return _decode(data, codec, name), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _decode(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            _("{name} cannot be read: it is not valid {codec} text.").format(name=name, codec=codec)
        ) from exc


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 but tab and line ends, DEL, C1


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    return "\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 100


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the most rows of equal width."""
    best, best_score = ",", (-1, -1)
    head = text[:_SNIFF_CHARS]  # not a copy of the whole file per delimiter; a record cut at its end counts once
    for delimiter in DELIMITERS:
        widths: dict[int, int] = {}
        try:
            reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
            for i, row in enumerate(reader):
                if i >= _SNIFF_RECORDS:
                    break
                if any(cell.strip() for cell in row):
                    widths[len(row)] = widths.get(len(row), 0) + 1
        except csv.Error:
            continue
        candidates = [(count, width) for width, count in widths.items() if width > 1]
        if not candidates:
            continue
        score = max(candidates)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(data: bytes, name: str = "CSV") -> RawTable:
    text, codec = decode(data, name)
    if _looks_binary(text):
        raise UnreadableFileError(
            _("{name} cannot be read: it is neither a CSV text file nor an Excel workbook.").format(name=name)
        )
    delimiter = sniff_delimiter(text)
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows.extend(reader)  # on an error, the rows read before it are in ``rows``
    except csv.Error as exc:
        raise UnreadableFileError(
            _("{name} cannot be read: row {row}: {reason}.").format(name=name, row=len(rows) + 1, reason=exc)
        ) from exc
    return RawTable(
        rows=rows,
        row_numbers=list(range(1, len(rows) + 1)),
        container="csv",
        encoding=codec,
        delimiter=delimiter,
    )
