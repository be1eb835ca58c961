"""The shared registration fixtures import exactly as EXPECTED.json describes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_checkin.services.importing import dry_run, preview_import

FILES = [
    "pretix_kosi2019_orders.csv",
    "Anmeldung KoSI-Lab Abschlusskonferenz (Antworten) - Formularantworten 1.csv",
    "Anmeldeliste.xlsx",
    "Teilnehmende_Excel.csv",
]
FORMATS = {
    "pretix_kosi2019_orders.csv": "pretix",
    "Anmeldung KoSI-Lab Abschlusskonferenz (Antworten) - Formularantworten 1.csv": "google-forms",
    "Anmeldeliste.xlsx": "office-list",
    "Teilnehmende_Excel.csv": "office-list",
}


def spec(expected: dict, name: str) -> dict:
    return next(f for f in expected["files"] if f["file"] == name)


@pytest.mark.parametrize("name", FILES)
def test_fixture_imports_as_expected(name: str, expected: dict, data_dir: Path, kosi) -> None:
    s = spec(expected, name)
    report = dry_run(preview_import(data_dir / name, kosi), kosi)
    data = report.as_json()
    assert data["format"] == FORMATS[name]
    assert data["header_row"] == s["header_row_index"] + 1 if s["container"] == "csv" else s["header_row_index"] + 1
    if s["container"] == "csv":
        assert data["encoding"] == s["python_codec"]
        assert data["delimiter"] == s["delimiter"]
    else:
        assert data["sheet"] == s["sheet"]
    assert data["data_rows"] == s["data_rows"]
    assert data["attendees"] == s["distinct_attendees"]

    # every canonical column is mapped as expected (by index: headers may repeat)
    mapping = {m["index"]: m for m in data["mapping"]}
    for column in s["column_mapping"]:
        got = mapping[column["index"]]
        if column["field"] is not None:
            assert got["field"] == column["field"], column
            assert got.get("session") == column.get("session"), column
        elif got["field"] in ("first_name", "last_name", "title", "organisation", "sector", "email", "sessions"):
            pytest.fail(f"column {column['header']!r} mapped to {got['field']} but should not be")

    counts: dict[str, int] = {}
    for person in report.extraction.people:
        for session in person.sessions:
            counts[session] = counts.get(session, 0) + 1
    assert counts == s["session_counts"]

    people = {p.values.get("email"): p for p in report.extraction.people}
    for sample in s["samples"]:
        person = people[sample["email"]]
        for key in ("first_name", "last_name", "title", "organisation", "sector", "email"):
            assert person.values.get(key) == sample[key], (sample["email"], key)
        assert sorted(person.sessions) == sample["sessions"]

    assert sorted(x["row"] for x in data["excluded"]) == sorted(x["row"] for x in s["excluded_rows"])
    assert sorted(d["rows"] for d in data["duplicates"]) == sorted(m["rows"] for m in s["merged_rows"])
    skipped = sorted(p["row"] for p in data["problems"])
    assert skipped == sorted(x["row"] for x in s["skipped_rows"])
