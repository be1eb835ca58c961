"""ui/waiting.py: work that waits (here: a thread that sleeps, standing in for a server that does
not answer yet) runs off the GUI thread while its event loop goes on; its result or exception
comes back; Cancel gives up at once and lets go of the late result; a wait that must not be
given up keeps its dialog through Escape. The real window stalled on a real server:
tests/shared/test_stalled_network.py."""

from __future__ import annotations

import threading
import time

import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from kosi_checkin.domain.errors import Cancelled
from kosi_checkin.i18n import set_language
from kosi_checkin.ui.waiting import QUIET_MS, wait_for


def _dialog() -> QProgressDialog:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    assert len(shown) == 1
    return shown[0]


def test_the_result_comes_back_and_the_event_loop_runs_meanwhile(qtbot) -> None:  # type: ignore[no-untyped-def]
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    worker: list[str] = []
    started = time.monotonic()
    result = wait_for(None, "…", lambda: (worker.append(threading.current_thread().name), time.sleep(1.0), 42)[2])
    timer.stop()
    assert result == 42 and worker != [threading.current_thread().name]
    gaps = [b - a for a, b in zip(ticks, ticks[1:]) if a >= started]
    assert len(gaps) > 20 and max(gaps) < 0.3


def test_the_works_exception_is_raised_where_it_was_waited_for(qtbot) -> None:  # type: ignore[no-untyped-def]
    def fails() -> None:
        time.sleep(0.6)  # past the quiet moment: the dialog is up when it fails
        raise ValueError("kaputt")

    with pytest.raises(ValueError, match="kaputt"):
        wait_for(None, "…", fails)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_cancel_gives_up_at_once_and_the_late_result_is_let_go(qtbot) -> None:  # type: ignore[no-untyped-def]
    set_language("de")
    released = threading.Event()
    let_go: list[str] = []

    def press_cancel() -> None:
        button = _dialog().findChild(QPushButton)
        assert button is not None and button.text() == "Abbrechen"
        button.click()

    QTimer.singleShot(QUIET_MS + 200, press_cancel)
    started = time.monotonic()
    with pytest.raises(Cancelled):
        wait_for(None, "Die Veranstaltung wird geholt …", lambda: released.wait(10), discard=lambda: let_go.append("x"))
    assert time.monotonic() - started < 1.5 and let_go == []  # back at once; the work still runs
    released.set()
    qtbot.waitUntil(lambda: let_go == ["x"], timeout=3000)  # let go once it has ended


def test_a_wait_that_must_not_be_given_up_keeps_its_dialog_through_escape(qtbot) -> None:  # type: ignore[no-untyped-def]
    still_shown: list[bool] = []

    def press_escape() -> None:
        dialog = _dialog()
        assert dialog.findChild(QPushButton) is None  # no Cancel button
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()  # nor the window's close button
        QTimer.singleShot(50, lambda: still_shown.append(dialog.isVisible()))

    QTimer.singleShot(QUIET_MS + 200, press_escape)
    assert wait_for(None, "Die Änderungen gehen an den Server …", lambda: (time.sleep(1.2), "sent")[1],
                    cancellable=False) == "sent"
    assert still_shown == [True]
