"""A network that stalls without a reset (Wi-Fi that hangs, a switch dropping packets) between
a real desk process and a real PostgreSQL, through tests/shared/stall_proxy.py: every scan is
answered within the desk's own bound while it lasts, nothing acknowledged is lost, and
everything reaches the server once the network is back."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from command_line import CLI
from stall_proxy import StallProxy
from test_desks import go, journal, report, setup, start_desk


def _proxied(pg_server, pg_url: str) -> tuple[StallProxy, str]:
    database = urlsplit(pg_url).path.lstrip("/")
    proxy = StallProxy(str(Path(pg_server.base) / f".s.PGSQL.{pg_server.port}"))
    return proxy, f"postgresql://postgres@127.0.0.1:{proxy.port}/{database}"


def test_every_scan_answers_during_a_stall_and_nothing_is_lost(tmp_path: Path, pg_url: str, pg_server) -> None:
    guests = setup(tmp_path, pg_url)[:40]
    proxy, url = _proxied(pg_server, pg_url)
    try:
        desk = start_desk(url, "Tisch 1", 8, guests, tmp_path)
        go([desk])
        time.sleep(1.0)
        proxy.stall()  # no reset, no error: the bytes just stop
        time.sleep(4.0)
        proxy.resume()
        lines = report(desk)
    finally:
        proxy.close()
    latencies = [float(r[1]) for r in lines if r[0] == "LAT"]
    assert len(latencies) == len(guests)
    assert max(latencies) < 3.0, sorted(latencies)[-3:]  # the real target (< 1 s p99) is measured in bench/
    assert sum(1 for t in latencies if t > 0.5) <= 3  # a stalled call is waited for once, not per scan
    acks = {r[1] for r in lines if r[0] == "ACK"}
    assert len(acks) == len(guests)
    assert lines[-1] == ["DONE", "0"]  # the outbox went out once the network was back
    stored = journal(pg_url)
    assert acks <= set(stored) and all(stored[u] == "checkin" for u in acks)
    with psycopg.connect(pg_url) as pg:
        assert pg.execute("SELECT count(*) FROM presence WHERE session_id = 'werkstatt'").fetchone()[0] == len(guests)


def test_a_dropped_network_through_the_proxy(tmp_path: Path, pg_url: str, pg_server) -> None:
    guests = setup(tmp_path, pg_url)[:30]
    proxy, url = _proxied(pg_server, pg_url)
    try:
        desk = start_desk(url, "Tisch 2", 10, guests, tmp_path)
        go([desk])
        time.sleep(1.0)
        proxy.drop()  # every connection reset at once
        lines = report(desk)
    finally:
        proxy.close()
    acks = {r[1] for r in lines if r[0] == "ACK"}
    assert len(acks) == len(guests) and lines[-1] == ["DONE", "0"]
    assert acks <= set(journal(pg_url))


def test_the_desk_window_keeps_its_event_loop_during_a_stall(qtbot, tmp_path: Path, pg_url: str, pg_server,
                                                            monkeypatch) -> None:
    """The real window on a shared event behind a stalled network: scans answer, and a timer on
    the GUI thread keeps firing all the while (nothing blocks the event loop for long)."""
    import time as clock

    from PySide6.QtCore import QTimer

    from kosi_checkin.checkin.answers import Kind
    from kosi_checkin.config import Settings
    from kosi_checkin.ui.context import AppContext
    from kosi_checkin.ui.desk.launch import open_desk_window

    monkeypatch.setenv("KOSI_NOW", "2019-04-02T09:40:00+02:00")
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))
    guests = setup(tmp_path, pg_url)[:12]
    proxy, url = _proxied(pg_server, pg_url)
    try:
        window = open_desk_window(AppContext(Settings(desk_sound=False, backup_minutes=0)), url, name="Tisch 1")
        window.show()
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(50)
        timer.timeout.connect(lambda: ticks.append(clock.monotonic()))
        timer.start()
        window.on_scan(window.desk.code_of(guests[0]))
        assert window.panel.answer.kind is Kind.WELCOME
        from kosi_checkin.owner.lock import try_lock
        from kosi_checkin.shared.url import cache_path

        assert try_lock(cache_path(url), exclusive=False) is None  # the desk's local copy has one owner too
        proxy.stall()
        started = clock.monotonic()
        answered = []
        for guest in guests[1:9]:
            before = clock.monotonic()
            window.on_scan(window.desk.code_of(guest))
            answered.append(clock.monotonic() - before)
            assert window.panel.answer.kind is Kind.WELCOME
            qtbot.wait(250)  # the volunteer's pace: the event loop runs between scans
        stalled_for = clock.monotonic() - started
        proxy.resume()
        gaps = [b - a for a, b in zip(ticks, ticks[1:]) if a >= started]
        assert max(answered) < 1.0, answered  # each scan answered within the desk's bound
        assert gaps and max(gaps) < 1.2, max(gaps)  # the timer kept firing: never blocked for long
        assert len([t for t in ticks if t >= started]) >= stalled_for / 0.05 * 0.5
        assert window.banner.isVisible()  # offline, and it says so
        qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=30000)  # back by itself
        timer.stop()
        with qtbot.waitSignal(window.destroyed, timeout=15000):
            window.close()
    finally:
        proxy.close()
    with psycopg.connect(pg_url) as pg:
        present = {r[0] for r in pg.execute("SELECT attendee_id FROM presence WHERE session_id = 'werkstatt'")}
    assert set(guests[:9]) <= present  # everything reached the server afterwards


def test_the_main_window_keeps_its_event_loop_while_a_reload_waits_on_a_stalled_server(
        qtbot, tmp_path: Path, pg_url: str, pg_server, monkeypatch) -> None:
    """A shared event's reload (after an edit, an import, a check-in through the app) sends and
    takes changes over the network: behind a stalled network the window goes on answering, and
    the reload completes once the network is back."""
    import time as clock

    from PySide6.QtCore import QTimer

    from kosi_checkin.config import Settings
    from kosi_checkin.ui.context import AppContext
    from kosi_checkin.ui.main_window import MainWindow

    guests = setup(tmp_path, pg_url)
    proxy, url = _proxied(pg_server, pg_url)
    try:
        main = MainWindow(AppContext(Settings(backup_minutes=0)))
        qtbot.addWidget(main)
        assert main.open_event(url)
        assert main.model is not None
        qtbot.waitUntil(lambda: main.model.rowCount() == 150, timeout=10000)
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(50)
        timer.timeout.connect(lambda: ticks.append(clock.monotonic()))
        timer.start()
        proxy.stall()
        started = clock.monotonic()
        main.reload()
        assert clock.monotonic() - started < 0.5  # handed to a worker, not waited for
        assert main.model.rowCount() == 150  # this computer's copy, shown at once
        qtbot.waitUntil(lambda: "Server antwortet gerade nicht" in main.statusBar().currentMessage(), timeout=8000)
        gaps = [b - a for a, b in zip(ticks, ticks[1:]) if a >= started]
        assert gaps and max(gaps) < 0.5, max(gaps)  # the event loop ran all the while
        assert main._syncing  # still waiting on the server
        # a guest checked in at another desk meanwhile shows once the network is back
        done = subprocess.run([*CLI, "checkin", pg_url, "--attendee", guests[0], "--session", "werkstatt",
                               "--desk", "Tisch 2"], capture_output=True, text=True, env={**os.environ,
                               "KOSI_NOW": "2019-04-02T09:40:00+02:00"})
        assert done.returncode == 0, done.stderr
        proxy.resume()
        main.reload()  # asked for while the first is under way: one more resync after it
        qtbot.waitUntil(lambda: not main._syncing and any(
            main.model.row(r).checkins for r in range(main.model.rowCount())), timeout=60000)
        timer.stop()
        main.close_event_file()  # while the proxy still passes bytes (closing sends what is left)
    finally:
        proxy.close()


def test_closing_the_main_window_while_a_resync_is_under_way(qtbot, tmp_path: Path, pg_url: str, pg_server) -> None:
    """The window's own push on closing waits for the worker's exchange on the same server
    connection (one transaction at a time), and the worker's late answer finds no event. (The
    clash it guards against, psycopg's OutOfOrderTransactionNesting, needs both threads inside a
    transaction at once: a timing this test makes likely, not certain; CI met it once.)"""
    from kosi_checkin.config import Settings
    from kosi_checkin.ui.context import AppContext
    from kosi_checkin.ui.main_window import MainWindow

    setup(tmp_path, pg_url)
    proxy, url = _proxied(pg_server, pg_url)
    try:
        main = MainWindow(AppContext(Settings(backup_minutes=0)))
        qtbot.addWidget(main)
        assert main.open_event(url)
        qtbot.waitUntil(lambda: main.model is not None and main.model.rowCount() == 150, timeout=10000)
        proxy.delay = 0.05  # every exchange slow: the close comes while the worker talks
        for attempt in range(6):
            main.reload()
            qtbot.wait(5 + 15 * attempt)  # the close at different points of the worker's exchange
            assert main._syncing
            main.close_event_file()  # no OutOfOrderTransactionNesting, no error
            assert main.current is None
            proxy.delay = 0.0
            qtbot.waitUntil(lambda: not main._syncing, timeout=30000)  # its answer came, and was let go
            assert main.open_event(url)
            qtbot.waitUntil(lambda: main.model is not None and main.model.rowCount() == 150, timeout=10000)
            proxy.delay = 0.05
        proxy.delay = 0.0
        main.close_event_file()
    finally:
        proxy.close()


def _ticking() -> tuple[object, list[float]]:
    """A timer on the GUI thread that notes when it fires (every 50 ms while the loop runs)."""
    import time as clock

    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(clock.monotonic()))
    timer.start()
    return timer, ticks


def _longest_gap(ticks: list[float], since: float) -> float:
    after = [t for t in ticks if t >= since]
    return max((b - a for a, b in zip(after, after[1:])), default=float("inf"))


def _scratch_copies() -> set[str]:
    import tempfile

    return {p.name for p in Path(tempfile.gettempdir()).glob("kosi-shared-*")}


def test_the_main_window_keeps_its_event_loop_while_opening_a_shared_event_on_a_stalled_network(
        qtbot, tmp_path: Path, pg_url: str, pg_server, monkeypatch) -> None:
    """Opening a shared event waits on the server: behind a stalled network the window goes on
    (its timer fires, it repaints) until the connection times out, then says the server does
    not answer; opened again once the network is back, the event shows."""
    import time as clock

    from kosi_checkin.config import Settings
    from kosi_checkin.ui import main_window as window_module
    from kosi_checkin.ui.context import AppContext
    from kosi_checkin.ui.main_window import MainWindow

    setup(tmp_path, pg_url)
    shown: list[BaseException] = []
    monkeypatch.setattr(window_module, "show_error", lambda _parent, exc: shown.append(exc))
    proxy, url = _proxied(pg_server, pg_url)
    try:
        main = MainWindow(AppContext(Settings(backup_minutes=0)))
        qtbot.addWidget(main)
        main.show()
        timer, ticks = _ticking()
        proxy.stall()
        started = clock.monotonic()
        assert not main.open_event(url)
        waited = clock.monotonic() - started
        assert waited > 1.0 and _longest_gap(ticks, started) < 0.5, (waited, _longest_gap(ticks, started))
        assert shown and "antwortet nicht" in str(shown[0]) or "nicht erreichbar" in str(shown[0]), shown
        assert main.current is None
        proxy.resume()
        assert main.open_event(url)
        assert main.model is not None and main.model.total == 150
        timer.stop()  # type: ignore[attr-defined]
        main.close_event_file()
    finally:
        proxy.close()


def test_opening_a_shared_event_can_be_cancelled_and_what_arrives_later_is_let_go(
        qtbot, tmp_path: Path, pg_url: str, pg_server) -> None:
    """Cancel in the wait's dialog: the window is back at once with no event open; the exchange
    that completes afterwards (the network came back) leaves no local copy and no server
    connection behind."""
    import time as clock

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from kosi_checkin.config import Settings
    from kosi_checkin.ui.context import AppContext
    from kosi_checkin.ui.main_window import MainWindow

    setup(tmp_path, pg_url)
    before = _scratch_copies()
    proxy, url = _proxied(pg_server, pg_url)
    try:
        main = MainWindow(AppContext(Settings(backup_minutes=0)))
        qtbot.addWidget(main)
        main.show()
        proxy.stall()

        def cancel_the_wait() -> None:
            dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
            assert dialogs, "no wait dialog"
            proxy.resume()  # the exchange completes after the cancel: its copy must be let go
            button = dialogs[0].findChild(QPushButton)
            assert button is not None and button.text() == "Abbrechen"
            button.click()

        QTimer.singleShot(900, cancel_the_wait)
        started = clock.monotonic()
        assert not main.open_event(url)
        assert clock.monotonic() - started < 2.5
        assert main.current is None and "abgebrochen" in main.statusBar().currentMessage()
        qtbot.wait(4000)  # the exchange ends meanwhile; its result is let go on the GUI thread
        assert _scratch_copies() == before
        with psycopg.connect(pg_url) as pg:
            left = pg.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'kosi-checkin'").fetchone()
        assert left is not None and left[0] == 0
        assert main.open_event(url)  # and the event opens when asked again
        main.close_event_file()
    finally:
        proxy.close()


def test_closing_a_shared_event_sends_its_changes_while_the_window_goes_on(
        qtbot, tmp_path: Path, pg_url: str, pg_server) -> None:
    """Closing sends what this window changed: behind a stalled network the window keeps its
    event loop while it waits, and the change reaches the server once the network is back."""
    import time as clock

    from PySide6.QtCore import QTimer

    from kosi_checkin.config import Settings
    from kosi_checkin.services.attendees import edit_attendee
    from kosi_checkin.ui.context import AppContext
    from kosi_checkin.ui.main_window import MainWindow

    guests = setup(tmp_path, pg_url)
    proxy, url = _proxied(pg_server, pg_url)
    try:
        main = MainWindow(AppContext(Settings(backup_minutes=0)))
        qtbot.addWidget(main)
        main.show()
        assert main.open_event(url) and main.current is not None
        qtbot.waitUntil(lambda: not main._syncing, timeout=10000)  # the first resync is done
        edit_attendee(main.current.conn, main.current.event, guests[0], {"door_note": "Rollstuhl, Rampe links"})
        timer, ticks = _ticking()
        proxy.stall()
        QTimer.singleShot(1500, proxy.resume)
        started = clock.monotonic()
        main.close_event_file()
        waited = clock.monotonic() - started
        assert waited > 1.0 and _longest_gap(ticks, started) < 0.5, (waited, _longest_gap(ticks, started))
        timer.stop()  # type: ignore[attr-defined]
    finally:
        proxy.close()
    with psycopg.connect(pg_url) as pg:
        row = pg.execute("SELECT door_note FROM attendees WHERE id = %s", (guests[0],)).fetchone()
    assert row is not None and row[0] == "Rollstuhl, Rampe links"
