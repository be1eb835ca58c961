"""Strict typing of the whole package (ui/ and cli/ included) and its import order, as
pyproject.toml sets them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_mypy_strict() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kosi_checkin" in (ROOT / "pyproject.toml").read_text().split("[tool.mypy]")[1].split("\n[")[0]


def test_imports_sorted_with_a_qt_section() -> None:
    result = subprocess.run([sys.executable, "-m", "isort", "--check-only", "--diff", "kosi_checkin"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
