"""The compiled catalogue looked up in its file answers as gettext's reader answers: for the
app's own catalogues, for catalogues generated from any messages (plural forms, contexts,
umlauts, other scripts) and for files that are not laid out for lookups or broken."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from hypothesis import given, settings
from hypothesis import strategies as st

from kosi_checkin.compiled_catalogue import CompiledCatalogue, _Table
from kosi_checkin.i18n import LANGUAGES, catalog_file

text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)


def _both(data: bytes) -> tuple[gettext.GNUTranslations, CompiledCatalogue]:
    return gettext.GNUTranslations(io.BytesIO(data)), CompiledCatalogue(io.BytesIO(data))


def _same_answers(data: bytes, ids: list[str], plurals: list[str], contexts: list[tuple[str, str]]) -> None:
    theirs, ours = _both(data)
    assert ours.info() == theirs.info() and ours.charset() == theirs.charset()
    for message in ids + plurals + ["not in the catalogue", ""]:
        assert ours.gettext(message) == theirs.gettext(message)
    for message in plurals + ids[:3]:
        for n in (0, 1, 2, 5, 21):
            assert ours.ngettext(message, message + " (plural)", n) == theirs.ngettext(message, message + " (plural)", n)
    for context, message in contexts:
        assert ours.pgettext(context, message) == theirs.pgettext(context, message)
        assert ours.npgettext(context, message, "more", 2) == theirs.npgettext(context, message, "more", 2)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_apps_catalogues_are_looked_up_in_place_and_answer_as_gettext(lang: str) -> None:
    data = Path(catalog_file(lang)).read_bytes()
    assert _Table.of(data) is not None, "the shipped catalogue is not laid out for lookups (sorted, native order)"
    german = gettext.GNUTranslations(io.BytesIO(Path(catalog_file("de")).read_bytes()))._catalog  # type: ignore[attr-defined]  # gettext's dict: every message the app has
    singles = [key for key in german if isinstance(key, str)]
    plural = sorted({key[0] for key in german if isinstance(key, tuple)})
    assert len(singles) > 100 and plural
    _same_answers(data, singles, plural, [])


@settings(max_examples=60, deadline=None)
@given(
    messages=st.dictionaries(text, text, max_size=25),
    plurals=st.dictionaries(text, st.tuples(text, text), max_size=5),
    contexts=st.dictionaries(st.tuples(text, text), text, max_size=4),
    lang=st.sampled_from(["de", "en", "pl"]),
)
def test_any_catalogue_answers_as_gettext(messages: dict[str, str], plurals: dict[str, tuple[str, str]],
                                          contexts: dict[tuple[str, str], str], lang: str) -> None:
    catalog = Catalog(locale=lang)
    for message, translation in messages.items():
        catalog.add(message, translation)
    for message, forms in plurals.items():
        if message not in messages:
            catalog.add((message, message + " (plural)"), forms)
    for (context, message), translation in contexts.items():
        catalog.add(message, translation, context=context)
    out = io.BytesIO()
    write_mo(out, catalog)
    if not contexts:  # Babel sorts by message and then context: without contexts, in byte order
        assert _Table.of(out.getvalue()) is not None
    _same_answers(out.getvalue(), list(messages), [p for p in plurals if p not in messages], list(contexts))


def _mo(entries: list[tuple[bytes, bytes]], order: str = "little") -> bytes:
    """A catalogue of ``entries`` in the order given (GNU MO layout, no hash table)."""
    count = len(entries)
    strings = b""
    spans = []
    start = 28 + 16 * count
    for original, translation in entries:
        for value in (original, translation):
            spans.append((len(value), start + len(strings)))
            strings += value + b"\0"
    words = [0x950412DE, 0, count, 28, 28 + 8 * count, 0, 28 + 16 * count]
    words += [w for span in spans[0::2] for w in span] + [w for span in spans[1::2] for w in span]
    return b"".join(w.to_bytes(4, order) for w in words) + strings


HEADER = (b"", b"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n")


@pytest.mark.parametrize("entries, order", [
    ([HEADER, (b"a", b"A"), (b"b", b"B")], "big"),  # the other byte order
    ([HEADER, (b"b", b"B"), (b"a", b"A")], "little"),  # not sorted
    ([(b"a", b"A"), (b"b", b"B")], "little"),  # no header
])
def test_a_catalogue_not_laid_out_for_lookups_is_read_by_gettext(entries: list[tuple[bytes, bytes]], order: str) -> None:
    data = _mo(entries, order)
    assert _Table.of(data) is None
    theirs, ours = _both(data)
    assert ours.gettext("a") == theirs.gettext("a") and ours.gettext("b") == theirs.gettext("b")


def test_a_sorted_catalogue_is_looked_up_in_place() -> None:
    data = _mo([HEADER, (b"M\xc3\xbcller", b"Mueller"), (b"guest\0guests", b"Gast\0G\xc3\xa4ste")])
    assert _Table.of(data) is not None
    ours = CompiledCatalogue(io.BytesIO(data))
    assert ours.gettext("Müller") == "Mueller" and ours.ngettext("guest", "guests", 2) == "Gäste"
    assert ours.gettext("guest") == "Gast" and ours.gettext("Mül") == "Mül"


def _with_revision(data: bytes, revision: int) -> bytes:
    return data[:4] + revision.to_bytes(4, "little") + data[8:]


@pytest.mark.parametrize("data", [b"", b"\x00" * 40, _mo([HEADER, (b"a", b"A")])[:-6],  # a translation cut off
                                  _mo([HEADER, (b"a", b"A" * 40)])[:-30],
                                  _with_revision(_mo([HEADER, (b"a", b"A")]), 5 << 16)])  # an unknown format
def test_a_broken_catalogue_fails_as_gettext_fails(data: bytes) -> None:
    with pytest.raises(Exception) as theirs:  # noqa: PT011  # whatever gettext raises (OSError, struct.error)
        gettext.GNUTranslations(io.BytesIO(data))
    with pytest.raises(type(theirs.value)) as ours:
        CompiledCatalogue(io.BytesIO(data))
    assert str(ours.value) == str(theirs.value)
