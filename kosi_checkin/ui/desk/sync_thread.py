"""The desk's live link to a shared event, on a thread of its own: the sync loop (LISTEN/NOTIFY,
the outbox, the desk's other changes) reports each round to the window through a signal."""

from __future__ import annotations

from PySide6.QtCore import QThread, Signal

from kosi_checkin.shared.sync import Round, SyncLoop
from kosi_checkin.shared.url import cache_path


class SyncThread(QThread):
    round_done = Signal(object)  # Round

    def __init__(self, url: str) -> None:
        super().__init__()
        self.loop = SyncLoop(url, cache_path(url))
        self._stop = False

    def run(self) -> None:  # the worker thread: no widgets here
        self.loop.run(self.round_done.emit, lambda: self._stop)

    def stop(self) -> None:
        self._stop = True
        self.wait(5000)


__all__ = ["Round", "SyncThread"]
