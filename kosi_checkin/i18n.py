"""Translations: ``_()`` at display time, ``N_()`` to mark module-level constants.

Source strings are English. German is the default whatever the system locale says; English is
chosen in the settings or with ``--lang en``. Catalogues are gettext ``.mo`` files, read with
Python's gettext (plural forms from each catalogue's header; each message looked up in the file
when first asked for, see compiled_catalogue.py), in
``resources/locale/<lang>/LC_MESSAGES/kosi_checkin.mo``: compiled from the ``.po`` beside them
when the wheel is built (packaging/catalogues.py; packaging/setup compiles them in a source tree).
"""

from __future__ import annotations

import gettext

from kosi_checkin.compiled_catalogue import CompiledCatalogue
from kosi_checkin.paths import resource_file

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
DOMAIN = "kosi_checkin"

_state: dict[str, str | None] = {"lang": None}
_translations: dict[str, gettext.NullTranslations] = {}  # read once per language and process


def catalog_file(lang: str, suffix: str = ".mo") -> str:
    """The compiled catalogue of ``lang`` (``suffix=".po"``: its source), as text: a command's
    start reads it without loading pathlib."""
    return resource_file("locale", lang, "LC_MESSAGES", DOMAIN + suffix)


def _load(lang: str) -> gettext.NullTranslations:
    path = catalog_file(lang)
    try:
        with open(path, "rb") as handle:
            return CompiledCatalogue(handle)
    except OSError:
        import logging

        logging.getLogger(__name__).warning(
            "no compiled catalogue %s (run packaging/catalogues.py): the source strings show", path)
        return gettext.NullTranslations()


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    if lang not in _translations:
        _translations[lang] = _load(lang)
    _state["lang"] = lang


class speaking:  # noqa: N801  # used as a function, like contextlib.closing
    """Words in ``lang`` for the duration (the app answering a command in the command's own
    language); the language before is back afterwards. None: the current language. (A class:
    a command's start need not load contextlib, see storage/db.py.)"""

    def __init__(self, lang: str | None) -> None:
        self.lang = lang

    def __enter__(self) -> None:
        self.before = language()
        self.changed = self.lang is not None and self.lang != self.before
        if self.changed:
            set_language(str(self.lang))

    def __exit__(self, *_exc: object) -> None:
        if self.changed:
            set_language(self.before)


def language() -> str:
    if _state["lang"] is None:
        set_language(DEFAULT_LANGUAGE)
    return str(_state["lang"])


def _current() -> gettext.NullTranslations:
    return _translations[language()]


def _(message: str) -> str:
    return _current().gettext(message)


def N_(message: str) -> str:
    """Mark a string for translation without translating it now."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current().ngettext(singular, plural, n)
