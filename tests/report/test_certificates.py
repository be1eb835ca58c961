"""Certificates of attendance after real check-ins: a page per guest present and none for anyone
absent, names, sessions and times as the door recorded them (pdftotext), the fonts embedded
(pdffonts), one file per guest with safe and unique names, the audit entry per certificate and
the workbook's column, the exit codes, English, a purged event, the [certificate] settings."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kosi_checkin.domain.model import Attendee, AttendeeId, CertificateText, SessionId
from kosi_checkin.domain.values import replace
from kosi_checkin.report.attendance import Attendance
from kosi_checkin.report.certificates import Attended, Certificate
from kosi_checkin.services.certificate_settings import save_certificate_text, set_signature
from kosi_checkin.services.certificates import file_names
from kosi_checkin.services.event_config import load_template
from kosi_checkin.services.event_logo import set_logo
from kosi_checkin.services.events import open_event
from kosi_checkin.storage.records import AuditRepository

from .test_export import Scenario, kosi, scenario  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def present_guests(path: Path, session: str | None = None) -> dict[str, dict[str, bool]]:
    """guest id → {session id: marked afterwards} for every guest present (as the report counts)."""
    conn, event = open_event(path)
    attendance = Attendance.load(conn, event)
    conn.close()
    found = {}
    for guest in attendance.guests:
        there = {s: e.is_late for s, e in attendance.presence.of_guest(guest.id).items() if session in (None, s)}
        if there:
            found[guest.id] = there
    return found


def guests_by_id(path: Path) -> dict[str, dict[str, object]]:
    return {g["id"]: g for g in json.loads(kosi("attendees", str(path), "--format", "json").stdout)}


def test_a_page_per_guest_present_with_the_sessions_the_door_recorded(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "Bescheinigungen.pdf"
    done = kosi("certificates", str(scenario.path), "-o", str(out))
    assert done.returncode == 0, done.stderr
    present = present_guests(scenario.path)
    assert f"{len(present)} Teilnahmebescheinigungen" in done.stdout
    pages = pdf_pages(out)
    assert len(pages) == len(present)
    guests = guests_by_id(scenario.path)
    event = load_template("kosi-2019")
    for guest_id, sessions in present.items():
        g = guests[guest_id]
        name = " ".join(" ".join(str(p) for p in (g["title"], g["first_name"], g["last_name"]) if p).split())
        page = next(p for p in pages if f"dass {name} " in p)
        assert "Teilnahmebescheinigung" in page and event.name.split(":")[0] in page and "02.04.2019" in page
        assert event.venue in page and "BMBF" in page and "Wuppertal Institut" in page
        for session in event.sessions:
            if session.id in sessions:
                times = ("ca. " if session.times_assumed else "") + session.start.strftime("%H:%M")
                assert times in page and session.title in page, (name, session.id)
                if sessions[session.id]:
                    assert f"{session.title} (nachgetragen)" in page
            else:
                assert f" {session.title} " not in page.split("besucht hat:")[1], (name, session.id)
    absent = [g for g in guests.values() if g["id"] not in present]
    assert absent and not any(f"dass {g['first_name']} {g['last_name']} " in " ".join(pages) for g in absent
                              if not g["title"])
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line and "DejaVuSans" in line for line in fonts), fonts
    assert not list(tmp_path.glob(".*part"))


def test_one_session_only_those_present_there_and_only_it(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "konferenz.pdf"
    assert kosi("certificates", str(scenario.path), "-o", str(out), "--session", "konferenz").returncode == 0
    pages = pdf_pages(out)
    assert len(pages) == len(present_guests(scenario.path, "konferenz")) == 2
    assert all("(nachgetragen)" in p and "Werkstatt Verstetigung 1" not in p for p in pages)
    assert all("09:30" not in p.split("besucht hat:")[1] for p in pages)  # the Werkstatt is not listed


def test_split_files_safe_unique_names_and_the_audit_entry(scenario: Scenario, tmp_path: Path) -> None:
    conn, event = open_event(scenario.path)
    before = len(AuditRepository(conn).certified())
    conn.close()
    folder = tmp_path / "einzeln"
    folder.mkdir()
    done = kosi("certificates", str(scenario.path), "--split", str(folder))
    assert done.returncode == 0, done.stderr
    present = present_guests(scenario.path)
    files = sorted(folder.iterdir())
    assert len(files) == len(present) and all(f.suffix == ".pdf" for f in files)
    guests = guests_by_id(scenario.path)
    for guest_id in present:
        g = guests[guest_id]
        if not re.fullmatch(r"[\w ]+", f"{g['last_name']}{g['first_name']}"):
            continue  # the guest with formula-like fields: its name is only checked for safety below
        stem = f"Teilnahmebescheinigung_{g['last_name']}_{g['first_name']}".replace(" ", "-")
        assert any(f.name.startswith(stem) for f in files), stem
    for f in files:
        assert re.fullmatch(r"[\w.-]+\.pdf", f.name) and len(pdf_pages(f)) == 1
    assert before == 0
    conn, event = open_event(scenario.path)
    assert AuditRepository(conn).certified() == set(present)
    entries = [e for e in AuditRepository(conn).entries() if e.action == "certificate"]
    conn.close()
    assert len(entries) == len(present)
    assert not any(str(g["last_name"]) in e.detail for e in entries for g in guests.values())  # ids, no names
    book = tmp_path / "a.xlsx"
    assert kosi("export", str(scenario.path), "-o", str(book)).returncode == 0
    sheet = openpyxl.load_workbook(book)["Alle"]
    header = [c.value for c in sheet[1]]
    column = header.index("Teilnahmebescheinigung")
    received = {(r[1].value, r[2].value) for r in sheet.iter_rows(min_row=2) if r[column].value == "ja"}
    assert received == {(guests[i]["first_name"], guests[i]["last_name"]) for i in present}


def test_chosen_guests_and_the_exit_codes(scenario: Scenario, tmp_path: Path) -> None:
    present = list(present_guests(scenario.path))
    absent = next(i for i in guests_by_id(scenario.path) if i not in present)
    out = tmp_path / "two.pdf"
    done = kosi("certificates", str(scenario.path), "-o", str(out), "--attendee", present[0], "--attendee", absent)
    assert done.returncode == 0 and len(pdf_pages(out)) == 1
    nobody = tmp_path / "nobody.pdf"
    done = kosi("certificates", str(scenario.path), "-o", str(nobody), "--attendee", absent)
    assert done.returncode == 0 and not nobody.exists() and len(done.stdout.strip().splitlines()) == 1
    assert kosi("certificates", str(scenario.path), "-o", str(out), "--session", "nosuch").returncode == 2
    assert kosi("certificates", str(scenario.path), "-o", str(out), "--attendee", "NOSUCHID1").returncode == 2
    bad = kosi("certificates", str(scenario.path), "-o", str(tmp_path / "missing" / "x.pdf"))
    assert bad.returncode == 2 and "missing" in bad.stderr
    (tmp_path / "a-file").write_text("x")
    assert kosi("certificates", str(scenario.path), "-o", str(tmp_path / "a-file" / "x.pdf")).returncode == 2
    assert kosi("certificates", str(scenario.path), "--split", str(tmp_path / "a-file")).returncode == 2
    assert kosi("certificates", str(scenario.path)).returncode == 2  # neither -o nor --split


def test_in_english_with_the_event_text_signer_and_signature(scenario: Scenario, tmp_path: Path) -> None:
    conn, event = open_event(scenario.path)
    save_certificate_text(conn, event, CertificateText(
        text="Die Teilnahme an {event} wird bestätigt.", text_en="{name} was with us in {venue}.",
        signer="Dr. Erika Beispiel", signer_role="Projektleitung", place="Wuppertal"))
    set_signature(conn, ROOT / "resources" / "icons" / "kosi-checkin-256.png")
    set_logo(conn, ROOT / "resources" / "icons" / "kosi-checkin-256.png")
    conn.close()
    out = tmp_path / "en.pdf"
    assert kosi("--lang", "en", "certificates", str(scenario.path), "-o", str(out)).returncode == 0
    page = pdf_pages(out)[0]
    assert "Certificate of attendance" in page and "We hereby confirm that" in page
    assert "was with us in CityKirche Wuppertal-Elberfeld." in page and "Dr. Erika Beispiel, Projektleitung" in page
    assert re.search(r"Wuppertal, \d", page)
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    shown = [line.split()[0] for line in images.splitlines()[2:] if line.split()[2] == "image"]  # page of each
    assert all(shown.count(str(n)) == 2 for n in range(1, len(pdf_pages(out)) + 1))  # logo and signature
    de = tmp_path / "de.pdf"
    assert kosi("certificates", str(scenario.path), "-o", str(de)).returncode == 0
    assert "Die Teilnahme an Soziale Innovationen" in pdf_pages(de)[0]


def test_a_purged_event_issues_none(scenario: Scenario, tmp_path: Path) -> None:
    assert kosi("purge", str(scenario.path), "--yes").returncode == 0
    out = tmp_path / "after-purge.pdf"
    done = kosi("certificates", str(scenario.path), "-o", str(out))
    assert done.returncode == 0 and not out.exists() and "gelöscht" in done.stdout


def test_the_event_description_carries_the_text_and_the_signature(tmp_path: Path) -> None:
    template = (ROOT / "resources" / "templates" / "kosi-2019.toml").read_text(encoding="utf-8")
    shutil_png = tmp_path / "unterschrift.png"
    shutil_png.write_bytes((ROOT / "resources" / "icons" / "kosi-checkin-256.png").read_bytes())
    own = re.sub(r"(?ms)^\[certificate\].*?(?=^\[|\Z)", "", template)
    config = tmp_path / "event.toml"
    config.write_text(own + '\n[certificate]\ntext = "Danke, {name}!"\nsignature = "unterschrift.png"\n'
                      'place = "Elberfeld"\n', encoding="utf-8")
    event_file = tmp_path / "own.kosi"
    assert kosi("new", str(event_file), "--config", str(config)).returncode == 0
    conn, event = open_event(event_file)
    from kosi_checkin.services.certificate_settings import signature

    assert event.certificate.text == "Danke, {name}!" and event.certificate.place == "Elberfeld"
    assert signature(conn) == shutil_png.read_bytes()
    conn.close()
    config.write_text(own + '\n[certificate]\ntext = "Hallo {vorname}"\n', encoding="utf-8")
    bad = kosi("new", str(tmp_path / "bad.kosi"), "--config", str(config))
    assert bad.returncode == 2 and "[certificate] text" in bad.stderr and "{vorname}" in bad.stderr


names = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(names, names), min_size=1, max_size=12))
def test_file_names_are_safe_and_unique(people: list[tuple[str, str]]) -> None:
    session = load_template("kosi-2019").sessions[0]
    certificates = [Certificate(Attendee(id=AttendeeId(f"ID{n}"), first_name=first, last_name=last,
                                         sessions=frozenset({SessionId(session.id)})), (Attended(session, False),))
                    for n, (first, last) in enumerate(people)]
    found = file_names(certificates)
    assert len({n.lower() for n in found}) == len(found)
    for name in found:
        assert name.endswith(".pdf") and len(name) < 160 and unicodedata.is_normalized("NFC", name)
        assert not re.search(r"[\\/:*?\"<>|\x00-\x1f\s]", name) and not name.startswith(".")


def test_two_guests_of_one_name_get_two_files() -> None:
    session = load_template("kosi-2019").sessions[0]
    guest = Attendee(id=AttendeeId("A1"), first_name="Anna", last_name="Müller")
    twins = [Certificate(guest, (Attended(session, False),)),
             Certificate(replace(guest, id=AttendeeId("A2"), last_name="MÜLLER"), (Attended(session, False),))]
    assert file_names(twins) == ["Teilnahmebescheinigung_Müller_Anna.pdf", "Teilnahmebescheinigung_MÜLLER_Anna_2.pdf"]


@pytest.fixture(autouse=True)
def _german() -> None:
    from kosi_checkin.i18n import set_language

    set_language("de")


def test_split_makes_its_folder_and_wins_over_the_single_file(scenario: Scenario, tmp_path: Path) -> None:
    present = present_guests(scenario.path)
    absent = next(i for i in guests_by_id(scenario.path) if i not in present)
    untouched = tmp_path / "niemand"
    done = kosi("certificates", str(scenario.path), "--split", str(untouched), "--attendee", absent)
    assert done.returncode == 0 and not untouched.exists()  # nobody present: no folder either
    folder, single = tmp_path / "neu", tmp_path / "alle.pdf"
    done = kosi("certificates", str(scenario.path), "-o", str(single), "--split", str(folder))
    assert done.returncode == 0, done.stderr
    assert not single.exists() and len(list(folder.glob("*.pdf"))) == len(present)
    assert kosi("certificates", str(scenario.path), "--split", str(tmp_path / "no" / "such")).returncode == 2


def test_a_bad_signature_image_is_named_as_such_and_no_event_is_made(tmp_path: Path) -> None:
    template = (ROOT / "resources" / "templates" / "kosi-2019.toml").read_text(encoding="utf-8")
    own = re.sub(r"(?ms)^\[certificate\].*?(?=^\[|\Z)", "", template)
    (tmp_path / "unterschrift.png").write_text("not an image")
    config = tmp_path / "event.toml"
    config.write_text(own + '\n[certificate]\nsignature = "unterschrift.png"\n', encoding="utf-8")
    done = kosi("new", str(tmp_path / "e.kosi"), "--config", str(config))
    assert done.returncode == 2 and "Das Bild der Unterschrift" in done.stderr and "PNG" in done.stderr
    assert not (tmp_path / "e.kosi").exists()
