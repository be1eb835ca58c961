"""Random and mutated files: the importer may refuse with a message, never crash or half-import."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from kosi_checkin.domain.errors import KosiError
from kosi_checkin.services.event_config import load_template
from kosi_checkin.services.events import create_event
from kosi_checkin.services.importing import apply_import, preview_import
from kosi_checkin.storage.repositories import AttendeeRepository

DATA = Path(__file__).parents[1] / "data"
KOSI = load_template("kosi-2019")
SEEDS = [(DATA / name).read_bytes() for name in ("pretix_kosi2019_orders.csv", "Teilnehmende_Excel.csv")]
HEADERS = ["Vorname", "Nachname", "Name", "E-Mail", "Organisation", "Bereich", "Titel", "Podium (x)", "Arbeitsforum",
           "Status", "Kategorie", "Anmerkungen", "", "Vorname"]
cells = st.one_of(st.text(max_size=30), st.sampled_from(["x", "ja", "storniert", "Forum A", "=1+1", "@a", "-", "\n", '"']))


def attempt(path: Path) -> None:
    """Import into a fresh event: success, or a KosiError with a message and nothing written."""
    with tempfile.TemporaryDirectory() as folder:
        conn = create_event(Path(folder) / "e.kosi", KOSI)
        try:
            report = apply_import(conn, preview_import(path, KOSI), KOSI)
        except KosiError as exc:
            assert str(exc).strip()
            assert AttendeeRepository(conn).count() == 0
        else:
            assert AttendeeRepository(conn).count() == report.added
            # written with foreign keys unchecked row by row (storage/db.py bulk_write): all agree
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            for problem in report.extraction.problems:
                assert problem.message
        finally:
            conn.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        path.write_bytes(data)
        attempt(path)


@settings(max_examples=60, deadline=None)
@given(seed=st.sampled_from(SEEDS), cuts=st.lists(st.tuples(st.integers(0, 30000), st.integers(0, 40), st.binary(max_size=8)), max_size=6))
def test_mutated_real_exports(seed: bytes, cuts: list[tuple[int, int, bytes]]) -> None:
    data = bytearray(seed)
    for position, length, insert in cuts:
        position %= max(1, len(data))
        data[position : position + length] = insert
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.csv"
        path.write_bytes(bytes(data))
        attempt(path)


@settings(max_examples=40, deadline=None)
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    rows=st.lists(st.lists(cells, max_size=10), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    as_xlsx=st.booleans(),
)
def test_random_tables(header: list[str], rows: list[list[str]], delimiter: str, as_xlsx: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if as_xlsx:
            path = Path(folder) / "t.xlsx"
            workbook = openpyxl.Workbook()
            clean = [[ILLEGAL_CHARACTERS_RE.sub("", c) or None for c in row] for row in [header, *rows]]
            for row in clean:
                workbook.active.append(row)
            for row in workbook.active.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"
            try:
                workbook.save(path)
            except Exception:  # openpyxl refuses some control characters: not our case
                return
        else:
            path = Path(folder) / "t.csv"
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
            path.write_text(buffer.getvalue(), encoding="utf-8")
        attempt(path)
