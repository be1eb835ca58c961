"""Exports of the registration tools the importer names, made from their documented layouts
(tests/data/formats/README.md): each is recognised by its format and imports its guests with
titles and sessions; cancelled registrations stay out."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kosi_checkin.services.importing import dry_run, preview_import

FORMATS = Path(__file__).parents[1] / "data" / "formats"
CASES = {
    "pretix_checkin_de.csv": ("pretix-checkin", {
        "Anna Becker": ("Dr.", {"werkstatt", "konferenz", "forum-a"}),
        "Jörg Krause": ("", {"konferenz", "forum-c"}),
        "Özlem Çelik": ("", {"werkstatt", "konferenz"})}),
    "hi_events_attendees.csv": ("hi-events", {
        "Anna Becker": ("", {"werkstatt", "konferenz", "forum-b"}),
        "Eva Öz": ("", {"konferenz", "forum-c"})}),
    "doo_attendees.csv": ("doo", {
        "Anna Becker": ("Dr.", {"werkstatt", "konferenz"}),
        "Jürgen Weiß": ("", {"konferenz"})}),
    "limesurvey_responses.csv": ("limesurvey", {
        "Anna Becker": ("", {"werkstatt", "konferenz", "forum-a"}),
        "Jörg Krause": ("", {"konferenz", "podium", "forum-c"})}),
    "typeform_responses.csv": ("typeform", {
        "Anna Becker": ("", {"werkstatt", "konferenz", "forum-a"}),
        "Jörg Krause": ("", {"konferenz", "forum-b"})}),
    "jotform_submissions.csv": ("jotform", {
        "Anna Becker": ("Dr.", {"werkstatt", "konferenz", "forum-a"}),
        "Jörg Krause": ("", {"konferenz", "forum-c"})}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_tool_export(kosi, name: str) -> None:
    fmt, expected = CASES[name]
    report = dry_run(preview_import(FORMATS / name, kosi), kosi)
    assert report.preview.format == fmt
    found = {p.name: (p.values.get("title", ""), p.sessions) for p in report.extraction.people}
    assert found == expected
    assert report.warnings == []


def test_pretix_order_data_as_xlsx(tmp_path: Path, kosi) -> None:
    """pretix's order data export, sheet of order positions, as its XLSX exporter writes it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Order positions"
    sheet.append(["Event slug", "Order code", "Position ID", "Status", "Email", "Order date", "Product", "Variation",
                  "Price", "Tax rate", "Attendee name", "Attendee name: Title", "Attendee name: Given name",
                  "Attendee name: Family name", "Attendee email", "Company", "Welches Arbeitsforum?"])
    sheet.append(["kosi2019", "AB12C", 1, "paid", "buero@stadt.example", "2019-03-01", "Tagesticket", "Werkstatt",
                  0, 0, "Dr. Anna Becker", "Dr.", "Anna", "Becker", "anna@stadt.example", "Stadt Wuppertal", "Forum B"])
    sheet.append(["kosi2019", "CD34E", 1, "canceled", "j@uni.example", "2019-03-02", "Tagesticket", "Konferenz",
                  0, 0, "Jörg Krause", "", "Jörg", "Krause", "j@uni.example", "Uni", ""])
    path = tmp_path / "kosi2019_orders.xlsx"
    workbook.save(path)
    report = dry_run(preview_import(path, kosi), kosi)
    assert report.preview.format == "pretix-xlsx"
    assert {p.name: (p.values.get("title"), p.sessions) for p in report.extraction.people} == {
        "Anna Becker": ("Dr.", {"werkstatt", "forum-b"})}
    assert [x["name"] for x in report.extraction.excluded] == ["Jörg Krause"]
