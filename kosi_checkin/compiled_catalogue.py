"""A compiled gettext catalogue (``.mo``) read as Python's gettext reads it, each message looked
up in the file when it is first asked for.

``gettext.GNUTranslations`` decodes all of a catalogue's messages into a dict when it opens it:
1.4 ms of the 820 here, at every start of a command that shows none of them (``attendees
--format json``) or a handful (its parser's help texts). A ``.mo`` file keeps its original
strings in a sorted table, laid out for binary search (the GNU gettext manual, "The Format of
GNU MO Files"), so ``CompiledCatalogue`` leaves them in the file's bytes and finds a message in
about ten comparisons. The header (charset, plural forms) is read by gettext itself; a file
whose table is not sorted, or not in this machine's byte order, is read by gettext as a whole.
"""

from __future__ import annotations

import gettext
import io

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from gettext import _TranslationsReader  # typeshed's name for what gettext reads a catalogue from

_MAGIC = 0x950412DE
_HEADER_WORDS = 7  # magic, revision, count, originals' offset, translations' offset, hash size, hash offset


class CompiledCatalogue(gettext.GNUTranslations):
    """``gettext.GNUTranslations`` (the same lookups, fallbacks and plural forms) that finds each
    message in the catalogue's table instead of reading all of them first."""

    def _parse(self, fp: _TranslationsReader) -> None:  # gettext's documented hook for reading a catalogue
        data = fp.read()
        table = _Table.of(data)
        if table is None:
            super()._parse(io.BytesIO(data))  # gettext's own reader
            return
        super()._parse(io.BytesIO(table.header_file()))  # the header as gettext reads it
        self._catalog = _Messages(table, self._charset or "ascii")  # type: ignore[attr-defined]  # the dict gettext looks messages up in


class _Table:
    """The original and translated strings of a ``.mo`` file, by index."""

    def __init__(self, data: bytes, words: memoryview, count: int, originals: int, translations: int) -> None:
        self.data, self.words, self.count = data, words, count
        self._originals, self._translations = originals // 4, translations // 4

    @classmethod
    def of(cls, data: bytes) -> _Table | None:
        """The table of ``data``, if it is a catalogue in this machine's byte order whose table is
        sorted (None otherwise: gettext reads it, or says what is wrong with it)."""
        if len(data) < 4 * _HEADER_WORDS:
            return None
        words = memoryview(data)[: len(data) // 4 * 4].cast("I")
        magic, revision, count, originals, translations = words[:5]
        if magic != _MAGIC or revision >> 16 not in gettext.GNUTranslations.VERSIONS or count == 0:
            return None
        if originals % 4 or translations % 4 or max(originals, translations) + 8 * count > len(data):
            return None
        spans = words[originals // 4 : originals // 4 + 2 * count].tolist()
        ends = [offset + length for length, offset in zip(spans[0::2], spans[1::2])]
        told = words[translations // 4 : translations // 4 + 2 * count].tolist()
        if max(ends) >= len(data) or max(map(sum, zip(told[0::2], told[1::2]))) >= len(data):
            return None  # each string ends with a NUL within the file: gettext says it is corrupt
        keys = [data[end - length : end] for length, end in zip(spans[0::2], ends)]
        if keys[0] != b"" or not all(a < b for a, b in zip(keys, keys[1:])):
            return None  # no header first, or not sorted: not laid out for a binary search
        return cls(data, words, count, originals, translations)

    def _string(self, start: int, i: int) -> bytes:
        length, offset = self.words[start + 2 * i], self.words[start + 2 * i + 1]  # within the file: see of()
        return self.data[offset : offset + length]

    def original(self, i: int) -> bytes:
        return self._string(self._originals, i)

    def translation(self, i: int) -> bytes:
        return self._string(self._translations, i)

    def first_at_least(self, key: bytes) -> int:
        """The index of the first original not below ``key`` (``count`` if there is none)."""
        low, high = 0, self.count
        while low < high:
            middle = (low + high) // 2
            if self.original(middle) < key:
                low = middle + 1
            else:
                high = middle
        return low

    def header_file(self) -> bytes:
        """A catalogue holding only this one's header (the translation of ""), for gettext to read."""
        header = self.translation(0)
        offsets = (_MAGIC, 0, 1, 28, 36, 0, 44, 0, 44, len(header), 45)
        return b"".join(word.to_bytes(4, "little") for word in offsets) + b"\0" + header + b"\0"


class _Messages:
    """The catalogue's messages keyed as ``GNUTranslations`` keys its dict: a message id, or for
    plural forms (message id, index of the form), asked for by ``get`` and ``[]`` as gettext
    asks its dict. Each is looked up once, then remembered."""

    def __init__(self, table: _Table, charset: str) -> None:
        self.table, self.charset = table, charset
        self.found: dict[str | tuple[str, int], str] = {}

    def get(self, key: str | tuple[str, int], default: object = None) -> object:
        try:
            return self[key]
        except KeyError:
            return default

    def __getitem__(self, key: str | tuple[str, int]) -> str:
        try:
            return self.found[key]
        except KeyError:
            pass
        text = self._look_up(key)
        if text is None:
            raise KeyError(key)
        self.found[key] = text
        return text

    def _look_up(self, key: str | tuple[str, int]) -> str | None:
        table = self.table
        plural = isinstance(key, tuple)
        message, form = key if isinstance(key, tuple) else (key, 0)
        try:
            wanted = message.encode(self.charset) + (b"\0" if plural else b"")
        except (UnicodeEncodeError, AttributeError):  # not a message of this catalogue's charset
            return None
        i = table.first_at_least(wanted)
        if i == table.count:
            return None
        original = table.original(i)
        if plural:
            if not original.startswith(wanted):
                return None
            forms = table.translation(i).split(b"\0")
            return forms[form].decode(self.charset) if 0 <= form < len(forms) else None
        if original != wanted:
            return None
        return table.translation(i).decode(self.charset)
