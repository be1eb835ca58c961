"""The desk window on a shared event (offscreen Qt, real PostgreSQL): a check-in made elsewhere
shows within a second; with the server stopped the window says so in a banner, goes on, and
sends its queued check-ins when the server is back."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import psycopg
from command_line import CLI

from kosi_checkin.checkin.answers import Kind
from kosi_checkin.config import Settings
from kosi_checkin.services.demo import create_demo
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.desk.launch import open_desk_window


def test_desk_window_live_and_offline(qtbot, tmp_path: Path, pg_url: str, pg_server, monkeypatch) -> None:
    monkeypatch.setenv("KOSI_NOW", "2019-04-02T09:40:00+02:00")
    demo = tmp_path / "demo.kosi"
    create_demo(demo).close()
    assert subprocess.run([*CLI, "publish", str(demo), pg_url], capture_output=True).returncode == 0
    guests = [g for g in json.loads(subprocess.run([*CLI, "attendees", str(demo), "--format", "json"],
                                                   capture_output=True, text=True).stdout) if "werkstatt" in g["sessions"]]
    window = open_desk_window(AppContext(Settings(desk_sound=False, backup_minutes=0)), pg_url, name="Tisch 1")
    window.show()  # closes itself with WA_DeleteOnClose (no qtbot.addWidget)
    count = window.desk.presence.count
    other = subprocess.run([*CLI, "checkin", pg_url, "--attendee", guests[0]["id"], "--session", "werkstatt",
                            "--desk", "Tisch 2"], capture_output=True, text=True, env={**os.environ})
    assert other.returncode == 0, other.stderr
    qtbot.waitUntil(lambda: count("werkstatt") == 1, timeout=1500)  # seen within a second or so
    window.on_scan(window.desk.code_of(guests[0]["id"]))
    answer = window.panel.answer
    assert answer.kind is Kind.ALREADY and "Tisch 2" in answer.title + answer.detail
    pg_server.stop()
    try:
        window.on_scan(window.desk.code_of(guests[1]["id"]))
        assert window.panel.answer.kind is Kind.WELCOME  # the desk goes on with its copy
        assert window.banner.isVisible() and "1" in window.banner.text()
    finally:
        pg_server.start()
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=15000)
    with psycopg.connect(pg_url) as pg:
        present = {r[0] for r in pg.execute("SELECT attendee_id FROM presence WHERE session_id = 'werkstatt'")}
    assert present == {guests[0]["id"], guests[1]["id"]}
    with qtbot.waitSignal(window.destroyed, timeout=10000):
        window.close()


def test_main_window_on_a_shared_event(qtbot, tmp_path: Path, pg_url: str, monkeypatch) -> None:
    from kosi_checkin.ui.main_window import MainWindow

    monkeypatch.setenv("KOSI_NOW", "2019-04-02T09:40:00+02:00")
    demo = tmp_path / "demo.kosi"
    create_demo(demo).close()
    assert subprocess.run([*CLI, "publish", str(demo), pg_url], capture_output=True).returncode == 0
    context = AppContext(Settings())
    main = MainWindow(context)
    qtbot.addWidget(main)
    assert main.open_event(pg_url)
    qtbot.waitUntil(lambda: main.model is not None and main.model.rowCount() == 150, timeout=10000)
    assert context.settings.recent_files[0] == pg_url  # remembered as the URL (no password in it)
    guest = main.model.row(0).attendee
    assert subprocess.run([*CLI, "checkin", pg_url, "--attendee", guest.id, "--force", "--session", "werkstatt"],
                          capture_output=True).returncode == 0
    main.reload()  # the resync with the server runs on a worker; the list is read again after it
    qtbot.waitUntil(lambda: any(main.model.row(r).checkins for r in range(main.model.rowCount())), timeout=10000)


def test_publish_from_the_window_then_work_on_the_server(qtbot, tmp_path: Path, pg_url: str, monkeypatch) -> None:
    from kosi_checkin.ui.main_window import MainWindow

    demo = tmp_path / "demo.kosi"
    create_demo(demo).close()
    main = MainWindow(AppContext(Settings()))
    qtbot.addWidget(main)
    assert main.open_event(demo)
    from kosi_checkin.ui import event_files

    monkeypatch.setattr(event_files, "ask_server_url", lambda _parent, _title: pg_url)  # the address typed into the dialog
    main.publish_to_server()
    assert str(main.event_path) == pg_url
    qtbot.waitUntil(lambda: main.model is not None and main.model.rowCount() == 150, timeout=10000)
