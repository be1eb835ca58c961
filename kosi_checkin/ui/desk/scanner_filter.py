"""Catches scanner bursts anywhere in the desk window (see checkin/burst.py for the rule).

Installed on the application; it looks only at key presses aimed at a widget of the desk
window. In the search box keys go through at once (no delay for typing) and, if they turn out
to be a scan, the box gets its text from before the burst back. Elsewhere (a drop-down, the
result list) printable keys are held back while they come fast: a pause or Enter ends the
burst, and then a scan is emitted or the held keys are replayed, in order, to their widget."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from kosi_checkin.checkin.burst import Burst

_MODIFIERS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
              Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock}
_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class ScannerFilter(QObject):
    scanned = Signal(str)

    def __init__(self, window: QWidget, reads_as_code: Callable[[str], bool], gap_ms: float = 35) -> None:
        super().__init__(window)
        self.window = window
        self.reads_as_code = reads_as_code
        self.burst = Burst(gap_ms=gap_ms)
        self._held: list[tuple[QWidget, QKeyEvent]] = []
        self.passthrough: set[QLineEdit] = set()  # fields that get keys at once (the search box)
        self._snapshot: tuple[QLineEdit, str] | None = None
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._pause)
        self.clock: Callable[[], float] = lambda: time.monotonic() * 1000

    def set_gap(self, gap_ms: float) -> None:
        self.burst.gap_ms = gap_ms

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self._replaying or event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self.window:
            return False
        assert isinstance(event, QKeyEvent)
        key = Qt.Key(event.key())
        if key in _MODIFIERS:
            return False
        # the window system's time of the key press when there is one (a busy moment in the app
        # must not stretch a scanner's gaps); synthetic events carry 0, then our clock
        stamp = event.timestamp()
        now = float(stamp) if stamp else self.clock()
        text = event.text()
        printable = len(text) == 1 and text.isprintable() and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if printable:
            if self.burst and not self.burst.fits(now):
                self._release()  # too slow: what we held was typing
            if not self.burst:
                self._snapshot = (watched, watched.text()) if isinstance(watched, QLineEdit) and watched in self.passthrough else None
            self.burst.add(text, now)
            self._timer.start(max(1, int(self.burst.gap_ms)))
            if watched in self.passthrough:
                return False  # typed at once; taken back if this becomes a scan
            self._held.append((watched, QKeyEvent(event.type(), event.key(), event.modifiers(), text,
                                                  event.isAutoRepeat(), event.count())))
            return True
        if key in _ENTER and self.burst:
            self._timer.stop()
            if self.burst.fits(now) and self.burst.is_scan(self.reads_as_code):
                self._emit()
                return True
            self._release()
            return False
        if self.burst:  # arrows, Backspace, F-keys: first the held keys, then this one
            self._timer.stop()
            self._release()
        return False

    def _pause(self) -> None:
        """No key for one gap: a burst without Enter is a scan if it reads as one."""
        if self.burst.is_scan(self.reads_as_code):
            self._emit()
        else:
            self._release()

    def _emit(self) -> None:
        text = self.burst.text
        self.burst.clear()
        self._held.clear()
        if self._snapshot is not None:
            field, before = self._snapshot
            field.blockSignals(True)
            field.setText(before)  # the code's characters were never meant for the search
            field.blockSignals(False)
            self._snapshot = None
        self.scanned.emit(text)

    def _release(self) -> None:
        held, self._held = self._held, []
        self.burst.clear()
        self._snapshot = None
        self._replaying = True
        try:
            for widget, event in held:
                QCoreApplication.sendEvent(widget, event)
        finally:
            self._replaying = False
