"""Printing through a real CUPS queue (cups-pdf): the job arrives as a PDF whose QR codes still
decode and scan in; the guests are marked printed with the printer and the job id; a printer
that does not exist is a clear error (exit 8) and marks nobody."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from badge_helpers import decoded_codes, kosi, pdftotext, printed_file

from kosi_checkin.printing import cups


def test_batch_to_a_cups_printer_arrives_and_scans_in(demo: Path, cups_queue: str) -> None:
    guests = json.loads(kosi("attendees", str(demo), "--format", "json").stdout)
    ids = [g["id"] for g in guests[:8]]
    result = kosi("badges", str(demo), "--printer", cups_queue, "--attendee", *ids, "--format", "json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["printer"] == cups_queue and answer["job"].startswith(cups_queue) and answer["marked"]
    arrived = printed_file(answer["job"])
    codes = decoded_codes(arrived)
    assert len(codes) == 8
    assert {c[3:12] for c in codes} == set(ids)
    assert guests[0]["last_name"] in pdftotext(arrived)
    env = {**os.environ, "KOSI_NOW": "2019-04-02T09:40:00+02:00"}
    registered = {g["id"] for g in guests if "werkstatt" in g["sessions"]}
    code = next(c for c in codes if c[3:12] in registered)
    assert kosi("checkin", str(demo), "--scan", code, "--session", "werkstatt", env=env).returncode == 0
    conn = sqlite3.connect(demo)
    rows = conn.execute("SELECT printer, job FROM badge_prints").fetchall()
    conn.close()
    assert len(rows) == 8 and set(rows) == {(cups_queue, answer["job"])}


def test_duplex_job_asks_for_long_edge_and_keeps_the_reason(demo: Path, cups_queue: str) -> None:
    guests = json.loads(kosi("attendees", str(demo), "--format", "json").stdout)
    result = kosi("badges", str(demo), "--printer", cups_queue, "--attendee", guests[0]["id"], "--back",
                  "--reason", "verloren", "--format", "json")
    assert result.returncode == 0, result.stderr
    job = json.loads(result.stdout)["job"]
    arrived = printed_file(job)
    # cups-pdf re-distils the PDF with Ghostscript, which drops the text mapping of non-ASCII glyphs
    # (they still print): compare the ASCII part only
    assert "Programm f" in pdftotext(arrived)
    control = Path("/var/spool/cups") / f"c{int(job.rsplit('-', 1)[1]):05d}"  # the job's attributes
    if control.exists():
        assert b"two-sided-long-edge" in control.read_bytes()
    conn = sqlite3.connect(demo)
    assert conn.execute("SELECT reason FROM badge_prints").fetchall() == [("verloren",)]
    conn.close()


def test_unknown_printer_is_exit_8_and_marks_nobody(demo: Path, cups_queue: str) -> None:
    result = kosi("badges", str(demo), "--printer", "Kein-Drucker-Hier")
    assert result.returncode == 8
    assert "Kein-Drucker-Hier" in result.stderr and cups_queue in result.stderr  # names the printers there are
    conn = sqlite3.connect(demo)
    assert conn.execute("SELECT count(*) FROM badge_prints").fetchone() == (0,)
    conn.close()


def test_printers_lists_the_queue_and_calibration_page_prints(cups_queue: str) -> None:
    assert cups_queue in cups.printers() and cups.available()
    listed = json.loads(kosi("printers", "--format", "json").stdout)
    assert any(p["name"] == cups_queue for p in listed)
    result = kosi("calibrate", cups_queue, "--page", "--layout", "a6")
    assert result.returncode == 0, result.stderr
    job = result.stdout.rsplit("(", 1)[1].split()[1].rstrip(").")
    assert "Kalibrierseite" in pdftotext(printed_file(job))
