"""Translations: ``_()`` at display time, ``N_()`` to mark module-level constants.

Source strings are English. German is the default whatever the system locale says; English is
chosen in the settings or with ``--lang en``. Catalogues are gettext ``.po`` files in
``resources/locale/<lang>/LC_MESSAGES/kosi_checkin.po``, read directly (no compile step).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kosi_checkin.paths import resource_path

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"

_state: dict[str, object] = {"lang": None, "catalog": {}}
_catalogs: dict[str, dict[str, str | list[str]]] = {}  # parsed once per language and process


def catalog_path(lang: str) -> Path:
    return resource_path("locale", lang, "LC_MESSAGES", "kosi_checkin.po")


def parse_po(text: str) -> dict[str, str | list[str]]:
    """msgid -> msgstr (or list of plural forms) from the text of a .po file."""
    entries: dict[str, str | list[str]] = {}
    current: dict[str, str] = {}
    key = ""

    def flush() -> None:
        msgid = current.get("msgid", "")
        if not msgid:
            return
        if "msgid_plural" in current:
            forms = [current[k] for k in sorted(current) if k.startswith("msgstr[")]
            if any(forms):
                entries[msgid] = forms
        elif current.get("msgstr"):
            entries[msgid] = current["msgstr"]

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and current:
                flush()
                current, key = {}, ""
            continue
        if line.startswith('"'):
            current[key] = current.get(key, "") + ast.literal_eval(line)
            continue
        key, _sep, rest = line.partition(" ")
        if key == "msgid" and "msgid" in current:
            flush()
            current = {}
        current[key] = ast.literal_eval(rest.strip())
    flush()
    return entries


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    catalog = _catalogs.get(lang)
    if catalog is None:
        path = catalog_path(lang)
        catalog = _catalogs[lang] = parse_po(path.read_text(encoding="utf-8")) if path.exists() else {}
    _state["lang"] = lang
    _state["catalog"] = catalog


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Words in ``lang`` for the duration (the app answering a command in the command's own
    language); the language before is back afterwards. None: the current language."""
    before = language()
    if lang is None or lang == before:
        yield
        return
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def language() -> str:
    if _state["lang"] is None:
        set_language(DEFAULT_LANGUAGE)
    return str(_state["lang"])


def _catalog() -> dict[str, str | list[str]]:
    language()
    return _state["catalog"]  # type: ignore[return-value]  # the state dict holds the catalogue under this key


def _(message: str) -> str:
    found = _catalog().get(message)
    return found if isinstance(found, str) else message


def N_(message: str) -> str:
    """Mark a string for translation without translating it now."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    found = _catalog().get(singular)
    if isinstance(found, list) and len(found) == 2:
        return found[0] if n == 1 else found[1]
    return singular if n == 1 else plural
