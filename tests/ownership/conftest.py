"""Shared by the one-owner tests: a private socket folder per test, and a demo event file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_checkin.services.demo import create_demo


@pytest.fixture(autouse=True)
def runtime(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private socket folder per test (as $XDG_RUNTIME_DIR is per user)."""
    folder = tmp_path_factory.mktemp("run")
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture
def event(tmp_path: Path) -> Path:
    path = tmp_path / "kosi.kosi"
    create_demo(path).close()
    return path
