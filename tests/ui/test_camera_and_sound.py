"""The camera as a scanner and the answer sounds.

Generated QR images (rotated, blurred, noisy) and a generated video file go through the real
frame-source interface, the real Qt video path (QMediaPlayer -> QVideoSink -> QVideoFrame) and
the real decoder (zxing-cpp) into the desk. Live capture cannot be tested here: the test
machines have no camera; the test checks instead that asking for it answers "no camera" at once.
Missing audio and a missing Qt Multimedia (no libpulse0) are simulated by blocking the import.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy
import pytest
import qrcode
from PIL import Image, ImageFilter

from PySide6.QtGui import QImage

from kosi_checkin.checkin.answers import Kind, Tone
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.config import Settings
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.repositories import JournalRepository
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk import camera
from kosi_checkin.ui.desk.camera import ImageFrames, QrReader, camera_problem
from kosi_checkin.ui.desk.desk_window import DeskWindow
from kosi_checkin.ui.desk.sound import Sounds

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def window(qtbot, tmp_path: Path) -> DeskWindow:
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    conn, event = open_event(path)
    desk = Desk(conn, event, "Kamera", lambda: dt.datetime(2019, 4, 2, 9, 42, tzinfo=BERLIN))
    w = DeskWindow(AppContext(Settings(desk_sound=False)), desk)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    conn.close()


def badge_frame(code: str, *, angle: float = 0, blur: float = 0, noise: float = 0, size=(640, 480)) -> Image.Image:
    """A camera frame: the badge's QR code on a grey table, turned, out of focus, grainy."""
    qr = qrcode.make(code, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=6, border=4).convert("L")
    qr = qr.resize((260, 260), Image.NEAREST)
    if angle:
        qr = qr.rotate(angle, expand=True, fillcolor=255)
    frame = Image.new("L", size, 150)
    frame.paste(qr, ((size[0] - qr.width) // 2, (size[1] - qr.height) // 2))
    if blur:
        frame = frame.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        pixels = numpy.asarray(frame, dtype=numpy.int16)
        pixels = pixels + numpy.random.default_rng(1).normal(0, noise, pixels.shape).astype(numpy.int16)
        frame = Image.fromarray(numpy.clip(pixels, 0, 255).astype(numpy.uint8))
    return frame


def to_qimage(image: Image.Image) -> QImage:
    image = image.convert("RGB")
    data = image.tobytes()
    return QImage(data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888).copy()


def guest_code(window: DeskWindow) -> tuple[str, str]:
    guest = next(g for g in window.desk.guests.values() if g.first_name == "Özlem")
    return guest.id, window.desk.code_of(guest.id)


@pytest.mark.parametrize("distortion", [{}, {"angle": 17}, {"angle": 90}, {"blur": 1.2}, {"noise": 25},
                                        {"angle": -8, "blur": 0.8, "noise": 15}])
def test_generated_images_check_the_guest_in(qtbot, window: DeskWindow, distortion: dict) -> None:
    attendee, code = guest_code(window)
    blank = to_qimage(Image.new("L", (640, 480), 120))
    frames = [blank] * 3 + [to_qimage(badge_frame(code, **distortion))] * 6
    reader = window.use_frames(ImageFrames(frames, interval_ms=20))
    qtbot.waitUntil(lambda: window.panel.answer is not None, timeout=5000)
    assert window.panel.answer.kind is Kind.WELCOME and window.panel.answer.attendee.id == attendee
    qtbot.wait(300)
    # the same badge in many frames: one check-in, not one per frame
    assert len(JournalRepository(window.desk.conn).entries(attendee)) == 1
    assert reader.frames_seen >= 6


def test_foreign_code_from_camera_gets_the_same_red_answer(qtbot, window: DeskWindow) -> None:
    window.use_frames(ImageFrames([to_qimage(badge_frame("X9X" + "A" * 17))] * 3))
    qtbot.waitUntil(lambda: window.panel.answer is not None, timeout=5000)
    assert window.panel.answer.tone is Tone.RED


def make_video(path: Path, code: str) -> None:
    import av

    with av.open(str(path), "w") as container:
        stream = container.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 640, 480, "yuv420p"
        frames = [Image.new("L", (640, 480), 90)] * 5 + [badge_frame(code, angle=5, blur=0.6)] * 15
        for image in frames:
            for packet in stream.encode(av.VideoFrame.from_image(image.convert("RGB"))):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def test_video_file_through_the_qt_video_path(qtbot, window: DeskWindow, tmp_path: Path) -> None:
    pytest.importorskip("PySide6.QtMultimedia", reason="Qt Multimedia needs libpulse0 (packaging/setup installs it)")
    attendee, code = guest_code(window)
    video = tmp_path / "badge.mp4"
    make_video(video, code)
    reader = window.use_frames(camera.VideoFileFrames(video))
    qtbot.waitUntil(lambda: window.panel.answer is not None, timeout=15000)
    assert window.panel.answer.kind is Kind.WELCOME and window.panel.answer.attendee.id == attendee
    assert JournalRepository(window.desk.conn).entries(attendee)[0].desk == "Kamera"
    assert reader.frames_decoded >= 1


def test_no_camera_answers_at_once(qtbot, window: DeskWindow) -> None:
    """This machine has no camera: F7 says so within a moment, the desk keeps working."""
    problem = camera_problem()
    assert problem is not None
    qtbot.keyClick(window, camera_key())
    assert window.camera_label.text() == problem and window.camera_reader is None
    assert window.isVisible()


def camera_key():
    from PySide6.QtCore import Qt

    return Qt.Key.Key_F7


def test_without_qt_multimedia_no_sound_and_no_camera(qtbot, window: DeskWindow, monkeypatch) -> None:
    """As on a machine without libpulse0: the import fails; nothing crashes."""
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # import raises ImportError
    sounds = Sounds(enabled=True)
    assert not sounds.available and "QtMultimedia" in sounds.reason
    sounds.play(Tone.GREEN)  # silent, no error
    assert "Qt Multimedia" in (camera_problem() or "")  # German: "Qt Multimedia lässt sich nicht laden"
    qtbot.keyClick(window, camera_key())
    assert "Qt Multimedia" in window.camera_label.text()


def test_sound_without_audio_device_is_silent(qtbot) -> None:
    pytest.importorskip("PySide6.QtMultimedia", reason="Qt Multimedia needs libpulse0")
    sounds = Sounds(enabled=True)  # the test machine has no audio output
    sounds.play(Tone.RED)
    assert sounds.available or sounds.reason


def test_reader_drops_frames_while_busy(qtbot) -> None:
    frames = [to_qimage(badge_frame("HELLO123", noise=5))] * 40
    source = ImageFrames(frames, interval_ms=1)
    reader = QrReader(source)
    found: list[str] = []
    reader.decoded.connect(found.append)
    reader.start()
    qtbot.waitUntil(lambda: found == ["HELLO123"], timeout=5000)
    qtbot.wait(200)
    assert reader.frames_decoded <= reader.frames_seen
    assert found == ["HELLO123"]
