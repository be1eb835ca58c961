"""Event locations: a file path, or a PostgreSQL URL (postgresql://user@host/db). Passwords are
never kept in settings: they come from ~/.pgpass, PGPASSWORD, or are asked for."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from pathlib import Path

# pathlib and urllib.parse only where used: together 5 ms of a command's start

SCHEMES = ("postgresql://", "postgres://")


def is_shared(location: object) -> bool:
    return isinstance(location, str) and location.startswith(SCHEMES)


def without_password(url: str) -> str:
    """The URL as it may be shown or remembered: any password removed."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


def location(text: str | Path) -> Path | str:
    """What a user gave as EVENT: a file path, or a server URL kept as text."""
    from pathlib import Path

    return str(text) if is_shared(str(text)) else Path(text)


def stem(place: Path | str) -> str:
    """A short name for files made from an event (backups, exports)."""
    if is_shared(str(place)):
        return "".join(c if c.isalnum() or c in "-_" else "_" for c in display(str(place)))
    from pathlib import Path

    return Path(place).stem


def display(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}{parts.path or ''}"


def cache_path(url: str) -> Path:
    """A desk's lasting local copy of the shared event at ``url`` (one per server and database)."""
    import hashlib  # 4 ms to import: only for a shared event

    from kosi_checkin.places import data_dir

    key = hashlib.sha256(without_password(url).encode()).hexdigest()[:16]
    return data_dir() / "shared" / f"{key}.kosi"
