"""Cyclic garbage is collected on the GUI thread only: the app switches Python's automatic
collection off and a timer on the GUI thread collects when gc's thresholds are passed."""

from __future__ import annotations

import gc
import threading
import weakref

from kosi_checkin.ui.app import create_application
from kosi_checkin.ui.gui_gc import collect_on_gui_thread


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_the_collector_runs_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = create_application("de")
    collector = collect_on_gui_thread(app)
    assert not gc.isenabled() and collector.timer.isActive()
    ghost = weakref.ref(Node())
    seen: list[str] = []

    def allocate() -> None:  # a worker allocating far past the threshold never collects
        junk = [[n] for n in range(50_000)]
        seen.append("alive" if ghost() is not None else "freed")
        del junk

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert seen == ["alive"]
    kept = [[n] for n in range(5_000)]  # past gc's first threshold, as any work on the GUI thread gets
    qtbot.waitUntil(lambda: ghost() is None, timeout=5000)  # the GUI thread's timer collected it
    assert len(kept) == 5_000
