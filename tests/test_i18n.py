"""Translations: German is complete and the default; English is the source. The app reads
compiled catalogues with Python's gettext, the extractor's template passes msgfmt --check."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kosi_checkin import i18n
from kosi_checkin.i18n import _, catalog_file, language, ngettext, set_language, speaking

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from extract_messages import messages, pot_text, template  # noqa: E402


def po(lang: str):  # type: ignore[no-untyped-def]
    with Path(catalog_file(lang, ".po")).open("rb") as handle:
        return read_po(handle, locale=lang)


def test_german_catalogue_is_complete() -> None:
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in po("de") if m.id and m.string}
    missing = sorted(m for m in messages() if m not in translated)
    assert missing == []


def test_every_plural_in_the_code_has_both_german_forms() -> None:
    catalog = po("de")
    for message in template():
        if isinstance(message.id, tuple):
            found = catalog.get(message.id[0])
            assert found is not None and isinstance(found.string, tuple) and all(found.string), message.id


def test_placeholders_survive_translation() -> None:
    for message in po("de"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            assert set(re.findall(r"\{[^}]*\}", ids[0])) == set(re.findall(r"\{[^}]*\}", form)), message.id


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_the_extractor_template_and_the_catalogues_pass_msgfmt_check(tmp_path: Path) -> None:
    pot = tmp_path / "kosi_checkin.pot"
    pot.write_bytes(pot_text(template()))
    for path in (pot, Path(catalog_file("de", ".po")), Path(catalog_file("en", ".po"))):
        checked = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(path)],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, (path, checked.stderr)
    # and msgfmt's own .mo reads as ours does
    subprocess.run(["msgfmt", "-o", str(tmp_path / "de.mo"), catalog_file("de", ".po")], check=True)
    with (tmp_path / "de.mo").open("rb") as handle:
        theirs = gettext.GNUTranslations(handle)
    assert theirs.gettext("Present") == "Anwesend" and theirs.ngettext("{n} guest", "{n} guests", 0) == "{n} Gäste"


def test_the_app_reads_the_compiled_catalogue_with_gettext() -> None:
    set_language("de")
    assert isinstance(i18n._current(), gettext.GNUTranslations)
    assert Path(catalog_file("de")).suffix == ".mo" and Path(catalog_file("de")).is_file()


def test_real_plural_forms() -> None:
    set_language("de")
    assert [ngettext("{n} guest", "{n} guests", n) for n in (0, 1, 2)] == ["{n} Gäste", "{n} Gast", "{n} Gäste"]
    set_language("en")
    assert [ngettext("{n} guest", "{n} guests", n) for n in (0, 1, 2)] == ["{n} guests", "{n} guest", "{n} guests"]
    set_language("de")


def test_switching_language() -> None:
    set_language("de")
    assert _("Present") == "Anwesend"
    set_language("en")
    assert _("Present") == "Present"
    set_language("de")


def test_one_word_for_a_session_throughout() -> None:
    """The header says "Session": the key bar, the guide and the dialogs say it too."""
    assert not [m.id for m in po("de") if m.id and "Programmpunkt" in str(m.string)]


def test_speaking_a_language_for_a_while_brings_the_one_before_back() -> None:
    set_language("de")
    with speaking("en"):
        assert language() == "en" and _("Error: {message}") == "Error: {message}"
    assert language() == "de"
    with pytest.raises(RuntimeError), speaking("en"):
        raise RuntimeError
    assert language() == "de"
    with speaking(None):
        assert language() == "de"
    with speaking("de"):
        set_language("en")  # changed inside, by someone else: left as it is
    assert language() == "en"
    set_language("de")
