"""A shared event in a real PostgreSQL server from the command line: publish and pull, every
command on a postgresql:// URL with the same answers and exit codes, exit 7 when the server cannot
be reached, exactly once when desks race."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import command_line
from command_line import CLI

from kosi_checkin.services.demo import create_demo

ENV = {**os.environ, "KOSI_NOW": "2019-04-02T09:40:00+02:00"}


def kosi(*args: str) -> subprocess.CompletedProcess[str]:
    return command_line.kosi(*args, env=ENV)


def published(tmp_path: Path, url: str) -> Path:
    demo = tmp_path / "demo.kosi"
    create_demo(demo).close()
    result = kosi("publish", str(demo), url)
    assert result.returncode == 0, result.stderr
    return demo


def test_publish_then_every_command_answers_the_same(tmp_path: Path, pg_url: str) -> None:
    demo = published(tmp_path, pg_url)
    local = json.loads(kosi("attendees", str(demo), "--format", "json").stdout)
    shared = json.loads(kosi("attendees", pg_url, "--format", "json").stdout)
    assert shared == local
    guest = next(g for g in local if "werkstatt" in g["sessions"])
    first = kosi("checkin", pg_url, "--attendee", guest["id"], "--session", "werkstatt", "--desk", "Tisch 1")
    assert first.returncode == 0, first.stderr
    again = kosi("checkin", pg_url, "--attendee", guest["id"], "--session", "werkstatt", "--desk", "Tisch 2",
                 "--format", "json")
    assert again.returncode == 3 and json.loads(again.stdout)["earlier"]["desk"] == "Tisch 1"
    unknown = kosi("checkin", pg_url, "--scan", "NOT-A-CODE-12345", "--session", "werkstatt")
    assert unknown.returncode == 4
    stats = json.loads(kosi("stats", pg_url, "--format", "json").stdout)
    assert stats["werkstatt"]["present"] == 1
    assert kosi("undo", pg_url, "--attendee", guest["id"]).returncode == 0
    assert json.loads(kosi("stats", pg_url, "--format", "json").stdout)["werkstatt"]["present"] == 0
    assert kosi("export", pg_url, "-o", str(tmp_path / "a.xlsx")).returncode == 0
    assert kosi("badges", pg_url, "-o", str(tmp_path / "b.pdf"), "--attendee", guest["id"]).returncode == 0
    printed = json.loads(kosi("attendees", pg_url, "--format", "json").stdout)
    assert next(g for g in printed if g["id"] == guest["id"])["badges_printed"] == 1  # the print went up too
    back = tmp_path / "back.kosi"
    assert kosi("pull", pg_url, str(back)).returncode == 0
    assert json.loads(kosi("attendees", str(back), "--format", "json").stdout) == printed
    assert kosi("publish", str(demo), pg_url).returncode == 2  # holds an event already
    assert kosi("code", pg_url, "--attendee", guest["id"]).stdout == kosi("code", str(demo), "--attendee",
                                                                         guest["id"]).stdout  # the same secret


def test_unreachable_server_is_exit_7_in_one_sentence(tmp_path: Path) -> None:
    url = "postgresql://kosi@127.0.0.1:1/nowhere"
    for args in (("attendees", url), ("checkin", url, "--attendee", "X", "--session", "werkstatt"),
                 ("stats", url, "--format", "json")):
        result = kosi(*args)
        assert result.returncode == 7, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "nicht erreichbar" in result.stderr


def test_racing_desks_admit_a_guest_once(tmp_path: Path, pg_url: str) -> None:
    demo = published(tmp_path, pg_url)
    guests = [g for g in json.loads(kosi("attendees", str(demo), "--format", "json").stdout)
              if "werkstatt" in g["sessions"]][:6]
    procs = []
    for guest in guests:
        for desk in ("Tisch 1", "Tisch 2", "Tisch 3"):
            procs.append(subprocess.Popen([*CLI, "checkin", pg_url, "--attendee", guest["id"], "--session", "werkstatt",
                                           "--desk", desk], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV))
    codes = [p.wait(120) for p in procs]
    per_guest = [codes[i * 3:(i + 1) * 3] for i in range(len(guests))]
    assert all(sorted(c) == [0, 3, 3] for c in per_guest), per_guest  # one green, two amber each
    assert json.loads(kosi("stats", pg_url, "--format", "json").stdout)["werkstatt"]["present"] == len(guests)
