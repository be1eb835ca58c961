"""A grammar of registration lists as tools and offices write them, with the truth known: who is
on the list, with which title, sessions and category. Used by the generative tests and by
bench/bench_import_recovery.py. Every choice is drawn from ``random.Random(seed)``.

What varies: header synonyms and abbreviations in German and English (gender forms, attendee
prefixes, booker columns beside the attendee's), names in two cells or one ("Becker, Anna",
titles inside or in their own column, salutations), session marks (x, 1, ja, ✓ …, sparse) or
choice texts, the parallel forums as letters, numbers or names, categories in other words, column
order, noise rows (title rows above the header, ids under it, blank, shifted, separators,
totals), encodings, delimiters, CSV or XLSX."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

FIRST = ["Anna", "Jürgen", "Özlem", "Hans-Georg", "Eva", "Jörg", "Marie-Luise", "Tim", "Ute", "Björn", "Chiara",
         "Mehmet", "Sophie", "Lars", "Agnieszka", "Kerstin", "Friedrich", "Zoë", "Ümit", "Lena", "Paul", "Ines"]
LAST = ["Becker", "Weiß", "Çelik", "von Bülow", "Krause", "Öztürk", "Schäfer", "Müller-Lüdenscheidt", "Roth",
        "van der Berg", "Nowak", "Hoffmann", "de la Cruz", "Schmidt", "Lange", "Zimmermann", "Kühn", "Wagner",
        "Yılmaz", "Brandt", "Fischer", "Groß"]
ORGS = ["Stadt Wuppertal", "Wuppertal Institut", "Zentrum für gute Taten e. V.", "Bergische Universität",
        "Jobcenter Wuppertal", "Stadtwerke GmbH", "Nachbarschaftsheim e. V.", "Ministerium für Heimat NRW"]
TITLES = ["", "", "", "Dr.", "Prof. Dr.", "Dr.-Ing.", "Prof."]

@dataclass(frozen=True)
class Shape:
    """An event and the words lists use for its sessions."""

    event: object  # kosi_checkin.domain.model.Event
    sessions: dict[str, tuple[list[str], list[str]]]  # id -> (mark column headers, choice texts)
    forums: list[str]
    forum_headers: list[str]
    forum_values: dict[str, dict[str, str]]


# (session id, header words that name it, choice texts that name it)
SESSIONS = {
    "werkstatt": (["Werkstatt", "4. Werkstatt Verstetigung", "Teilnahme Werkstatt", "Werkstatt (vormittags)",
                   "Teilnahme[Werkstatt]", "Workshop Werkstatt"], ["Werkstatt", "4. Werkstatt Verstetigung"]),
    "konferenz": (["Konferenz", "Abschlusskonferenz", "Teilnahme Konferenz", "Teilnahme[Abschlusskonferenz]",
                   "Konferenz (nachmittags)"], ["Abschlusskonferenz", "Konferenz"]),
    "podium": (["Podium", "Podiumsdiskussion", "Teilnahme Podium"], ["Podiumsdiskussion", "Podium"]),
}
FORUMS = ["forum-a", "forum-b", "forum-c"]
FORUM_HEADERS = ["Forum", "AF", "Arbeitsforum", "Arbeitsforen", "Welches Arbeitsforum?", "Arbeitsforum (A/B/C)"]
FORUM_VALUES = {  # style -> forum id -> text
    "letter": {"forum-a": "A", "forum-b": "B", "forum-c": "C"},
    "lower": {"forum-a": "a", "forum-b": "b", "forum-c": "c"},
    "number": {"forum-a": "1", "forum-b": "2", "forum-c": "3"},
    "short": {"forum-a": "Forum A", "forum-b": "Forum B", "forum-c": "Forum C"},
    "title": {"forum-a": "Arbeitsforum A: Kooperation von Verwaltung und Zivilgesellschaft",
              "forum-b": "Arbeitsforum B: Reallabore und Experimentierräume in der Stadtentwicklung",
              "forum-c": "Arbeitsforum C: Verstetigung und Transfer sozialer Innovationen"},
}


def kosi_shape() -> Shape:
    from kosi_checkin.services.event_config import load_template

    return Shape(load_template("kosi-2019"), SESSIONS, FORUMS, FORUM_HEADERS, FORUM_VALUES)


def fachtag_shape() -> Shape:
    """Another event of the same shape, with no aliases at all: recognition must come from the
    titles and the group label alone."""
    import datetime as dt

    from kosi_checkin.domain.model import Event, Session, SessionGroup, SessionId

    forum_titles = ["Fachforum 1: Wohnen im Alter", "Fachforum 2: Mobilität im Quartier", "Fachforum 3: Digitales Ehrenamt"]
    sessions = (
        Session(SessionId("plenum"), "Auftaktplenum"),
        *(Session(SessionId(f"ff{i + 1}"), title, group="fachforen") for i, title in enumerate(forum_titles)),
        Session(SessionId("exkursion"), "Exkursion Ölberg"),
        Session(SessionId("abschluss"), "Abschlussrunde mit Empfang"),
    )
    event = Event("Fachtag Quartiersarbeit", dt.date(2025, 9, 18), "Rathaus Barmen", sessions=sessions,
                  groups=(SessionGroup("fachforen", "Fachforum"),))
    words = {
        "plenum": (["Auftaktplenum", "Plenum", "Teilnahme Plenum", "Auftakt (Plenum)"], ["Auftaktplenum", "Plenum"]),
        "exkursion": (["Exkursion", "Exkursion Ölberg", "Teilnahme[Exkursion]"], ["Exkursion Ölberg", "Exkursion"]),
        "abschluss": (["Abschlussrunde", "Abschlussrunde mit Empfang", "Empfang"], ["Abschlussrunde", "Empfang"]),
    }
    values = {
        "letter": {"ff1": "1", "ff2": "2", "ff3": "3"},
        "lower": {"ff1": "Forum 1", "ff2": "Forum 2", "ff3": "Forum 3"},
        "number": {"ff1": "1", "ff2": "2", "ff3": "3"},
        "short": {"ff1": "Fachforum 1", "ff2": "Fachforum 2", "ff3": "Fachforum 3"},
        "title": {f"ff{i + 1}": title for i, title in enumerate(forum_titles)},
    }
    return Shape(event, words, ["ff1", "ff2", "ff3"], ["Fachforum", "Fachforen", "FF", "Welches Fachforum?",
                                                       "Fachforum (1-3)"], values)


CATEGORIES = {  # the event's category -> how lists write it
    "Teilnehmende": ["Teilnehmer", "Teilnehmerin", "Teilnehmende", "Participant", "Gast", "Standard"],
    "Referent*in": ["Referentin", "Referent", "Referent*in", "Speaker", "Referent:in", "Vortragende"],
    "Podium": ["Podium", "Podiumsgast", "Panel"],
    "Presse": ["Presse", "Press", "Journalistin"],
    "Team": ["Team", "Orga", "Staff"],
}

HEADERS = {
    "de": {
        "first": ["Vorname", "Vorname Teilnehmer*in", "Teilnehmer Vorname", "Vorname (TN)", "TN-Vorname",
                  "Teilnehmende: Vorname"],
        "last": ["Nachname", "Name", "Familienname", "Teilnehmer Nachname", "Nachname (Teilnehmer*in)"],
        "full": ["Name", "Vor- und Nachname", "Name Teilnehmer*in", "Teilnehmer*in", "Teilnehmende"],
        "title": ["Titel", "Akad. Titel", "Akademischer Titel"],
        "org": ["Organisation", "Institution", "Einrichtung", "Organisation / Institution", "Firma",
                "Teilnehmer Organisation", "Name der Organisation", "Ihre Organisation", "Organisation (optional)"],
        "email": ["E-Mail", "E-Mail-Adresse", "Email", "Teilnehmer E-Mail", "Mail", "Ihre E-Mail-Adresse",
                  "E-Mail-Adresse (für die Bestätigung)"],
        "category": ["Kategorie", "Teilnehmerkategorie", "Teilnahmekategorie"],
        "salutation": ["Anrede"],
        "choice": ["Teilnahme an", "Ich nehme teil an", "Veranstaltungsteile", "Auswahl"],
        "booker": ["Bucher Vorname", "Bucher Nachname", "Bucher E-Mail", "Besteller Firma"],
        "salutations": ["Frau", "Herr", "Divers"],
        "and": [" und ", ", ", "; "],
    },
    "en": {
        "first": ["First name", "First Name", "Attendee first name", "Given name", "Attendee name: Given name"],
        "last": ["Last name", "Surname", "Attendee last name", "Family name", "Attendee name: Family name"],
        "full": ["Name", "Full name", "Attendee name", "Your name"],
        "title": ["Title", "Academic title"],
        "org": ["Company", "Organisation", "Organization", "Affiliation", "Attendee company", "Your organisation",
                "Organisation (optional)"],
        "email": ["Email", "E-mail", "Email address", "Attendee email", "Your email address"],
        "category": ["Category", "Badge category"],
        "salutation": ["Salutation"],
        "choice": ["Sessions", "Which sessions will you attend?", "Attending"],
        "booker": ["Buyer first name", "Buyer last name", "Buyer email", "Buyer company"],
        "salutations": ["Ms", "Mr", "Mx"],
        "and": [", ", " and ", "; "],
    },
}
MARKS_TRUE = ["x", "X", "1", "ja", "Ja", "yes", "✓", "Ja, ich nehme teil", "angemeldet", "TRUE"]
MARKS_FALSE = ["", "", "", "nein", "0", "-"]


@dataclass
class Guest:
    title: str
    first: str
    last: str
    organisation: str
    email: str
    sessions: set[str]
    category: str = ""


@dataclass
class GeneratedList:
    path: Path
    guests: list[Guest]  # the truth: who must be imported, with what
    has_category: bool
    event: object  # the event the list is for
    shape: list[str] = field(default_factory=list)  # what the grammar chose (for a failure's message)


def _guest(rng: random.Random, n: int, used: set[tuple[str, str]], shape: Shape) -> Guest:
    while True:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if (first, last) not in used:
            used.add((first, last))
            break
        first = f"{first}{n}"
        if (first, last) not in used:
            used.add((first, last))
            break
    sessions = {s for s in shape.sessions if rng.random() < 0.5}
    if rng.random() < 0.6:
        sessions.add(rng.choice(shape.forums))
    email = f"{first.lower()}.{n}@example.org".replace("ü", "ue").replace("ö", "oe").replace("ä", "ae")
    email = "".join(c for c in email if c.isascii())
    return Guest(rng.choice(TITLES), first, last, rng.choice(ORGS), email, sessions,
                 rng.choice(list(CATEGORIES)))


def generate(seed: int, folder: Path) -> GeneratedList:
    rng = random.Random(seed)
    event_shape = kosi_shape() if rng.random() < 0.6 else fachtag_shape()
    lang = rng.choice(["de", "de", "en"])
    words = HEADERS[lang]
    used: set[tuple[str, str]] = set()
    guests = [_guest(rng, n, used, event_shape) for n in range(rng.randint(4, 24))]
    shape = [lang, getattr(event_shape.event, "name")[:12]]
    columns: list[tuple[str, object]] = []  # (header, how to fill a guest's cell)

    split_names = rng.random() < 0.6
    title_column = rng.random() < 0.5
    prefixed = rng.random() < 0.3  # attendee columns named as such, with the booker's beside them
    if split_names:
        first_header = rng.choice(words["first"])
        last_choices = [h for h in words["last"] if not (h == "Name" and first_header.startswith("Teilnehmer"))]
        columns.append((first_header, "first"))
        columns.append((rng.choice(last_choices), "last"))
        shape.append("split names")
    else:
        style = rng.choice(["first last", "last, first"])
        columns.append((rng.choice(words["full"]), "full:" + style))
        shape.append(f"full name ({style})")
    if title_column:
        columns.append((rng.choice(words["title"]), "title"))
    shape.append("title column" if title_column else "titles in the name")
    if rng.random() < 0.3:
        columns.append((rng.choice(words["salutation"]), "salutation"))
    columns.append((rng.choice(words["org"]), "org"))
    columns.append((rng.choice(words["email"]), "email"))
    if prefixed:
        for header in words["booker"]:
            columns.append((header, "booker"))
        shape.append("booker columns")
    session_style = rng.choice(["marks", "marks", "choice"])
    shape.append(f"sessions as {session_style}")
    if session_style == "marks":
        true_mark, false_mark = rng.choice(MARKS_TRUE), rng.choice(MARKS_FALSE)
        for sid, (headers, _texts) in event_shape.sessions.items():
            columns.append((rng.choice(headers), ("mark", sid, true_mark, false_mark)))
    else:
        joiner = rng.choice(words["and"])
        columns.append((rng.choice(words["choice"]), ("choice", joiner)))
    forum_style = rng.choice(list(event_shape.forum_values))
    columns.append((rng.choice(event_shape.forum_headers) if forum_style != "title"
                    else rng.choice(event_shape.forum_headers[:3]), ("forum", forum_style)))
    shape.append(f"forums as {forum_style}")
    has_category = rng.random() < 0.4
    if has_category:
        columns.append((rng.choice(words["category"]), "category"))
    if rng.random() < 0.3:
        columns.append(("Anmerkungen" if lang == "de" else "Comments", "comment"))
    head, rest = columns[:1], columns[1:]
    rng.shuffle(rest)
    columns = head + rest if rng.random() < 0.5 else rest[:1] + head + rest[1:]

    salutation = rng.choice(words["salutations"])

    def cell(guest: Guest, how: object) -> str:
        if how == "first":
            return guest.first if title_column or not guest.title else f"{guest.title} {guest.first}"
        if how == "last":
            return guest.last
        if isinstance(how, str) and how.startswith("full:"):
            titles = "" if title_column or not guest.title else guest.title + " "
            if how == "full:first last":
                return f"{titles}{guest.first} {guest.last}"
            return f"{guest.last}, {titles}{guest.first}"
        if how == "title":
            return guest.title
        if how == "salutation":
            return salutation
        if how == "org":
            return guest.organisation
        if how == "email":
            return guest.email
        if how == "booker":
            return "Sekretariat"
        if how == "category":
            return rng.choice(CATEGORIES[guest.category])
        if how == "stamp":
            return f"2019-03-{rng.randint(1, 27):02d} {rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}:00"
        if how == "comment":
            return rng.choice(["", "vegetarisch", "kommt später", "Rollstuhl"])
        assert isinstance(how, tuple)
        if how[0] == "mark":
            return how[2] if how[1] in guest.sessions else how[3]
        if how[0] == "choice":
            texts = [rng.choice(event_shape.sessions[s][1]) + rng.choice(["", "", " (vormittags)", " (14:30 Uhr)"])
                     for s in event_shape.sessions if s in guest.sessions]
            return how[1].join(texts)
        forum = next((s for s in guest.sessions if s in event_shape.forums), None)
        return event_shape.forum_values[how[1]][forum] if forum else ""

    decoration = rng.choice(["", "", "", "*", " *", ":", " (Pflichtfeld)"])
    header = [h + decoration if isinstance(how, str) and how in ("first", "last", "email") or
              (isinstance(how, str) and how.startswith("full:")) else h for h, how in columns]
    if rng.random() < 0.2:  # a form tool's time stamp first
        header.insert(0, rng.choice(["Zeitstempel", "Timestamp", "Submission Date", "Eingangsdatum"]))
        columns.insert(0, ("stamp", "stamp"))
    rows: list[list[str]] = []
    truth: list[Guest] = []
    for guest in guests:
        rows.append([cell(guest, how) for _h, how in columns])
        truth.append(guest)
    if not has_category:
        for guest in truth:
            guest.category = ""
    noise: list[str] = []
    above: list[list[str]] = []
    if rng.random() < 0.3:
        above = [["Anmeldungen KoSI-Lab, Stand 27.03.2019"] + [""] * (len(header) - 1), [""] * len(header)]
        noise.append("title rows")
    if rng.random() < 0.2:
        rows.insert(0, [f"q{i + 1}" if i % 2 else f"Q{i + 1:02d}" for i in range(len(header))])
        noise.append("id row")
    if rng.random() < 0.3 and len(rows) > 3:
        rows.insert(rng.randint(1, len(rows) - 1), [""] * len(header))
        noise.append("blank row")
    if rng.random() < 0.25 and len(truth) > 3:
        victim = rng.randrange(len(truth))
        index = next(i for i, r in enumerate(rows) if r[columns.index(next(c for c in columns if c[1] == "email"))]
                     == truth[victim].email)
        rows[index] = rows[index] + ["verschoben", "noch eine Zelle"]
        truth.pop(victim)
        noise.append("shifted row")
    if rng.random() < 0.2 and len(rows) > 2:
        separator = [""] * len(header)
        separator[0] = rng.choice(["Nachmeldungen", "Warteliste:", "--- Nachmeldungen ---"])
        rows.insert(rng.randint(1, len(rows)), separator)
        noise.append("separator row")
    if rng.random() < 0.3:
        totals = [""] * len(header)
        totals[0] = rng.choice(["Summe", "Gesamt", "Total", "Summe:"])
        for i, (_h, how) in enumerate(columns):
            if isinstance(how, tuple) and how[0] == "mark":
                totals[i] = str(sum(1 for g in truth if how[1] in g.sessions))
        rows.append(totals)
        noise.append("totals row")
    shape += noise

    container = rng.choice(["csv", "csv", "xlsx"])
    table = above + [header] + rows
    if container == "xlsx":
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for line in table:
            sheet.append([value if value != "" else None for value in line])
        path = folder / f"list-{seed}.xlsx"
        workbook.save(path)
        shape.append("xlsx")
    else:
        delimiter = rng.choice([";", ",", "\t"])
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator=rng.choice(["\r\n", "\n"])).writerows(table)
        text = buffer.getvalue()
        encodings = ["utf-8", "utf-8-sig", "utf-16"]
        try:
            text.encode("cp1252")
            encodings.append("cp1252")
        except UnicodeEncodeError:
            pass
        encoding = rng.choice(encodings)
        path = folder / f"list-{seed}.csv"
        path.write_bytes(text.encode(encoding))
        shape.append(f"csv {encoding} {delimiter!r}")
    return GeneratedList(path, truth, has_category, event_shape.event, shape)


def compare(generated: GeneratedList, people: list[object]) -> dict[str, int]:
    """Counts of what was recovered: guests found (by name), and of those, right titles,
    sessions and categories; plus guests imported that are not in the truth."""
    found = {(p.values.get("first_name", ""), p.values.get("last_name", "")): p for p in people}  # type: ignore[attr-defined]
    score = {"guests": len(generated.guests), "found": 0, "titles": 0, "sessions": 0, "categories": 0,
             "strays": max(0, len(found) - len(generated.guests))}
    for guest in generated.guests:
        person = found.get((guest.first, guest.last))
        if person is None:
            continue
        score["found"] += 1
        score["titles"] += person.values.get("title", "") == guest.title  # type: ignore[attr-defined]
        score["sessions"] += set(person.sessions) == guest.sessions  # type: ignore[attr-defined]
        score["categories"] += person.values.get("category", "") == guest.category  # type: ignore[attr-defined]
    return score
