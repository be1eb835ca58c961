"""Windows sized for the screen they open on: a wish (e.g. 1280×800 for the desk) is cut to
the screen's available area (a 1366×768 laptop less its panels), so no button is ever off it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = (16, 48)  # px a window manager's frame and title bar take, roughly: kept free


def available(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def fit_on_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to (width, height), or less where the screen is smaller, and keep it on the screen
    (also where a window manager places it: checked again once it is shown and framed)."""
    area = available(widget)
    w, h = min(width, area.width() - FRAME[0]), min(height, area.height() - FRAME[1])
    widget.resize(max(w, 200), max(h, 150))
    _move_inside(widget)
    widget.installEventFilter(_OnShow(widget))


def _move_inside(widget: QWidget) -> None:
    area, frame = available(widget), widget.frameGeometry()
    if area.contains(frame):
        return
    x = min(max(frame.x(), area.left()), max(area.left(), area.right() + 1 - frame.width()))
    y = min(max(frame.y(), area.top()), max(area.top(), area.bottom() + 1 - frame.height()))
    widget.move(x, y)


class _OnShow(QObject):
    """After the window manager has framed and placed the window: back inside if it is not."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            target = watched
            QTimer.singleShot(150, target, lambda: _move_inside(target))  # dropped if the window is gone
        return False
