"""Sheets beyond the front: the back side (duplex mirrored, fold-over), the office label sheet,
printer calibration, fonts and text checked with poppler's pdffonts/pdftotext, and "changed since
the last print"."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
from pathlib import Path

import pypdfium2
import pytest
from badge_helpers import MM, decoded, decoded_codes, kosi, pdffonts, pdftotext

from kosi_checkin.badges.calibration import Calibration, from_measurements
from kosi_checkin.badges.layouts import layout_named
from kosi_checkin.badges.programme import personal_sessions
from kosi_checkin.badges.sheet import write_badges
from kosi_checkin.services.attendees import edit_attendee
from kosi_checkin.services.badges import codec_of, select_guests
from kosi_checkin.services.events import open_event


def guests_json(demo: Path) -> list[dict]:
    return json.loads(kosi("attendees", str(demo), "--format", "json").stdout)


def words_with_boxes(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """(word, x, y) in mm from pdftotext -bbox for one page (1-based)."""
    html = pdftotext(pdf, "-bbox", "-f", str(page), "-l", str(page))
    return [(m.group(5), float(m.group(1)) / MM, float(m.group(2)) / MM)
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def test_duplex_back_is_the_personal_programme_mirrored_for_long_edge(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "duplex.pdf"
    people = list({g["last_name"]: g for g in guests_json(demo)}.values())[:3]  # three different names
    result = kosi("badges", str(demo), "-o", str(out), "--back", "--preview", "--attendee", *[g["id"] for g in people])
    assert result.returncode == 0, result.stderr
    document = pypdfium2.PdfDocument(str(out))
    assert len(document) == 2  # front page, back page
    document.close()
    conn, event = open_event(demo)
    first = select_guests(conn, [g["id"] for g in people])[0]  # slot 0: top left on the front
    conn.close()
    front = words_with_boxes(out, 1)
    back = words_with_boxes(out, 2)
    assert any(w == first.last_name and x < 105 for w, x, _ in front)
    # the programme of the guest in the top-left front slot is at the top right of the back page
    heading = [(x, y) for w, x, y in back if w == first.last_name]
    assert heading and all(x > 105 and y < 38.5 + 55 for x, y in heading)
    text = pdftotext(out, "-f", "2", "-l", "2")
    assert "Programm für" in text
    for session in personal_sessions(event, first):
        assert session.title.split()[0] in text
    assert "ca. 14:30–15:45" in text  # times the programme does not publish are marked as assumed


def test_fold_over_puts_the_back_below_the_front_upside_down(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "fold.pdf"
    assert kosi("badges", str(demo), "-o", str(out), "--layout", "a4-fold-90x55", "--back", "--preview").returncode == 0
    pages = decoded(out)
    assert len(pages) == 150 // 4 + 1 and sum(len(p) for p in pages) == 150
    layout = layout_named("a4-fold-90x55")
    text = pdftotext(out, "-f", "1", "-l", "1")
    assert text.count("Programm für") == 4
    for page in pages[:1]:
        for result in page:  # every QR code sits in the upper half of its 110 mm cell
            top = result.position.top_left.y / (150 / 25.4)
            cell = (top - layout.origin[1]) % (2 * layout.badge[1])
            assert cell < layout.badge[1]


def test_a_layout_without_a_back_refuses_back(demo: Path, tmp_path: Path) -> None:
    result = kosi("badges", str(demo), "-o", str(tmp_path / "x.pdf"), "--layout", "avery-l4785", "--back")
    assert result.returncode == 2 and "avery-l4785" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_office_label_sheet_avery_zweckform_l4785(demo: Path, tmp_path: Path) -> None:
    spec = layout_named("avery-l4785")
    assert "L4785" in spec.product and spec.badge == (80, 50) and spec.grid == (2, 5)
    # the labels lie on the A4 sheet with the margins of the product's template
    right = spec.origin[0] + 2 * spec.badge[0] + spec.gap[0]
    bottom = spec.origin[1] + 5 * spec.badge[1] + 4 * spec.gap[1]
    assert (spec.origin, round(210 - right, 2), round(297 - bottom, 2)) == ((18, 13), 17, 14)
    out = tmp_path / "labels.pdf"
    assert kosi("badges", str(demo), "-o", str(out), "--layout", "avery-l4785", "--preview").returncode == 0
    pages = decoded(out)
    assert len(pages) == 15 and all(len(p) == 10 for p in pages)
    listed = json.loads(kosi("layouts", "--format", "json").stdout)
    assert {"avery-l4785", "a4-8up-90x55", "a6", "brother-62mm", "a4-fold-90x55"} <= {l["name"] for l in listed}


def test_fonts_embedded_and_every_glyph_is_text(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    assert kosi("badges", str(demo), "-o", str(out), "--back", "--preview").returncode == 0
    fonts = pdffonts(out)
    assert fonts and all(f["embedded"] == "yes" for f in fonts)
    assert {f["name"].split("+")[-1] for f in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}
    text = pdftotext(out)
    for guest in guests_json(demo):
        assert guest["last_name"] in text  # ß, Ł, Ç, ş, ễ ... come out as the same text


def test_calibration_moves_and_scales_the_print(demo: Path, tmp_path: Path) -> None:
    conn, event = open_event(demo)
    guests = select_guests(conn)[:1]
    codec = codec_of(conn)
    conn.close()
    layout = layout_named("a6")
    plain, moved = tmp_path / "plain.pdf", tmp_path / "moved.pdf"
    write_badges(plain, layout, event, guests, codec.encode)
    write_badges(moved, layout, event, guests, codec.encode, calibration=Calibration(dx=5, dy=-3, scale=0.9))
    dpmm = 300 / 25.4
    a = decoded(plain, 300)[0][0].position.top_left
    b = decoded(moved, 300)[0][0].position.top_left
    # the QR's corner at (x, y) mm from the top left now sits at (5 + 0.9 x, -3 + 0.9 y)
    assert abs(b.x / dpmm - (5 + 0.9 * a.x / dpmm)) < 0.5
    assert abs(b.y / dpmm - (-3 + 0.9 * a.y / dpmm)) < 0.5


def test_calibration_from_measurements_undoes_the_printers_error() -> None:
    # a printer that shifts by (+1.2, -0.8) mm and prints 1 % large
    def printer(x: float, y: float) -> tuple[float, float]:
        return 1.2 + 1.01 * x, -0.8 + 1.01 * y

    left, top = printer(20, 20)
    c = from_measurements(left, top, 150 * 1.01)
    for x, y in ((20, 20), (100, 250), (190, 10)):
        px, py = printer(c.dx + c.scale * x, c.dy + c.scale * y)
        assert abs(px - x) < 0.02 and abs(py - y) < 0.02
    with pytest.raises(Exception):
        from_measurements(20, 20, 90)


def test_calibrate_command_saves_per_printer_and_page(tmp_path: Path) -> None:
    assert kosi("calibrate", "Etiketten", "--left", "21", "--top", "19.5", "--length", "151").returncode == 0
    assert "Etiketten" in kosi("calibrate", "Etiketten").stdout
    shown = kosi("calibrate", "Etiketten").stdout
    assert "-0.86" in shown and "1.0000" not in shown
    assert kosi("calibrate", "Etiketten", "--left", "21").returncode == 2
    assert kosi("calibrate", "Etiketten", "--scale", "3").returncode == 2
    page = tmp_path / "cal.pdf"
    assert kosi("calibrate", "Etiketten", "-o", str(page), "--layout", "brother-62mm").returncode == 0
    assert "Kalibrierseite" in pdftotext(page)
    assert kosi("calibrate", "Etiketten", "--reset").returncode == 0
    assert "+0.00" in kosi("calibrate", "Etiketten").stdout


def test_changed_since_last_print_and_reprint_reason(demo: Path, tmp_path: Path) -> None:
    ids = [g["id"] for g in guests_json(demo)[:3]]
    assert kosi("badges", str(demo), "-o", str(tmp_path / "a.pdf"), "--attendee", *ids).returncode == 0
    assert "0 " in kosi("badges", str(demo), "-o", str(tmp_path / "b.pdf"), "--changed", "--preview").stdout
    conn, event = open_event(demo)
    edit_attendee(conn, event, ids[1], {"last_name": "Neuname"})
    edit_attendee(conn, event, ids[2], {"email": "neu@example.org"})  # not on the badge: not "changed"
    conn.close()
    listing = json.loads(kosi("badges", str(demo), "-o", str(tmp_path / "c.pdf"), "--changed", "--preview",
                              "--format", "json").stdout)
    assert listing["badges"] == 1 and "Neuname" in pdftotext(tmp_path / "c.pdf")
    assert kosi("badges", str(demo), "-o", str(tmp_path / "d.pdf"), "--changed", "--reason",
                "Tippfehler korrigiert").returncode == 0
    conn = sqlite3.connect(demo)
    rows = conn.execute("SELECT attendee_id, reason FROM badge_prints ORDER BY seq").fetchall()
    conn.close()
    assert rows[-1] == (ids[1], "Tippfehler korrigiert") and len(rows) == 4
    counts = {g["id"]: g["badges_printed"] for g in guests_json(demo)}
    assert [counts[i] for i in ids] == [1, 2, 1]
    assert "0 " in kosi("badges", str(demo), "-o", str(tmp_path / "e.pdf"), "--changed", "--preview").stdout
    # --unprinted and --changed together: either
    both = json.loads(kosi("badges", str(demo), "-o", str(tmp_path / "f.pdf"), "--unprinted", "--changed",
                           "--preview", "--format", "json").stdout)
    assert both["badges"] == 147
    assert len(decoded_codes(tmp_path / "c.pdf")) == 1


def test_event_logo_on_every_badge_embedded_once(demo: Path, tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 60), (0, 90, 160)).save(logo)
    assert kosi("logo", str(demo), str(tmp_path / "missing.png")).returncode == 2
    (tmp_path / "fake.png").write_text("not an image")
    refused = kosi("logo", str(demo), str(tmp_path / "fake.png"))
    assert refused.returncode == 2 and "PNG" in refused.stderr
    assert kosi("logo", str(demo), str(logo)).returncode == 0
    out = tmp_path / "with-logo.pdf"
    assert kosi("badges", str(demo), "-o", str(out), "--preview").returncode == 0
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    images = [line for line in listing.splitlines()[2:] if line.strip()]
    assert len(images) == 150  # drawn on every badge ...
    assert len({line.split()[10] for line in images}) == 1  # ... but stored once (one PDF object)
    assert len(decoded_codes(out)) == 150  # and the QR codes still read
    assert kosi("logo", str(demo), "--remove").returncode == 0
    assert kosi("badges", str(demo), "-o", str(out), "--preview").returncode == 0
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert not [line for line in listing.splitlines()[2:] if line.strip()]


def test_band_by_sector_keeps_the_special_categories(demo: Path, tmp_path: Path) -> None:
    from kosi_checkin.badges.render import SECTOR_COLOURS, band_of

    people = guests_json(demo)
    speaker = next(g for g in people if g["category"] == "Referent*in")
    guest = next(g for g in people if g["category"] == "Teilnehmende" and g["sector"] == "Wissenschaft")
    conn, _event = open_event(demo)
    by_id = {a.id: a for a in select_guests(conn)}
    conn.close()
    assert band_of(by_id[guest["id"]], "sector") == ("Wissenschaft", SECTOR_COLOURS["Wissenschaft"])
    assert band_of(by_id[speaker["id"]], "sector")[0] == "Referent*in"
    assert band_of(by_id[guest["id"]])[0] == "Teilnehmende"
    out = tmp_path / "sector.pdf"
    assert kosi("badges", str(demo), "-o", str(out), "--band", "sector", "--preview",
                "--attendee", guest["id"], speaker["id"]).returncode == 0
    text = pdftotext(out)
    assert "Wissenschaft" in text and "Referent*in" in text and "Teilnehmende" not in text


def test_text_shared_by_badges_is_stored_once_and_reads_on_every_badge(demo: Path, tmp_path: Path) -> None:
    """The event line, organisations and category words are PDF forms drawn once per sheet; each
    badge still shows (and pdftotext still reads) its own copy at its own place, names stay
    direct text."""
    out = tmp_path / "all.pdf"
    assert kosi("badges", str(demo), "-o", str(out)).returncode == 0
    guests = guests_json(demo)
    pages = len(pypdfium2.PdfDocument(out))
    placed = [(page, round(x), round(y)) for page in range(1, pages + 1)
              for w, x, y in words_with_boxes(out, page) if w == "Kommunen:"]
    assert len(set(placed)) == len(guests)  # one event line per badge, each at its own place
    every = " ".join(pdftotext(out).split())  # long organisations wrap
    for organisation in {g["organisation"] for g in guests if g["organisation"]}:
        assert every.count(organisation) >= sum(1 for g in guests if g["organisation"] == organisation)
    data = out.read_bytes()
    forms = len(re.findall(rb"/Subtype /Form", data))
    distinct = len({g["organisation"] for g in guests if g["organisation"]}) + len({g["category"] for g in guests})
    assert 1 < forms <= distinct + 2  # the event line, each organisation and word once (+ the cut marks)
    assert len(decoded_codes(out)) == len(guests)
