"""The command line's JSON: indented outline, a record per line, the same value as json.dumps."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kosi_checkin.cli import output
from kosi_checkin.cli.output import json_text, print_json, print_json_records

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                      max_leaves=30)


@given(values)
def test_any_value_parses_back_to_what_json_dumps_writes(value: object) -> None:
    assert json.loads(json_text(value)) == json.loads(json.dumps(value))


def test_a_guest_list_has_one_guest_per_line_and_keeps_umlauts() -> None:
    guests = [{"id": "A1", "last_name": "Schäfer", "sessions": ["werkstatt"], "checkins": {}},
              {"id": "B2", "last_name": "Öztürk", "sessions": [], "checkins": {"werkstatt": "2019-04-02T09:31:00+02:00"}}]
    lines = json_text(guests).splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 4
    assert json.loads(lines[1].rstrip(",")) == guests[0]
    assert "Schäfer" in lines[1] and "Öztürk" in lines[2]


def test_an_object_of_objects_is_indented_down_to_its_records() -> None:
    stats = {"werkstatt": {"title": "Werkstatt", "present": 3, "by_sector": {"Verwaltung": 2}}}
    assert json_text(stats) == ('{\n  "werkstatt": {\n    "title": "Werkstatt",\n    "present": 3,\n'
                                '    "by_sector": {\n      "Verwaltung": 2\n    }\n  }\n}')
    assert json_text([]) == "[]" and json_text({}) == "{}"


@given(st.lists(st.dictionaries(st.text(), scalars, max_size=4), max_size=6))
def test_records_written_as_they_come_are_the_list_json_text_writes(records: list[dict[str, object]]) -> None:
    streamed, whole = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(streamed):
        print_json_records(iter(records))
    with contextlib.redirect_stdout(whole):
        print_json(records)
    assert streamed.getvalue() == whole.getvalue() == json_text(records) + "\n"


any_floats = st.floats(allow_nan=True, allow_infinity=True)
lines = st.recursive(scalars | any_floats, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                     | st.dictionaries(st.text() | st.integers() | st.booleans() | st.none() | any_floats, inner,
                                       max_size=4), max_leaves=30)
ONE_LINE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


@given(lines)
def test_a_line_is_what_the_json_encoder_writes(value: object) -> None:
    assert output._one_line_encoder()(value) == ONE_LINE(value)


def test_what_json_cannot_write_is_refused_as_json_refuses_it() -> None:
    encode = output._one_line_encoder()
    for value in ({"at": object()}, [{1, 2}], {(1, 2): "key"}, {"x": [float("nan"), b"bytes"]}):
        with pytest.raises(TypeError):
            encode(value)


def test_without_jsons_c_part_its_python_encoder_writes_the_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)  # as on a Python built without _json
    encode = output._one_line_encoder()
    value = {"id": "A1", "last_name": "Schäfer", "checkins": {"werkstatt": "2019-04-02T09:31:00+02:00"},
             "n": [1, 2.5, None, True]}
    assert encode(value) == ONE_LINE(value)
