"""The app's windows as the owner: a check-in through the app shows at once in the open desk,
the main window and the desk share one claim, File → Quit closes every window and gives the
event back (connections closed, WAL checkpointed, lock free)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from PySide6.QtWidgets import QApplication

from kosi_checkin.config import Settings
from kosi_checkin.owner.lock import try_lock
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk.launch import open_desk_window
from kosi_checkin.ui.main_window import MainWindow
from kosi_checkin.ui.ownership import registry

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="flock and Unix sockets")


def kosi_in_background(*args: str) -> dict:
    """A command in another process while this one's event loop keeps serving it."""
    result: dict = {}
    env = {**os.environ, "KOSI_NOW": "2019-04-02T09:50:00+02:00"}

    def run() -> None:
        result["done"] = subprocess.run([sys.executable, "-m", "kosi_checkin", *args], capture_output=True,
                                        text=True, env=env, timeout=60)

    threading.Thread(target=run, daemon=True).start()
    return result


def test_a_check_in_through_the_app_shows_at_once_in_the_open_desk(qtbot, event: Path) -> None:
    context = AppContext(Settings(desk_sound=False, backup_minutes=0))
    window = open_desk_window(context, event, session="werkstatt", name="Tisch 1")
    qtbot.addWidget(window)
    window.timer.stop()  # not the once-a-second look: the owner's signal
    guest = next(g for g in window.desk.guests.values() if "werkstatt" in g.sessions)
    assert window.desk.presence.entry(guest.id, "werkstatt") is None
    result = kosi_in_background("checkin", str(event), "--attendee", guest.id, "--session", "werkstatt",
                                "--desk", "Skript", "--format", "json")
    qtbot.waitUntil(lambda: "done" in result, timeout=30000)
    assert result["done"].returncode == 0, result["done"].stderr
    assert json.loads(result["done"].stdout)["result"] == "welcome"
    entry = window.desk.presence.entry(guest.id, "werkstatt")
    assert entry is not None and entry.desk == "Skript"
    window.close()


def test_main_window_and_desk_share_the_claim_and_give_it_back(qtbot, event: Path) -> None:
    context = AppContext(Settings(desk_sound=False, backup_minutes=0))
    main = MainWindow(context)
    qtbot.addWidget(main)
    assert main.open_event(event)
    main.open_desk()
    desk = main.dialogs["desk"]
    assert registry().get(event) is not None and registry().get(event).users == 2
    main.close()
    assert registry().get(event) is not None  # the desk still runs on it
    assert try_lock(event, exclusive=False) is None
    with qtbot.waitSignal(desk.destroyed, timeout=5000):
        desk.close()
    assert registry().get(event) is None
    lock = try_lock(event, exclusive=True)
    assert lock is not None
    lock.release()


def test_quit_closes_every_window_and_gives_the_event_back(qtbot, event: Path) -> None:
    context = AppContext(Settings(desk_sound=False, backup_minutes=0))
    main = MainWindow(context)
    qtbot.addWidget(main)
    main.show()
    assert main.open_event(event)
    main.show_stats()  # once kept the process alive after Quit
    main.open_desk()
    stats = main.dialogs["stats"]
    assert "desk" in main.dialogs  # the desk is open beside the statistics when Quit comes
    qtbot.waitExposed(stats)
    file_menu = main.menuBar().actions()[0].menu()
    quit_action = next(a for a in file_menu.actions() if a.text() == "&Beenden")
    quit_action.trigger()
    qtbot.waitUntil(lambda: registry().get(event) is None, timeout=10000)
    assert not main.isVisible()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []
    assert registry().get(event) is None
    assert not Path(f"{event}-wal").exists()  # the last connection closed: checkpointed
    lock = try_lock(event, exclusive=True)
    assert lock is not None
    lock.release()
