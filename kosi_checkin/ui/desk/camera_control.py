"""The desk's camera: F7 turns it on and off; codes decoded from its frames are scans. The line
under the desk says what the camera does (on, off, why it cannot run)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel

from kosi_checkin.i18n import _
from kosi_checkin.ui.desk.camera import CameraFrames, FrameSource, QrReader, camera_problem


class CameraControl:
    def __init__(self, label: QLabel, on_code: Callable[[str], None]) -> None:
        self.label = label
        self.on_code = on_code
        self.reader: QrReader | None = None

    def toggle(self) -> None:
        if self.reader is not None:
            self.stop()
            return
        problem = camera_problem()
        if problem:
            self.label.setText(problem)
            return
        try:
            self.use_frames(CameraFrames())
        except Exception as exc:  # noqa: BLE001 - no camera must never break the desk
            self.label.setText(_("Camera unavailable: {reason}").format(reason=exc))

    def _failed(self, reason: str) -> None:
        self.label.setText(_("Camera: {reason}").format(reason=reason))
        self.stop()

    def use_frames(self, source: FrameSource) -> QrReader:
        """Read QR codes from a frame source (the camera, or a video file or images in tests)."""
        self.stop()
        reader = QrReader(source)
        reader.decoded.connect(self.on_code)
        reader.failed.connect(self._failed)
        self.reader = reader
        self.label.setText(_("Camera on (F7 turns it off)"))
        reader.start()
        return reader

    def stop(self) -> None:
        if self.reader is not None:
            self.reader.stop()
            self.reader = None
            self.label.setText(_("Camera off"))
