"""Where the app keeps its settings and data on this machine (``KOSI_CONFIG_DIR`` and
``KOSI_DATA_DIR`` override them, as tests and portable installs do)."""

from __future__ import annotations

import os
from pathlib import Path


def config_dir() -> Path:
    override = os.environ.get("KOSI_CONFIG_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "kosi-checkin"


def data_dir() -> Path:
    override = os.environ.get("KOSI_DATA_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kosi-checkin"


def demo_event_path() -> Path:
    return data_dir() / "demo.kosi"
