"""The event's logo for badges: a PNG or JPEG kept inside the event file (so the file travels
with it), checked when it is set, not when 1,000 badges are being drawn."""

from __future__ import annotations

import base64
import io
import sqlite3
from pathlib import Path

from kosi_checkin.domain.errors import UnreadableFileError
from kosi_checkin.i18n import _
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import EventRepository

MAX_BYTES = 2_000_000
KEY = "logo"


def read_logo_file(path: Path) -> bytes:
    """The image's bytes, or one sentence why not (also for the certificates' signature)."""
    from PIL import Image, UnidentifiedImageError

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFileError(_("The logo {path} cannot be read: {reason}").format(path=path, reason=exc.strerror)) from exc
    if len(data) > MAX_BYTES:
        raise UnreadableFileError(_("The logo {path} is larger than 2 MB; please use a smaller image.").format(path=path))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            kind = image.format
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise UnreadableFileError(_("The logo {path} is not a PNG or JPEG image.").format(path=path)) from exc
    if kind not in ("PNG", "JPEG"):
        raise UnreadableFileError(_("The logo {path} is not a PNG or JPEG image.").format(path=path))
    return data


def set_logo(conn: sqlite3.Connection, path: Path | None) -> None:
    """Store the logo (None removes it)."""
    store_image(conn, KEY, path)


def event_logo(conn: sqlite3.Connection) -> bytes | None:
    return stored_image(conn, KEY)


def store_image(conn: sqlite3.Connection, key: str, path: Path | None) -> None:
    """Keep a checked PNG or JPEG in the event file under ``key`` (None removes it)."""
    value = base64.b64encode(read_logo_file(path)).decode("ascii") if path is not None else ""
    with transaction(conn):
        EventRepository(conn).set_meta(key, value)


def stored_image(conn: sqlite3.Connection, key: str) -> bytes | None:
    value = EventRepository(conn).meta(key)
    return base64.b64decode(value) if value else None
