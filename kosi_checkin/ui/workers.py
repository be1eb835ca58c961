"""Run slow work off the GUI thread; results come back on the GUI thread through signals.

Jobs open their own SQLite connection (a connection is used only on the thread that opened
it). ``run_job`` keeps a reference until the job has finished. A job's work gets plain values,
never a widget: its closure must not read attributes of a window that the GUI thread may be
deleting. Its answer goes to its owner only while the owner lives: a dialog closed (and deleted)
while its job ran simply never hears back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()


class JobSignals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Job(QRunnable):
    def __init__(self, fn: Callable[["Job"], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = JobSignals()
        self.cancel = CancelToken()
        self.ran = threading.Event()  # set when run() has returned: nothing of the job is in use then

    def report(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)

    def run(self) -> None:  # worker thread: no widgets here
        try:
            result = self.fn(self)
        except Exception as exc:  # handed to the GUI thread, shown by ui.errors
            log.debug("job failed", exc_info=True)
            self._answer("failed", exc)
        else:
            self._answer("done", result)
        finally:
            self.ran.set()

    def _answer(self, signal: str, value: object) -> None:
        try:
            getattr(self.signals, signal).emit(value)
        except RuntimeError:  # the application quit while the job ran: its signals are gone, nobody waits
            log.debug("a job's answer dropped: the application has ended")


def _release(job: Job) -> None:
    """Drop the job (and with it its signals object) once the worker has left run(): the GUI
    thread can handle ``done`` while the worker is still inside the emit, and deleting a QObject
    another thread is emitting from is not safe."""
    if job.ran.is_set():
        _running.discard(job)
    else:
        QTimer.singleShot(5, lambda: _release(job))


_running: set[Job] = set()


def run_job(
    fn: Callable[[Job], object],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
    pool: QThreadPool | None = None,
    *,
    owner: QObject,
) -> Job:
    """Start ``fn`` on a worker; ``on_*`` run on the GUI thread, and only while ``owner``
    (the window or object they belong to) has not been deleted."""
    job = Job(fn)
    _running.add(job)

    def finished_ok(result: object) -> None:
        _release(job)
        if isValid(owner):
            on_done(result)

    def finished_bad(exc: object) -> None:
        _release(job)
        if isValid(owner):
            on_failed(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))

    def progressed(done: int, total: int) -> None:
        if on_progress is not None and isValid(owner):
            on_progress(done, total)

    job.signals.done.connect(finished_ok)
    job.signals.failed.connect(finished_bad)
    job.signals.progress.connect(progressed)
    (pool or QThreadPool.globalInstance()).start(job)
    return job
