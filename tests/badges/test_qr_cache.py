"""The badges' QR paths are made once per code and kept between runs (a cache file of its own,
never the event file); a broken cache changes nothing but the speed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from badge_helpers import decoded_codes
from command_line import CLI

from kosi_checkin.badges import qr_path
from kosi_checkin.storage.qr_cache import QrPathCache


def test_paths_made_here_are_kept_and_taken_back(tmp_path: Path) -> None:
    cache = QrPathCache(tmp_path / "qr.sqlite")
    qr_path.fresh()
    made = qr_path.module_path("K7QTESTCODE12345")
    cache.put_many(qr_path.fresh())
    assert cache.get_many(["K7QTESTCODE12345", "K7QOTHER"]) == {"K7QTESTCODE12345": made}
    assert made[1].endswith("f") and " re" in made[1]


def test_the_cache_of_the_badges_command_and_a_broken_one(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    env_cache = tmp_path / "cache"
    monkeypatch.setenv("KOSI_CACHE_DIR", str(env_cache))
    demo = tmp_path / "demo.kosi"
    subprocess.run([*CLI, "demo", str(demo)], check=True, capture_output=True)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    subprocess.run([*CLI, "badges", str(demo), "-o", str(first), "--preview"], check=True, capture_output=True)
    assert (env_cache / "qr-paths.sqlite").stat().st_size > 0
    assert not any(p.name.startswith("demo.kosi-") and "qr" in p.name for p in tmp_path.iterdir())
    (env_cache / "qr-paths.sqlite").write_bytes(b"not a database")  # broken: made again, no error
    done = subprocess.run([*CLI, "badges", str(demo), "-o", str(second), "--preview"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert decoded_codes(first) == decoded_codes(second) and len(decoded_codes(first)) > 0  # the same codes, read back
