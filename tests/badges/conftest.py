"""Fixtures of the badge tests (the CUPS queue is in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    from kosi_checkin.services.demo import create_demo

    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    return path
