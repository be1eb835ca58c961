"""A desk's calls to a shared event's server, on a worker thread of their own: the desk waits
for an answer at most ``WAIT`` seconds and otherwise decides on its own copy (the check-in goes
to the outbox), so a network that stalls without a reset never holds up a scan. The worker is a
daemon thread: a call stuck in a stalled network never keeps the process alive."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from typing import Any


WAIT = 0.8  # seconds a scan waits for the server before the desk decides alone


class ServerCalls:
    def __init__(self, name: str = "kosi-server-calls") -> None:
        self._queue: queue.SimpleQueue[tuple[Callable[..., Any], tuple[Any, ...], Future[Any]] | None] = queue.SimpleQueue()
        self._busy = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            call, args, future = item
            if not future.set_running_or_notify_cancel():
                continue
            self._busy.set()
            try:
                result = call(*args)
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits
                self._busy.clear()  # before the waiter wakes: its next call must not find us busy
                future.set_exception(exc)
            else:
                self._busy.clear()
                future.set_result(result)

    @property
    def busy(self) -> bool:
        """A call is still under way (a stalled network): the next scan need not queue behind it."""
        return self._busy.is_set() or not self._queue.empty()

    def submit(self, call: Callable[..., Any], *args: Any,
               late: Callable[[Future[Any]], None] | None = None) -> Future[Any]:
        """Run ``call(*args)`` on the worker; ``late`` is called (on the worker) with the
        future when it completes, whoever still waits for it."""
        future: Future[Any] = Future()
        if late is not None:
            future.add_done_callback(late)
        self._queue.put((call, args, future))
        return future

    def close(self) -> None:
        self._queue.put(None)
