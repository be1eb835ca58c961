"""Known problems of dependencies, kept as tests so an upgrade that brings one back fails CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def test_pyside6_does_not_leak_none_references() -> None:
    """PySide6 6.12.0 on Python 3.11 aborts after a few thousand void calls (none_dealloc)."""
    script = HERE / "pitfalls_pyside6_none_refcount.py"  # a copy of ../shared/pitfalls/
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_qtmultimedia_is_not_imported_at_start() -> None:
    """QtMultimedia needs libpulse0; the app must start where it is missing."""
    code = "import sys; import kosi_checkin.ui.main_window; assert 'PySide6.QtMultimedia' not in sys.modules"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 0
