"""Waiting on the network without freezing the window: the work runs on a thread of its own
while this thread's event loop goes on (the windows repaint, timers and a desk's sync run).
For the first moment the loop takes no clicks or keys (a quick open flashes no dialog, and
nothing is started twice meanwhile); then a dialog says what it waits for, with Cancel where
giving up loses nothing. Opening an event, shared or not, goes through here
(``open_without_freezing``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

from kosi_checkin.domain.errors import Cancelled
from kosi_checkin.i18n import _
from kosi_checkin.services.event_context import EventContext, open_event_context
from kosi_checkin.shared.url import display

if TYPE_CHECKING:
    from kosi_checkin.services.event_context import Claim, Opening

T = TypeVar("T")

QUIET_MS = 400  # how long a wait shows nothing (and takes no input) before its dialog appears
POLL_MS = 20


def wait_for(parent: QWidget | None, message: str, work: Callable[[], T], *, cancellable: bool = True,
             discard: Callable[[], None] | None = None) -> T:
    """``work()`` run on a thread of its own; its result, or its exception raised here, once it
    is done. With ``cancellable``, Cancel raises Cancelled at once and ``discard`` runs (on this
    thread) once the work has ended after all. When the application is ending (no event loop
    runs any more), this waits for the work as a plain call would."""
    box: dict[str, object] = {}
    finished = threading.Event()

    def run() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - raised again on the waiting thread
            box["error"] = exc
        finally:
            finished.set()

    threading.Thread(target=run, name="kosi-wait").start()  # not a daemon: what it sends must land
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: loop.quit() if finished.is_set() else None)
    poll.start()
    QTimer.singleShot(QUIET_MS, loop.quit)
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    cancelled = False
    if not finished.is_set():
        dialog = _WaitDialog(message, cancellable, parent)
        dialog.setWindowTitle(_("Please wait"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)

        def cancel() -> None:
            nonlocal cancelled
            cancelled = True
            loop.quit()

        dialog.canceled.connect(cancel)
        dialog.show()
        if not finished.is_set():
            loop.exec()
        dialog.canceled.disconnect(cancel)
        dialog.hide()
        dialog.deleteLater()
    poll.stop()
    if cancelled and not finished.is_set():
        if discard is not None:
            _when_done(finished, discard)
        raise Cancelled(_("Cancelled."))
    finished.wait()  # at once, unless no event loop ran (the application is ending)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]  # the work's own exception, raised here
    return box["result"]  # type: ignore[return-value]  # the work's own result


class _WaitDialog(QProgressDialog):
    """The wait's dialog: a busy bar, and Cancel only where giving up loses nothing (otherwise
    neither Escape nor the window's close button ends it)."""

    def __init__(self, message: str, cancellable: bool, parent: QWidget | None) -> None:
        super().__init__(message, _("Cancel") if cancellable else "", 0, 0, parent)
        self.cancellable = cancellable
        if not cancellable:
            self.setCancelButton(None)  # Qt's way to show no button

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802  # Qt's name
        if not self.cancellable and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  # Qt's name
        if not self.cancellable:
            event.ignore()
            return
        super().closeEvent(event)


_watchers: set[QObject] = set()


def _when_done(finished: threading.Event, then: Callable[[], None]) -> None:
    """``then()`` on this thread once ``finished`` is set."""
    watcher = QTimer()
    _watchers.add(watcher)

    def check() -> None:
        if finished.is_set():
            watcher.stop()
            _watchers.discard(watcher)
            then()

    watcher.timeout.connect(check)
    watcher.start(POLL_MS * 5)


def open_without_freezing(parent: QWidget | None, place: Path | str, *, desk: bool = False,
                          claim: Claim | None = None) -> EventContext:
    """The event at ``place`` opened by ``open_event_context``, a shared event's exchange with
    its server on a thread of its own (``wait_for``); Cancel raises Cancelled and lets go of
    what the exchange brings later."""
    def fetch_waiting(opening: Opening) -> None:
        wait_for(parent, _("Fetching the event from {server} …").format(server=display(str(place))),
                 opening.fetch, discard=opening.abandon)

    return open_event_context(place, desk=desk, claim=claim, fetch_with=fetch_waiting)


def close_without_freezing(parent: QWidget | None, opened: EventContext) -> None:
    """Close an event as ``EventContext.close`` does; a shared event's changes are sent to its
    server on a thread of its own meanwhile (no Cancel: they must arrive)."""
    send = opened.sending_job()
    opened.close()
    if send is not None:
        wait_for(parent, _("Sending this computer's changes to the server …"), send, cancellable=False)
