"""Recognition on the shapes that once imported wrong (issue 15): booker and attendee columns,
short session headers, group letters, shifted rows, non-person rows, titles in names,
categories by meaning, files in disguise; session counts and warnings."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from kosi_checkin.cli.main import main
from kosi_checkin.domain.errors import UnreadableFileError
from kosi_checkin.domain.model import Attendee
from kosi_checkin.importers.names import parse_name
from kosi_checkin.services.importing import dry_run, preview_import


def imported(tmp_path: Path, kosi, text: str, name: str = "list.csv", **kw):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = dry_run(preview_import(path, kosi, **kw), kosi)
    return report, {p.name: p for p in report.extraction.people}


def test_doo_like_booker_and_attendee_columns_import_the_attendees(tmp_path: Path, kosi) -> None:
    text = ("Buchungsnummer;Bucher Vorname;Bucher Nachname;Bucher E-Mail;Teilnehmer Vorname;Teilnehmer Nachname;"
            "Teilnehmer E-Mail;Teilnehmer Organisation;Ticketkategorie\n"
            "B-1001;Petra;Sekretariat;office@stadt.example;Anna;Becker;anna@stadt.example;Stadt Wuppertal;Werkstatt\n"
            "B-1001;Petra;Sekretariat;office@stadt.example;Jörg;Krause;joerg@stadt.example;Stadt Wuppertal;Konferenz\n")
    report, found = imported(tmp_path, kosi, text)
    assert set(found) == {"Anna Becker", "Jörg Krause"}
    assert found["Anna Becker"].values["email"] == "anna@stadt.example"
    assert found["Anna Becker"].sessions == {"werkstatt"} and found["Jörg Krause"].sessions == {"konferenz"}
    fields = {c["header"]: c["field"] for c in report.as_json()["mapping"]}
    assert fields["Teilnehmer Vorname"] == "first_name" and fields["Bucher Vorname"] is None


def test_pretix_checkin_list_with_one_name_column(tmp_path: Path, kosi) -> None:
    text = ("Bestellnummer,Name Teilnehmer*in,Produkt,Preis,Eingecheckt,Ausgecheckt,Automatisch eingecheckt,E-Mail,"
            "Firma\n"
            "ABC12,Dr. Anna Becker,Tagesticket – Werkstatt und Abschlusskonferenz,0.00,,,Nein,anna@x.example,Uni\n"
            "DEF34,Jörg Krause,Tagesticket – Abschlusskonferenz,0.00,,,Nein,joerg@x.example,Stadt\n")
    report, found = imported(tmp_path, kosi, text)
    assert set(found) == {"Anna Becker", "Jörg Krause"}
    assert found["Anna Becker"].values["title"] == "Dr."
    assert found["Anna Becker"].sessions == {"werkstatt", "konferenz"}
    assert report.as_json()["session_counts"]["konferenz"] == 2


@pytest.mark.parametrize("mark", ["x", "1", "X", "ja"])
def test_short_session_headers_with_sparse_marks(tmp_path: Path, kosi, mark: str) -> None:
    rows = ["Vorname;Nachname;Werkstatt;Konferenz;Forum A;AF B;Podium"]
    for i in range(12):
        cells = ["", "", "", "", ""]
        cells[i % 5] = mark
        rows.append(f"Gast{chr(65 + i)};Test{chr(65 + i)};" + ";".join(cells))
    report, found = imported(tmp_path, kosi, "\n".join(rows) + "\n")
    sessions = {c.header: c.session for c in report.preview.columns if c.session}
    assert sessions == {"Werkstatt": "werkstatt", "Konferenz": "konferenz", "Forum A": "forum-a", "AF B": "forum-b",
                        "Podium": "podium"}
    assert found["GastA TestA"].sessions == {"werkstatt"}
    assert report.warnings == []


@pytest.mark.parametrize("header", ["Forum", "AF", "Arbeitsforum", "Arbeitsforen"])
def test_a_column_of_group_letters(tmp_path: Path, kosi, header: str) -> None:
    text = f"Vorname;Nachname;{header}\nAnna;Becker;A\nJörg;Krause;b\nEva;Öz;2\nTim;Roth;\n"
    report, found = imported(tmp_path, kosi, text)
    assert found["Anna Becker"].sessions == {"forum-a"}
    assert found["Jörg Krause"].sessions == {"forum-b"}
    assert found["Eva Öz"].sessions == {"forum-b"}  # the second forum
    assert found["Tim Roth"].sessions == set()


def test_group_letters_mapped_by_hand(tmp_path: Path, kosi, capsys) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Vorname;Nachname;Wahl\nAnna;Becker;A\nJörg;Krause;C\n", encoding="utf-8")
    report = dry_run(preview_import(path, kosi, overrides=["group:arbeitsforen=Wahl"]), kosi)
    assert {p.name: p.sessions for p in report.extraction.people} == {"Anna Becker": {"forum-a"},
                                                                      "Jörg Krause": {"forum-c"}}
    event = tmp_path / "e.kosi"
    assert main(["new", str(event), "--template", "kosi-2019"]) == 0
    assert main(["import", str(event), str(path), "--map", "group:arbeitsforen=Wahl", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert data["session_counts"]["forum-a"] == 1 and data["session_counts"]["forum-c"] == 1
    assert next(m for m in data["mapping"] if m["header"] == "Wahl")["group"] == "arbeitsforen"


def test_a_shifted_row_is_reported_and_changes_no_column(tmp_path: Path, kosi) -> None:
    rows = ["Vorname,Nachname,Organisation,Werkstatt,Konferenz,Podium"]
    rows += [f"Gast{i},Test,Stadt,x,{'x' if i % 2 else ''},x" for i in range(8)]
    rows.insert(3, "Anna,Becker,Stadt, Ressort 101,x,Forum A,free text,more")  # an unquoted comma
    report, found = imported(tmp_path, kosi, "\n".join(rows) + "\n")
    assert {c.header: c.session for c in report.preview.columns if c.session} == {
        "Werkstatt": "werkstatt", "Konferenz": "konferenz", "Podium": "podium"}
    assert any(p.row == 4 for p in report.extraction.problems)
    assert "Anna Becker" not in found and len(found) == 8


def test_rows_that_are_not_people(tmp_path: Path, kosi) -> None:
    text = ("Vorname;Nachname;E-Mail;Werkstatt;Konferenz\n"
            "q1;q2;q3_email;SQ001;SQ002\n"
            "Anna;Becker;anna@x.example;x;x\n"
            "Nachmeldungen;;;;\n"
            "Jörg;Krause;joerg@x.example;;x\n"
            "Vorname;Nachname;E-Mail;Werkstatt;Konferenz\n"
            "Eva;Öz;eva@x.example;x;\n"
            "Summe;;;2;2\n")
    report, found = imported(tmp_path, kosi, text)
    assert set(found) == {"Anna Becker", "Jörg Krause", "Eva Öz"}
    reported = {p.row for p in report.extraction.problems}
    assert {2, 4, 6, 8} <= reported
    assert report.session_counts["werkstatt"] == 2 and report.session_counts["konferenz"] == 2


@pytest.mark.parametrize("cell, expected", [
    ("Dr. Weiß, Annegret", ("Dr.", "Annegret", "Weiß", "")),
    ("von Bülow, Prof. Dr. Hans-Georg", ("Prof. Dr.", "Hans-Georg", "von Bülow", "")),
    ("Müller, Dr. Anna", ("Dr.", "Anna", "Müller", "")),
    ("Frau Prof. Dr. Anna von der Heide", ("Prof. Dr.", "Anna", "von der Heide", "Frau")),
    ("Herr Jürgen Weiß", ("", "Jürgen", "Weiß", "Herr")),
    ("Anna Müller M.A.", ("M.A.", "Anna", "Müller", "")),
])
def test_titles_wherever_they_stand(cell: str, expected: tuple[str, str, str, str]) -> None:
    name = parse_name(cell)
    assert (name.title, name.first, name.last, name.salutation) == expected


def test_titles_in_first_and_last_name_cells_and_salutations_kept_apart(tmp_path: Path, kosi) -> None:
    text = "Vorname;Nachname\nDr. Anna;Becker\nFrau Eva;Öz\nJörg;Prof. Krause\n"
    _report, found = imported(tmp_path, kosi, text)
    assert found["Anna Becker"].values["title"] == "Dr."
    assert found["Eva Öz"].extra["Anrede"] == "Frau" and "title" not in found["Eva Öz"].values or \
        not found["Eva Öz"].values.get("title")
    assert found["Jörg Krause"].values["title"] == "Prof."


def test_sorting_skips_name_particles() -> None:
    people = [Attendee(id="1", first_name="Hans-Georg", last_name="von Bülow"),  # type: ignore[arg-type]
              Attendee(id="2", first_name="Anna", last_name="Becker"),  # type: ignore[arg-type]
              Attendee(id="3", first_name="Eva", last_name="Dahl")]  # type: ignore[arg-type]
    assert [a.last_name for a in sorted(people, key=lambda a: a.sort_key)] == ["Becker", "von Bülow", "Dahl"]


def test_categories_by_meaning_and_unknown_ones_kept_aside(tmp_path: Path, kosi) -> None:
    text = ("Vorname;Nachname;Kategorie\nAnna;Becker;Referentin\nJörg;Krause;Speaker\nEva;Öz;Podiumsgast\n"
            "Tim;Roth;Ehrengast\nUte;Lang;STORNIERT\n")
    report, found = imported(tmp_path, kosi, text)
    assert found["Anna Becker"].values["category"] == "Referent*in"
    assert found["Jörg Krause"].values["category"] == "Referent*in"
    assert found["Eva Öz"].values["category"] == "Podium"
    assert found["Tim Roth"].values["category"] == "" and found["Tim Roth"].extra["Kategorie"] == "Ehrengast"
    assert any("Ehrengast" in p.message for p in report.extraction.problems)
    assert "Ute Lang" not in found and report.extraction.excluded[0]["name"] == "Ute Lang"


def test_an_ods_saved_as_xlsx_says_what_it_is(tmp_path: Path, kosi) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    path = tmp_path / "Anmeldungen.xlsx"
    path.write_bytes(data.getvalue())
    with pytest.raises(UnreadableFileError, match="OpenDocument.*xlsx"):
        preview_import(path, kosi)
    old = tmp_path / "alt.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with pytest.raises(UnreadableFileError, match="97–2003"):
        preview_import(old, kosi)


def test_a_session_column_that_reads_as_nothing_is_warned_about(tmp_path: Path, kosi) -> None:
    text = "Vorname;Nachname;Podium\nAnna;Becker;vielleicht\nJörg;Krause;mal sehen\nEva;Öz;später\n"
    report, _found = imported(tmp_path, kosi, text)
    warnings = report.as_json()["warnings"]
    assert warnings and warnings[0]["index"] == 3 and warnings[0]["header"] == "Podium"


def test_a_column_of_addresses_is_the_e_mail_whatever_its_header(tmp_path: Path, kosi) -> None:
    text = "Vorname;Nachname;Kontakt für Rückfragen\nAnna;Becker;anna@x.example\nJörg;Krause;joerg@x.example\n"
    report, found = imported(tmp_path, kosi, text)
    assert found["Anna Becker"].values["email"] == "anna@x.example"
    assert next(c for c in report.preview.columns if c.index == 2).field == "email"


def test_a_column_of_names_is_the_name_whatever_its_header(tmp_path: Path, kosi) -> None:
    """Survey tools with question codes as headers ("G01Q01"): the values show the names."""
    text = ("G01Q01,G01Q02,G01Q03\n"
            "\"Dr. Anna Becker\",anna@x.example,Stadt Wuppertal\n"
            "\"Krause, Jörg\",joerg@x.example,Bergische Universität\n"
            "Eva von Öz,eva@x.example,Verein\n")
    report, found = imported(tmp_path, kosi, text)
    assert set(found) == {"Anna Becker", "Jörg Krause", "Eva von Öz"}
    assert found["Anna Becker"].values["title"] == "Dr."
    assert found["Jörg Krause"].values["email"] == "joerg@x.example"  # addresses found by their shape too
    assert report.preview.header_row == 1


def test_organisations_and_ticket_types_are_not_names(tmp_path: Path, kosi) -> None:
    from kosi_checkin.importers.mapping import looks_like_a_name

    assert looks_like_a_name("Anna Becker") and looks_like_a_name("Becker, Anna")
    assert not looks_like_a_name("Zentrum für gute Taten e. V.") and not looks_like_a_name("Stadt 42103 Wuppertal")
    assert not looks_like_a_name("Tagesticket – Werkstatt") and not looks_like_a_name("anna@x.example")
