"""Compile the gettext catalogues (resources/locale/<lang>/LC_MESSAGES/*.po) to the .mo files the
app reads, with Babel. Run by the wheel build (setup.py), by packaging/setup for the source tree,
and by the tests when a .po is newer than its .mo. Refuses a catalogue with errors.

    python packaging/catalogues.py [TARGET_DIR]   (default: next to each .po)
"""

from __future__ import annotations

import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def stale(resources: Path = RESOURCES) -> list[Path]:
    """The .po files whose .mo is missing or older."""
    out = []
    for po in sorted(resources.glob("locale/*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            out.append(po)
    return out


def compile_all(target: Path | None = None, resources: Path = RESOURCES) -> list[Path]:
    """Write a .mo for every .po (below ``target``, mirroring resources/, or beside the .po)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(resources.glob("locale/*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        problems = [(message.id, error) for message, errors in catalog.check() for error in errors]
        if problems:
            raise SystemExit(f"{po}: {problems[:5]}")
        mo = (target / po.relative_to(resources) if target is not None else po).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        part = mo.with_suffix(".mo.part")
        with part.open("wb") as handle:
            write_mo(handle, catalog)
        part.replace(mo)
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(path)
