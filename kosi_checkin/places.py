"""Where the app keeps its settings and data on this machine, by the platform's convention
(platformdirs): on Linux ``$XDG_CONFIG_HOME/kosi-checkin`` and ``$XDG_DATA_HOME/kosi-checkin``
(~/.config, ~/.local/share), on Windows ``%APPDATA%\\kosi-checkin``, on macOS
``~/Library/Application Support/kosi-checkin``. ``KOSI_CONFIG_DIR`` and ``KOSI_DATA_DIR``
override them (tests, portable installs)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

APP_NAME = "kosi-checkin"


def platform_dirs() -> PlatformDirs:
    from platformdirs import PlatformDirs  # ~9 ms: only when a folder is not given by the environment

    # roaming: a Windows profile that moves between machines keeps the settings and recent events
    return PlatformDirs(APP_NAME, appauthor=False, roaming=True)


def config_dir() -> Path:
    override = os.environ.get("KOSI_CONFIG_DIR")
    return Path(override) if override else platform_dirs().user_config_path


def legacy_config_dir() -> Path:
    """Where versions before platformdirs kept the settings on every platform: the XDG folder
    (on Linux the same as ``config_dir``; on Windows and macOS moved over once, see config.py)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / APP_NAME


def data_dir() -> Path:
    override = os.environ.get("KOSI_DATA_DIR")
    return Path(override) if override else platform_dirs().user_data_path


def demo_event_path() -> Path:
    return data_dir() / "demo.kosi"


def cache_dir() -> Path:
    """What can be made again and is only kept to be quicker (the badges' QR paths).
    ``KOSI_CACHE_DIR``, else below ``KOSI_DATA_DIR`` when that is set (tests), else the
    platform's cache folder (~/.cache/kosi-checkin on Linux)."""
    override = os.environ.get("KOSI_CACHE_DIR")
    if override:
        return Path(override)
    if os.environ.get("KOSI_DATA_DIR"):
        return data_dir() / "cache"
    return platform_dirs().user_cache_path
