"""Optional sounds for the answers. QtMultimedia is imported lazily: it needs the system's
PulseAudio client library (Debian libpulse0) and an audio device; where either is missing the
desk stays silent and says so once in the log, it never crashes or hangs."""

from __future__ import annotations

import logging
import math
import struct
import tempfile
import wave
from pathlib import Path
from typing import Any

from kosi_checkin.checkin.answers import Tone

log = logging.getLogger(__name__)

# (frequency Hz, milliseconds) per beep: rising for welcome, double for amber, low for red
_TONES = {
    Tone.GREEN: [(880, 120), (1320, 160)],
    Tone.AMBER: [(660, 120), (0, 60), (660, 120)],
    Tone.RED: [(220, 450)],
    Tone.NEUTRAL: [(520, 100)],
    Tone.BLUE: [(700, 90), (700, 90)],
}


def write_tone(path: Path, beeps: list[tuple[int, int]], rate: int = 22050) -> None:
    frames = bytearray()
    for frequency, ms in beeps:
        count = rate * ms // 1000
        for n in range(count):
            fade = min(1.0, n / 200, (count - n) / 200)  # no clicks
            value = 0.0 if frequency == 0 else math.sin(2 * math.pi * frequency * n / rate) * 0.4 * fade
            frames += struct.pack("<h", int(value * 32767))
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(bytes(frames))


class Sounds:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.effects: dict[Tone, Any] = {}
        self.available = False
        self.reason = ""
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        if enabled:
            self._load()

    def _load(self) -> None:
        try:
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except Exception as exc:  # ImportError, or an OSError from a missing libpulse
            self.reason = f"QtMultimedia unavailable ({exc})"
            log.info("sound off: %s", self.reason)
            return
        try:
            if not QMediaDevices.audioOutputs():
                self.reason = "no audio output device"
                log.info("sound off: %s", self.reason)
                return
            self._folder = tempfile.TemporaryDirectory(prefix="kosi-sounds-")
            for tone, beeps in _TONES.items():
                path = Path(self._folder.name) / f"{tone.value}.wav"
                write_tone(path, beeps)
                effect = QSoundEffect()
                effect.setSource(QUrl.fromLocalFile(str(path)))
                effect.setVolume(0.8)
                self.effects[tone] = effect
            self.available = True
        except Exception as exc:
            self.reason = f"audio could not be set up ({exc})"
            log.info("sound off: %s", self.reason)

    def play(self, tone: Tone) -> None:
        if not (self.enabled and self.available):
            return
        effect = self.effects.get(tone)
        try:
            if effect is not None:
                effect.play()
        except Exception:  # never let a sound break the desk
            log.debug("sound failed", exc_info=True)
