"""List every translatable string in kosi_checkin/ (calls of _(), N_() and ngettext()).

Usage: python tools/extract_messages.py [--missing LANG]   (prints a .pot, or the msgids a
catalogue lacks). tests/test_i18n.py uses ``messages()`` to check the German catalogue is complete.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "kosi_checkin"


def messages(root: Path = ROOT) -> dict[str, list[str]]:
    """msgid -> places; a plural is keyed by its singular."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id in ("_", "N_", "ngettext") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.setdefault(first.value, []).append(f"{path.relative_to(root.parent)}:{node.lineno}")
                    if node.func.id == "ngettext" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                        found.setdefault("\x00plural:" + first.value, []).append(str(node.args[1].value))
    return found


def main() -> int:
    found = messages()
    if len(sys.argv) == 3 and sys.argv[1] == "--missing":
        sys.path.insert(0, str(ROOT.parent))
        from kosi_checkin.i18n import catalog_path, parse_po

        catalog = parse_po(catalog_path(sys.argv[2]).read_text(encoding="utf-8"))
        missing = [m for m in found if not m.startswith("\x00") and m not in catalog]
        for m in missing:
            print(repr(m))
        return 1 if missing else 0
    for msgid, places in found.items():
        if msgid.startswith("\x00"):
            continue
        print(f"#: {' '.join(places[:3])}")
        print(f"msgid {msgid!r}")
        print('msgstr ""\n')
    return 0


if __name__ == "__main__":
    sys.exit(main())
