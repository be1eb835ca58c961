"""Every file shape the importer promises to read, made here as real files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from kosi_checkin.domain.errors import UnreadableFileError, UsageError
from kosi_checkin.services.importing import dry_run, preview_import

GERMAN_CSV = (
    "Anrede;Titel;Vorname;Nachname;Organisation;Bereich;E-Mail;Werkstatt;Konferenz;Arbeitsforum;Podium;Bemerkungen\r\n"
    "Frau;Dr.;Özlem;Çelik;Zentrum für gute Taten e. V.;Verein;o.celik@gute-taten.example;ja;ja;Forum A;nein;\"Rollstuhl; bitte\r\nAufzug\"\r\n"
    "Herr;;Jürgen;Weiß;Stadt Wuppertal – Ressort 101;Kommune;WEISS@stadt.wuppertal.example ;nein;ja;;ja;„Parkticket“ 5 €\r\n"
)


def people(path: Path, kosi, **kw):
    report = dry_run(preview_import(path, kosi, **kw), kosi)
    return report, {p.values.get("email") or p.name: p for p in report.extraction.people}


@pytest.mark.parametrize(
    "codec, expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_csv_encodings(tmp_path: Path, kosi, codec: str, expected: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(GERMAN_CSV.encode(codec))
    report, found = people(path, kosi)
    assert report.preview.table.encoding == expected
    assert report.preview.table.delimiter == ";"
    celik = found["o.celik@gute-taten.example"]
    assert (celik.values["first_name"], celik.values["last_name"], celik.values["sector"]) == ("Özlem", "Çelik", "Zivilgesellschaft")
    assert sorted(celik.sessions) == ["forum-a", "konferenz", "werkstatt"]
    assert celik.extra["Bemerkungen"] == "Rollstuhl; bitte Aufzug"  # quoted delimiter and line break
    weiss = found["weiss@stadt.wuppertal.example"]  # lower-cased, stripped
    assert weiss.values["organisation"] == "Stadt Wuppertal – Ressort 101"
    assert weiss.extra["Bemerkungen"] == "„Parkticket“ 5 €"
    assert sorted(weiss.sessions) == ["konferenz", "podium"]


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiters_detected(tmp_path: Path, kosi, delimiter: str) -> None:
    rows = [["Vorname", "Nachname", "Firma", "E-Mail", "Podium"], ["Anna", "Becker", "Stadt, Wuppertal", "a@b.example", "x"]]
    text = "\n".join(delimiter.join(f'"{c}"' if delimiter in c else c for c in r) for r in rows) + "\n"
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    report, found = people(path, kosi)
    assert report.preview.table.delimiter == delimiter
    assert found["a@b.example"].values["organisation"] == "Stadt, Wuppertal"
    assert found["a@b.example"].sessions == {"podium"}


def test_eventbrite_export(data_dir: Path, kosi) -> None:
    report, found = people(data_dir / "eventbrite_attendees.csv", kosi)
    data = report.as_json()
    assert data["format"] == "eventbrite"
    assert len(found) == 3
    assert {x["row"] for x in data["excluded"]} == {5, 6}  # Not Attending, Refunded
    celik = found["o.celik@gute-taten.example"]
    assert celik.sessions == {"werkstatt", "podium"}
    assert celik.codes == {"1234567001200100101": "ticket", "1234567001": "order"}
    # "Job Title" is a job, not an academic title
    assert celik.values.get("title", "") == ""
    assert celik.extra["Job Title"] == "Projektleitung"


def test_indico_export_with_full_names(data_dir: Path, kosi) -> None:
    report, found = people(data_dir / "indico_registrations.csv", kosi)
    assert report.as_json()["format"] == "indico"
    heide = found["anna.heide@uni-wuppertal.example"]
    assert (heide.values["title"], heide.values["first_name"], heide.values["last_name"]) == ("Prof. Dr.", "Anna", "von der Heide")
    assert heide.sessions == {"werkstatt", "konferenz"}
    schmidt = found["karl.schmidt@stadtdo.example"]
    assert (schmidt.values["first_name"], schmidt.values["last_name"]) == ("Karl", "Schmidt")
    assert [x["row"] for x in report.as_json()["excluded"]] == [4]  # Withdrawn


def test_microsoft_forms_tsv_and_xlsx(data_dir: Path, tmp_path: Path, kosi) -> None:
    report, found = people(data_dir / "msforms_responses.tsv", kosi)
    assert report.as_json()["format"] == "microsoft-forms"
    assert report.preview.table.delimiter == "\t"
    samir = found["Samir El-Amrani"]  # "anonymous" is no e-mail address
    assert samir.values["email"] == ""
    assert samir.values["sector"] == "Verwaltung"
    assert samir.sessions == {"werkstatt", "konferenz"}
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in (data_dir / "msforms_responses.tsv").read_text(encoding="utf-8").splitlines():
        sheet.append(line.split("\t"))
    xlsx = tmp_path / "Anmeldung.xlsx"
    workbook.save(xlsx)
    report2, found2 = people(xlsx, kosi)
    assert report2.as_json()["format"] == "microsoft-forms"
    assert found2["Siobhán O'Connor"].sessions == {"konferenz", "forum-c", "podium"}


def test_xlsx_title_rows_merged_cells_dates_numbers(tmp_path: Path, kosi) -> None:
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Hinweise"
    notes["A1"] = "Bitte nicht löschen"
    sheet = workbook.create_sheet("Liste")
    sheet["A1"] = "Anmeldungen KoSI 2019"
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(["Nr.", "Vorname", "Name", "Institution", "PLZ", "Angemeldet am", "Podium (x)", None, None])
    sheet.append([1, "Anna", "Becker", "Stadt Wuppertal", 42103, datetime(2019, 2, 1, 9, 30), "x"])
    sheet.append([2, "Ben", "Kaiser", None, 42103.0, date(2019, 2, 2), " X "])
    sheet.append([3, "=1+1", "+49 202 123", "@home", "-5", "text", ""])
    sheet["B6"].data_type = "s"  # a text cell that looks like a formula, as Excel stores '=1+1
    sheet.merge_cells("D4:D5")  # one organisation for two guests
    for _ in range(3):
        sheet.append([None] * 7)
    path = tmp_path / "liste.xlsx"
    workbook.save(path)
    report, found = people(path, kosi)
    assert report.preview.table.sheet == "Liste"  # the sheet with the data, not the first
    assert report.preview.header_row == 3
    anna, ben = found["Anna Becker"], found["Ben Kaiser"]
    assert ben.values["organisation"] == "Stadt Wuppertal"  # merged cell filled down
    assert anna.extra["PLZ"] == "42103" and ben.extra["PLZ"] == "42103"  # numbers as people read them
    assert anna.extra["Angemeldet am"] == "2019-02-01 09:30:00"
    assert ben.extra["Angemeldet am"] == "2019-02-02"
    assert anna.sessions == {"podium"} and ben.sessions == {"podium"}
    formula = found["=1+1 +49 202 123"]  # formula-like cells stay plain text
    assert formula.values["organisation"] == "@home"
    assert formula.extra["PLZ"] == "-5"
    assert report.extraction.data_rows == 3


def test_sheet_option(tmp_path: Path, kosi) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Vorname", "Nachname"])
    workbook.active.append(["A", "B"])
    path = tmp_path / "x.xlsx"
    workbook.save(path)
    with pytest.raises(UsageError, match="Tabellenblatt"):
        preview_import(path, kosi, sheet="Nope")


def test_repeated_headers_mapped_by_position(data_dir: Path, kosi) -> None:
    # the pretix export has two "Company" columns; the second is the invoice address
    preview = preview_import(data_dir / "pretix_kosi2019_orders.csv", kosi, overrides=["organisation=#39"])
    assert [c.index for c in preview.columns if c.field == "organisation"] == [38]
    preview = preview_import(data_dir / "Teilnehmende_Excel.csv", kosi, overrides=["session:podium=Bemerkungen", "door_note=Bemerkungen"])
    assert preview.columns[12].field == "door_note"


def test_map_errors_are_usage_errors(data_dir: Path, kosi) -> None:
    with pytest.raises(UsageError, match="Keine Spalte"):
        preview_import(data_dir / "Teilnehmende_Excel.csv", kosi, overrides=["email=Mailadresse"])
    with pytest.raises(UsageError, match="Unbekanntes Feld"):
        preview_import(data_dir / "Teilnehmende_Excel.csv", kosi, overrides=["shoe_size=Titel"])
    with pytest.raises(UsageError, match="Unbekannte Session"):
        preview_import(data_dir / "Teilnehmende_Excel.csv", kosi, overrides=["session:brunch=Titel"])


def test_bad_rows_are_reported_with_row_and_reason(tmp_path: Path, kosi) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "Vorname,Nachname,E-Mail,Podium,Arbeitsforum\n"
        "Anna,Becker,anna@x.example,x,Forum A\n"
        ",,nobody@x.example,x,\n"
        "Ben,Kaiser,ben@x.example,x,,surplus\n"
        "Cem,Yilmaz,not-an-address,vielleicht,Forum Z\n"
        "Dana,Ott,dana@x.example,vielleicht,Forum Z\n"
        + "".join(f"Gast,Nr{k},g{k}@x.example,x,Forum {'BC'[k % 2]}\n" for k in range(20)),  # mostly marks: a session column
        encoding="utf-8",
    )
    report, found = people(path, kosi)
    problems = {(p["row"], p["column"]): p["message"] for p in report.as_json()["problems"]}
    assert (3, "Nachname") in problems  # no name
    assert (4, None) in problems and "6" in problems[(4, None)]  # more cells than headers
    assert (5, "E-Mail") in problems
    for row in (5, 6):  # the same odd cells in two rows: each row is named
        assert problems[(row, "Podium")] == "'vielleicht' ist keine Markierung (x, ja, yes, 1 …); als nicht angemeldet gelesen."
        assert problems[(row, "Arbeitsforum")] == "'Forum Z' nennt keine Session dieser Veranstaltung; ignoriert."
    assert set(found) == {"anna@x.example", "not-an-address", "dana@x.example"} | {f"g{k}@x.example" for k in range(20)}
    assert found["anna@x.example"].sessions == {"podium", "forum-a"} and found["dana@x.example"].sessions == set()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "leer"),
        (b"PK\x03\x04garbage-not-a-zip", "Excel-Arbeitsmappe"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", ".xls"),
        (b"\x00\x01\x02\x03\x04\x05binary\x00\x00\x07" * 50, "weder"),
        (b"Vorname;Nachname\n" + b"\x01\x02\x1b\x7fA;B\n" * 200, "weder"),  # control characters, no NUL
        (b"Datum,Betrag\n2019-01-01,5\n", "keine erkennbare Kopfzeile"),
    ],
)
def test_unreadable_files_refused_with_one_sentence(tmp_path: Path, kosi, content: bytes, message: str) -> None:
    path = tmp_path / "bad.xlsx" if content.startswith(b"PK") else tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=message):
        preview_import(path, kosi)


def test_a_record_the_csv_module_refuses_is_named_by_its_row(tmp_path: Path, kosi) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Vorname;Nachname\nAnna;Becker\nBen;Kaya\nCem;\"" + "x" * 200_000 + "\"\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="list.csv kann nicht gelesen werden: Zeile 4: field larger"):
        preview_import(path, kosi)


def test_the_delimiter_of_long_records_is_found(tmp_path: Path, kosi) -> None:
    notes = "lange Bemerkung, mit Kommas, " * 100  # 50 records are longer than the part read to find the delimiter
    path = tmp_path / "list.csv"
    path.write_text("Vorname;Nachname;Bemerkungen\n" + "".join(f"Anna{k};Becker;\"{notes}\"\n" for k in range(80)),
                    encoding="utf-8")
    report, found = people(path, kosi)
    assert report.preview.table.delimiter == ";" and len(found) == 80


def test_missing_file(tmp_path: Path, kosi) -> None:
    with pytest.raises(UnreadableFileError, match="nicht gefunden"):
        preview_import(tmp_path / "nope.csv", kosi)
