"""Copies of an event file made with SQLite's backup API (consistent while other connections
write), and the checks a copy is given before it is trusted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kosi_checkin.storage.erasure import self_contained


def copy_into(source: sqlite3.Connection, target: Path) -> None:
    """The database of ``source`` as one self-contained file at ``target`` (overwritten)."""
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        self_contained(copy)
    finally:
        copy.close()


def copy_file(source: Path, target: Path, timeout: float = 10) -> None:
    """Copy the database at ``source`` onto the file ``target`` (both opened by SQLite only)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=timeout)
    dst = sqlite3.connect(target, timeout=timeout)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def make_self_contained(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        self_contained(conn)
    finally:
        conn.close()


def file_marks(path: Path) -> tuple[int, str]:
    """(application_id, integrity_check's answer) of a database file, opened read-only.
    Raises sqlite3.DatabaseError for a file that is no database."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        ok = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()
    return app_id, ok
