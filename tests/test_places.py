"""Settings and data folders by the platform's convention (platformdirs), overridable."""

from __future__ import annotations

import random
import subprocess
import sys
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
    assert Path(places.config_folder()) == plain_env / ".config" / "kosi-checkin"
    assert places.data_dir() == plain_env / ".local" / "share" / "kosi-checkin"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(plain_env / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(plain_env / "data"))
    assert Path(places.config_folder()) == plain_env / "cfg" / "kosi-checkin"
    assert places.demo_event_path() == plain_env / "data" / "kosi-checkin" / "demo.kosi"


def test_overrides_win(plain_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOSI_CONFIG_DIR", str(plain_env / "a"))
    monkeypatch.setenv("KOSI_DATA_DIR", str(plain_env / "b"))
    assert (Path(places.config_folder()), places.data_dir()) == (plain_env / "a", plain_env / "b")


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
    assert Path(places.config_folder()) == plain_env / "AppData" / "Roaming" / "kosi-checkin"
    assert places.data_dir() == plain_env / "AppData" / "Roaming" / "kosi-checkin"  # roaming: it moves with the profile


linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the XDG rules are Linux's")
_VALUES = [None, "", "relative/dir", "~/tilde", "/abs/dir", "/abs/dir/", "/", "//double", "/with space/ä"]


@linux_only
@pytest.mark.parametrize("home", [None, "", "rel/home", "/home/u", "/home/u/", "/"])
def test_linux_folders_are_the_ones_platformdirs_names(home: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any mix of set, empty, relative and absolute XDG variables and HOME: the folders our own
    XDG lookup names (it spares a command importing platformdirs) are platformdirs' Unix ones."""
    from platformdirs.unix import Unix

    rng = random.Random(str(home))
    for _ in range(40):
        for name in ("KOSI_CONFIG_DIR", "KOSI_DATA_DIR", "KOSI_CACHE_DIR", "ANDROID_DATA"):
            monkeypatch.delenv(name, raising=False)
        for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            value = home if name == "HOME" else rng.choice(_VALUES)
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        theirs = Unix(places.APP_NAME, appauthor=False, roaming=True)
        ours = places.platform_dirs()
        assert isinstance(ours, places.XdgFolders)
        assert ours.user_config_path == theirs.user_config_path == Path(places.config_folder())
        assert ours.user_config_dir == theirs.user_config_dir == places.config_folder()
        assert ours.user_data_path == theirs.user_data_path == places.data_dir()
        assert ours.user_cache_path == theirs.user_cache_path == places.cache_dir()


@linux_only
def test_a_command_does_not_import_platformdirs_on_linux(plain_env: Path) -> None:
    code = ("import sys; from kosi_checkin import config; config.load_settings(); "
            "print('platformdirs' in sys.modules, 'tempfile' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"HOME": str(plain_env), "PATH": "/usr/bin:/bin"}).stdout.split()
    assert out == ["False", "False"]
