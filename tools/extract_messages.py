"""Every translatable string of kosi_checkin/ (calls of _(), N_() and ngettext()), extracted with
Babel's Python extractor.

    python tools/extract_messages.py [-o kosi_checkin.pot]   write the template (stdout by default)
    python tools/extract_messages.py --missing LANG          list the msgids LANG's .po lacks

The template passes ``msgfmt --check`` (tests/test_i18n.py); update a catalogue from it with
``msgmerge -U resources/locale/de/LC_MESSAGES/kosi_checkin.po kosi_checkin.pot``.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def template(root: Path = ROOT) -> Catalog:
    """The catalogue template: every msgid with the places it is used."""
    catalog = Catalog(project="KoSI Check-in", charset="utf-8", fuzzy=False)
    method_map = [("kosi_checkin/**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(root, method_map, keywords=KEYWORDS,
                                                                          comment_tags=("TRANSLATORS:",)):
        catalog.add(message, locations=[(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def messages(root: Path = ROOT) -> dict[str, list[str]]:
    """msgid -> places (a plural by its singular)."""
    return {m.id if isinstance(m.id, str) else m.id[0]: [f"{f}:{n}" for f, n in m.locations]
            for m in template(root) if m.id}


def pot_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True)
    text = out.getvalue()
    # a template has no language: give msgfmt a header it accepts (msginit fills in the real one)
    return text.replace(b"nplurals=INTEGER; plural=EXPRESSION;", b"nplurals=2; plural=(n != 1);")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--missing", metavar="LANG")
    args = parser.parse_args()
    catalog = template()
    if args.missing:
        path = ROOT / "resources" / "locale" / args.missing / "LC_MESSAGES" / "kosi_checkin.po"
        with path.open("rb") as handle:
            translated = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.string}
        missing = sorted(m for m in messages() if m not in translated)
        for msgid in missing:
            print(repr(msgid))
        return 1 if missing else 0
    text = pot_text(catalog)
    if args.output:
        args.output.write_bytes(text)
    else:
        sys.stdout.buffer.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
