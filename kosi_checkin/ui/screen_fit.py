"""Windows sized for the screen they open on: a wish (e.g. 1280×800 for the desk) is cut to
the screen's available area (a 1366×768 laptop less its panels), so no button is ever off it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = (16, 48)  # px a window manager's frame and title bar take, roughly: kept free


def available(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def fit_on_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to (width, height), or less where the screen is smaller, and keep it on the screen."""
    area = available(widget)
    w, h = min(width, area.width() - FRAME[0]), min(height, area.height() - FRAME[1])
    widget.resize(max(w, 200), max(h, 150))
    if not area.contains(widget.frameGeometry()):
        widget.move(area.left() + max(0, (area.width() - widget.width()) // 2),
                    area.top() + max(0, (area.height() - widget.height() - FRAME[1]) // 2))
