"""Printing for the command line: JSON, CSV and aligned text tables."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence


def _one_line_encoder() -> Callable[[object], str]:
    """What ``json.JSONEncoder(ensure_ascii=False, check_circular=False).encode`` writes.

    The C encoder writes one line; json.dumps(indent=...) falls back to the pure-Python encoder,
    which took 9 ms for 1,000 guests, a third of a read command's whole run. No check for
    circular references (7 % of encoding a guest list): what commands print is made of fresh
    dicts and lists of plain values, which hold no cycle. The C encoder is made once, as
    ``JSONEncoder.iterencode`` makes it for each call (with a closure it does not pass to it):
    0.6 µs of a guest's 3 µs. Without json's C part, its encoder as it is."""
    encoder = json.JSONEncoder(ensure_ascii=False, check_circular=False)
    make = getattr(json.encoder, "c_make_encoder", None)  # json's C part, as JSONEncoder.iterencode finds it
    if make is None:
        return encoder.encode
    chunks = make(None, encoder.default, json.encoder.encode_basestring, None, encoder.key_separator,
                  encoder.item_separator, encoder.sort_keys, encoder.skipkeys, encoder.allow_nan)
    join = "".join

    def one_line(value: object) -> str:
        return join(chunks(value, 0))

    return one_line


_ONE_LINE = _one_line_encoder()


def json_text(data: object) -> str:
    """``data`` as indented JSON, each record (an object inside a list) on a line of its own:
    the outline is indented as ``json.dumps(indent=2)`` does, a record is written by the C
    encoder. A guest list reads one guest per line and parses to the same value."""
    return "".join(_pieces(data, ""))


def print_json(data: object) -> None:
    """``json_text(data)`` and a line end on standard output, written piece by piece: a record
    at a time. (Joined first, 1,000 guests made a string of 700 kB and copies of it: 3 MB of
    fresh memory, 1.5 ms of page faults; json.dump writes every token on its own, 67,000 writes.)"""
    _write(_pieces(data, ""))


def print_json_records(records: Iterable[dict[str, object]]) -> None:
    """A list of records as ``print_json`` writes it, each record encoded as it comes: a long
    list is never held as objects and text at once."""
    _write(_list_pieces(records, ""))


def _write(pieces: Iterator[str]) -> None:
    write = sys.stdout.write
    for piece in pieces:
        write(piece)
    write("\n")


def _pieces(value: object, pad: str) -> Iterator[str]:
    if isinstance(value, dict) and value and all(isinstance(key, str) for key in value):
        inner = pad + "  "
        yield "{\n"
        last = len(value) - 1
        for i, (key, item) in enumerate(value.items()):
            yield f"{inner}{_ONE_LINE(key)}: "
            yield from _pieces(item, inner)
            yield ",\n" if i < last else "\n"
        yield pad + "}"
    elif isinstance(value, (list, tuple)):
        yield from _list_pieces(value, pad)
    else:
        yield _ONE_LINE(value)


def _list_pieces(items: Iterable[object], pad: str) -> Iterator[str]:
    inner = pad + "  "
    before = "[\n" + inner  # the first item's lead; the others' is a comma and a line end
    for item in items:
        if isinstance(item, dict):
            yield before + _ONE_LINE(item)
        else:
            yield before
            yield from _pieces(item, inner)
        before = ",\n" + inner
    yield "[]" if before[0] == "[" else "\n" + pad + "]"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 40) -> None:
    cells = [[str(c) if _width(str(c)) <= max_width else str(c)[: max_width - 1] + "…" for c in row] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))


def print_csv(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    import csv  # here: a table or JSON needs no csv module

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
