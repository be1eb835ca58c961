"""Settings and data folders by the platform's convention (platformdirs), overridable."""

from __future__ import annotations

from pathlib import Path

import pytest
from platformdirs.macos import MacOS

from kosi_checkin import places


@pytest.fixture
def plain_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in ("KOSI_CONFIG_DIR", "KOSI_DATA_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def test_linux_follows_xdg(plain_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert places.config_dir() == plain_env / ".config" / "kosi-checkin"
    assert places.data_dir() == plain_env / ".local" / "share" / "kosi-checkin"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(plain_env / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(plain_env / "data"))
    assert places.config_dir() == plain_env / "cfg" / "kosi-checkin"
    assert places.demo_event_path() == plain_env / "data" / "kosi-checkin" / "demo.kosi"


def test_overrides_win(plain_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOSI_CONFIG_DIR", str(plain_env / "a"))
    monkeypatch.setenv("KOSI_DATA_DIR", str(plain_env / "b"))
    assert (places.config_dir(), places.data_dir()) == (plain_env / "a", plain_env / "b")


def test_macos_convention_for_this_app(plain_env: Path) -> None:
    mac = MacOS(places.APP_NAME, appauthor=False, roaming=True)
    assert Path(mac.user_data_dir) == plain_env / "Library" / "Application Support" / "kosi-checkin"
