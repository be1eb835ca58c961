"""The badges' QR paths kept between runs (a guest's code is stable): a small SQLite file of
its own in the cache folder, never the event file. A cache only: when it cannot be read or
written the paths are made again, and nothing else changes."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing
from pathlib import Path

log = logging.getLogger(__name__)
Path_ = tuple[int, str]  # modules per side, the PDF path in module units (badges/qr_path.py)


class QrPathCache:
    def __init__(self, file: Path) -> None:
        self.file = file

    def _connect(self) -> sqlite3.Connection:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.file, timeout=2)
        conn.execute("CREATE TABLE IF NOT EXISTS qr_paths (code TEXT PRIMARY KEY, modules INTEGER NOT NULL, "
                     "path TEXT NOT NULL)")
        return conn

    def get_many(self, codes: Iterable[str]) -> dict[str, Path_]:
        wanted = list(dict.fromkeys(codes))
        found: dict[str, Path_] = {}
        try:
            with closing(self._connect()) as conn:
                for start in range(0, len(wanted), 500):
                    chunk = wanted[start:start + 500]
                    rows = conn.execute(f"SELECT code, modules, path FROM qr_paths WHERE code IN "
                                        f"({','.join('?' * len(chunk))})", chunk)
                    found.update((code, (modules, path)) for code, modules, path in rows)
        except (sqlite3.Error, OSError):
            log.warning("QR path cache %s not readable; the codes are made again", self.file, exc_info=True)
        return found

    def put_many(self, paths: Mapping[str, Path_]) -> None:
        if not paths:
            return
        try:
            with closing(self._connect()) as conn, conn:
                conn.executemany("INSERT OR REPLACE INTO qr_paths (code, modules, path) VALUES (?, ?, ?)",
                                 [(code, modules, path) for code, (modules, path) in paths.items()])
        except (sqlite3.Error, OSError):
            log.warning("QR path cache %s not writable", self.file, exc_info=True)
