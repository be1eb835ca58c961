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


def read_image_file(path: Path, what: str) -> bytes:
    """The image's bytes, or one sentence why not; ``what`` names it ("The logo", "The
    signature image": the logo for badges and the certificates' signature are checked alike)."""
    from PIL import Image, UnidentifiedImageError

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFileError(_("{what} {path} cannot be read: {reason}").format(
            what=what, path=path, reason=exc.strerror)) from exc
    if len(data) > MAX_BYTES:
        raise UnreadableFileError(_("{what} {path} is larger than 2 MB; please use a smaller image.").format(
            what=what, path=path))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            kind = image.format
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise UnreadableFileError(_("{what} {path} is not a PNG or JPEG image.").format(what=what, path=path)) from exc
    if kind not in ("PNG", "JPEG"):
        raise UnreadableFileError(_("{what} {path} is not a PNG or JPEG image.").format(what=what, path=path))
    return data


def set_logo(conn: sqlite3.Connection, path: Path | None) -> None:
    """Store the logo (None removes it)."""
    store_image(conn, KEY, read_image_file(path, _("The logo")) if path is not None else None)


def event_logo(conn: sqlite3.Connection) -> bytes | None:
    return stored_image(conn, KEY)


def store_image(conn: sqlite3.Connection, key: str, data: bytes | None) -> None:
    """Keep a checked PNG or JPEG (read_image_file) in the event file under ``key``; None removes it."""
    value = base64.b64encode(data).decode("ascii") if data is not None else ""
    with transaction(conn):
        EventRepository(conn).set_meta(key, value)


def stored_image(conn: sqlite3.Connection, key: str) -> bytes | None:
    value = EventRepository(conn).meta(key)
    return base64.b64decode(value) if value else None
