"""The command-line contract, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from command_line import kosi


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.kosi"
    result = kosi("demo", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_new_from_template_and_config(tmp_path: Path) -> None:
    result = kosi("new", str(tmp_path / "a.kosi"), "--template", "kosi-2019")
    assert result.returncode == 0, result.stderr
    sessions = json.loads(kosi("sessions", str(tmp_path / "a.kosi"), "--format", "json").stdout)
    assert [s["id"] for s in sessions] == ["werkstatt", "konferenz", "forum-a", "forum-b", "forum-c", "podium"]
    assert sessions[0]["start"].startswith("2019-04-02T09:30:00+02:00")
    assert sessions[0]["times_assumed"] is False and sessions[1]["times_assumed"] is True
    example = Path(__file__).parents[2] / "resources" / "example-event.toml"
    assert kosi("new", str(tmp_path / "b.kosi"), "--config", str(example)).returncode == 0
    assert kosi("new", str(tmp_path / "b.kosi"), "--config", str(example)).returncode == 2  # exists
    assert kosi("new", str(tmp_path / "c.kosi")).returncode == 2  # neither option
    assert kosi("new", str(tmp_path / "c.kosi"), "--template", "nope").returncode == 2


def test_attendees_json_contract(demo: Path) -> None:
    result = kosi("attendees", str(demo), "--format", "json")
    assert result.returncode == 0
    people = json.loads(result.stdout)
    assert 140 <= len(people) <= 160
    keys = {"id", "first_name", "last_name", "title", "organisation", "sector", "email", "sessions", "category", "door_note", "checkins"}
    for person in people:
        assert keys <= set(person)
        assert isinstance(person["id"], str) and isinstance(person["sessions"], list) and isinstance(person["checkins"], dict)
        assert sum(s in person["sessions"] for s in ("forum-a", "forum-b", "forum-c")) <= 1
    sectors = {p["sector"] for p in people}
    assert sectors == {"Verwaltung", "Wissenschaft", "Unternehmen", "Zivilgesellschaft"}
    found = json.loads(kosi("attendees", str(demo), "--format", "json", "--search", "celik").stdout)
    assert any(p["first_name"] == "Özlem" and p["last_name"] == "Çelik" for p in found)
    csv_out = kosi("attendees", str(demo), "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("id,") and len(csv_out) == len(people) + 1
    assert "Çelik" in kosi("attendees", str(demo)).stdout


def test_demo_is_deterministic(tmp_path: Path) -> None:
    kosi("demo", str(tmp_path / "a.kosi"))
    kosi("demo", str(tmp_path / "b.kosi"))
    a = json.loads(kosi("attendees", str(tmp_path / "a.kosi"), "--format", "json").stdout)
    b = json.loads(kosi("attendees", str(tmp_path / "b.kosi"), "--format", "json").stdout)
    assert a == b


def test_import_json_contract(tmp_path: Path, data_dir: Path) -> None:
    event = tmp_path / "e.kosi"
    kosi("new", str(event), "--template", "kosi-2019")
    dry = kosi("import", str(event), str(data_dir / "pretix_kosi2019_orders.csv"), "--dry-run", "--format", "json")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    for key in ("format", "encoding", "header_row", "mapping", "added", "updated", "unchanged", "duplicates", "excluded", "missing", "problems"):
        assert key in report
    assert report["format"] == "pretix" and report["header_row"] == 1 and report["added"] == 76
    assert {"index", "header", "field"} <= set(report["mapping"][0])
    assert any(m.get("session") == "podium" for m in report["mapping"])
    assert json.loads(kosi("attendees", str(event), "--format", "json").stdout) == []  # dry run wrote nothing
    done = json.loads(kosi("import", str(event), str(data_dir / "pretix_kosi2019_orders.csv"), "--format", "json").stdout)
    assert (done["added"], done["updated"], done["unchanged"]) == (76, 0, 0)
    assert len(done["excluded"]) == 2 and len(done["duplicates"]) == 1
    again = json.loads(kosi("import", str(event), str(data_dir / "Teilnehmende_Excel.csv"), "--format", "json").stdout)
    assert again["missing"] and again["encoding"] == "cp1252"
    xlsx = json.loads(kosi("import", str(event), str(data_dir / "Anmeldeliste.xlsx"), "--sheet", "Anmeldungen", "--dry-run", "--format", "json").stdout)
    assert xlsx["header_row"] == 3 and [p["row"] for p in xlsx["problems"]] == [60, 67, 68, 69, 70]
    text = kosi("import", str(event), str(data_dir / "Anmeldeliste.xlsx"), "--dry-run")
    assert "office-list" in text.stdout and "Zeile 60" in text.stdout


def test_exit_codes(tmp_path: Path, demo: Path) -> None:
    assert kosi("attendees", str(tmp_path / "missing.kosi")).returncode == 2
    assert kosi("attendees", str(demo), "--format", "yaml").returncode == 2
    assert kosi("frobnicate").returncode == 2
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\xff" * 500)
    result = kosi("import", str(demo), str(bad))
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert kosi("import", str(demo), str(tmp_path / "none.csv")).returncode == 2
    assert kosi("import", str(demo), str(bad), "--map", "nonsense").returncode == 2
    import sqlite3

    from kosi_checkin.storage.db import SCHEMA_VERSION

    newer = tmp_path / "newer.kosi"
    kosi("new", str(newer), "--template", "kosi-2019")
    raw = sqlite3.connect(newer)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.close()
    result = kosi("sessions", str(newer))
    assert result.returncode == 2 and "neueren Version" in result.stderr


def test_an_unknown_guest_id_is_named_alike_by_every_command(tmp_path: Path, demo: Path) -> None:
    """Exit code 2 and one sentence naming the id, whichever command is given it."""
    ev = str(demo)
    for args in (["code", ev, "--attendee", "NOPE9"], ["undo", ev, "--attendee", "NOPE9"],
                 ["badges", ev, "--attendee", "NOPE9", "-o", str(tmp_path / "b.pdf")],
                 ["certificates", ev, "--attendee", "NOPE9", "-o", str(tmp_path / "c.pdf")],
                 ["mark-present", ev, "--session", "werkstatt", "--attendee", "NOPE9", "--by", "Anna"],
                 ["delete", ev, "--attendee", "NOPE9", "--yes", "--by", "Anna"]):
        result = kosi("--lang", "en", *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "No guest with id NOPE9 in this event." in result.stderr, (args, result.stderr)


def test_english_and_version(demo: Path) -> None:
    result = kosi("--lang", "en", "attendees", str(demo.parent / "x.kosi"))
    assert result.returncode == 2 and "Event file not found" in result.stderr
    assert "Veranstaltungsdatei nicht gefunden" in kosi("attendees", str(demo.parent / "x.kosi")).stderr
    assert kosi("--version").stdout.startswith("kosi-checkin ")


def test_read_only_command_imports_no_qt(demo: Path) -> None:
    code = (
        "import sys; from kosi_checkin.cli.main import main; rc = main(['attendees', %r, '--format', 'json']);"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; sys.exit(rc)" % str(demo)
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_gui_without_display_says_what_to_do(demo: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = kosi("gui", str(demo), env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "DISPLAY" in result.stderr and "Traceback" not in result.stderr


def at(time: str) -> dict:
    import os

    return {**os.environ, "KOSI_NOW": f"2019-04-02T{time}:00+02:00"}


def test_checkin_exit_codes(demo: Path) -> None:
    guests = json.loads(kosi("attendees", str(demo), "--format", "json").stdout)
    celik = next(g for g in guests if g["last_name"] == "Çelik" and g["first_name"] == "Özlem")
    code = kosi("code", str(demo), "--attendee", celik["id"]).stdout.strip()
    assert len(code) <= 24 and code.isalnum() and code.isupper()

    first = kosi("checkin", str(demo), "--scan", code, "--desk", "Tisch 2", env=at("09:42"))
    assert first.returncode == 0, first.stderr
    assert "Willkommen, Dr. Özlem Çelik — Stadt Wuppertal" in first.stdout
    again = kosi("checkin", str(demo), "--scan", code.lower(), env=at("09:50"))
    assert again.returncode == 3 and "bereits eingecheckt um 09:42 (Tisch 2)" in again.stdout
    altered = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert kosi("checkin", str(demo), "--scan", altered, env=at("09:50")).returncode == 4
    assert kosi("checkin", str(demo), "--scan", "nonsense-123", env=at("09:50")).returncode == 4
    assert kosi("checkin", str(demo), "--attendee", "NOSUCHID1", env=at("09:50")).returncode == 4
    assert kosi("checkin", str(demo), "--name", "Xylophon Quadrat", env=at("09:50")).returncode == 4

    unregistered = next(g for g in guests if "werkstatt" not in g["sessions"])
    refused = kosi("checkin", str(demo), "--attendee", unregistered["id"], "--session", "werkstatt", env=at("09:50"))
    assert refused.returncode == 5 and "nicht für diese Session angemeldet" in refused.stdout
    forced = kosi("checkin", str(demo), "--attendee", unregistered["id"], "--session", "werkstatt", "--force", env=at("09:50"))
    assert forced.returncode == 0

    several = kosi("checkin", str(demo), "--name", "Çelik", "--session", "konferenz", env=at("14:40"))
    assert several.returncode == 6 and celik["id"] in several.stdout
    one = kosi("checkin", str(demo), "--name", "Özlem Celik", "--format", "json", env=at("14:40"))
    assert one.returncode == 0 and json.loads(one.stdout)["sessions"] == ["konferenz"]

    after = {g["id"]: g for g in json.loads(kosi("attendees", str(demo), "--format", "json").stdout)}
    assert set(after[celik["id"]]["checkins"]) == {"werkstatt", "konferenz"}
    assert after[celik["id"]]["checkins"]["werkstatt"].startswith("2019-04-02T09:42:00")

    assert kosi("undo", str(demo), "--attendee", celik["id"], "--session", "werkstatt").returncode == 0
    assert kosi("undo", str(demo), "--attendee", celik["id"], "--session", "werkstatt").returncode == 3
    assert kosi("checkin", str(demo), "--attendee", celik["id"], env=at("10:00").copy() | {"KOSI_NOW": "2019-04-05T10:00"}).returncode == 2
    assert kosi("checkin", str(demo), "--scan", code, "--attendee", celik["id"]).returncode == 2
    assert kosi("checkin", str(demo), "--scan", code, "--session", "nope").returncode == 2
    assert kosi("code", str(demo), "--attendee", "NOSUCHID1").returncode == 2


def test_refused_scans_are_listed(demo: Path) -> None:
    assert kosi("checkin", str(demo), "--scan", "4006381333931", "--session", "werkstatt", "--desk", "Tisch 2").returncode == 4
    log = json.loads(kosi("refused", str(demo), "--format", "json").stdout)
    assert [(r["input"], r["reason"], r["desk"]) for r in log] == [("4006381333931", "unknown", "Tisch 2")]
