"""Fixtures of the window tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_checkin.services.demo import create_demo


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A fresh demo event file (150 fictional guests)."""
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    return path
