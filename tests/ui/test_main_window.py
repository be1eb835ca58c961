"""The window on the offscreen platform: list, filter, import dialog, editor, language."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from kosi_checkin.config import Settings, load_settings
from kosi_checkin.domain.folding import fold
from kosi_checkin.storage.db import connect
from kosi_checkin.storage.repositories import AttendeeRepository
from kosi_checkin.ui.context import AppContext
from kosi_checkin.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo: Path) -> MainWindow:
    w = MainWindow(AppContext(Settings()))
    qtbot.addWidget(w)
    w.show()
    assert w.open_event(demo)
    return w


def test_lists_all_guests_sorted_and_filters(window: MainWindow, qtbot) -> None:
    assert window.model.rowCount() == 150
    last_names = [window.model.index(i, 0).data().split(",")[0] for i in range(window.model.rowCount())]
    assert last_names == sorted(last_names, key=fold)  # by last name, ignoring accents
    qtbot.keyClicks(window.search, "Celik Wuppertal")
    shown = [window.model.index(i, 0).data() for i in range(window.model.rowCount())]
    assert "Çelik, Dr. Özlem" in shown
    assert all("Çelik" in n for n in shown)
    window.search.clear()
    assert window.model.rowCount() == 150
    assert "150 Gäste" in window.statusBar().currentMessage()
    assert load_settings().recent_files[0] == str(Path(window.event_path).resolve())


def test_sort_by_organisation(window: MainWindow) -> None:
    window.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    orgs = [window.model.index(i, 1).data() for i in range(window.model.rowCount())]
    assert orgs[0].startswith("Berg") and orgs[-1].startswith(("Zentrum", "Wuppertal"))
    window.search.setText("Stadt")  # a filter keeps the sort's order
    shown = [window.model.index(i, 1).data() for i in range(window.model.rowCount())]
    assert 0 < len(shown) < 150 and shown == sorted(shown, key=fold)
    window.search.clear()
    window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # back to the names
    last_names = [window.model.index(i, 0).data().split(",")[0] for i in range(window.model.rowCount())]
    assert last_names == sorted(last_names, key=fold)


def test_import_dialog_previews_corrects_and_imports(window: MainWindow, qtbot, data_dir: Path) -> None:
    window.start_import(data_dir / "Teilnehmende_Excel.csv")
    dialog = window.dialogs["import"]
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    assert "office-list" in dialog.summary.text() and "cp1252" in dialog.summary.text()
    assert dialog.mapping.rowCount() == 13
    # the user corrects a column: "Bemerkungen" becomes the door note
    combo = dialog.mapping.cellWidget(12, 2)
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i) == ("door_note", None)))
    qtbot.waitUntil(lambda: dialog.preview.columns[12].field == "door_note" and dialog.import_button.isEnabled(), timeout=10000)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.report.dry_run, timeout=20000)
    assert dialog.report.added == 65
    qtbot.waitUntil(lambda: window.model.rowCount() == 215, timeout=5000)
    conn = connect(window.event_path)
    notes = {a.door_note for a in AttendeeRepository(conn).all()}
    assert "vegan" in notes


def test_import_dialog_shows_counts_marks_doubtful_columns_and_maps_group_letters(window: MainWindow, qtbot,
                                                                                  tmp_path: Path) -> None:
    listing = tmp_path / "Anmeldungen.csv"
    listing.write_text("Vorname;Nachname;Podium;Wahl\nAnna;Neu;vielleicht;A\nJörg;Neumann;mal sehen;C\n", encoding="utf-8")
    window.start_import(listing)
    dialog = window.dialogs["import"]
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    text = dialog.summary.text()
    assert "Anmeldungen je Session" in text and "Podium" in text  # the counts, before anything is written
    podium = dialog.mapping.item(2, 0)
    assert podium.background().color().name() == "#ffe08a" and podium.toolTip()
    assert dialog.mapping.item(0, 0).background().style() == Qt.BrushStyle.NoBrush
    combo = dialog.mapping.cellWidget(3, 2)  # "Wahl": the letters of the Arbeitsforen, chosen by hand
    choice = next(i for i in range(combo.count()) if combo.itemData(i) == ("group:arbeitsforen", None))
    combo.setCurrentIndex(choice)
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.session_counts["forum-c"] == 1, timeout=10000)
    assert dialog.report.session_counts["forum-a"] == 1
    assert dialog.report.dry_run


def test_import_dialog_shows_unreadable_file(window: MainWindow, qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is no workbook")
    window.start_import(bad)
    dialog = window.dialogs["import"]
    qtbot.waitUntil(lambda: "Excel" in dialog.summary.text(), timeout=10000)
    assert not dialog.import_button.isEnabled()


def test_editor_saves_hand_edit(window: MainWindow, qtbot) -> None:
    window.search.setText("Özlem Çelik")
    index = window.model.index(0, 0)
    window._edit_index(index)
    editor = window.dialogs["editor"]
    editor.edits["door_note"].setText("Rollstuhl: Aufzug zeigen")
    editor.sessions["werkstatt"].setChecked(False)
    editor.save()
    conn = connect(window.event_path)
    celik = next(a for a in AttendeeRepository(conn).all() if a.first_name == "Özlem" and a.last_name == "Çelik" and a.title == "Dr.")
    assert celik.door_note == "Rollstuhl: Aufzug zeigen"
    assert "werkstatt" not in celik.sessions
    assert celik.edited == {"door_note", "sessions"}


def test_language_switch(window: MainWindow) -> None:
    assert window.menuBar().actions()[0].text() == "&Datei"
    window.set_language("en")
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert load_settings().language == "en"
    window.set_language("de")
