"""Match cell texts to the event's sessions, sectors and categories, by meaning."""

from __future__ import annotations

import re

from kosi_checkin.domain.folding import strip_accents
from kosi_checkin.domain.model import Event, SessionId
from kosi_checkin.importers.vocabulary import is_negation


def _phrase(text: str) -> str:
    """Folded text with punctuation turned into spaces, so phrases match on word bounds."""
    return " ".join(re.findall(r"[a-z0-9]+", strip_accents(text)))


# Words events are made of: they end (or start) German compounds, so "Podium" finds
# "Podiumsdiskussion", "Forum" and "AF" find "Arbeitsforum", "Konferenz" "Abschlusskonferenz".
EVENT_WORDS = (
    "forum", "foren", "diskussion", "konferenz", "tagung", "werkstatt", "workshop", "labor", "labore", "vortrag",
    "runde", "gruppe", "session", "panel", "podium", "plenum", "empfang", "exkursion", "keynote", "seminar",
    "kolloquium", "symposium", "fuhrung", "gesprach", "dialog", "lab", "cafe",
)
_STOPWORDS = frozenset({
    "und", "oder", "der", "die", "das", "den", "dem", "des", "von", "vom", "zur", "zum", "fur", "mit", "ohne", "auf",
    "aus", "bei", "nach", "uber", "unter", "the", "and", "for", "with", "from", "into", "teil", "teilnahme",
    "anmeldung", "ich", "nehme", "an", "in", "im", "am", "of", "to", "at", "on", "a", "ein", "eine", "einer",
})
# Words of a header that say only "this is about attending", not which session.
_NEUTRAL = frozenset({"teilnahme", "anmeldung", "angemeldet", "registration", "attendance", "attending", "x", "ja",
                      "yes", "auswahl", "wahl", "choice", "besuch", "nimmt", "teil", "ticket", "option", "optionen"})


def _parts(word: str) -> set[str]:
    """A word and the event words it is compounded of ("podiumsdiskussion" -> podium, diskussion)."""
    found = {word}
    for part in EVENT_WORDS:
        if word != part and word.startswith(part) and len(word) - len(part) >= 3:
            found.add(part)
            found.add(word[len(part):].removeprefix("s"))
        if word != part and word.endswith(part) and len(word) - len(part) >= 3:
            found.add(part)
            found.add(word[: -len(part)].removesuffix("s"))
    return {w for w in found if len(w) >= 3}


def _significant(text: str) -> list[str]:
    return [w for w in _phrase(text).split() if len(w) >= 4 and not w.isdigit() and w not in _STOPWORDS]


def _abbreviation(label: str) -> str:
    """"Arbeitsforum" -> "af", "Parallel Session" -> "ps": initials of words and compound parts."""
    initials = ""
    for word in _phrase(label).split():
        head = word
        for part in EVENT_WORDS:
            if word.endswith(part) and len(word) - len(part) >= 3:
                initials += word[0] + part[0]
                break
        else:
            initials += head[0]
    return initials if len(initials) >= 2 else ""


class SessionMatcher:
    """Finds the sessions a text names: "Werkstatt und Abschlusskonferenz (ganztägig)" ->
    werkstatt + konferenz; "Arbeitsforum C: Verstetigung …" -> forum-c; in an "Arbeitsforum"
    column, "C" -> forum-c."""

    def __init__(self, event: Event) -> None:
        phrases: dict[str, SessionId] = {}
        for s in event.sessions:
            names = [s.id, s.id.replace("-", " "), s.title, s.subtitle, s.short_title, *s.aliases]
            if ":" in s.title:
                names.append(s.title.split(":", 1)[1])
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
        self.group_ids: dict[str, str] = {}  # group label phrase -> group id
        self._group_words: dict[str, str] = {}  # a word or abbreviation naming a group -> its label phrase
        for g in event.groups:
            members = [s for s in event.sessions if s.group == g.id]
            letters: dict[str, SessionId] = {}
            for number, s in enumerate(members, start=1):
                suffix = s.id.rsplit("-", 1)[-1]
                letters[suffix] = s.id
                for name in (s.short_title, *s.aliases):
                    words = _phrase(name).split()
                    if words:
                        letters.setdefault(words[-1], s.id)
                letters.setdefault(str(number), s.id)  # "Forum 2": the second of the group
            label = _phrase(g.label)
            self._groups[label] = letters
            self.group_ids[label] = g.id
            group_names = {*_phrase(g.label).split(), *_phrase(g.id).split()}
            for word in list(group_names):
                group_names |= _parts(word)
                if word.endswith("um"):
                    group_names.add(word[:-2] + "en")  # Forum -> Foren
            abbreviation = _abbreviation(g.label)
            if abbreviation:
                group_names.add(abbreviation)
            for word in group_names:
                if len(word) >= 2 and word not in _STOPWORDS:
                    self._group_words.setdefault(word, label)
        # each significant word of a session's title, subtitle and aliases (and its compound
        # parts), where it names that one session only
        owners: dict[str, set[SessionId]] = {}
        for s in event.sessions:
            for name in (s.title, s.subtitle, *s.aliases):
                for word in _significant(name):
                    for part in _parts(word):
                        owners.setdefault(part, set()).add(s.id)
        self._words = {w: next(iter(ids)) for w, ids in owners.items() if len(ids) == 1 and w not in self._group_words}

    def group_label_of_header(self, header: str) -> str | None:
        """The label phrase of the session group a header names ("Arbeitsforum", "Foren", "AF")."""
        key = _phrase(header)
        for label in self._groups:
            if label and re.search(rf"(?<![a-z0-9]){re.escape(label)}(?![a-z0-9])", key):
                return label
        for word in key.split():
            if word in self._group_words:
                return self._group_words[word]
        return None

    def group_of_header(self, header: str) -> dict[str, SessionId] | None:
        """The short codes of a session group when a header names the group ("Arbeitsforum")."""
        label = self.group_label_of_header(header)
        return self._groups[label] if label is not None else None

    def group_by_values(self, values: list[str]) -> str | None:
        """The label of the one group whose short codes ("A", "b", "2") all these values are."""
        keys = {_phrase(v) for v in values if v.strip()}
        if len(keys) < 2 or any(len(k) != 1 or not k.isalpha() for k in keys):  # letters only: numbers are ids
            return None
        fitting = [label for label, letters in self._groups.items() if keys <= letters.keys()]
        return fitting[0] if len(fitting) == 1 else None

    def group_letters(self, group_id: str) -> dict[str, SessionId] | None:
        for label, gid in self.group_ids.items():
            if gid == group_id:
                return self._groups[label]
        return None

    def header_session(self, header: str) -> SessionId | None:
        """The one session a mark column's header names: "Werkstatt", "Podium (x)", "Forum A",
        "AF B", "Teilnahme[Werkstatt]"; None when it names none or several."""
        named = self.mentions(header)
        if named is not None and len(named) == 1:
            return next(iter(named))
        words = _phrase(header).split()
        group = self.group_of_header(header)
        if group is not None:
            members = {group[w] for w in words if w in group and w not in self._group_words}
            return next(iter(members)) if len(members) == 1 else None
        found = {self._words[w] for word in words for w in _parts(word) if w in self._words}
        return next(iter(found)) if len(found) == 1 else None

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
        if not found and is_negation(text):
            return set()
        for word in rest.split():  # "Plenum und Exkursion": each significant word of a title
            if len(word) >= 4 and word not in _STOPWORDS:
                found |= {self._words[w] for w in _parts(word) if w in self._words}
        return found or None


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


# What badge categories mean, in the words registration tools and offices use for them.
CATEGORY_CONCEPTS: dict[str, frozenset[str]] = {
    "speaker": frozenset({"referent", "referentin", "referenten", "referentinnen", "speaker", "speakers", "vortragende",
                          "vortragender", "vortragenden", "redner", "rednerin", "keynote", "keynotespeaker",
                          "impulsgeber", "impulsgeberin", "input", "moderator", "moderatorin", "moderation",
                          "presenter", "referierende", "referierender"}),
    "panel": frozenset({"podium", "podiumsgast", "podiumsgaste", "panel", "panelist", "panelistin", "panellist",
                        "diskutant", "diskutantin", "podiumsteilnehmer", "podiumsteilnehmerin"}),
    "team": frozenset({"team", "orga", "organisation", "organisator", "organisatorin", "organisationsteam", "staff",
                       "helfer", "helferin", "helfende", "mitarbeiter", "mitarbeiterin", "mitarbeitende", "crew",
                       "volunteer", "veranstalter", "veranstalterin", "organizer", "organiser"}),
    "press": frozenset({"presse", "press", "media", "medien", "journalist", "journalistin", "journalisten",
                        "fotograf", "fotografin", "pressevertreter", "pressevertreterin"}),
    "participant": frozenset({"teilnehmende", "teilnehmender", "teilnehmer", "teilnehmerin", "teilnehmerinnen",
                              "participant", "participants", "attendee", "attendees", "gast", "guest", "besucher",
                              "besucherin", "besuchende", "regular", "standard", "normal", "allgemein", "tn"}),
    "vip": frozenset({"vip", "ehrengast", "ehrengaste", "ehrengaeste"}),
    "exhibitor": frozenset({"aussteller", "ausstellerin", "exhibitor", "exhibitors"}),
}


def _category_key(text: str) -> str:
    """Folded, gender markers joined ("Referent*in", "Referent:in", "Referent/-in" -> "referentin")."""
    key = strip_accents(text).strip(" .")
    key = re.sub(r"[*:_/]-?(?=in(nen)?\b)|\((?=in\))|(?<=in)\)", "", key)
    return re.sub(r"[^a-z0-9]", "", key)


def _concept(text: str) -> str | None:
    key = _category_key(text)
    for concept, words in CATEGORY_CONCEPTS.items():
        if key in words:
            return concept
    return None


class CategoryMatcher:
    """Maps "Referentin", "Speaker", "Referent:in" to the event's category "Referent*in";
    None for a value that means none of them (the import keeps it as an extra field)."""

    def __init__(self, event: Event) -> None:
        self._names = {_category_key(c): c for c in event.categories}
        self._concepts: dict[str, str] = {}
        for category in event.categories:
            concept = _concept(category)
            if concept is not None:
                self._concepts.setdefault(concept, category)

    def match(self, text: str) -> str | None:
        text = text.strip()
        if not text:
            return ""
        key = _category_key(text)
        if key in self._names:
            return self._names[key]
        concept = _concept(text)
        return self._concepts.get(concept) if concept is not None else None
