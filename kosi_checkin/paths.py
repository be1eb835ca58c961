"""Where the shipped resources (templates, translations, fonts) are found."""

from __future__ import annotations

import os
import sys
from functools import cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from pathlib import Path


@cache
def _resources_root() -> str:
    """As text: a command's start finds its catalogue without loading pathlib (5 ms)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # the one-folder app built by PyInstaller (packaging/kosi-checkin.spec)
        return os.path.join(frozen, "resources")
    here = os.path.dirname(os.path.realpath(__file__))
    for folder in (os.path.join(here, "resources"), os.path.join(os.path.dirname(here), "resources")):
        if os.path.isdir(os.path.join(folder, "templates")):  # installed wheel; source tree
            return folder
    from importlib import resources  # anything else (a zip import): ask the import system

    return str(resources.files("kosi_checkin.resources"))


def resource_file(*parts: str) -> str:
    """``resource_path`` as text."""
    return os.path.join(_resources_root(), *parts)


def resource_path(*parts: str) -> Path:
    """Path of a file below the top-level ``resources/`` folder (installed as
    ``kosi_checkin.resources``)."""
    from pathlib import Path

    return Path(resource_file(*parts))
