"""Where the app keeps its settings and data on this machine, by the platform's convention
(platformdirs): on Linux ``$XDG_CONFIG_HOME/kosi-checkin`` and ``$XDG_DATA_HOME/kosi-checkin``
(~/.config, ~/.local/share), on Windows ``%APPDATA%\\kosi-checkin``, on macOS
``~/Library/Application Support/kosi-checkin``. ``KOSI_CONFIG_DIR`` and ``KOSI_DATA_DIR``
override them (tests, portable installs)."""

from __future__ import annotations

import os
import sys

APP_NAME = "kosi-checkin"

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Protocol

    class Folders(Protocol):
        """What the app asks of a platform's folders: platformdirs' PlatformDirs, or XdgFolders."""

        @property
        def user_config_dir(self) -> str: ...
        @property
        def user_config_path(self) -> Path: ...
        @property
        def user_data_path(self) -> Path: ...
        @property
        def user_cache_path(self) -> Path: ...


# the variable naming each base folder, and its default
CONFIG, DATA, CACHE = ("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"), ("XDG_CACHE_HOME", ".cache")


class XdgFolders:
    """The three folders platformdirs names on Linux, by the XDG rules it follows (an
    ``$XDG_*_HOME`` counts only when absolute; a relative ``$HOME`` counts as unset), without
    importing it: platformdirs loads tempfile, shutil and random, ~9 ms of a command that
    starts in ~40 ms. tests/test_places.py checks that both answer alike in any environment."""

    def __init__(self, app: str) -> None:
        self.app = app

    def _folder(self, variable: str, default: str) -> str:
        base = os.environ.get(variable, "")
        if not os.path.isabs(base):
            home = os.environ.get("HOME", "")
            if not os.path.isabs(home):
                import pwd

                home = pwd.getpwuid(os.getuid()).pw_dir
            base = home.rstrip("/") + "/" + default
        return os.path.join(base, self.app)

    @property
    def user_config_dir(self) -> str:
        """As text, as platformdirs has it too: a command's start reads its settings without loading pathlib."""
        return self._folder(*CONFIG)

    @property
    def user_config_path(self) -> Path:
        from pathlib import Path

        return Path(self.user_config_dir)

    @property
    def user_data_path(self) -> Path:
        from pathlib import Path

        return Path(self._folder(*DATA))

    @property
    def user_cache_path(self) -> Path:
        from pathlib import Path

        return Path(self._folder(*CACHE))


def _android() -> bool:
    return os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system"


def platform_dirs() -> Folders:
    if sys.platform == "linux" and not _android():
        return XdgFolders(APP_NAME)
    from platformdirs import PlatformDirs  # only when a folder is not given by the environment

    # roaming: a Windows profile that moves between machines keeps the settings and recent events
    return PlatformDirs(APP_NAME, appauthor=False, roaming=True)


def config_folder() -> str:
    """The settings' folder (as text: a command's start reads its settings without loading pathlib, 5 ms)."""
    override = os.environ.get("KOSI_CONFIG_DIR")
    if override:
        return override
    return platform_dirs().user_config_dir


def legacy_config_folder() -> str:
    """Where versions before platformdirs kept the settings on every platform: the XDG folder
    (on Linux the same as ``config_folder``; on Windows and macOS moved over once, see config.py)."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")  # Path.home()
    return os.path.join(base, APP_NAME)


def data_dir() -> Path:
    from pathlib import Path

    override = os.environ.get("KOSI_DATA_DIR")
    return Path(override) if override else platform_dirs().user_data_path


def demo_event_path() -> Path:
    return data_dir() / "demo.kosi"


def cache_dir() -> Path:
    """What can be made again and is only kept to be quicker (the badges' QR paths).
    ``KOSI_CACHE_DIR``, else below ``KOSI_DATA_DIR`` when that is set (tests), else the
    platform's cache folder (~/.cache/kosi-checkin on Linux)."""
    from pathlib import Path

    override = os.environ.get("KOSI_CACHE_DIR")
    if override:
        return Path(override)
    if os.environ.get("KOSI_DATA_DIR"):
        return data_dir() / "cache"
    return platform_dirs().user_cache_path
