"""Where the shipped resources (templates, translations, fonts) are found."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path


def _resources_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # the one-folder app built by PyInstaller (packaging/kosi-checkin.spec)
        return Path(frozen) / "resources"
    try:
        return Path(str(resources.files("kosi_checkin.resources")))
    except (ModuleNotFoundError, TypeError):  # running from a source tree that is not installed
        return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a file below the top-level ``resources/`` folder (installed as
    ``kosi_checkin.resources``)."""
    return _resources_root().joinpath(*parts)
