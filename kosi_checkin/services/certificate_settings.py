"""The certificates' settings kept in the event file: the text (event TOML ``[certificate]``,
editable in the window) and the signature image (beside the logo)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kosi_checkin.domain.errors import UsageError
from kosi_checkin.domain.model import CertificateText, Event
from kosi_checkin.domain.values import replace
from kosi_checkin.i18n import N_, _
from kosi_checkin.services.event_config import text_problem
from kosi_checkin.services.event_logo import read_image_file, store_image, stored_image
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import EventRepository

SIGNATURE_KEY = "certificate_signature"
DEFAULT_TEXT = N_("This certificate was issued from the attendance recorded at the entrance of the event.")


def closing_text(event: Event, lang: str) -> str:
    """The certificate's closing paragraph in ``lang`` (call with the UI language set to it):
    the event's own text in that language, else the app's default."""
    own = event.certificate.text_en if lang == "en" else event.certificate.text
    return own or _(DEFAULT_TEXT)


def save_certificate_text(conn: sqlite3.Connection, event: Event, text: CertificateText) -> Event:
    """Keep a changed text in the event file; the event as it is now."""
    for value in (text.text, text.text_en):
        problem = text_problem(value)
        if problem:
            raise UsageError(problem)
    changed = replace(event, certificate=text)
    with transaction(conn):
        EventRepository(conn).save_certificate(text)
    return changed


def read_signature(path: Path) -> bytes:
    """The signature image's bytes (a PNG or JPEG of at most 2 MB), or one sentence why not."""
    return read_image_file(path, _("The signature image"))


def set_signature(conn: sqlite3.Connection, path: Path | None) -> None:
    """Keep the signature image in the event file; None removes it."""
    store_signature(conn, read_signature(path) if path is not None else None)


def store_signature(conn: sqlite3.Connection, data: bytes | None) -> None:
    store_image(conn, SIGNATURE_KEY, data)


def signature(conn: sqlite3.Connection) -> bytes | None:
    return stored_image(conn, SIGNATURE_KEY)


def certificate_text(conn: sqlite3.Connection) -> CertificateText:
    """The text as the event file has it now (a window's event may be older)."""
    return EventRepository(conn).load().certificate
