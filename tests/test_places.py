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


def test_settings_saved_in_the_linux_folder_move_over_once_on_macos(plain_env: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated macOS: the old build kept settings in ~/.config/kosi-checkin there too."""
    from kosi_checkin import config

    monkeypatch.setattr(places, "platform_dirs", lambda: MacOS(places.APP_NAME, appauthor=False, roaming=True))
    old = plain_env / ".config" / "kosi-checkin" / "settings.json"
    old.parent.mkdir(parents=True)
    old.write_text('{"language": "en", "desk_name": "Tisch 3"}', encoding="utf-8")
    settings = config.load_settings()
    new = plain_env / "Library" / "Application Support" / "kosi-checkin" / "settings.json"
    assert new.is_file() and (settings.language, settings.desk_name) == ("en", "Tisch 3")
    old.write_text('{"language": "de"}', encoding="utf-8")  # once: the moved settings stay the ones used
    assert config.load_settings().language == "en" and not config.move_legacy_settings()


def test_on_linux_nothing_moves(plain_env: Path) -> None:
    from kosi_checkin import config

    (plain_env / ".config" / "kosi-checkin").mkdir(parents=True)
    (plain_env / ".config" / "kosi-checkin" / "settings.json").write_text('{"language": "en"}', encoding="utf-8")
    assert not config.move_legacy_settings() and config.load_settings().language == "en"


def test_windows_convention_for_this_app(plain_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated Windows: the shell's known folders as the Win32 API would answer them."""
    import platformdirs.windows as win

    folders = {"CSIDL_APPDATA": str(plain_env / "AppData" / "Roaming"),
               "CSIDL_LOCAL_APPDATA": str(plain_env / "AppData" / "Local")}
    monkeypatch.setattr(win, "get_win_folder", lambda csidl: folders[csidl])
    monkeypatch.setattr(places, "platform_dirs", lambda: win.Windows(places.APP_NAME, appauthor=False, roaming=True))
    assert places.config_dir() == plain_env / "AppData" / "Roaming" / "kosi-checkin"
    assert places.data_dir() == plain_env / "AppData" / "Roaming" / "kosi-checkin"  # roaming: it moves with the profile
