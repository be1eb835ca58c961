"""A live preview of one badge exactly as it will print: the real PDF (front, and the back when
asked), rendered with QtPdf."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kosi_checkin.badges.layouts import Layout
from kosi_checkin.badges.sheet import write_badges
from kosi_checkin.domain.model import Attendee, Event
from kosi_checkin.domain.values import replace
from kosi_checkin.tokens.badge_code import BadgeCodec

PREVIEW_DPI = 110
MAX_SIDE = (340, 420)  # px one side of the preview takes at most (front and back beside the form on 1366 px)


def render_pages(pdf: Path, dpi: float = PREVIEW_DPI) -> list[QImage]:
    document = QPdfDocument()
    try:
        if document.load(str(pdf)) != QPdfDocument.Error.None_:
            return []
        images = []
        for page in range(document.pageCount()):
            points = document.pagePointSize(page)
            images.append(document.render(page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))))
        return images
    finally:
        document.close()


def badge_images(layout: Layout, event: Event, guest: Attendee, codec: BadgeCodec, back: bool,
                 logo: bytes | None = None, band_by: str = "category") -> list[QImage]:
    """The guest's badge (front, back) cut out of a one-badge sheet of ``layout``."""
    single = replace(layout, grid=(1, 1), origin=(0, 0), page=(layout.badge[0], layout.slot_height), cut_marks=False)
    with tempfile.TemporaryDirectory(prefix="kosi-preview-") as folder:
        pdf = Path(folder) / "preview.pdf"
        write_badges(pdf, single, event, [guest], codec.encode, back=back and layout.back != "none", logo=logo,
                     band_by=band_by)
        return render_pages(pdf)


class BadgePreview(QWidget):
    """Front and back of one badge side by side, with a thin frame for the badge's edge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.front = QLabel()
        self.back = QLabel()
        for label in (self.front, self.back):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: white; border: 1px solid #999;")
        self.front.setObjectName("previewFront")
        self.back.setObjectName("previewBack")
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.front, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        self.back.hide()
        self.images: list[QImage] = []

    def show_badge(self, layout: Layout, event: Event, guest: Attendee | None, codec: BadgeCodec, back: bool,
                   logo: bytes | None = None, band_by: str = "category") -> None:
        self.images = badge_images(layout, event, guest, codec, back, logo, band_by) if guest is not None else []
        for label, image in zip((self.front, self.back), self.images):
            pixmap = QPixmap.fromImage(image)
            if pixmap.width() > MAX_SIDE[0] or pixmap.height() > MAX_SIDE[1]:  # a big layout: both sides fit a laptop
                pixmap = pixmap.scaled(*MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.width() + 2, pixmap.height() + 2)  # the frame is the badge's edge
        if not self.images:
            self.front.setPixmap(QPixmap())
        self.back.setVisible(len(self.images) > 1)
