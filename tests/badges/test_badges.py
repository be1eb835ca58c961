"""Badge PDFs: rendered at 150 dpi and every QR code decoded with zxing-cpp, then scanned into
the desk; fonts embedded; names fit; page geometry per layout; printed state."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pypdfium2
import pytest
from badge_helpers import MM, decoded_codes, kosi
from reportlab.pdfbase.pdfmetrics import stringWidth

from kosi_checkin.badges.layouts import all_layouts, layout_named
from kosi_checkin.badges.render import BOLD, register_fonts
from kosi_checkin.badges.text_fit import fit


def test_every_badge_code_decodes_at_150_dpi_and_scans_in(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "badges.pdf"
    result = kosi("badges", str(demo), "-o", str(out))
    assert result.returncode == 0, result.stderr
    guests = json.loads(kosi("attendees", str(demo), "--format", "json").stdout)
    expected = {kosi("code", str(demo), "--attendee", g["id"]).stdout.strip() for g in guests[:10]}
    found = decoded_codes(out)
    assert len(found) == len(guests) == 150 and len(set(found)) == 150
    assert expected <= set(found)
    env = {**os.environ, "KOSI_NOW": "2019-04-02T09:40:00+02:00"}
    registered = {g["id"] for g in guests if "konferenz" in g["sessions"]}
    chosen = [code for code in found if code[3:12] in registered][:3]  # the id sits after the 3-letter prefix
    scans = [kosi("checkin", str(demo), "--scan", code, "--session", "konferenz", env=env) for code in chosen]
    assert len(chosen) == 3 and [s.returncode for s in scans] == [0, 0, 0]


def test_fonts_are_embedded_and_text_is_real_text(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    assert kosi("badges", str(demo), "-o", str(out), "--layout", "a6", "--preview").returncode == 0
    data = out.read_bytes()
    assert b"/FontFile2" in data  # TrueType embedded (subset)
    document = pypdfium2.PdfDocument(str(out))
    texts = " ".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    assert "Çelik" in texts and "Özlem" in texts and "Teilnehmende" in texts


@pytest.mark.parametrize("layout", [l.name for l in all_layouts()])
def test_page_geometry_and_qr_size_per_layout(demo: Path, tmp_path: Path, layout: str) -> None:
    spec = layout_named(layout)
    out = tmp_path / f"{layout}.pdf"
    assert kosi("badges", str(demo), "-o", str(out), "--layout", layout, "--preview").returncode == 0
    document = pypdfium2.PdfDocument(str(out))
    width, height = document[0].get_size()
    assert (round(width / MM, 1), round(height / MM, 1)) == spec.page
    assert len(document) == -(-150 // spec.per_page)
    document.close()
    assert spec.qr[2] >= 18
    for slot in range(spec.per_page):  # every badge box inside the page
        x, y = spec.badge_origin(slot)
        assert 0 <= x and x + spec.badge[0] <= spec.page[0] + 0.01 and 0 <= y and y + spec.slot_height <= spec.page[1] + 0.01
    assert len(decoded_codes(out)) == 150


@pytest.mark.parametrize("name", ["Dr. Maximiliane Schmitz-Özdemir-Lindqvist von der Beck-Hartmann",
                                  "Prof. Dr. Dr. h.c. mult. Thị Lan Nguyễn", "Ło", "Wiebke " + "A" * 60])
def test_names_of_any_length_stay_inside_their_box(name: str) -> None:
    register_fonts()
    box = layout_named("a4-8up-90x55").name_box
    fitted = fit(name.rsplit(" ", 1), BOLD, box.width * MM, box.height * MM, box.max_size, box.min_size)
    assert all(stringWidth(line, BOLD, fitted.size) <= box.width * MM + 0.01 for line in fitted.lines)
    assert fitted.height <= box.height * MM + 0.01
    assert "".join(fitted.lines).replace(" ", "") == name.replace(" ", "")  # nothing dropped


def test_printed_state_preview_and_unprinted(demo: Path, tmp_path: Path) -> None:
    guests = json.loads(kosi("attendees", str(demo), "--format", "json").stdout)
    first = guests[0]["id"]
    assert kosi("badges", str(demo), "-o", str(tmp_path / "p.pdf"), "--preview").returncode == 0
    assert "150" in kosi("badges", str(demo), "-o", str(tmp_path / "u.pdf"), "--unprinted", "--preview").stdout
    assert kosi("badges", str(demo), "-o", str(tmp_path / "one.pdf"), "--attendee", first).returncode == 0
    assert "149" in kosi("badges", str(demo), "-o", str(tmp_path / "u2.pdf"), "--unprinted", "--preview").stdout
    assert kosi("badges", str(demo), "-o", str(tmp_path / "x.pdf"), "--attendee", "NOSUCHID1").returncode == 2
    assert kosi("badges", str(demo), "-o", str(tmp_path / "x.pdf"), "--layout", "nope").returncode == 2
    assert kosi("badges", str(demo)).returncode == 2
    listing = kosi("layouts")
    assert listing.returncode == 0 and "a4-8up-90x55" in listing.stdout and "brother-62mm" in listing.stdout
