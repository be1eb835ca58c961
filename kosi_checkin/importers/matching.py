"""Match cell texts to the event's sessions, sectors and categories, by meaning."""

from __future__ import annotations

import re

from kosi_checkin.domain.model import Event, SessionId
from kosi_checkin.importers.vocabulary import is_negation
from kosi_checkin.search.normalize import strip_accents


def _phrase(text: str) -> str:
    """Folded text with punctuation turned into spaces, so phrases match on word bounds."""
    return " ".join(re.findall(r"[a-z0-9]+", strip_accents(text)))


class SessionMatcher:
    """Finds the sessions a text names: "Werkstatt und Abschlusskonferenz (ganztägig)" ->
    werkstatt + konferenz; "Arbeitsforum C: Verstetigung …" -> forum-c; in an "Arbeitsforum"
    column, "C" -> forum-c."""

    def __init__(self, event: Event) -> None:
        phrases: dict[str, SessionId] = {}
        for s in event.sessions:
            names = [s.id, s.id.replace("-", " "), s.title, s.subtitle, s.title.split(":")[0], *s.aliases]
            if s.subtitle:
                names.append(f"{s.title} {s.subtitle}")
            for name in names:
                key = _phrase(name)
                if key and key not in phrases:
                    phrases[key] = s.id
        self._phrases = sorted(phrases.items(), key=lambda kv: -len(kv[0]))
        self._patterns = [(re.compile(rf"(?<![a-z0-9]){re.escape(k)}(?![a-z0-9])"), sid) for k, sid in self._phrases]
        self._exact = phrases
        self._groups: dict[str, dict[str, SessionId]] = {}
        for g in event.groups:
            members = [s for s in event.sessions if s.group == g.id]
            letters: dict[str, SessionId] = {}
            for s in members:
                suffix = s.id.rsplit("-", 1)[-1]
                letters[suffix] = s.id
                for name in (s.title.split(":")[0], *s.aliases):
                    words = _phrase(name).split()
                    if words:
                        letters.setdefault(words[-1], s.id)
            self._groups[_phrase(g.label)] = letters

    def group_of_header(self, header: str) -> dict[str, SessionId] | None:
        """The short codes of a session group when a header names the group ("Arbeitsforum")."""
        key = _phrase(header)
        for label, letters in self._groups.items():
            if label and re.search(rf"(?<![a-z0-9]){re.escape(label)}(?![a-z0-9])", key):
                return letters
        return None

    def mentions(self, text: str, group: dict[str, SessionId] | None = None) -> set[SessionId] | None:
        """The sessions a text names; an empty set for an explicit "none"; None if unknown."""
        key = _phrase(text)
        if not key:
            return set()
        if key in self._exact:
            return {self._exact[key]}
        if group is not None:
            words = key.split()
            if len(words) <= 2 and words[-1] in group:
                return {group[words[-1]]}
        found: set[SessionId] = set()
        rest = key
        for pattern, sid in self._patterns:
            if pattern.search(rest):
                found.add(sid)
                rest = pattern.sub(" ", rest)
        if found:
            return found
        if is_negation(text):
            return set()
        return None


class SectorMatcher:
    """Maps "Öffentliche Verwaltung", "Wiss.", "Verein" to the event's sectors; other labels
    are kept as given."""

    def __init__(self, event: Event) -> None:
        self._names: dict[str, str] = {}
        for sector in event.sectors:
            for name in (sector.name, *sector.synonyms):
                self._names.setdefault(self._key(name), sector.name)

    @staticmethod
    def _key(text: str) -> str:
        return strip_accents(text).strip(" .:")

    def match(self, text: str) -> str:
        text = text.strip()
        if not text:
            return ""
        key = self._key(text)
        if key in self._names:
            return self._names[key]
        for part in re.split(r"[/,;()&+]| und | oder | and ", key):
            part = part.strip(" .:-")
            if part in self._names:
                return self._names[part]
        for word in re.findall(r"[a-z0-9.]+", key):
            word = word.strip(".")
            if word in self._names:
                return self._names[word]
        return text


class CategoryMatcher:
    def __init__(self, event: Event) -> None:
        self._names = {strip_accents(c): c for c in event.categories}

    def match(self, text: str) -> str:
        text = text.strip()
        return self._names.get(strip_accents(text), text)
