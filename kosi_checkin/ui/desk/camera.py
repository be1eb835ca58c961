"""The laptop's camera as a scanner: frames from a frame source, QR codes decoded with zxing-cpp
off the GUI thread, each code handed to the desk like a scan.

Frame sources share one small interface (a ``frame`` signal with a QImage, ``failed`` with a
reason, ``start``/``stop``): the live camera, a video file (rehearsals and tests run through the
same Qt video path as the camera) and a list of images (tests). QtMultimedia is imported only
when a camera or video source is made; without it (no libpulse0) or without a camera the desk
says so and carries on."""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QImage

from kosi_checkin.camera.decode import DecoderUnavailable, decode_grey
from kosi_checkin.i18n import _

log = logging.getLogger(__name__)
REPEAT_SECONDS = 3.0  # a badge held in front of the camera counts once, not every frame


def multimedia() -> Any:
    """PySide6.QtMultimedia, or an ImportError/OSError with the reason it cannot load."""
    return importlib.import_module("PySide6.QtMultimedia")


def camera_problem() -> str | None:
    """Why the camera cannot be used here, or None."""
    try:
        qt_multimedia = multimedia()
    except Exception as exc:  # ImportError, OSError from a missing system library
        return _("Camera unavailable: Qt Multimedia cannot be loaded ({reason}).").format(reason=exc)
    try:
        import zxingcpp  # noqa: F401
    except ImportError as exc:
        return _("Camera unavailable: the QR decoder is missing ({reason}).").format(reason=exc)
    if not qt_multimedia.QMediaDevices.videoInputs():
        return _("No camera found.")
    return None


class FrameSource(QObject):
    frame = Signal(QImage)
    failed = Signal(str)
    finished = Signal()

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class ImageFrames(FrameSource):
    """Images shown one after another (tests: generated QR codes, rotated, blurred, noisy)."""

    def __init__(self, images: Sequence[QImage], interval_ms: int = 30) -> None:
        super().__init__()
        self.images = list(images)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._next)
        self._position = 0

    def start(self) -> None:
        self._position = 0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _next(self) -> None:
        if self._position >= len(self.images):
            self._timer.stop()
            self.finished.emit()
            return
        self.frame.emit(self.images[self._position])
        self._position += 1


class _SinkFrames(FrameSource):
    """Frames arriving at a QVideoSink, turned into QImages in the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        qt_multimedia = multimedia()
        self.sink = qt_multimedia.QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._frame)
        self.wanted = True  # set by the reader: False while it is busy (frames are then dropped)

    def _frame(self, frame: Any) -> None:
        if not self.wanted or not frame.isValid():
            return
        image = frame.toImage()
        if not image.isNull():
            self.frame.emit(image)


class VideoFileFrames(_SinkFrames):
    """A video file played through Qt's video path (the same one a camera's frames take)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        qt_multimedia = multimedia()
        self.player = qt_multimedia.QMediaPlayer(self)
        self.player.setVideoOutput(self.sink)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.errorOccurred.connect(lambda _error, text: self.failed.emit(text))
        status = qt_multimedia.QMediaPlayer.MediaStatus
        self.player.mediaStatusChanged.connect(lambda s: self.finished.emit() if s == status.EndOfMedia else None)

    def start(self) -> None:
        self.player.play()

    def stop(self) -> None:
        self.player.stop()


class CameraFrames(_SinkFrames):
    """The live camera (not testable here: the test machines have no camera)."""

    def __init__(self) -> None:
        super().__init__()
        qt_multimedia = multimedia()
        self.camera = qt_multimedia.QCamera(self)
        self.session = qt_multimedia.QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setVideoSink(self.sink)
        self.camera.errorOccurred.connect(lambda _error, text: self.failed.emit(text))

    def start(self) -> None:
        problem = camera_problem()
        if problem:
            self.failed.emit(problem)
            return
        self.camera.start()

    def stop(self) -> None:
        self.camera.stop()


class QrReader(QObject):
    """Decodes frames of a source in a worker thread, one at a time (newer frames are dropped
    while one is being decoded, so a slow decoder never builds a queue) and emits each code
    once per REPEAT_SECONDS."""

    decoded = Signal(str)
    failed = Signal(str)

    def __init__(self, source: FrameSource) -> None:
        super().__init__()
        self.source = source
        source.frame.connect(self._offer)
        source.failed.connect(self.failed)
        self._busy = threading.Event()
        self._recent: dict[str, float] = {}
        self.frames_seen = 0
        self.frames_decoded = 0
        self._results = _Results()
        self._results.found.connect(self._found)
        self._results.error.connect(self.failed)

    def start(self) -> None:
        self.source.start()

    def stop(self) -> None:
        self.source.stop()

    def _offer(self, image: QImage) -> None:
        self.frames_seen += 1
        if self._busy.is_set():
            return
        grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
        data = bytes(grey.constBits())  # a copy the worker owns
        self._busy.set()
        if isinstance(self.source, _SinkFrames):
            self.source.wanted = False
        threading.Thread(target=self._decode, args=(data, grey.width(), grey.height(), grey.bytesPerLine()),
                         daemon=True).start()

    def _decode(self, data: bytes, width: int, height: int, stride: int) -> None:
        try:
            texts = decode_grey(data, width, height, stride)
        except DecoderUnavailable as exc:
            texts = []
            self._results.error.emit(_("Camera unavailable: the QR decoder is missing ({reason}).").format(reason=exc))
        except Exception:  # a broken frame must not stop the camera
            log.debug("frame not decoded", exc_info=True)
            texts = []
        self._results.found.emit(texts)

    def _found(self, texts: list[str]) -> None:
        self.frames_decoded += 1
        self._busy.clear()
        if isinstance(self.source, _SinkFrames):
            self.source.wanted = True
        now = time.monotonic()
        for text in texts:
            if now - self._recent.get(text, -1e9) >= REPEAT_SECONDS:
                self._recent[text] = now
                self.decoded.emit(text)


class _Results(QObject):
    """Carries a worker thread's result into the GUI thread (a queued signal)."""

    found = Signal(list)
    error = Signal(str)
