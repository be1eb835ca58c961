"""Cell values that are safe to hand on: text that a spreadsheet would take for a formula
(starting with =, +, -, @, tab or carriage return) stays text; date-times become Excel serial
numbers in the event's time zone."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_ILLEGAL_XML = {c: None for c in range(32) if c not in (9, 10, 13)}  # XML 1.0 forbids these


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_safe(text: str) -> str:
    """For CSV: a leading apostrophe keeps Excel and LibreOffice from evaluating the value."""
    return "'" + text if looks_like_formula(text) else text


def xml_text(text: str) -> str:
    """Text for an XML text node: escaped, with characters XML cannot hold dropped."""
    return escape(text.translate(_ILLEGAL_XML))


def excel_serial(local: dt.datetime) -> float:
    """Days since Excel's epoch for a naive local date-time."""
    delta = local - EXCEL_EPOCH
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000
