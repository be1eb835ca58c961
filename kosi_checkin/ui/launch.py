"""Start the GUI, or explain in one sentence why it cannot start. Imports Qt only after the
checks, so a machine without a display or without Qt's system libraries gets a clear message."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kosi_checkin.domain.errors import KosiError
from kosi_checkin.i18n import _

QT_SYSTEM_PACKAGES = "libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libfontconfig1 libdbus-1-3"


class NoDisplayError(KosiError):
    exit_code = 2


def check_display(environ: dict[str, str] | os._Environ[str] = os.environ, platform: str = sys.platform) -> None:
    if not platform.startswith("linux"):
        return
    if environ.get("QT_QPA_PLATFORM") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return
    raise NoDisplayError(
        _(
            "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set): start KoSI Check-in from a "
            "desktop session, or use the command line (kosi-checkin --help)."
        )
    )


def check_system_libraries(environ: dict[str, str] | os._Environ[str] = os.environ, platform: str = sys.platform) -> None:
    """Qt's X11 plugin needs libxcb-cursor0 since Qt 6.5; without it Qt aborts with a long
    message. Say it in one sentence instead."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM", "xcb") != "xcb" or not environ.get("DISPLAY"):
        return
    import ctypes.util

    missing = [lib for lib in ("xcb-cursor", "xkbcommon-x11", "EGL", "fontconfig") if ctypes.util.find_library(lib) is None]
    if missing:
        raise NoDisplayError(
            _("Qt cannot load a system library ({reason}); install them with: apt-get install {packages}").format(
                reason=", ".join("lib" + m for m in missing), packages=QT_SYSTEM_PACKAGES
            )
        )


def import_qt() -> None:
    try:
        import PySide6.QtWidgets  # noqa: F401
    except ImportError as exc:
        raise NoDisplayError(
            _("Qt cannot load a system library ({reason}); install them with: apt-get install {packages}").format(
                reason=exc, packages=QT_SYSTEM_PACKAGES
            )
        ) from exc


def run(event: Path | str | None, lang: str | None = None, explicit: bool = False) -> int:
    check_display()
    check_system_libraries()
    import_qt()
    from kosi_checkin.ui.app import main

    return main(event, lang, explicit)


def run_desk(event: Path | str, lang: str | None, session: str | None, name: str | None, fullscreen: bool,
             mode: str = "desk") -> int:
    check_display()
    check_system_libraries()
    import_qt()
    from kosi_checkin.ui.app import main_desk

    return main_desk(event, lang, session, name, fullscreen, mode)
