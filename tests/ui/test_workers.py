"""Work off the GUI thread answers only an owner that still lives: a dialog closed and deleted
while its job runs must neither crash nor be called (CI once died with SIGSEGV here)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThreadPool
from PySide6.QtWidgets import QDialog, QLabel

from kosi_checkin.ui.workers import Job, run_job


def test_a_deleted_owner_never_hears_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    heard: list[object] = []
    owner = QDialog()
    label = QLabel("waiting", owner)

    def work(job: Job) -> str:
        release.wait(5)
        job.report(1, 1)
        return "done"

    def done(result: str) -> None:
        heard.append(result)
        label.setText(result)  # would touch a deleted widget

    run_job(work, done, heard.append, lambda d, t: heard.append((d, t)), owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=2000)
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)  # let the queued answers arrive
    assert heard == []


def test_a_living_owner_gets_progress_and_the_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    heard: list[object] = []

    def work(job: Job) -> str:
        job.report(1, 2)
        return "done"

    run_job(work, heard.append, heard.append, lambda d, t: heard.append((d, t)), owner=owner)
    qtbot.waitUntil(lambda: "done" in heard, timeout=5000)
    assert heard == [(1, 2), "done"]


def test_a_failure_reaches_the_owner(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    heard: list[BaseException] = []

    def work(job: Job) -> str:
        raise ValueError("row 3: no name")

    run_job(work, lambda _r: None, heard.append, owner=owner)
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert str(heard[0]) == "row 3: no name"


def _alive(obj: QObject) -> bool:
    from shiboken6 import isValid

    return bool(isValid(obj))


def test_a_finished_job_is_let_go_once_its_worker_has_left_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    from kosi_checkin.ui import workers

    owner = QObject()
    heard: list[object] = []
    job = run_job(lambda _job: "done", heard.append, heard.append, owner=owner)
    qtbot.waitUntil(lambda: heard == ["done"], timeout=5000)
    qtbot.waitUntil(lambda: job not in workers._running, timeout=5000)  # noqa: SLF001
    assert job.ran.is_set()
