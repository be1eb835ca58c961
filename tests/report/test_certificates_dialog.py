"""Certificates from the window (offscreen Qt): the count and the first page's preview for each
choice (everyone present, one session, the selected guests), the text kept in the event and in
the preview, one PDF or one file per guest made in the background, cancel writes nothing, and a
bad placeholder is refused with a message."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kosi_checkin.services.certificate_settings import certificate_text
from kosi_checkin.services.event_context import open_event_context
from kosi_checkin.ui.report import certificates_dialog
from kosi_checkin.ui.report.certificates_dialog import CertificatesDialog

from .test_certificates import present_guests
from .test_export import Scenario, scenario  # noqa: F401 (fixture)


def page_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())


def test_choose_preview_and_make_them(qtbot, scenario: Scenario, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    opened = open_event_context(scenario.path)
    present = present_guests(scenario.path)
    absent = next(g.id for g in scenario.checked if g.id not in present)  # check-in undone
    dialog = CertificatesDialog(opened, [next(iter(present)), absent], None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen.isChecked()  # a selection in the list is the first choice
    qtbot.waitUntil(lambda: dialog.count == 1, timeout=20000)
    assert "1 Bescheinigung" in dialog.count_label.text() and not dialog.preview.pixmap().isNull()
    dialog.everyone.setChecked(True)
    qtbot.waitUntil(lambda: dialog.count == len(present), timeout=20000)
    dialog.session_box.setCurrentIndex(dialog.session_box.findData("konferenz"))
    assert dialog.in_session.isChecked()
    qtbot.waitUntil(lambda: dialog.count == 2, timeout=20000)

    dialog.place.setText("Elberfeld")
    dialog.text_de.setPlainText("Ausgestellt für {name}.")
    dialog.update_preview()  # the preview shows the edit; the event keeps its text until it is saved
    qtbot.waitUntil(lambda: "Zähle" not in dialog.count_label.text(), timeout=20000)
    assert certificate_text(opened.conn).place == "Wuppertal"
    dialog.text_de.setPlainText("Ausgestellt für {vorname}.")
    dialog.update_preview()
    assert "{vorname}" in dialog.count_label.text()  # said beside the count, nothing made
    dialog.text_de.setPlainText("Ausgestellt für {name}.")
    dialog.start(tmp_path / "konferenz.pdf")
    qtbot.waitUntil(lambda: dialog.job is None and bool(dialog.written), timeout=30000)
    assert certificate_text(opened.conn).place == "Elberfeld"  # making them saved the text
    text = page_text(tmp_path / "konferenz.pdf")
    assert text.count("Teilnahmebescheinigung") == 2 and "Ausgestellt für" in text and "Elberfeld, " in text
    assert "2 Bescheinigungen gespeichert" in dialog.status.text()

    dialog.everyone.setChecked(True)
    dialog.per_guest.setChecked(True)
    folder = tmp_path / "einzeln"
    folder.mkdir()
    dialog.start(folder)
    qtbot.waitUntil(lambda: dialog.job is None and len(dialog.written) == len(present), timeout=60000)
    assert len(list(folder.glob("Teilnahmebescheinigung_*.pdf"))) == len(present)
    dialog.close()
    opened.close()


def test_cancel_writes_nothing_and_a_bad_placeholder_is_refused(qtbot, scenario: Scenario, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    opened = open_event_context(scenario.path)
    dialog = CertificatesDialog(opened, [], None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.chosen.isEnabled() and dialog.everyone.isChecked()
    qtbot.waitUntil(lambda: dialog.count > 0, timeout=20000)
    out = tmp_path / "alle.pdf"
    dialog.start(out)
    dialog.cancel_or_close()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert not out.exists() and not list(tmp_path.glob(".*")) and "Abgebrochen" in dialog.status.text()
    errors: list[str] = []
    monkeypatch.setattr(certificates_dialog, "show_error", lambda _parent, exc: errors.append(str(exc)))
    dialog.text_en.setPlainText("Thanks, {firstname}!")
    dialog.start(out)
    assert errors and "{firstname}" in errors[0] and not out.exists() and dialog.job is None
    assert certificate_text(opened.conn).text_en == ""
    dialog.close()
    opened.close()
