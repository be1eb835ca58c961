"""Where the shipped resources (templates, translations, fonts) are found."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def _resources_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # the one-folder app built by PyInstaller (packaging/kosi-checkin.spec)
        return Path(frozen) / "resources"
    here = Path(__file__).resolve().parent
    for folder in (here / "resources", here.parent / "resources"):  # installed wheel; source tree
        if (folder / "templates").is_dir():
            return folder
    from importlib import resources  # anything else (a zip import): ask the import system

    return Path(str(resources.files("kosi_checkin.resources")))


def resource_path(*parts: str) -> Path:
    """Path of a file below the top-level ``resources/`` folder (installed as
    ``kosi_checkin.resources``)."""
    return _resources_root().joinpath(*parts)
