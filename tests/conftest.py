"""Shared fixtures. The offscreen Qt platform is set here, before any Qt import, so GUI
tests need no display; the end-to-end test under Xvfb sets its own environment."""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from kosi_checkin.domain.model import Event  # noqa: E402
from kosi_checkin.i18n import set_language  # noqa: E402
from kosi_checkin.services.event_config import load_template  # noqa: E402
from kosi_checkin.services.events import create_event  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own settings and data folders, and German as the language."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KOSI_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("KOSI_DATA_DIR", str(base / "data"))
    set_language("de")


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((DATA / "EXPECTED.json").read_text(encoding="utf-8"))


@pytest.fixture
def kosi() -> Event:
    return load_template("kosi-2019")


@pytest.fixture
def event_file(tmp_path: Path, kosi: Event) -> Path:
    path = tmp_path / "event.kosi"
    create_event(path, kosi).close()
    return path
