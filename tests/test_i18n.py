"""Translations: German is complete and the default; English is the source."""

from __future__ import annotations

import sys
from pathlib import Path

from kosi_checkin.i18n import _, catalog_path, ngettext, parse_po, set_language

sys.path.insert(0, str(Path(__file__).parents[1] / "tools"))
from extract_messages import messages  # noqa: E402


def test_german_catalogue_is_complete() -> None:
    catalog = parse_po(catalog_path("de").read_text(encoding="utf-8"))
    missing = [m for m in messages() if not m.startswith("\x00") and m not in catalog]
    assert missing == []


def test_placeholders_survive_translation() -> None:
    import re

    catalog = parse_po(catalog_path("de").read_text(encoding="utf-8"))
    for msgid, msgstr in catalog.items():
        forms = msgstr if isinstance(msgstr, list) else [msgstr]
        for form in forms:
            assert set(re.findall(r"\{[^}]*\}", msgid)) == set(re.findall(r"\{[^}]*\}", form)), msgid


def test_switching_language() -> None:
    set_language("de")
    assert _("Present") == "Anwesend"
    assert ngettext("{n} guest", "{n} guests", 2) == "{n} Gäste"
    set_language("en")
    assert _("Present") == "Present"
    assert ngettext("{n} guest", "{n} guests", 1) == "{n} guest"
    set_language("de")


def test_po_parser_handles_multiline_and_escapes() -> None:
    text = 'msgid ""\nmsgstr "Header"\n\nmsgid "a\\n"\n"b"\nmsgstr "x\\"y"\n"z"\n'
    assert parse_po(text) == {"a\nb": 'x"yz'}
