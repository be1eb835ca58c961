"""Arrivals per 10 minutes as a bar chart, drawn with QPainter (no chart module needed), and
saved as PNG for the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kosi_checkin import formats
from kosi_checkin.i18n import _

BAR = QColor("#1b6e34")
AXIS = QColor("#37474f")


class ArrivalsChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arrivalsChart")
        self.data: list[tuple[dt.datetime, int]] = []
        self.setMinimumSize(480, 240)

    def set_data(self, data: list[tuple[dt.datetime, int]]) -> None:
        self.data = data
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        try:
            self.paint(painter, self.width(), self.height())
        finally:
            painter.end()

    def paint(self, painter: QPainter, width: int, height: int) -> None:
        painter.fillRect(0, 0, width, height, QColor("white"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSize(9)
        painter.setFont(font)
        painter.setPen(AXIS)
        title = QFont(font)
        title.setBold(True)
        title.setPointSize(11)
        painter.setFont(title)
        painter.drawText(QRectF(0, 4, width, 20), Qt.AlignmentFlag.AlignHCenter, _("Arrivals per 10 minutes"))
        painter.setFont(font)
        if not self.data:
            painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, _("No arrivals yet."))
            return
        left, right, top, bottom = 44, 12, 32, 36
        plot_w, plot_h = width - left - right, height - top - bottom
        peak = max(1, max(count for _t, count in self.data))
        step = max(1, -(-peak // 5))
        painter.drawLine(left, top + plot_h, left + plot_w, top + plot_h)
        for value in range(0, peak + step, step):
            y = top + plot_h - plot_h * value / peak
            if y < top - 1:
                break
            painter.drawText(QRectF(0, y - 8, left - 6, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             str(value))
            painter.setPen(QColor("#e0e0e0"))
            painter.drawLine(left, int(y), left + plot_w, int(y))
            painter.setPen(AXIS)
        slot = plot_w / len(self.data)
        label_every = max(1, int(40 // slot) + 1)
        for n, (moment, count) in enumerate(self.data):
            x = left + n * slot
            bar_h = plot_h * count / peak
            painter.fillRect(QRectF(x + slot * 0.12, top + plot_h - bar_h, slot * 0.76, bar_h), BAR)
            if n % label_every == 0:
                painter.drawText(QRectF(x - 20, top + plot_h + 4, slot + 40, 16), Qt.AlignmentFlag.AlignHCenter,
                                 formats.time(moment))

    def save_png(self, path: Path, width: int = 1200, height: int = 600) -> bool:
        """The chart at a print-friendly size, independent of the window's size."""
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        try:
            self.paint(painter, width, height)
        finally:
            painter.end()
        return bool(image.save(str(path), "PNG"))  # type: ignore[call-overload]  # the stub says bytes; the binding takes str
