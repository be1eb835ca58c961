"""Fault injection: workers are killed with SIGKILL at random moments, about 200 times during
check-ins, and during an import and a badge batch. Afterwards every acknowledged check-in is in
the file, the file passes PRAGMA integrity_check and opens without a question; the import and the
batch are there whole or not at all. (Power loss itself is not simulated: SIGKILL loses what the
process had not handed to the kernel, not what the kernel had not written to the disk; the
connection runs WAL with synchronous=FULL for that, which a test below checks.)"""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pypdfium2
import pytest
from crash_workers import (
    badges_then_stop,
    check_in_forever,
    context,
    import_then_stop,
    kill_after,
    verify_checkins,
)

from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.event_config import load_template
from kosi_checkin.services.events import create_event, open_event

KILLS = 200
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def ctx():
    return context()


def test_no_acknowledged_checkin_is_lost_across_200_kills(tmp_path: Path, ctx) -> None:
    event = tmp_path / "door.kosi"
    create_demo(event).close()
    acks = tmp_path / "acks.log"
    rng = random.Random(7)
    killed_mid_work = 0
    for cycle in range(KILLS):
        killed_mid_work += kill_after(ctx, check_in_forever, (str(event), str(acks), cycle), rng.uniform(0.02, 0.25))
        verdict = verify_checkins(str(event), str(acks))
        assert verdict.integrity == "ok", f"cycle {cycle}: {verdict.integrity}"
        assert not verdict.lost, f"cycle {cycle}: acknowledged but lost: {verdict.lost[:5]}"
    conn, _event = open_event(event)  # opens without asking, WAL recovered
    conn.close()
    verdict = verify_checkins(str(event), str(acks))
    assert killed_mid_work >= KILLS * 0.9 and verdict.acknowledged > KILLS


def test_import_killed_half_way_is_all_or_nothing(tmp_path: Path, ctx) -> None:
    source = tmp_path / "list.csv"
    shutil.copy(DATA / "Teilnehmende_Excel.csv", source)
    rows = None
    rng = random.Random(3)
    for cycle in range(12):  # the last one is given time to finish
        event = tmp_path / f"import{cycle}.kosi"
        create_event(event, load_template("kosi-2019")).close()
        kill_after(ctx, import_then_stop, (str(event), str(source)), rng.uniform(0.0, 0.8) if cycle < 11 else 120)
        conn = sqlite3.connect(event)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT count(*) FROM attendees").fetchone()[0]
        imports = conn.execute("SELECT count(*) FROM imports").fetchone()[0]
        conn.close()
        if count:
            rows = rows or count
            assert count == rows and imports == 1
        else:
            assert imports == 0
        open_event(event)[0].close()
    assert rows, "at least one import finished within the time given"


def test_badge_batch_killed_half_way_is_all_or_nothing(tmp_path: Path, ctx) -> None:
    event = tmp_path / "badges.kosi"
    create_demo(event).close()
    rng = random.Random(5)
    finished = 0
    for cycle in range(10):
        out = tmp_path / f"b{cycle}.pdf"
        kill_after(ctx, badges_then_stop, (str(event), str(out)), rng.uniform(0.05, 1.5))
        conn = sqlite3.connect(event)
        printed = conn.execute("SELECT count(*) FROM badge_prints").fetchone()[0]
        conn.close()
        assert printed == 150 * finished or printed == 150 * (finished + 1)
        if printed == 150 * (finished + 1):
            finished += 1
            assert len(pypdfium2.PdfDocument(str(out))) == 19  # the whole PDF
        elif out.exists():  # renamed into place, then killed before marking: a whole PDF, nobody marked
            assert len(pypdfium2.PdfDocument(str(out))) == 19


def test_checkin_connection_runs_wal_with_synchronous_full(tmp_path: Path) -> None:
    event = tmp_path / "e.kosi"
    create_demo(event).close()
    conn, _event = open_event(event)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    conn.close()
