"""Render the icon set from packaging/icons/kosi-checkin.svg (PNG sizes for Linux, .ico for
Windows). Run: QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def main() -> None:
    app = QGuiApplication(sys.argv)  # noqa: F841 - Qt wants one for painting
    renderer = QSvgRenderer(str(ICONS / "kosi-checkin.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        image.save(str(ICONS / f"kosi-checkin-{size}.png"))
    Image.open(ICONS / "kosi-checkin-256.png").save(ICONS / "kosi-checkin.ico", sizes=[(s, s) for s in SIZES[:6]])


if __name__ == "__main__":
    main()
