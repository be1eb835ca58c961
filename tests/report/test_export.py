"""Attendance for the report: counts by the rules of the funder's report, the Excel workbook read
back with openpyxl and converted by LibreOffice, CSV (BOM, delimiter, anonymous), formula
injection, signature lists rendered and read, marking present afterwards."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pypdfium2
import pytest
from command_line import kosi

from kosi_checkin.checkin.afterwards import mark_present_afterwards
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import by_key
from kosi_checkin.domain.model import Attendee, AttendeeId
from kosi_checkin.report.attendance import Attendance
from kosi_checkin.services.attendees import edit_attendee
from kosi_checkin.services.demo import create_demo
from kosi_checkin.services.events import open_event

BERLIN = ZoneInfo("Europe/Berlin")
NASTY = {"organisation": "=HYPERLINK(\"http://evil.example\",\"klick\")", "title": "+49 202 123",
         "first_name": "@Anna", "last_name": "-Minus\tTab"}


class Scenario:
    """The demo with a morning at the door: 12 check-ins into the Werkstatt (one undone), a guest
    admitted anyway, a walk-in, a guest with formula-like fields, and two guests marked present
    afterwards for the conference. The laptop's clock is UTC; the event is in Berlin."""

    def __init__(self, path: Path) -> None:
        create_demo(path).close()
        self.path = path
        conn, event = open_event(path)
        moment = dt.datetime(2019, 4, 2, 7, 35, tzinfo=dt.timezone.utc)  # 09:35 in Wuppertal

        def clock() -> dt.datetime:
            return moment

        desk = Desk(conn, event, "Tisch 1", clock)
        werkstatt = by_key(event, "werkstatt")
        registered = sorted((g for g in desk.guests.values() if "werkstatt" in g.sessions), key=lambda g: g.id)
        others = sorted((g for g in desk.guests.values() if "werkstatt" not in g.sessions), key=lambda g: g.id)
        self.nasty = registered[0]
        edit_attendee(conn, event, self.nasty.id, NASTY)
        desk.reload()
        self.checked = registered[:12]
        for n, guest in enumerate(self.checked):
            moment = dt.datetime(2019, 4, 2, 7, 35 + n * 2, tzinfo=dt.timezone.utc)
            desk.check_in(guest.id, werkstatt)
        desk.undo(self.checked[-1].id, "werkstatt")
        self.forced = others[0]
        desk.check_in(self.forced.id, werkstatt, force=True)
        self.walk_in = desk.walk_in(Attendee(id=AttendeeId(""), first_name="Nele", last_name="Neu",
                                             sector="Presse"), werkstatt).attendee
        self.registered = len(registered)
        self.late = [g for g in desk.guests.values() if "konferenz" in g.sessions][:2]
        mark_present_afterwards(conn, event, [g.id for g in self.late], "konferenz", "Anna Orga",
                                dt.datetime(2019, 4, 3, 10, 0, tzinfo=dt.timezone.utc))
        conn.close()


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    return Scenario(tmp_path / "event.kosi")


def test_stats_json_counts_by_the_rules(scenario: Scenario) -> None:
    result = kosi("stats", str(scenario.path), "--format", "json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert list(stats) == ["werkstatt", "konferenz", "forum-a", "forum-b", "forum-c", "podium"]
    w = stats["werkstatt"]
    # 11 registered guests present (one undone), the forced guest and the walk-in present but not registered
    assert (w["registered"], w["present"], w["walk_ins"], w["no_shows"]) == (scenario.registered, 13, 1,
                                                                              scenario.registered - 11)
    assert sum(w["by_sector"].values()) == 13 and w["by_sector"]["Sonstige"] >= 1  # "Presse" is not a sector
    assert set(w["by_sector"]) == {"Verwaltung", "Wissenschaft", "Unternehmen", "Zivilgesellschaft", "Sonstige"}
    k = stats["konferenz"]
    assert k["present"] == 2 and k["walk_ins"] == 0 and k["no_shows"] == k["registered"] - 2
    table = kosi("stats", str(scenario.path))
    assert table.returncode == 0 and "werkstatt" in table.stdout


def test_excel_workbook_values_types_and_finish(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "Anwesenheit.xlsx"
    result = kosi("export", str(scenario.path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Übersicht" and wb.sheetnames[-1] == "Alle"
    assert "4. Werkstatt Verstetigung" in wb.sheetnames and "Arbeitsforum A" in wb.sheetnames
    assert wb.properties.creator == "KoSI Check-in" and "Anwesenheit" in wb.properties.title
    overview = wb["Übersicht"]
    rows = list(overview.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "Session")
    werkstatt = rows[header + 1]
    assert werkstatt[0] == "4. Werkstatt Verstetigung" and werkstatt[2:6] == (scenario.registered, 13,
                                                                               scenario.registered - 11, 1)
    assert overview._charts, "the arrivals chart is a native Excel chart"
    sheet = wb["4. Werkstatt Verstetigung"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    assert all(c.font.bold for c in sheet[1])
    by_name = {r[2]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    by_first = {(r[1], r[2]): r for r in sheet.iter_rows(min_row=2, values_only=True)}
    first = scenario.checked[1]
    checked = by_first[(first.first_name, first.last_name)]
    assert isinstance(checked[6], dt.datetime)
    assert checked[6] == dt.datetime(2019, 4, 2, 9, 37)  # Berlin time, not the laptop's UTC
    times = [c for c in sheet["G"][1:] if c.value is not None]
    assert times and all(c.is_date and c.number_format == "DD.MM.YYYY HH:MM" for c in times)
    walk_in = by_name["Neu"]
    assert walk_in[5] == "nein" and walk_in[8] == "ja"
    assert scenario.checked[-1].last_name in by_name  # registered, check-in undone: listed without time
    everyone = wb["Alle"]
    assert everyone.max_row == 150 + 1 + 1  # the demo's guests and the walk-in, plus the header
    konferenz = wb["Abschlusskonferenz"]
    remarks = [r[9] for r in konferenz.iter_rows(min_row=2, values_only=True) if r[9]]
    assert len(remarks) == 2 and all("nachgetragen von Anna Orga am 03.04.2019" in r for r in remarks)


def test_no_cell_holds_a_formula(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    assert kosi("export", str(scenario.path), "-o", str(out)).returncode == 0
    wb = openpyxl.load_workbook(out)
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.add(cell.value)
    assert set(NASTY.values()) <= seen  # kept exactly, as text
    csv_out = tmp_path / "a.csv"
    assert kosi("export", str(scenario.path), "-o", str(csv_out)).returncode == 0
    text = csv_out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+49 202 123" in text and "'@Anna" in text and "'-Minus\tTab" in text


def test_csv_bom_delimiter_times_and_anonymous(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert kosi("export", str(scenario.path), "-o", str(out), "--delimiter", ";").returncode == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-6:] == ["werkstatt", "konferenz", "forum-a", "forum-b", "forum-c", "podium"]
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id[scenario.checked[0].id][-6] == "2019-04-02 09:35"
    assert by_id[scenario.checked[-1].id][-6] == ""  # undone
    assert by_id[scenario.late[0].id][-5] == "nachgetragen"
    assert len(rows) == 152
    anonymous = tmp_path / "anon.csv"
    assert kosi("export", str(scenario.path), "-o", str(anonymous), "--anonymous").returncode == 0
    text = anonymous.read_text(encoding="utf-8-sig")
    for guest in (scenario.checked[0], scenario.walk_in):
        assert guest.last_name not in text and guest.id not in text
    counts = list(csv.reader(io.StringIO(text)))
    assert counts[1][:4] == ["werkstatt", "4. Werkstatt Verstetigung", str(scenario.registered), "13"]
    anon_xlsx = tmp_path / "anon.xlsx"
    assert kosi("export", str(scenario.path), "-o", str(anon_xlsx), "--anonymous").returncode == 0
    assert openpyxl.load_workbook(anon_xlsx).sheetnames == ["Übersicht"]


def test_one_session_and_bad_requests(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "w.xlsx"
    assert kosi("export", str(scenario.path), "-o", str(out), "--session", "werkstatt").returncode == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Übersicht", "4. Werkstatt Verstetigung", "Alle"]
    assert kosi("export", str(scenario.path), "-o", str(tmp_path / "x.xlsx"), "--session", "nope").returncode == 2
    assert kosi("export", str(scenario.path), "-o", str(tmp_path / "x.ods")).returncode == 2
    assert kosi("export", str(scenario.path), "-o", str(tmp_path / "missing" / "x.csv")).returncode == 2
    assert not list(tmp_path.glob(".export-*"))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-calc-nogui) is not installed")
def test_libreoffice_opens_the_workbook_and_reads_the_same(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "Anwesenheit.xlsx"
    assert kosi("export", str(scenario.path), "-o", str(out)).returncode == 0
    converted = tmp_path / "lo"
    # -1: every sheet into its own CSV (UTF-8 = 76, comma = 44, quote = 34), cells as shown
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to",
                    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
                    "--outdir", str(converted), str(out)], capture_output=True, text=True, timeout=240, check=True)
    files = {p.stem.split("-", 1)[1]: p for p in converted.glob("*.csv")}
    assert "Übersicht" in files and "Alle" in files
    wb = openpyxl.load_workbook(out)
    for title in ("4. Werkstatt Verstetigung", "Alle"):
        lo_rows = list(csv.reader(files[title].open(encoding="utf-8")))
        ours = [["" if v is None else v for v in r] for r in wb[title].iter_rows(values_only=True)]
        assert len(lo_rows) == len(ours)
        for lo, mine in zip(lo_rows, ours):
            for a, b in zip(lo, mine):
                if isinstance(b, dt.datetime):
                    assert a == b.strftime("%d.%m.%Y %H:%M")
                else:
                    assert a == str(b)


def test_signature_lists_before_and_after(scenario: Scenario, tmp_path: Path) -> None:
    before, after = tmp_path / "vorher.pdf", tmp_path / "nachher.pdf"
    assert kosi("signatures", str(scenario.path), "-o", str(before), "--session", "werkstatt").returncode == 0
    assert kosi("signatures", str(scenario.path), "-o", str(after), "--session", "werkstatt", "--after").returncode == 0
    doc = pypdfium2.PdfDocument(str(before))
    pages = [p.get_textpage().get_text_range() for p in doc]
    doc.close()
    expected = -(-(scenario.registered + 10) // 13)  # 13 rows of 11 mm fit a landscape A4 page
    assert len(pages) >= 2 and abs(len(pages) - expected) <= 1
    assert all(f"Seite {n} von {len(pages)}" in text for n, text in enumerate(pages, start=1))
    assert all("Teilnehmendenliste: 4. Werkstatt Verstetigung" in t and "BMBF" in t for t in pages)
    joined = " ".join(pages)
    assert scenario.checked[1].last_name in joined and "✓" not in joined and "Nele" not in joined
    doc = pypdfium2.PdfDocument(str(after))
    text = " ".join(p.get_textpage().get_text_range() for p in doc)
    doc.close()
    assert "✓ 09:37" in text and "Nele Neu" in text  # the walk-in is on the list after the event
    assert kosi("signatures", str(scenario.path), "-o", str(tmp_path / "all.pdf")).returncode == 0


def test_rows_never_split_and_every_name_once(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    assert kosi("signatures", str(scenario.path), "-o", str(out), "--session", "konferenz").returncode == 0
    doc = pypdfium2.PdfDocument(str(out))
    texts = [" ".join(p.get_textpage().get_text_range().split()) for p in doc]  # whitespace as one space
    doc.close()
    conn, event = open_event(scenario.path)
    rows = [r for r in Attendance.load(conn, event).rows(event.session("konferenz")) if r.registered]
    conn.close()
    for row in rows:  # each guest's name sits whole on exactly one page
        name = " ".join(row.guest.display_name.split())
        assert sum(name in t for t in texts) == 1, name


def test_mark_present_afterwards_from_the_command_line(scenario: Scenario) -> None:
    guests = json.loads(kosi("attendees", str(scenario.path), "--format", "json").stdout)
    target = next(g for g in guests if "podium" in g["sessions"])
    result = kosi("mark-present", str(scenario.path), "--session", "podium", "--attendee", target["id"], "--by", "Ben")
    assert result.returncode == 0, result.stderr
    again = kosi("mark-present", str(scenario.path), "--session", "podium", "--attendee", target["id"], "--by", "Ben")
    assert "Bereits anwesend" in again.stdout
    assert kosi("mark-present", str(scenario.path), "--session", "podium", "--attendee", "NOSUCHID1",
                "--by", "Ben").returncode == 2
    stats = json.loads(kosi("stats", str(scenario.path), "--format", "json").stdout)
    assert stats["podium"]["present"] == 1 and stats["podium"]["marked_afterwards"] == 1


def test_english_headers_when_the_app_runs_in_english(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "en.xlsx"
    assert kosi("--lang", "en", "export", str(scenario.path), "-o", str(out)).returncode == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Overview" and wb.sheetnames[-1] == "All"
    assert [c.value for c in wb["All"][1]][:3] == ["Title", "First name", "Last name"]


def test_the_workbook_prints_session_titles_and_wraps_between_words(tmp_path: Path) -> None:
    """Each printed session page is headed with the session's full title; the overview's
    headers are wide enough for their longest word ("Nachmeldungen" whole) and titles wrap."""
    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    out = tmp_path / "a.xlsx"
    subprocess.run([sys.executable, "-m", "kosi_checkin", "export", str(path), "-o", str(out)], check=True,
                   capture_output=True)
    book = openpyxl.load_workbook(out)
    overview = book.worksheets[0]
    header_row = next(r for r in range(1, 20) if overview.cell(r, 1).value == "Session")
    for column in range(1, overview.max_column + 1):
        text = str(overview.cell(header_row, column).value or "")
        width = overview.column_dimensions[openpyxl.utils.get_column_letter(column)].width
        assert all(len(word) * 1.2 + 2 <= width + 0.5 for word in text.split()), (text, width)
    assert overview.cell(header_row + 1, 1).alignment.wrap_text
    forum = next(ws for ws in book.worksheets if ws.title == "Arbeitsforum A")
    assert forum.oddHeader.center.text.startswith("Arbeitsforum A: ")  # the full title on every printed page
    assert "Soziale Innovationen" in forum.oddHeader.left.text and "&P" in forum.oddFooter.right.text
